// The connection-pool family over a Spring Boot-shaped service: code (a Hikari pool, a Jedis Sentinel pool
// without a limit), application.yml (two documents, a profile), application-prod.yml, application-batch.yml
// (dynamic-datasource, and an export setting that is not a pool), and a Deployment + HPA in k8s/, run with
// -Ddbcheck.dbInstanceClass=db.r7g.large -Ddbcheck.dbEngine=aurora-postgresql.
def log = new File(basedir, 'build.log').readLines()
def path = { String rel -> new File(basedir, rel).absolutePath }
def java = { String name -> path("src/main/java/com/example/orders/${name}") }
def section = '(guide: Connection pooling is not optional at scale)'

def expected = [
        "[WARNING] ${java('ExportJob.java')}:[28,43] ConnectionPerRequest: DriverManager.getConnection() in export() " +
                "opens a new physical database connection on every call, with a TCP and TLS handshake and " +
                "authentication each time; under load, on scale-out and after a failover every operation connects " +
                "at once, a connection storm that exhausts the server's connection limit (Aurora's max_connections) " +
                "${section}. Borrow connections from one pooled DataSource created at startup (a @Bean or a field), " +
                "behind RDS Proxy or PgBouncer when many instances share the database.",
        // Production's pools decide the budget (the batch profile is not production's): the finding sits on the
        // largest and lists the rest.
        "[ERROR] ${java('ReportingDataSourceConfig.java')}:[19,16] ConnectionBudgetExceeded: " +
                "setMaximumPoolSize(60) (HikariCP): 72 connections (60 here + 12 from " +
                "spring.datasource.hikari.maximum-pool-size: 12 (profile prod) (HikariCP) at application-prod.yml:4) " +
                "x 300 replicas = 21,600 > 80% of 1,722 (db.r7g.large, aurora-postgresql); replicas from " +
                "HorizontalPodAutoscaler orders-api spec.maxReplicas in k8s/hpa.yaml:11. Every replica can fill its " +
                "pools at once, at peak or when all pods reconnect after a failover, and Aurora then refuses new " +
                "connections for every client of the database ${section}. Put RDS Proxy or PgBouncer between the " +
                "service and Aurora, or keep the pools at 4 connections per replica in total.",
        // The batch profile is not production's: info, naming the profile.
        "[INFO] ${path('src/main/resources/application-batch.yml')}:[7,9] OversizedConnectionPool: " +
                "spring.datasource.dynamic.druid.max-active: 1000 (profile batch) lets each instance open up to 1,000 " +
                "connections, more than the 50 per instance this build allows (maxPoolSize); multiplied by every " +
                "replica, pools this size exhaust the database's max_connections of 1,722 (db.r7g.large, " +
                "aurora-postgresql) when the service scales out or reconnects after a failover " +
                "${section}. Size the pool to the work one instance does in parallel, and put RDS Proxy or PgBouncer " +
                "in front of Aurora when many instances share it. Reported at info: profile batch, not a production " +
                "profile (productionProfiles: prod, production, prd, live).",
        "[ERROR] ${java('SessionCacheConfig.java')}:[16,16] UnboundedConnectionPool: setMaxTotal(-1) on " +
                "JedisPoolConfig removes the pool's limit: when traffic rises or the server slows down, every waiting " +
                "request opens another connection until the Redis server refuses new ones at its maxclients limit and " +
                "every client of it fails ${section}. Set a finite maximum sized to the work one instance does in " +
                "parallel, with a bounded wait for a free connection.",
        "[WARNING] ${java('ReportingDataSourceConfig.java')}:[19,16] OversizedConnectionPool: setMaximumPoolSize(60) " +
                "on HikariCP lets each instance open up to 60 connections, more than the 50 per instance this build " +
                "allows (maxPoolSize); multiplied by every replica, pools this size exhaust the database's " +
                "max_connections of 1,722 (db.r7g.large, aurora-postgresql) when the service scales out " +
                "or reconnects after a failover ${section}. Size the pool to the work one instance does in parallel, " +
                "and put RDS Proxy or PgBouncer in front of Aurora when many instances share it.",
        "[ERROR] ${path('src/main/resources/application.yml')}:[15,11] UnboundedConnectionPool: " +
                "spring.data.redis.jedis.pool.max-active: -1 removes the pool's limit: when traffic rises or the " +
                "server slows down, every waiting request opens another connection until the Redis server refuses " +
                "new ones at its maxclients limit and every client of it fails ${section}. Set a finite maximum sized " +
                "to the work one instance does in parallel, with a bounded wait for a free connection.",
]*.toString()

def ours = ['.java:[', 'application.yml:[', 'application-prod.yml:[', 'application-batch.yml:[', 'deployment.yaml:[', 'hpa.yaml:[']
// Processing errors too: a rule that crashes on a file with no expected finding must fail this test.
def findingLines = log.findAll { line ->
    (line =~ /\] [A-Z][A-Za-z]+: / && ours.any { line.contains(it) }) || line.contains(' Processing error: ')
}

expected.each { assert findingLines.contains(it) : "missing finding line:\n${it}\nfound:\n${findingLines.join('\n')}" }
assert findingLines.size() == expected.size() : "unexpected finding lines:\n${(findingLines - expected).join('\n')}"

def sarif = new File(basedir, 'target/dbcheck/dbcheck.sarif')
assert sarif.isFile() : "no SARIF report at ${sarif}"
def ruleIds = new groovy.json.JsonSlurper().parse(sarif).runs.collectMany { it.results*.ruleId } as Set
['ConnectionPerRequest', 'ConnectionBudgetExceeded', 'OversizedConnectionPool', 'UnboundedConnectionPool'].each {
    assert ruleIds.contains(it) : "SARIF has no result for ${it}: ${ruleIds}"
}
true
