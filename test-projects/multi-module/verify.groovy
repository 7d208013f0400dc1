// A reactor built with -T 4: modules log concurrently, so lines of different modules may interleave; each
// module's own lines and the final reactor summary are checked as sets and blocks accordingly.
def log = new File(basedir, 'build.log').readLines()
def base = basedir.toPath().toAbsolutePath().normalize()
def modules = ['common', 'orders', 'billing']

assert log.any { it.contains('Using the MultiThreadedBuilder implementation with a thread count of 4') }

def scan = { String table ->
    "scan() on table \"${table}\" reads every item and consumes read capacity in proportion to the " +
            "table's size; it slows down and throttles other traffic as the table grows (guide: The Access Pattern " +
            "Constraint). Query by partition key, or add a GSI for this access pattern; if a full read is intended " +
            "(a batch job), suppress this with the reason."
}
def orders = base.resolve('orders/src/main/java/com/example/orders/OrderRepository.java')
def billing = base.resolve('billing/src/main/java/com/example/billing/InvoiceExport.java')

// Every line dbcheck prints: finding lines, processing errors and its own "dbcheck:" lines.
def dbcheckLines = log.findAll { it ==~ /\[(ERROR|WARNING|INFO)\] (\/.*:\[\d+,\d+\] \w+: .*|\/\S+ Processing error: .*|dbcheck: .*)/ }

def reportLines = { java.nio.file.Path dir ->
    ['dbcheck.sarif', 'dbcheck-checkstyle.xml', 'gl-code-quality-report.json', 'dbcheck-report.html'].collect {
        "[INFO] dbcheck: report written: ${dir.resolve('target/dbcheck').resolve(it)}".toString()
    }
}
def summary = [
        '[INFO] dbcheck: reactor summary: 3 findings (3 warning) in 4 modules',
        '[INFO] dbcheck:   multi-module: no findings',
        '[INFO] dbcheck:   common: no findings',
        '[INFO] dbcheck:   orders: 1 finding (1 warning)',
        '[INFO] dbcheck:   billing: 2 findings (2 warning)',
]
def perModule = [
        "[WARNING] ${orders}:[19,23] DynamoDbScan: ${scan('orders')}",
        "[WARNING] ${billing}:[16,23] DynamoDbScan: ${scan('invoices')}",
        "[WARNING] ${billing}:[20,23] DynamoDbScan: ${scan('invoices-archive')}",
        '[INFO] dbcheck: no findings in 0 Java files and 0 resource files analysed',   // the parent
        '[INFO] dbcheck: no findings in 1 Java file and 0 resource files analysed',    // common
        '[INFO] dbcheck: 1 finding (1 warning) in 1 Java file and 0 resource files analysed',
        '[INFO] dbcheck:   DynamoDbScan: 1 (1 warning)',
        '[INFO] dbcheck: 2 findings (2 warning) in 1 Java file and 0 resource files analysed',
        '[INFO] dbcheck:   DynamoDbScan: 2 (2 warning)',
]*.toString() + reportLines(base) + modules.collectMany { reportLines(base.resolve(it)) }

// The summary is printed once, last, as one block; everything else is each module's own output.
assert dbcheckLines.size() == perModule.size() + summary.size()
assert dbcheckLines.takeRight(summary.size()) == summary
assert dbcheckLines.dropRight(summary.size()).sort() == perModule.sort()
assert log.count { it == '[INFO] BUILD SUCCESS' } == 1

// Each module's reports hold exactly its own findings; SARIF paths are relative to the module.
def sarifRows = { String module ->
    def dir = module ? base.resolve(module) : base
    def sarif = new groovy.json.JsonSlurper().parse(dir.resolve('target/dbcheck/dbcheck.sarif').toFile())
    assert sarif.runs[0].originalUriBaseIds['%SRCROOT%'].uri == dir.toUri().toString()
    sarif.runs[0].results.collect { [it.ruleId, it.locations[0].physicalLocation.artifactLocation.uri,
                                      it.locations[0].physicalLocation.region.startLine] }
}
assert sarifRows(null) == []
assert sarifRows('common') == []
assert sarifRows('orders') == [['DynamoDbScan', 'src/main/java/com/example/orders/OrderRepository.java', 19]]
assert sarifRows('billing') == [['DynamoDbScan', 'src/main/java/com/example/billing/InvoiceExport.java', 16],
                                ['DynamoDbScan', 'src/main/java/com/example/billing/InvoiceExport.java', 20]]
modules.each { m ->
    def checkstyle = new groovy.xml.XmlSlurper().parse(base.resolve("${m}/target/dbcheck/dbcheck-checkstyle.xml").toFile())
    checkstyle.file.each { f -> assert f.@name.text().startsWith(base.resolve(m).toString() + File.separator) }
}

// GitLab Code Quality: the fields GitLab needs, paths relative to the reactor root (where GitLab resolves them),
// fingerprints unique across modules (the reports can be merged into the one file GitLab accepts), no BOM.
def gitlab = { String module ->
    def file = base.resolve("${module}/target/dbcheck/gl-code-quality-report.json").toFile()
    assert file.bytes[0] == ('[' as char) as byte
    new groovy.json.JsonSlurper().parse(file)
}
assert gitlab('common') == []
def billingIssues = gitlab('billing')
assert billingIssues.collect { [it.check_name, it.severity, it.location.path, it.location.lines.begin] } == [
        ['DynamoDbScan', 'major', 'billing/src/main/java/com/example/billing/InvoiceExport.java', 16],
        ['DynamoDbScan', 'major', 'billing/src/main/java/com/example/billing/InvoiceExport.java', 20]]
assert gitlab('orders')*.location*.path == ['orders/src/main/java/com/example/orders/OrderRepository.java']
assert billingIssues*.description == [scan('invoices'), scan('invoices-archive')]*.toString()
def allFingerprints = (gitlab('orders') + billingIssues)*.fingerprint
assert allFingerprints.every { it ==~ /[0-9a-f]{32}/ }
assert allFingerprints.unique(false).size() == 3

// HTML: one well-formed self-contained page per module, with the module's findings and their source lines.
def html = { String module ->
    new groovy.xml.XmlSlurper(false, false, true).parse(base.resolve("${module}/target/dbcheck/dbcheck-report.html").toFile())
}
def page = html('billing')
assert page.head.title.text() == 'dbcheck report'
assert page.'**'.findAll { it.name() == 'script' || it.name() == 'link' || it.name() == 'img' }.size() == 0
def findings = page.'**'.findAll { it.name() == 'div' && it.@class == 'finding' }
assert findings.collect { it.@'data-line'.text() } == ['16', '20']
assert findings[0].pre.span.find { it.@class == 'hit' }.text() == '16        return legacy.scan("invoices", List.of("id", "status"));'
assert html('common').'**'.find { it.name() == 'h2' && it.@id == 'findings' }.parent().text().contains('No findings.')
true
