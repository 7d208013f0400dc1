// Exact dbcheck findings for the catalog service: two unguarded cache-aside reads in the Redis product cache,
// and three @Cacheable methods that load without sync = true. The lease-guarded read, the write-through save,
// the read-only peek, the sync = true methods and the in-memory computation must not be flagged.
def log = new File(basedir, 'build.log').readLines()
def src = 'src/main/java/com/example/catalog/'
def path = { String file -> new File(basedir, src + file).absolutePath }

def asideTail = { String key -> ', with no lock, SET NX lease or single-flight around the load: when the key expires ' +
        'or the cache is cold, every request that misses it at the same moment goes to the database, a cache stampede ' +
        'that can take down an undersized database (guide: The cache-aside pattern reliability considerations). ' +
        "The key is shared (the key is ${key}, the same key for every caller that asks for it). Coalesce " +
        'loads per key (a loader-based get such as Caffeine get(key, loader) or Spring Cache.get(key, Callable), ' +
        'or a map of in-flight futures), take a distributed lock (SET NX PX, setIfAbsent, Redisson RLock) around ' +
        'the load for very hot keys across pods, or refresh early with probabilistic expiration (XFetch: ' +
        'recompute when now - delta * beta * ln(rand()) >= expiry).' }
def cacheableHead = { String method -> "@Cacheable on ${method}() without sync = true: on a miss (cold cache, " +
        'eviction, expiry) every concurrent caller for the same key runs the method, which ' }
def cacheableTail = ', a cache stampede that can take down an undersized database (guide: The cache-aside pattern ' +
        'reliability considerations). Set sync = true so one caller per key loads while the others wait; that ' +
        'coalesces within one JVM, so for very hot keys across pods add a distributed lock or probabilistic early ' +
        'refresh (XFetch: recompute when now - delta * beta * ln(rand()) >= expiry).'

def expected = [
        "[WARNING] ${path('PricingService.java')}:[19,5] CacheableWithoutSync: " + cacheableHead('priceCents') +
                'runs a database query with products.findById(..). The key is shared (the key is #productId, the ' +
                'same key for every caller that asks for it): many requests miss it at once and all run the database ' +
                'query' + cacheableTail,
        "[WARNING] ${path('PricingService.java')}:[29,5] CacheableWithoutSync: " + cacheableHead('vatRate') +
                'calls a remote service with taxService.getForObject(..). The key is shared (the key is the ' +
                "method's parameters (country), the same key for every caller that asks for it): many requests miss " +
                'it at once and all call the remote service (and the database behind it)' + cacheableTail,
        "[WARNING] ${path('ProductRepository.java')}:[10,5] CacheableWithoutSync: " + cacheableHead('findBySku') +
                'runs a query of the Spring Data repository ProductRepository. The key is shared (the key is the ' +
                "method's parameters (sku), the same key for every caller that asks for it): many requests miss it " +
                'at once and all run the database query' + cacheableTail,
        "[WARNING] ${path('RedisProductCache.java')}:[29,45] UnguardedCacheAside: redis.opsForValue().get(..) " +
                'reads Redis and, on a miss, runs a database query with products.findById(..) and writes the ' +
                'cache back with redis.opsForValue().set(..)' + asideTail('key'),
        "[WARNING] ${path('RedisProductCache.java')}:[41,35] UnguardedCacheAside: jedis.get(..) reads Redis and, " +
                'on a miss, runs a database query with products.findBySku(..) and writes the cache back with ' +
                'jedis.setex(..)' + asideTail('"sku:" + sku'),
]*.toString()

expected.each { line ->
    assert log.contains(line): "missing finding line:\n${line}"
}
// Processing errors too: a rule that crashes on a file with no expected finding must fail this test.
def findingLines = log.findAll { (it =~ /\] [A-Z][A-Za-z]+: / && it.contains('.java:[')) || it.contains(' Processing error: ') }
assert findingLines.size() == expected.size(): "expected exactly ${expected.size()} findings, got:\n" +
        findingLines.join('\n')
assert findingLines.toSet() == expected.toSet()

def sarif = new File(basedir, 'target/dbcheck/dbcheck.sarif')
assert sarif.isFile(): 'no SARIF report at target/dbcheck/dbcheck.sarif'
def ruleIds = new groovy.json.JsonSlurper().parse(sarif).runs.collectMany { it.results*.ruleId }
assert ruleIds.sort() == ['CacheableWithoutSync', 'CacheableWithoutSync', 'CacheableWithoutSync',
                          'UnguardedCacheAside', 'UnguardedCacheAside']
true
