def log = new File(basedir, 'build.log').readLines()
def src = basedir.toPath().toAbsolutePath().normalize().resolve('src/main/java/com/example/shop')
def customers = src.resolve('customer/CustomerRepository.java')
def orders = src.resolve('order/OrderRepository.java')
def consequence = "reads every item and consumes read capacity in proportion to the table's size; it slows down " +
        "and throttles other traffic as the table grows (guide: The Access Pattern Constraint). Query by partition " +
        "key, or add a GSI for this access pattern; if a full read is intended (a batch job), suppress this with " +
        "the reason."
def dbcheckLines = log.findAll { it ==~ /\[(ERROR|WARNING|INFO)\] (\/.*:\[\d+,\d+\] \w+: .*|\/\S+ Processing error: .*|dbcheck: .*)/ }

assert dbcheckLines == [
        "[WARNING] ${customers}:[39,22] DynamoDbScan: scan() ${consequence}",
        "[WARNING] ${customers}:[43,22] DynamoDbScan: scan() ${consequence}",
        "[WARNING] ${orders}:[33,23] DynamoDbScan: scanPaginator() on table \"orders\" ${consequence}",
        "[WARNING] ${orders}:[42,23] DynamoDbScan: executeStatement() runs the PartiQL statement \"SELECT * FROM " +
                "orders\", a SELECT without a WHERE clause: DynamoDB executes it as a full table scan, reading every " +
                "item and consuming read capacity in proportion to the table's size; it slows down and throttles " +
                "other traffic as the table grows (guide: The Access Pattern Constraint). Select by partition key " +
                "(WHERE pk = ?), or add a GSI for this access pattern.",
        '[INFO] dbcheck: 4 findings (4 warning) in 5 Java files and 0 resource files analysed',
        '[INFO] dbcheck:   DynamoDbScan: 4 (4 warning)',
]*.toString()
assert log.contains('[INFO] BUILD SUCCESS')
true
