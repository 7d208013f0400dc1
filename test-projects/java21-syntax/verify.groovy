def log = new File(basedir, 'build.log').readLines()
def base = basedir.toPath().toAbsolutePath().normalize()
def file = base.resolve('src/main/java/com/example/shapes/ShapeStore.java')

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
def dbcheck = { List<String> lines -> lines.findAll { it ==~ /\[(ERROR|WARNING|INFO)\] (\/.*:\[\d+,\d+\] \w+: .*|\/\S+ Processing error: .*|dbcheck: .*)/ } }
// Both runs share build.log; the first ends at its BUILD SUCCESS.
int end1 = log.findIndexOf { it == '[INFO] BUILD SUCCESS' }
assert end1 > 0
def run1 = dbcheck(log.subList(0, end1))
def run2 = dbcheck(log.subList(end1 + 1, log.size()))

assert run1 == [
        "[WARNING] ${file}:[52,70] DynamoDbScan: scan() on table \"shapes\" reads every item and consumes read capacity " +
                "in proportion to the table's size; it slows down and throttles other traffic as the table grows " +
                "(guide: The Access Pattern Constraint). Query by partition key, or add a GSI for this access " +
                "pattern; if a full read is intended (a batch job), suppress this with the reason.",
        '[INFO] dbcheck: 1 finding (1 warning) in 1 Java file and 0 resource files analysed',
        '[INFO] dbcheck:   DynamoDbScan: 1 (1 warning)',
]*.toString() + reportLines(base.resolve('target/dbcheck'))

// At level 17 the file does not parse: one processing error, hence no finding.
assert run2.size() == 5
assert run2[0].startsWith("[WARNING] ${file}:[")
assert run2[0].contains('] Processing error: ')
assert run2[1] == '[INFO] dbcheck: no findings in 1 Java file and 0 resource files analysed'
assert run2[2] == '[WARNING] dbcheck: 1 processing error (listed above): the affected files were not fully analysed'
assert run2.subList(3, 5) == reportLines(base.resolve('target/dbcheck'))
assert log.count { it == '[INFO] BUILD SUCCESS' } == 2
// The second run overwrote the reports: no findings, only the parse failure.
def rows = reportRows(base.resolve('target/dbcheck'))
assert rows.size() == 1 && rows[0][0..1] == ['ProcessingError', file.toString()]
true
