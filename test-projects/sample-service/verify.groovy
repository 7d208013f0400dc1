def log = new File(basedir, 'build.log').readLines()
def base = basedir.toPath().toAbsolutePath().normalize()
def src = base.resolve('src/main/java/com/example/shop')
def customers = src.resolve('customer/CustomerRepository.java')
def orders = src.resolve('order/OrderRepository.java')
def productCache = src.resolve('catalog/ProductCache.java')
def properties = base.resolve('src/main/resources/application.properties')
def migration = base.resolve('src/main/resources/db/migration/V2__newsletter_opt_out.sql')

// Both reports of the last run, as sorted [rule, file, line, column] rows; processing errors have the rule
// 'ProcessingError' (SARIF: tool execution notifications; Checkstyle: source dbcheck.ProcessingError).
def reportRows = { java.nio.file.Path reports ->
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
def reportLines = { java.nio.file.Path reports ->
    ["[INFO] dbcheck: report written: ${reports.resolve('dbcheck.sarif')}",
     "[INFO] dbcheck: report written: ${reports.resolve('dbcheck-checkstyle.xml')}"]*.toString()
}
def consequence = "reads every item and consumes read capacity in proportion to the table's size; it slows down " +
        "and throttles other traffic as the table grows (guide: The Access Pattern Constraint). Query by partition " +
        "key, or add a GSI for this access pattern; if a full read is intended (a batch job), suppress this with " +
        "the reason."
def dbcheckLines = log.findAll { it ==~ /\[(ERROR|WARNING|INFO)\] (\/.*:\[\d+,\d+\] \w+: .*|\/\S+ Processing error: .*|dbcheck: .*)/ }

// One finding per family the sample shows; the read-only cache peek, the bounded DELETE and the DDL are not
// findings.
assert dbcheckLines == [
        "[WARNING] ${productCache}:" + '[19,31] UnguardedCacheAside: redis.get(..) reads Redis and, on a miss, loads from the database with jdbc.queryForObject(..) and writes the cache back with redis.setex(..), with no lock, SET NX lease or single-flight around the load: when the key expires or the cache is cold, every request that misses it at the same moment goes to the database, a cache stampede that can take down an undersized database (guide: The cache-aside pattern reliability considerations). Coalesce loads per key (a loader-based get such as Caffeine get(key, loader) or Spring Cache.get(key, Callable), or a map of in-flight futures), take a distributed lock (SET NX PX, setIfAbsent, Redisson RLock) around the load for very hot keys across pods, or refresh early with probabilistic expiration (XFetch: recompute when now - delta * beta * ln(rand()) >= expiry).',
        "[WARNING] ${customers}:[39,22] DynamoDbScan: scan() ${consequence}",
        "[WARNING] ${customers}:[43,22] DynamoDbScan: scan() ${consequence}",
        "[WARNING] ${orders}:[33,23] DynamoDbScan: scanPaginator() on table \"orders\" ${consequence}",
        "[WARNING] ${orders}:[42,23] DynamoDbScan: executeStatement() runs the PartiQL statement \"SELECT * FROM " +
                "orders\", a SELECT without a WHERE clause: DynamoDB executes it as a full table scan, reading every " +
                "item and consuming read capacity in proportion to the table's size; it slows down and throttles " +
                "other traffic as the table grows (guide: The Access Pattern Constraint). Select by partition key " +
                "(WHERE pk = ?), or add a GSI for this access pattern.",
        "[WARNING] ${properties}:" + '[5,1] OversizedConnectionPool: spring.datasource.hikari.maximum-pool-size: 80 lets each instance open up to 80 connections, more than the 50 per instance this build allows (maxPoolSize); multiplied by every replica, pools this size exhaust Aurora\'s max_connections (1,000 on Aurora MySQL, 1,722 on Aurora PostgreSQL for a db.r7g.large) when the service scales out or reconnects after a failover (guide: Connection pooling is not optional at scale). Size the pool to the work one instance does in parallel, and put RDS Proxy or PgBouncer in front of Aurora when many instances share it.',
        "[WARNING] ${migration}:" + '[2,1] UpdateWithoutWhere: "UPDATE customers SET newsletter = false" has no WHERE clause: it rewrites every row of table customers. The change is replicated to all 6 Aurora storage copies immediately and the previous values are gone; only backtrack or a snapshot restore brings them back (guide: What Aurora does not protect against). Bound it with a WHERE on the rows you mean, backfill large tables in batches, or suppress this finding with the reason if changing every row is intended.',
        '[INFO] dbcheck: 7 findings (7 warning) in 6 Java files and 3 resource files analysed',
        '[INFO] dbcheck:   DynamoDbScan: 4 (4 warning)',
        '[INFO] dbcheck:   OversizedConnectionPool: 1 (1 warning)',
        '[INFO] dbcheck:   UnguardedCacheAside: 1 (1 warning)',
        '[INFO] dbcheck:   UpdateWithoutWhere: 1 (1 warning)',
]*.toString() + reportLines(base.resolve('target/dbcheck'))
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
