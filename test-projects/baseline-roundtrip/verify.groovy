// Three runs share build.log: baseline (without RecentOrders.java), verify (fails on the new scan only),
// verify without the new file (passes).
def log = new File(basedir, 'build.log').readLines()
def base = basedir.toPath().toAbsolutePath().normalize()
def repo = base.resolve('src/main/java/com/example/orders/OrderRepository.java')
def recent = base.resolve('src/main/java/com/example/orders/RecentOrders.java')
def baselineFile = base.resolve('dbcheck-baseline.json')
def reports = base.resolve('target/dbcheck')
def scan = { String table ->
    "scan()${table ? " on table \"${table}\"" : ''} reads every item and consumes read capacity in proportion to the " +
            "table's size; it slows down and throttles other traffic as the table grows (guide: The Access Pattern " +
            "Constraint). Query by partition key, or add a GSI for this access pattern; if a full read is intended " +
            "(a batch job), suppress this with the reason."
}
def dbcheckLines = log.findAll { it ==~ /\[(ERROR|WARNING|INFO)\] (\/.*:\[\d+,\d+\] \w+: .*|\/\S+ Processing error: .*|dbcheck: .*)/ }
def known = [
        "[INFO] dbcheck: 2 findings in the baseline ${baselineFile} (not failing the build):",
        "[INFO] ${repo}:[22,23] DynamoDbScan: ${scan('orders')}",
        "[INFO] ${repo}:[26,23] DynamoDbScan: ${scan(null)}",
]
def reportLines = ["[INFO] dbcheck: report written: ${reports.resolve('dbcheck.sarif')}",
                   "[INFO] dbcheck: report written: ${reports.resolve('dbcheck-checkstyle.xml')}"]
def expected = [
        // Run 1: dbcheck:baseline
        "[INFO] dbcheck: baseline written: ${baselineFile} (2 findings)",
        "[INFO] dbcheck:   DynamoDbScan: 2",
        // Run 2: only the new scan is a warning; the known ones are listed at INFO.
        "[WARNING] ${recent}:[18,23] DynamoDbScan: ${scan('orders')}",
] + known + [
        "[INFO] dbcheck: 1 new finding (1 warning) in 3 Java files and 0 resource files analysed",
        "[INFO] dbcheck:   DynamoDbScan: 1 (1 warning)",
] + reportLines + known + [
        // Run 3: nothing new.
        "[INFO] dbcheck: no new findings in 2 Java files and 0 resource files analysed",
] + reportLines
assert dbcheckLines == expected*.toString()

def failure = "on project baseline-roundtrip: dbcheck found 1 finding at or above warning (1 warning). " +
        "Reports: ${reports}"
assert log.count { it.startsWith('[ERROR] Failed to execute goal dev.dbcheck:dbcheck-maven-plugin:') && it.contains(failure) } == 1
assert log.findAll { it == '[INFO] BUILD SUCCESS' || it == '[INFO] BUILD FAILURE' } ==
        ['[INFO] BUILD SUCCESS', '[INFO] BUILD FAILURE', '[INFO] BUILD SUCCESS']

// The baseline: project-relative paths, the normalised flagged lines, sorted, no line numbers.
def baseline = new groovy.json.JsonSlurper().parse(baselineFile.toFile())
assert baseline.version == 1
assert baseline.findings.collect { [it.rule, it.file, it.text, it.occurrence] } == [
        ['DynamoDbScan', 'src/main/java/com/example/orders/OrderRepository.java',
         'return dynamo.scan(ScanRequest.builder().tableName("orders").build()).items();', 1],
        ['DynamoDbScan', 'src/main/java/com/example/orders/OrderRepository.java',
         'return orders.scan().items().stream().count();', 1],
]
assert !baselineFile.toFile().text.contains(base.toString())

// SARIF of the last run: the baselined findings are results with baselineState "unchanged".
def sarif = new groovy.json.JsonSlurper().parse(reports.resolve('dbcheck.sarif').toFile())
assert sarif.runs[0].results.collect { [it.ruleId, it.locations[0].physicalLocation.region.startLine, it.baselineState] } == [
        ['DynamoDbScan', 22, 'unchanged'], ['DynamoDbScan', 26, 'unchanged']]
true
