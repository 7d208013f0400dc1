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
def consequence = "reads every item and consumes read capacity in proportion to the table's size; it slows down " +
        "and throttles other traffic as the table grows (guide: The Access Pattern Constraint). Query by partition " +
        "key, or add a GSI for this access pattern; if a full read is intended (a batch job), suppress this with " +
        "the reason."
def dbcheckLines = log.findAll { it ==~ /\[(ERROR|WARNING|INFO)\] (\/.*:\[\d+,\d+\] \w+: .*|\/\S+ Processing error: .*|dbcheck: .*)/ }

// One finding per family the sample shows; the read-only cache peek, the bounded DELETE and the DDL are not
// findings.
assert dbcheckLines == [
        "[WARNING] ${productCache}:" + '[19,31] UnguardedCacheAside: redis.get(..) reads Redis and, on a miss, loads from the database with jdbc.queryForObject(..) and writes the cache back with redis.setex(..), with no lock, SET NX lease or single-flight around the load: when the key expires or the cache is cold, every request that misses it at the same moment goes to the database, a cache stampede that can take down an undersized database (guide: The cache-aside pattern reliability considerations). Coalesce loads per key (a loader-based get such as Caffeine get(key, loader) or Spring Cache.get(key, Callable), or a map of in-flight futures), take a distributed lock (SET NX PX, setIfAbsent, Redisson RLock) around the load for very hot keys across pods, or refresh early with probabilistic expiration (XFetch: recompute when now - delta * beta * ln(rand()) >= expiry).',
        "[WARNING] ${customers}:[39,22] DynamoDbScan: scan() on table \"customers\" ${consequence}",
        "[WARNING] ${customers}:[43,22] DynamoDbScan: scan() on table \"customers\" ${consequence}",
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
