// Exact dbcheck findings for the shop service: one finding for each of the five guide rules of the
// dynamodb-access-pattern, cache-expiry and aurora-failover families. Not flagged: the batched read, the
// per-element put into a local Map, the refresh with a TTL, the jittered warm-up, the plain RDS URL of another
// account, networkaddress.cache.ttl=30 in code, -Dsun.net.inetaddr.ttl=30 in the Helm values, and the
// -Dsun.net.inetaddr.ttl=-1 in .mvn/jvm.config (Maven's own JVM, not the service's).
def log = new File(basedir, 'build.log').readLines()
def path = { String rel -> new File(basedir, rel).absolutePath }
def java = { String name -> path("src/main/java/com/example/shop/${name}") }

def expected = [
        "[WARNING] ${path('k8s/deployment.yaml')}:[14,32] DnsCacheTtlForever: sun.net.inetaddr.ttl=-1 caches DNS " +
                "lookups forever: Aurora fails over by moving the cluster endpoint's DNS name to the new writer, and " +
                "this JVM keeps connecting to the old one, now a reader that rejects writes or gone (guide: Failover " +
                "time). AWS asks for at most 60 seconds for RDS and recommends 5 in the AWS SDK for Java " +
                "documentation: set it to 5.",
        "[WARNING] ${java('OrderHistory.java')}:[28,31] DynamoDbCallInLoop: getItem() reads one item per element of " +
                "ids (loop at line 27): N sequential round trips and N requests against the table's capacity, so " +
                "latency grows with the collection and a large one is a burst that throttles (guide: The Access " +
                "Pattern Constraint). Use the enhanced client's batchGetItem (up to 100 keys per request), or one " +
                "Query when the items share a partition key.",
        "[WARNING] ${java('ProductCache.java')}:[23,15] CacheEntryWithoutTtl: set() caches a value loaded from the " +
                "database with no expiry: the entry stays until memory pressure evicts it, so a changed row is " +
                "served stale forever, and evictions under memory pressure (or, on ElastiCache's default " +
                "volatile-lru, failed writes once memory is full) bring the misses that reach the database (guide: " +
                "The cache-aside pattern reliability considerations). Give it a TTL: write it with set(key, value, " +
                "SetParams.setParams().ex(seconds)) or setex.",
        "[INFO] ${java('ProductCache.java')}:[35,19] CacheTtlWithoutJitter: setex() gives every key written in the " +
                "loop over products.findAll() (line 34) the same TTL, TTL_SECONDS: the keys expire in the same " +
                "second and the requests after that all miss together and go to the database, a stampede at expiry " +
                "(guide: The cache-aside pattern reliability considerations). Add random jitter to the TTL, or " +
                "refresh early with probabilistic early expiration.",
        "[WARNING] ${path('src/main/resources/application.yml')}:[3,10] AuroraInstanceEndpoint: The JDBC URL names " +
                "the Aurora instance endpoint shop-instance-1.c9akciq32.eu-west-1.rds.amazonaws.com (the project also " +
                "names the cluster endpoint shop.cluster-ro-c9akciq32.eu-west-1.rds.amazonaws.com at " +
                "application.yml:6): after a failover the writer is another instance, and the application keeps " +
                "connecting to this one, now a reader that rejects writes or gone, until it is redeployed (guide: " +
                "Failover time). Connect to the cluster endpoint shop.cluster-c9akciq32.eu-west-1.rds.amazonaws.com " +
                "for writes, or to its reader endpoint (.cluster-ro-) for reads.",
]*.toString()

// Processing errors too: a rule that crashes on a file with no expected finding must fail this test.
def findingLines = log.findAll { it =~ /:\[\d+,\d+\] [A-Z][A-Za-z]+: / || it.contains(' Processing error: ') }
expected.each { assert findingLines.contains(it): "missing finding line:\n${it}\nfound:\n${findingLines.join('\n')}" }
assert findingLines.size() == expected.size(): "unexpected finding lines:\n${(findingLines - expected).join('\n')}"
assert log.contains('[INFO] dbcheck: 5 findings (4 warning, 1 info) in 6 Java files and 3 resource files analysed')

// Both reports hold the same five rows, and SARIF tags each rule with its family.
def reports = evaluate(new File(itSupport))
def base = basedir.toPath()
assert reports.rows(base, base.resolve('target/dbcheck')).collect { it[0] } as Set ==
        ['AuroraInstanceEndpoint', 'CacheEntryWithoutTtl', 'CacheTtlWithoutJitter', 'DnsCacheTtlForever',
         'DynamoDbCallInLoop'] as Set
def sarif = new groovy.json.JsonSlurper().parse(base.resolve('target/dbcheck/dbcheck.sarif').toFile())
def tags = sarif.runs[0].tool.driver.rules.collectEntries { [it.id, it.properties.tags] }
assert tags.DynamoDbCallInLoop == ['dynamodb-access-pattern', 'reliability']
assert tags.CacheEntryWithoutTtl == ['cache-expiry', 'reliability']
assert tags.CacheTtlWithoutJitter == ['cache-expiry', 'reliability']
assert tags.AuroraInstanceEndpoint == ['aurora-failover', 'reliability']
assert tags.DnsCacheTtlForever == ['aurora-failover', 'reliability']
def levels = sarif.runs[0].results.collectEntries { [it.ruleId, it.level] }
assert levels.CacheTtlWithoutJitter == 'note'
assert levels.DynamoDbCallInLoop == 'warning'
true
