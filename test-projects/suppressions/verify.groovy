// One run with failOn=none. The pom raises UnusedSuppression to error; nothing fails the build.
def log = new File(basedir, 'build.log').readLines()
def base = basedir.toPath().toAbsolutePath().normalize()
def export = base.resolve('src/main/java/com/example/export/OrderExport.java')
def migration = base.resolve('src/main/resources/db/migration/V2__purge_staging.sql')
def scan = { String table ->
    "scan() on table \"${table}\" reads every item and consumes read capacity in proportion to the " +
            "table's size; it slows down and throttles other traffic as the table grows (guide: The Access Pattern " +
            "Constraint). Query by partition key, or add a GSI for this access pattern; if a full read is intended " +
            "(a batch job), suppress this with the reason."
}
def dbcheckLines = log.findAll { it ==~ /\[(ERROR|WARNING|INFO)\] (\/.*:\[\d+,\d+\] \w+: .*|\/\S+ Processing error: .*|dbcheck: .*)/ }
def reports = base.resolve('target/dbcheck')
// Every rule id, sorted: the same list the SARIF rule table holds.
def knownIds = new groovy.json.JsonSlurper().parse(reports.resolve('dbcheck.sarif').toFile())
        .runs[0].tool.driver.rules*.id.sort().join(', ')
assert knownIds.contains('DynamoDbScan, ') && knownIds.contains('UnusedSuppression')
def expected = [
        // A comment suppression without a reason still suppresses the scan on its line, and is reported.
        "[WARNING] ${export}:[31,60] SuppressionWithoutReason: This suppression of DynamoDbScan gives no reason: " +
                "nobody can review whether it holds, or notice when it stops holding. Give the reason: write it after " +
                "a colon: dbcheck:ignore DynamoDbScan: <why this is safe>.",
        // Severity raised to error by <rules> in the pom.
        "[ERROR] ${export}:[34,5] UnusedSuppression: This suppression of DynamoDbScan matches no finding: the code " +
                "it excused has changed. Remove it, so it cannot silence a future finding nobody has reviewed.",
        "[WARNING] ${export}:[40,9] UnknownRuleInSuppression: 'DynamoScan' is not a dbcheck rule id, so this " +
                "suppression excuses nothing. Known ids: ${knownIds}.",
        // The misspelt suppression excuses nothing; the text inside a string literal is not a suppression.
        "[WARNING] ${export}:[41,23] DynamoDbScan: ${scan('backfill')}",
        "[WARNING] ${export}:[46,23] DynamoDbScan: ${scan('cleanup')}",
        // SQL: '--' comments; the suppressed DELETE is not listed, the stale suppression is.
        "[ERROR] ${migration}:[5,1] UnusedSuppression: This suppression of DeleteWithoutWhere matches no finding: " +
                "the code it excused has changed. Remove it, so it cannot silence a future finding nobody has reviewed.",
        "[INFO] dbcheck: 6 findings (2 error, 4 warning) in 2 Java files and 1 resource file analysed",
        "[INFO] dbcheck:   DynamoDbScan: 2 (2 warning)",
        "[INFO] dbcheck:   SuppressionWithoutReason: 1 (1 warning)",
        "[INFO] dbcheck:   UnknownRuleInSuppression: 1 (1 warning)",
        "[INFO] dbcheck:   UnusedSuppression: 2 (2 error)",
        "[INFO] dbcheck: 4 findings suppressed in source (DeleteWithoutWhere: 1, DynamoDbScan: 3), listed in the " +
                "SARIF report",
        "[INFO] dbcheck: report written: ${reports.resolve('dbcheck.sarif')}",
        "[INFO] dbcheck: report written: ${reports.resolve('dbcheck-checkstyle.xml')}",
]*.toString()
assert dbcheckLines == expected
assert log.count { it ==~ /.*\] [A-Z][A-Za-z]+: .*/ && (it.contains('.java:[') || it.contains('.sql:[')) } == 6
assert log.count { it == '[INFO] BUILD SUCCESS' } == 1

// SARIF: the suppressed scans are results with an inSource suppression and the written justification.
def sarif = new groovy.json.JsonSlurper().parse(reports.resolve('dbcheck.sarif').toFile())
def rows = sarif.runs[0].results.collect { r ->
    [r.ruleId, r.locations[0].physicalLocation.region.startLine, r.level, r.suppressions]
}
assert rows == [
        ['DynamoDbScan', 22, 'warning', [[kind: 'inSource', justification: 'Runs once a night, off-peak, behind a rate limiter: reading the whole table is the point.']]],
        ['DynamoDbScan', 27, 'warning', [[kind: 'inSource', justification: 'weekly audit of a table capped at 2,000 items']]],
        ['DynamoDbScan', 31, 'warning', [[kind: 'inSource']]],
        ['SuppressionWithoutReason', 31, 'warning', null],
        ['UnusedSuppression', 34, 'error', null],
        ['UnknownRuleInSuppression', 40, 'warning', null],
        ['DynamoDbScan', 41, 'warning', null],
        ['DynamoDbScan', 46, 'warning', null],
        ['DeleteWithoutWhere', 3, 'error', [[kind: 'inSource', justification: 'staging table, emptied before every import']]],
        ['UnusedSuppression', 5, 'error', null],
]
assert sarif.runs[0].results.every { !it.containsKey('baselineState') }
def ruleIds = sarif.runs[0].tool.driver.rules*.id
assert ruleIds.containsAll(['DynamoDbScan', 'SuppressionWithoutReason', 'UnknownRuleInSuppression', 'UnusedSuppression'])
assert sarif.runs[0].tool.driver.rules.find { it.id == 'UnusedSuppression' }.properties.tags[0] == 'dbcheck-suppression'

// Checkstyle lists only what is still reported: suppressed findings are not violations there.
def checkstyle = new groovy.xml.XmlSlurper().parse(reports.resolve('dbcheck-checkstyle.xml').toFile())
assert checkstyle.file.error.collect { [it.@source.text().tokenize('.').last(), it.@line.text() as int] } == [
        ['SuppressionWithoutReason', 31], ['UnusedSuppression', 34], ['UnknownRuleInSuppression', 40],
        ['DynamoDbScan', 41], ['DynamoDbScan', 46], ['UnusedSuppression', 5]]
true
