def log = new File(basedir, 'build.log').readLines()
def base = basedir.toPath().toAbsolutePath().normalize()

// What both reports hold, and the lines naming them: plugin/src/it/reports.groovy.
def reports = evaluate(new File(itSupport))
def reportRows = { java.nio.file.Path dir -> reports.rows(base, dir) }
def reportLines = reports.lines
def dbcheckLines = log.findAll { it ==~ /\[(ERROR|WARNING|INFO)\] (\/.*:\[\d+,\d+\] \w+: .*|\/\S+ Processing error: .*|dbcheck: .*)/ }
assert dbcheckLines == ['[INFO] dbcheck: no findings in 2 Java files and 0 resource files analysed'] +
        reportLines(base.resolve('target/dbcheck'))
// Empty reports are still written, so CI uploads never miss a file.
assert reportRows(base.resolve('target/dbcheck')) == []
assert log.contains('[INFO] BUILD SUCCESS')
true
