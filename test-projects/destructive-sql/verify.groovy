def log = new File(basedir, 'build.log').readLines()
def base = basedir.toPath().toAbsolutePath().normalize()
def repository = base.resolve('src/main/java/com/example/billing/InvoiceRepository.java')
def migrations = base.resolve('src/main/resources/db/migration')
def changelog = base.resolve('src/main/resources/db/changelog/db.changelog-master.yaml')
def reports = base.resolve('target/dbcheck')

def deletes = "A runaway DELETE is replicated to all 6 Aurora storage copies immediately, so replicas and " +
        "Multi-AZ keep nothing; only backtrack or a snapshot restore brings the rows back (guide: What Aurora does " +
        "not protect against). Bound it with a WHERE on the rows you mean, delete large sets in batches, or " +
        "suppress this finding with the reason if emptying the table is intended."
def updates = "The change is replicated to all 6 Aurora storage copies immediately and the previous values are " +
        "gone; only backtrack or a snapshot restore brings them back (guide: What Aurora does not protect " +
        "against). Bound it with a WHERE on the rows you mean, backfill large tables in batches, or suppress this " +
        "finding with the reason if changing every row is intended."

def dbcheckLines = log.findAll { it ==~ /\[(ERROR|WARNING|INFO)\] (\/.*:\[\d+,\d+\] \w+: .*|\/\S+ Processing error: .*|dbcheck: .*)/ }

assert dbcheckLines == [
        "[ERROR] ${repository}:[13,48] DeleteWithoutWhere: update() runs \"DELETE FROM invoices\", which has no " +
                "WHERE clause: it deletes every row of table invoices. ${deletes}",
        "[WARNING] ${repository}:[14,45] UpdateWithoutWhere: update() runs \"UPDATE invoices SET status = 'SENT', " +
                "sent_at = now()\", which has no WHERE clause: it rewrites every row of table invoices. ${updates}",
        "[ERROR] ${changelog}:[15,11] DeleteWithoutWhere: Liquibase delete change on table payment_reminders in " +
                "changeSet 101-reset-reminders has no WHERE clause: it deletes every row of table payment_reminders. " +
                "${deletes}",
        "[WARNING] ${migrations.resolve('V2__currency.sql')}:[4,1] UpdateWithoutWhere: \"UPDATE invoices SET " +
                "currency = 'EUR'\" has no WHERE clause: it rewrites every row of table invoices. ${updates}",
        "[ERROR] ${migrations.resolve('V3__purge_test_invoices.sql')}:[8,1] DeleteWithoutWhere: \"WITH stale AS " +
                "(SELECT id FROM invoices WHERE status = 'VOID') DELETE FROM inv...\" has no WHERE clause: it " +
                "deletes every row of table invoice_audit. ${deletes}",
        '[INFO] dbcheck: 5 findings (3 error, 2 warning) in 1 Java file and 4 resource files analysed',
        '[INFO] dbcheck:   DeleteWithoutWhere: 3 (3 error)',
        '[INFO] dbcheck:   UpdateWithoutWhere: 2 (2 warning)',
        "[INFO] dbcheck: report written: ${reports.resolve('dbcheck.sarif')}",
        "[INFO] dbcheck: report written: ${reports.resolve('dbcheck-checkstyle.xml')}",
]*.toString()

// Nothing else looks like a finding, in Java or in the migration and changelog files.
def findingLike = log.findAll { it =~ /\] [A-Z][A-Za-z]+: / && (it.contains('.java:[') || it.contains('.sql:[') || it.contains('.yaml:[')) }
assert findingLike.size() == 5
assert log.contains('[INFO] BUILD SUCCESS')

def sarifFile = reports.resolve('dbcheck.sarif').toFile()
assert sarifFile.isFile()
def sarif = new groovy.json.JsonSlurper().parse(sarifFile)
def rows = sarif.runs[0].results.collect { r ->
    def loc = r.locations[0].physicalLocation
    [r.ruleId, base.resolve(loc.artifactLocation.uri).toString(), loc.region.startLine, loc.region.startColumn]
}.sort { a, b -> a[1] <=> b[1] ?: a[2] <=> b[2] }
assert rows == [
        ['DeleteWithoutWhere', repository.toString(), 13, 48],
        ['UpdateWithoutWhere', repository.toString(), 14, 45],
        ['DeleteWithoutWhere', changelog.toString(), 15, 11],
        ['UpdateWithoutWhere', migrations.resolve('V2__currency.sql').toString(), 4, 1],
        ['DeleteWithoutWhere', migrations.resolve('V3__purge_test_invoices.sql').toString(), 8, 1],
]
assert sarif.runs[0].invocations[0].toolExecutionNotifications.isEmpty()
true
