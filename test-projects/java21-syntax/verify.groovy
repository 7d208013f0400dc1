def log = new File(basedir, 'build.log').readLines()
def base = basedir.toPath().toAbsolutePath().normalize()
def file = base.resolve('src/main/java/com/example/shapes/ShapeStore.java')

// What both reports hold, and the lines naming them: plugin/src/it/reports.groovy.
def reports = evaluate(new File(itSupport))
def reportRows = { java.nio.file.Path dir -> reports.rows(base, dir) }
def reportLines = reports.lines
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

// At level 12 the yield does not parse: one processing error, hence no finding.
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
