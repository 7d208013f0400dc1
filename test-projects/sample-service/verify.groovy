def log = new File(basedir, 'build.log').readLines()
def base = basedir.toPath().toAbsolutePath().normalize()
def src = base.resolve('src/main/java/com/example/shop')
def customers = src.resolve('customer/CustomerRepository.java')
def orders = src.resolve('order/OrderRepository.java')

// Both reports of the last run, as sorted [rule, file, line, column] rows; processing errors have the rule
// 'ProcessingError' (SARIF: tool execution notifications; Checkstyle: source dbcheck.ProcessingError).
def reportRows = { java.nio.file.Path reports ->
    def sarif = new groovy.json.JsonSlurper().parse(reports.resolve('dbcheck.sarif').toFile())
    def row = { String rule, loc -> [rule, base.resolve(loc.artifactLocation.uri).toString(), loc.region.startLine, loc.region.startColumn] }
    def sarifRows = sarif.runs[0].results.collect { row(it.ruleId, it.locations[0].physicalLocation) } +
            sarif.runs[0].invocations[0].toolExecutionNotifications.collect { row('ProcessingError', it.locations[0].physicalLocation) }
    def checkstyle = new groovy.xml.XmlSlurper().parse(reports.resolve('dbcheck-checkstyle.xml').toFile())
    def checkstyleRows = checkstyle.file.collectMany { f ->
        f.error.collect { e ->
            [e.@source.text().tokenize('.').last(), f.@name.text(), e.@line.text() as int, e.@column.text() as int]
        }
    }
    def order = { a, b -> a[1] <=> b[1] ?: a[2] <=> b[2] ?: a[3] <=> b[3] ?: a[0] <=> b[0] }
    assert sarifRows.sort(false, order) == checkstyleRows.sort(false, order)
    sarifRows.sort(false, order)
}
def reportLines = { java.nio.file.Path reports ->
    ["[INFO] dbcheck: report written: ${reports.resolve('dbcheck.sarif')}",
     "[INFO] dbcheck: report written: ${reports.resolve('dbcheck-checkstyle.xml')}"]*.toString()
}
def consequence = "reads every item and consumes read capacity in proportion to the table's size; it slows down " +
        "and throttles other traffic as the table grows (guide: The Access Pattern Constraint). Query by partition " +
        "key, or add a GSI for this access pattern; if a full read is intended (a batch job), suppress this with " +
        "the reason."
def dbcheckLines = log.findAll { it ==~ /\[(ERROR|WARNING|INFO)\] (\/.*:\[\d+,\d+\] \w+: .*|\/\S+ Processing error: .*|dbcheck: .*)/ }

assert dbcheckLines == [
        "[WARNING] ${customers}:[39,22] DynamoDbScan: scan() ${consequence}",
        "[WARNING] ${customers}:[43,22] DynamoDbScan: scan() ${consequence}",
        "[WARNING] ${orders}:[33,23] DynamoDbScan: scanPaginator() on table \"orders\" ${consequence}",
        "[WARNING] ${orders}:[42,23] DynamoDbScan: executeStatement() runs the PartiQL statement \"SELECT * FROM " +
                "orders\", a SELECT without a WHERE clause: DynamoDB executes it as a full table scan, reading every " +
                "item and consuming read capacity in proportion to the table's size; it slows down and throttles " +
                "other traffic as the table grows (guide: The Access Pattern Constraint). Select by partition key " +
                "(WHERE pk = ?), or add a GSI for this access pattern.",
        '[INFO] dbcheck: 4 findings (4 warning) in 5 Java files and 1 resource file analysed',
        '[INFO] dbcheck:   DynamoDbScan: 4 (4 warning)',
]*.toString() + reportLines(base.resolve('target/dbcheck'))
assert log.contains('[INFO] BUILD SUCCESS')
assert reportRows(base.resolve('target/dbcheck')) == [
        ['DynamoDbScan', customers.toString(), 39, 22],
        ['DynamoDbScan', customers.toString(), 43, 22],
        ['DynamoDbScan', orders.toString(), 33, 23],
        ['DynamoDbScan', orders.toString(), 42, 23],
]
true
