def log = new File(basedir, 'build.log').readLines()
// The invoker appends each run's output to build.log: split it at Maven's banner.
def runs = []
log.each { line ->
    if (line.startsWith('[INFO] Scanning for projects')) {
        runs << []
    }
    if (!runs.isEmpty()) {
        runs[-1] << line
    }
}
assert runs.size() == 2
def base = basedir.toPath().toAbsolutePath().normalize()
def orders = base.resolve('src/main/java/com/acme/shop/orders/OrderService.java')
def products = base.resolve('src/main/java/com/acme/shop/products/ProductService.java')
def findings = { List<String> r -> r.findAll { it ==~ /\[(ERROR|WARNING|INFO)\] \/.*:\[\d+,\d+\] \w+: .*/ } }
def dbcheckNotes = { List<String> r -> r.findAll { it.startsWith('[INFO] dbcheck: ') } }

// 1. With the class path: AcmeStore (the internal jar) and MPJBaseMapper (Maven Central) extend BaseMapper, so
// both @Cacheable methods load from the database; the one with sync = true is not reported.
def withClassPath = findings(runs[0])
assert withClassPath.size() == 2 : withClassPath.join('\n')
assert withClassPath[0].startsWith("[WARNING] ${orders}:[12,5] CacheableWithoutSync: ")
assert withClassPath[1].startsWith("[WARNING] ${products}:[13,5] CacheableWithoutSync: ")
// Everything resolved offline from the local repository: nothing to say about the class path.
assert dbcheckNotes(runs[0]).every { !it.contains('not resolved') && !it.contains('could not read') }

// 2. The same application without the class path: the base interfaces are unknown library types, their names say
// nothing of a database, so neither method is reported (the tables' and names' fallback).
assert findings(runs[1]) == []
assert runs.every { r -> r.contains('[INFO] BUILD SUCCESS') }
true
