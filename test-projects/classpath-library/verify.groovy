def log = new File(basedir, 'build.log').readLines()
// The invoker appends each run's output to build.log: split it at Maven's banner.
def runs = []
log.each { line ->
    if (line.contains('Scanning for projects...')) {
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

// 1. With the class path: AcmeStore (the internal jar) extends BaseMapper and MPJDeepService (Maven Central)
// extends IService, so both @Cacheable methods load from the database; the one with sync = true is not reported.
def withClassPath = findings(runs[0])
assert withClassPath.size() == 2 : withClassPath.join('\n')
assert withClassPath[0].startsWith("[WARNING] ${orders}:[12,5] CacheableWithoutSync: ")
assert withClassPath[1].startsWith("[WARNING] ${products}:[13,5] CacheableWithoutSync: ")
// Resolved offline from the ITs' local repository, which lacks the Spring Boot BOM that MyBatis-Plus-Join's parent
// POM imports: its jar is on the class path all the same, and the dependencies it would bring are named, once.
assert dbcheckNotes(runs[0]).findAll { it.contains('not on the class path') } == ['[INFO] dbcheck: not on the class ' +
        'path (not in the local repository), so their types are known only from dbcheck\'s tables: the dependencies ' +
        'of com.github.yulichang:mybatis-plus-join-extension:jar:1.5.4 (its POM could not be read)']
assert dbcheckNotes(runs[0]).every { !it.contains('could not read') && !it.contains('not in this build') }
assert dbcheckNotes(runs[1]).every { !it.contains('not on the class path') }

// 2. The same application without the class path: the base interfaces are unknown library types, their names say
// nothing of a database (no mapper, repository or DAO in them), so neither method is reported: the fallback.
assert findings(runs[1]) == []
assert runs.every { r -> r.contains('[INFO] BUILD SUCCESS') }
true
