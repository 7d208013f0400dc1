// Both runs write into the same build.log, one after the other.
def log = new File(basedir, 'build.log').readLines()
def base = basedir.toPath().toAbsolutePath().normalize()

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
def repo = base.resolve('src/main/java/com/example/orders/OrderRepository.java')
def scan = { String call, String table ->
    "${call}()${table ? " on table \"${table}\"" : ''} reads every item and consumes read capacity in proportion to the " +
            "table's size; it slows down and throttles other traffic as the table grows (guide: The Access Pattern " +
            "Constraint). Query by partition key, or add a GSI for this access pattern; if a full read is intended " +
            "(a batch job), suppress this with the reason."
}
// Every line dbcheck prints: finding lines, processing errors and its own "dbcheck:" lines.
def dbcheckLines = log.findAll { it ==~ /\[(ERROR|WARNING|INFO)\] (\/.*:\[\d+,\d+\] \w+: .*|\/\S+ Processing error: .*|dbcheck: .*)/ }

def oneRun = [
        "[WARNING] ${repo}:[28,40] DynamoDbScan: ${scan('scan', 'orders')}",
        "[WARNING] ${repo}:[37,23] DynamoDbScan: ${scan('scan', null)}",
        "[WARNING] ${repo}:[41,23] DynamoDbScan: ${scan('scan', 'orders-v1')}",
        "[INFO] dbcheck: 3 findings (3 warning) in 2 Java files and 0 resource files analysed",
        "[INFO] dbcheck:   DynamoDbScan: 3 (3 warning)",
]*.toString() + reportLines(base.resolve('target/dbcheck'))
assert dbcheckLines == oneRun + oneRun

def failure = "on project scan-fail-on-warning: dbcheck found 3 findings at or above warning (3 warning). " +
        "Reports: ${base.resolve('target/dbcheck')}"
assert log.count { it.startsWith('[ERROR] Failed to execute goal dev.dbcheck:dbcheck-maven-plugin:') && it.contains(failure) } == 1
assert log.count { it == '[INFO] BUILD FAILURE' } == 1
assert log.count { it == '[INFO] BUILD SUCCESS' } == 1
// Run 1 fails, run 2 succeeds: the failure comes first.
assert log.findIndexOf { it == '[INFO] BUILD FAILURE' } < log.findIndexOf { it == '[INFO] BUILD SUCCESS' }
assert reportRows(base.resolve('target/dbcheck')) == [
        ['DynamoDbScan', repo.toString(), 28, 40],
        ['DynamoDbScan', repo.toString(), 37, 23],
        ['DynamoDbScan', repo.toString(), 41, 23],
]
true
