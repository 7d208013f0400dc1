def log = new File(basedir, 'build.log').readLines()
def base = basedir.toPath().toAbsolutePath().normalize()
def file = { String path -> new File(basedir, 'src/main/java/com/example/ledger/' + path).absolutePath }
def repository = file('account/AccountRepository.java')
def statements = file('account/StatementQueries.java')
def config = file('config/DynamoConfig.java')
def loader = file('load/BulkLoader.java')
def counter = file('metrics/VisitCounter.java')

def swallowed = "it is neither rethrown, logged, counted nor retried, so a request DynamoDB rejected because the " +
        "table or one partition (3,000 RCU / 1,000 WCU) is over capacity is silently dropped, after the SDK's own " +
        "retries, and nobody sees the throttling (guide: Throughput mode matters: monitoring must surface " +
        "throttling events). Rethrow it, or log it and record a throttle metric, or retry with exponential backoff " +
        "and jitter."
def backoff = "under throttling each retry goes back to a table or partition that is already over capacity " +
        "(3,000 RCU / 1,000 WCU per partition) and fails again (guide: Throughput mode matters). Back off " +
        "exponentially with full jitter, sleep = random(0, min(cap, base * 2^attempt)), and bound the attempts; or " +
        "leave retries to the SDK (for DynamoDB, SDK v2 retries 8 times with backoff from 25 ms)."
def hotTail = { String value ->
    ", which serves at most 3,000 RCU / 1,000 WCU whatever the table's capacity, so it throttles " +
            "(ProvisionedThroughputExceededException) as traffic grows (guide: Hot partitions are the silent " +
            "reliability killer). Use a per-entity partition key, or shard this one (\"${value}#\" + shard, read " +
            "across the shards)"
}
def hotWrite = "putItem() on table \"ledger_entries\" writes items under the constant partition key \"accountId\" = " +
        "\"OPENING-BALANCES\" while the sort key \"entryId\" varies per call: the collection grows on one partition" +
        hotTail('OPENING-BALANCES') + "."
def hotCounter = "updateItem() on table \"counters\" is an atomic counter (\"ADD visits :one\") on the constant " +
        "partition key \"pk\" = \"COUNTER#TOTAL\": every increment of every caller writes the same item on one " +
        "partition" + hotTail('COUNTER#TOTAL') + " or count outside DynamoDB."

def hotQuery = "query() on table \"ledger_entries\" queries the constant partition key \"accountId\" = " +
        "\"OPENING-BALANCES\" on every call: every such query reads the same partition" +
        hotTail('OPENING-BALANCES') + "."

def expected = [
        "[WARNING] ${repository}:[29,11] ThrottlingSwallowed: catch (ProvisionedThroughputExceededException) " +
                "ignores DynamoDB throttling: ${swallowed}",
        "[WARNING] ${repository}:[40,11] ThrottlingSwallowed: catch (DynamoDbException) around getItem() also " +
                "catches DynamoDB throttling (ProvisionedThroughputExceededException) and ignores it: ${swallowed}",
        "[WARNING] ${statements}:[21,57] ConstantPartitionKey: " + hotQuery,
        "[ERROR] ${config}:[15,26] DynamoDbRetriesDisabled: RetryPolicy.none() turns off the SDK's retries for " +
                "this DynamoDB client: the SDK v2 retries DynamoDB requests up to 8 times with exponential backoff " +
                "from 25 ms, capped at 20 s, which absorbs throttling (ProvisionedThroughputExceededException); " +
                "without them every throttle of a traffic spike or a hot partition fails the request (guide: " +
                "Throughput mode matters). Keep the SDK's DynamoDB retry strategy and bound latency with " +
                "apiCallTimeout instead.",
        "[ERROR] ${loader}:[30,20] UnprocessedItemsIgnored: batchWriteItem(): the result is discarded: its " +
                "unprocessedItems() are never read, retried or returned. DynamoDB accepts part of a batch and hands " +
                "back the rest, most often because the table or one partition (3,000 RCU / 1,000 WCU) is throttled; " +
                "ignoring them silently loses those writes (guide: Throughput mode matters). Resend them with " +
                "exponential backoff and jitter until none are left (bounded), or return them to the caller.",
        "[WARNING] ${loader}:[40,9] RetryWithoutBackoff: This loop resends the unprocessed items of " +
                "batchWriteItem() immediately, without waiting, and never gives up: ${backoff}",
        "[WARNING] ${loader}:[64,43] ConstantPartitionKey: " +
                hotWrite,
        "[WARNING] ${counter}:[22,9] RetryWithoutBackoff: This loop retries updateItem() after the same fixed " +
                "pause every time, so clients retry in lockstep: ${backoff}",
        "[WARNING] ${counter}:[25,43] ConstantPartitionKey: " + hotCounter,
]*.toString()

// Every finding line dbcheck printed, and nothing else.
// and every processing error (a rule that crashes on a file with no expected finding must fail this test).
def findingLines = log.findAll { it ==~ /\[(ERROR|WARNING|INFO)\] .*/ &&
        ((it =~ /\] [A-Z][A-Za-z]+: / && it.contains('.java:[')) || it.contains(' Processing error: ')) }
assert findingLines == expected
assert log.contains('[INFO] dbcheck: 9 findings (2 error, 7 warning) in 7 Java files and 0 resource files analysed')
assert log.contains('[INFO] BUILD SUCCESS')

// The SARIF report holds the same results.
def sarifFile = base.resolve('target/dbcheck/dbcheck.sarif').toFile()
assert sarifFile.exists()
def sarif = new groovy.json.JsonSlurper().parse(sarifFile)
def rows = sarif.runs[0].results.collect {
    def loc = it.locations[0].physicalLocation
    [it.ruleId, base.resolve(loc.artifactLocation.uri).toString(), loc.region.startLine, loc.region.startColumn]
}.sort { a, b -> a[1] <=> b[1] ?: a[2] <=> b[2] ?: a[3] <=> b[3] }
assert rows == [
        ['ThrottlingSwallowed', repository, 29, 11],
        ['ThrottlingSwallowed', repository, 40, 11],
        ['ConstantPartitionKey', statements, 21, 57],
        ['DynamoDbRetriesDisabled', config, 15, 26],
        ['UnprocessedItemsIgnored', loader, 30, 20],
        ['RetryWithoutBackoff', loader, 40, 9],
        ['ConstantPartitionKey', loader, 64, 43],
        ['RetryWithoutBackoff', counter, 22, 9],
        ['ConstantPartitionKey', counter, 25, 43],
]
def sarifText = sarifFile.text
['DynamoDbRetriesDisabled', 'ThrottlingSwallowed', 'UnprocessedItemsIgnored', 'RetryWithoutBackoff',
 'ConstantPartitionKey'].each { assert sarifText.contains("\"${it}\"") }
def levels = sarif.runs[0].results.collectEntries { [(it.ruleId): it.level] }
assert levels.DynamoDbRetriesDisabled == 'error' && levels.UnprocessedItemsIgnored == 'error'
assert levels.ConstantPartitionKey == 'warning'
true
