// Three builds of the same reactor, their logs appended to one build.log (see invoker.properties): -T 4,
// single-threaded, and single-threaded without following sibling modules.
def base = basedir.toPath().toAbsolutePath().normalize()
def runs = []
new File(basedir, 'build.log').readLines().each { line ->
    if (line.contains('Scanning for projects...')) {
        runs << []
    }
    if (runs) {
        runs.last() << line
    }
}
assert runs.size() == 3
assert runs.collect { r -> r.count { it.contains('Using the MultiThreadedBuilder implementation with a thread count of 4') } } == [1, 0, 0]
runs.each { r -> assert r.count { it == '[INFO] BUILD SUCCESS' } == 1 }

def stampede = { String variable, String key, String load ->
    "${variable}.read(..) reads Redis (through redis.opsForValue().get(..)) and, on a miss, runs a database query " +
            "with ${load}(..) (through jdbc.queryForObject(..)) and writes the cache back with ${variable}.store(..), " +
            "with no lock, SET NX lease or single-flight around the load"
}
def orders = base.resolve('orders/src/main/java/com/acme/shop/orders/OrderService.java')
def users = base.resolve('users/src/main/java/com/acme/shop/users/UserService.java')
// Processing errors count too: a sibling file must never make the dependent module's analysis fail.
def findingLines = { List<String> r ->
    r.findAll { it ==~ /\[(ERROR|WARNING|INFO)\] \/.*:\[\d+,\d+\] \w+: .*/ || it.contains(' Processing error: ') }
}
def expected = [
        "[WARNING] ${orders}:[23,29] UnguardedCacheAside: ${stampede('cache', 'order', 'loadById')}",
        "[WARNING] ${users}:[25,29] UnguardedCacheAside: ${stampede('cache', 'user', 'loadById')}",
]*.toString()
// The findings are in the callers' modules (the wrapper and the base class in common are not); the look-alike
// read through LocalMemo in users is not one. Sorted: under -T 4 modules may log in any order.
[runs[0], runs[1]].each { r ->
    def found = findingLines(r).sort()
    assert found.size() == 2
    assert found.withIndex().every { line, i -> line.startsWith(expected[i]) }
}
assert findingLines(runs[2]) == []

// users depends on the organisation's own library, which is not in the build: said once per run, by users only
// (and not at all when no module is followed).
def notFollowed = '[INFO] dbcheck: not in this build, so their wrappers and base classes are not seen: ' +
        'com.acme.platform:acme-audit:2.3.1'
assert runs.collect { r -> r.count { it.startsWith('[INFO] dbcheck: not in this build') } } == [1, 1, 0]
assert runs[0].contains(notFollowed) && runs[1].contains(notFollowed)

def summary = { int orderFindings, int userFindings ->
    def total = orderFindings + userFindings
    def count = { int n -> n == 0 ? 'no findings' : "${n} finding${n == 1 ? '' : 's'} (${n} warning)" }
    ["[INFO] dbcheck: reactor summary: ${count(total)} in 4 modules", '[INFO] dbcheck:   shop: no findings',
     '[INFO] dbcheck:   common: no findings', "[INFO] dbcheck:   orders: ${count(orderFindings)}",
     "[INFO] dbcheck:   users: ${count(userFindings)}"]*.toString()
}
def summaryOf = { List<String> r ->
    int at = r.findIndexOf { it.startsWith('[INFO] dbcheck: reactor summary:') }
    r.subList(at, at + 5)
}
assert summaryOf(runs[0]) == summary(1, 1)
assert summaryOf(runs[1]) == summary(1, 1)
assert summaryOf(runs[2]) == summary(0, 0)

// Each module's reports hold exactly its own findings; common's hold none.
def sarifRows = { String module, String dir ->
    def moduleDir = module ? base.resolve(module) : base
    def sarif = new groovy.json.JsonSlurper().parse(moduleDir.resolve("target/${dir}/dbcheck.sarif").toFile())
    sarif.runs[0].results.collect { [it.ruleId, it.locations[0].physicalLocation.artifactLocation.uri,
                                      it.locations[0].physicalLocation.region.startLine] }
}
assert sarifRows(null, 'dbcheck') == []
assert sarifRows('common', 'dbcheck') == []
assert sarifRows('orders', 'dbcheck') == [['UnguardedCacheAside', 'src/main/java/com/acme/shop/orders/OrderService.java', 23]]
assert sarifRows('users', 'dbcheck') == [['UnguardedCacheAside', 'src/main/java/com/acme/shop/users/UserService.java', 25]]
['orders', 'users'].each { assert sarifRows(it, 'dbcheck-alone') == [] }
def reports = evaluate(new File(itSupport))
['orders', 'users'].each { assert reports.sarifErrors(base.resolve("${it}/target/dbcheck/dbcheck.sarif"), sarifSchema) == [] }

// Byte for byte the same reports under -T 4 and single-threaded, in every module and every format.
[null, 'common', 'orders', 'users'].each { module ->
    def moduleDir = module ? base.resolve(module) : base
    ['dbcheck.sarif', 'dbcheck-checkstyle.xml', 'gl-code-quality-report.json', 'dbcheck-report.html'].each { name ->
        def parallel = moduleDir.resolve("target/dbcheck-parallel/${name}").toFile().bytes
        def single = moduleDir.resolve("target/dbcheck/${name}").toFile().bytes
        assert parallel.length > 0
        assert Arrays.equals(parallel, single): "${module ?: 'shop'}/${name} differs between -T 4 and one thread"
    }
}
true
