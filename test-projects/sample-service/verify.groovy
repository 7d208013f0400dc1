def log = new File(basedir, 'build.log').readLines()
def base = basedir.toPath().toAbsolutePath().normalize()
def src = base.resolve('src/main/java/com/example/shop')
def customers = src.resolve('customer/CustomerRepository.java')
def orders = src.resolve('order/OrderRepository.java')
def productCache = src.resolve('catalog/ProductCache.java')
def properties = base.resolve('src/main/resources/application.properties')
def migration = base.resolve('src/main/resources/db/migration/V2__newsletter_opt_out.sql')

// What both reports hold, and the lines naming them: plugin/src/it/reports.groovy.
def reports = evaluate(new File(itSupport))
def reportRows = { java.nio.file.Path dir -> reports.rows(base, dir) }
def reportLines = reports.lines
def consequence = "reads every item and throttles other traffic as the table grows."
def dbcheckLines = log.findAll { it ==~ /\[(ERROR|WARNING|INFO)\] (\/.*:\[\d+,\d+\] \w+: .*|\/\S+ Processing error: .*|dbcheck: .*)/ }

// One finding per family the sample shows, one short line each (what is wrong and what it does); the read-only
// cache peek, the bounded DELETE and the DDL are not findings. The full text is in the reports (checked below).
assert dbcheckLines == [
        "[WARNING] ${productCache}:[19,31] UnguardedCacheAside: Cache-aside read of Redis with no guard: " +
                "concurrent misses of a shared key each run a database query.",
        "[WARNING] ${customers}:[39,22] DynamoDbScan: scan() on table \"customers\" ${consequence}",
        "[WARNING] ${customers}:[43,22] DynamoDbScan: scan() on table \"customers\" ${consequence}",
        "[WARNING] ${orders}:[33,23] DynamoDbScan: scanPaginator() on table \"orders\" ${consequence}",
        "[WARNING] ${orders}:[42,23] DynamoDbScan: executeStatement() runs \"SELECT * FROM orders\" as a full table " +
                "scan: it reads every item and throttles other traffic as the table grows.",
        "[WARNING] ${properties}:[5,1] OversizedConnectionPool: spring.datasource.hikari.maximum-pool-size: 80 " +
                "allows 80 connections per instance, above maxPoolSize 50; across replicas that exhausts " +
                "max_connections.",
        "[WARNING] ${migration}:[2,1] UpdateWithoutWhere: \"UPDATE customers SET newsletter = false\" has no WHERE " +
                "clause: it rewrites every row of table customers, and the previous values are gone from every copy.",
        '[INFO] dbcheck: 7 findings (7 warning) in 6 Java files and 3 resource files analysed',
        '[INFO] dbcheck:   DynamoDbScan: 4 (4 warning)',
        '[INFO] dbcheck:   OversizedConnectionPool: 1 (1 warning)',
        '[INFO] dbcheck:   UnguardedCacheAside: 1 (1 warning)',
        '[INFO] dbcheck:   UpdateWithoutWhere: 1 (1 warning)',
        '[INFO] dbcheck: why and how to fix: mvn dbcheck:explain -Drule=<RuleId>, the SARIF or HTML report, or ' +
                '-Ddbcheck.verbose=true for the full text here',
]*.toString() + reportLines(base.resolve('target/dbcheck'))
assert dbcheckLines.every { it.length() < 200 + 160 } // the message part stays under 200 characters

// The real SARIF of the sample (real rule table, real findings) is valid against the SARIF 2.1.0 schema, and
// keeps each finding's full text; each rule carries its whole page as help (what GitHub code scanning shows).
def sarifFile = base.resolve('target/dbcheck/dbcheck.sarif')
assert reports.sarifErrors(sarifFile, sarifSchema) == []
def sarif = new groovy.json.JsonSlurper().parse(sarifFile.toFile())
def scanResult = sarif.runs[0].results.find { it.ruleId == 'DynamoDbScan' }
assert scanResult.message.text.endsWith('(guide: The Access Pattern Constraint). Query by partition key, or add ' +
        'a GSI for this access pattern; if a full read is intended (a batch job), suppress this with the reason.')
def scanRule = sarif.runs[0].tool.driver.rules.find { it.id == 'DynamoDbScan' }
assert scanRule.help.markdown.startsWith('# DynamoDbScan') && scanRule.help.markdown.contains('## How to fix it')
assert scanRule.help.text.contains('What fails in production')
assert !new File(sarifFile.toString()).text.contains('helpUri')
assert log.contains('[INFO] BUILD SUCCESS')
assert reportRows(base.resolve('target/dbcheck')) == [
        ['UnguardedCacheAside', productCache.toString(), 19, 31],
        ['DynamoDbScan', customers.toString(), 39, 22],
        ['DynamoDbScan', customers.toString(), 43, 22],
        ['DynamoDbScan', orders.toString(), 33, 23],
        ['DynamoDbScan', orders.toString(), 42, 23],
        ['OversizedConnectionPool', properties.toString(), 5, 1],
        ['UpdateWithoutWhere', migration.toString(), 2, 1],
]
true
