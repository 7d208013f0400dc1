// Both runs write into the same build.log, one after the other.
def log = new File(basedir, 'build.log').readLines()
def base = basedir.toPath().toAbsolutePath().normalize()

// What both reports hold, and the lines naming them: plugin/src/it/reports.groovy.
def reports = evaluate(new File(itSupport))
def reportRows = { java.nio.file.Path dir -> reports.rows(base, dir) }
def reportLines = reports.lines
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
