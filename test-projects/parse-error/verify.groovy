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
def pkg = base.resolve('src/main/java/com/example/broken')
def dbcheckLines = log.findAll { it ==~ /\[(ERROR|WARNING|INFO)\] (\/.*:\[\d+,\d+\] \w+: .*|\/\S+ Processing error: .*|dbcheck: .*)/ }

def finding = "[WARNING] ${pkg.resolve('AuditLog.java')}:[18,23] DynamoDbScan: scan() on table \"audit\" reads every " +
        "item and consumes read capacity in proportion to the table's size; it slows down and throttles other " +
        "traffic as the table grows (guide: The Access Pattern Constraint). Query by partition key, or add a GSI " +
        "for this access pattern; if a full read is intended (a batch job), suppress this with the reason."
def parseError = "[WARNING] ${pkg.resolve('Broken.java')}:[6,16] Processing error: Parse error: (line 6,col 16) " +
        "Parse error. Found \"}\", expected one of  \"!=\" \"%\" \"%=\" \"&\" \"&&\" \"&=\" \"*\" \"*=\" \"+\" \"+=\" " +
        "\"-\" \"-=\" \"->\" \"/\" \"/=\" \"::\" \";\" \"<\" \"<<=\" \"<=\" \"=\" \"==\" \">\" \">=\" \">>=\" \">>>=\" " +
        "\"?\" \"^\" \"^=\" \"instanceof\" \"|\" \"|=\" \"||\""
def expected = [
        // run 1
        finding,
        parseError,
        '[INFO] dbcheck: 1 finding (1 warning) in 2 Java files and 0 resource files analysed',
        '[INFO] dbcheck:   DynamoDbScan: 1 (1 warning)',
        '[WARNING] dbcheck: 1 processing error (listed above): the affected files were not fully analysed',
        *reportLines(base.resolve('target/dbcheck')),
        // run 2
        finding,
        '[INFO] dbcheck: 1 finding (1 warning) in 1 Java file and 0 resource files analysed',
        '[INFO] dbcheck:   DynamoDbScan: 1 (1 warning)',
        *reportLines(base.resolve('target/dbcheck')),
]*.toString()
assert dbcheckLines == expected
assert log.count { it == '[INFO] BUILD SUCCESS' } == 2
assert reportRows(base.resolve('target/dbcheck')) == [['DynamoDbScan', pkg.resolve('AuditLog.java').toString(), 18, 23]]
true
