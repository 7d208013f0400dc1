// Shared by the ITs' verify.groovy scripts (passed to them as the script variable itSupport by the invoker
// configuration in plugin/pom.xml): what both reports of a run contain, and the log lines naming them.
//   def reports = evaluate(new File(itSupport))
//   reports.rows(base, base.resolve('target/dbcheck'))  -> sorted [rule, file, line, column] rows
//   reports.lines(base.resolve('target/dbcheck'))       -> the two "[INFO] dbcheck: report written:" lines

// The SARIF and Checkstyle reports must hold the same rows; processing errors have the rule 'ProcessingError'
// (SARIF: tool execution notifications; Checkstyle: source dbcheck.ProcessingError).
def rows = { java.nio.file.Path base, java.nio.file.Path reports ->
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

def lines = { java.nio.file.Path reports ->
    ["[INFO] dbcheck: report written: ${reports.resolve('dbcheck.sarif')}",
     "[INFO] dbcheck: report written: ${reports.resolve('dbcheck-checkstyle.xml')}"]*.toString()
}

[rows: rows, lines: lines]
