def log = new File(basedir, 'build.log').readLines()
def dbcheckLines = log.findAll { it ==~ /\[(ERROR|WARNING|INFO)\] (\/.*:\[\d+,\d+\] \w+: .*|\/\S+ Processing error: .*|dbcheck: .*)/ }
assert dbcheckLines == ['[INFO] dbcheck: no findings in 2 Java files and 0 resource files analysed']
assert log.contains('[INFO] BUILD SUCCESS')
true
