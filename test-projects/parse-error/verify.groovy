def log = new File(basedir, 'build.log').readLines()
def base = basedir.toPath().toAbsolutePath().normalize()

// What both reports hold, and the lines naming them: plugin/src/it/reports.groovy.
def reports = evaluate(new File(itSupport))
def reportRows = { java.nio.file.Path dir -> reports.rows(base, dir) }
def reportLines = reports.lines
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
