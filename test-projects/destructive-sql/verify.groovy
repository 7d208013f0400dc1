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
        "[INFO] ${migrations.resolve('V2__currency.sql')}:[4,1] UpdateWithoutWhere: \"UPDATE invoices SET " +
                "currency = 'EUR'\" has no WHERE clause, and is a backfill: it sets currency of table invoices, " +
                "which the same migration (V2__currency.sql) added or created just before, so no earlier values " +
                "are lost. A backfill of a large table still rewrites every row in one transaction, holding locks " +
                "and growing replica lag (guide: What Aurora does not protect against). Run large backfills in " +
                "batches (by key range).",
        "[ERROR] ${migrations.resolve('V3__purge_test_invoices.sql')}:[8,1] DeleteWithoutWhere: \"WITH stale AS " +
                "(SELECT id FROM invoices WHERE status = 'VOID') DELETE FROM inv...\" has no WHERE clause: it " +
                "deletes every row of table invoice_audit. ${deletes}",
        "[INFO] ${migrations.resolve('V4__reset_reminder_counts.sql')}:[4,5] DeleteWithoutWhere: \"DELETE FROM " +
                "reminder_counts\" has no WHERE clause, and is a reseed: the same migration " +
                "(V4__reset_reminder_counts.sql) inserts the rows of table reminder_counts again afterwards. Readers " +
                "between the DELETE and the INSERTs see the table empty (guide: What Aurora does not protect " +
                "against). Keep the DELETE and the INSERTs in one transaction.",
        '[INFO] dbcheck: 6 findings (3 error, 1 warning, 2 info) in 1 Java file and 5 resource files analysed',
        '[INFO] dbcheck:   DeleteWithoutWhere: 4 (3 error, 1 info)',
        '[INFO] dbcheck:   UpdateWithoutWhere: 2 (1 warning, 1 info)',
        "[INFO] dbcheck: report written: ${reports.resolve('dbcheck.sarif')}",
        "[INFO] dbcheck: report written: ${reports.resolve('dbcheck-checkstyle.xml')}",
]*.toString()

// Nothing else looks like a finding, in Java or in the migration and changelog files.
def findingLike = log.findAll { it =~ /\] [A-Z][A-Za-z]+: / && (it.contains('.java:[') || it.contains('.sql:[') || it.contains('.yaml:[')) }
assert findingLike.size() == 6
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
        ['DeleteWithoutWhere', migrations.resolve('V4__reset_reminder_counts.sql').toString(), 4, 5],
]
// Backfills and reseeds are info; everything else keeps its rule's severity.
def levels = sarif.runs[0].results.collect { r -> [r.locations[0].physicalLocation.region.startLine, r.ruleId, r.level] }
assert levels.count { it[2] == 'note' } == 2
assert sarif.runs[0].invocations[0].toolExecutionNotifications.isEmpty()
true
