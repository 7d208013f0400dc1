// Shared by the ITs' verify.groovy scripts (passed to them as the script variable itSupport by the invoker
// configuration in plugin/pom.xml): what both reports of a run contain, and the log lines naming them.
//   def reports = evaluate(new File(itSupport))
//   reports.rows(base, base.resolve('target/dbcheck'))  -> sorted [rule, file, line, column] rows
//   reports.lines(base.resolve('target/dbcheck'))       -> the two "[INFO] dbcheck: report written:" lines
//   reports.sarifErrors(sarifPath, sarifSchema)          -> schema validation errors of a real SARIF report

// The SARIF and Checkstyle reports must hold the same rows; processing errors have the rule 'ProcessingError'
// (SARIF: tool execution notifications; Checkstyle: source dbcheck.ProcessingError).
def rows = { java.nio.file.Path base, java.nio.file.Path reports ->
    def sarif = new groovy.json.JsonSlurper().parse(reports.resolve('dbcheck.sarif').toFile())
    def row = { String rule, loc -> [rule, base.resolve(loc.artifactLocation.uri).toString(), loc.region.startLine, loc.region.startColumn] }
    def sarifRows = sarif.runs[0].results.collect { row(it.ruleId, it.locations[0].physicalLocation) } +
            sarif.runs[0].invocations[0].toolExecutionNotifications.collect { row('ProcessingError', it.locations[0].physicalLocation) }
    def checkstyle = new groovy.xml.XmlSlurper().parse(reports.resolve('dbcheck-checkstyle.xml').toFile())
    def checkstyleRows = checkstyle.file.collectMany { f ->
        f.error.collect { e ->
            [e.@source.text().tokenize('.').last(), f.@name.text(), e.@line.text() as int, e.@column.text() as int]
        }
    }
    def order = { a, b -> a[1] <=> b[1] ?: a[2] <=> b[2] ?: a[3] <=> b[3] ?: a[0] <=> b[0] }
    assert sarifRows.sort(false, order) == checkstyleRows.sort(false, order)
    sarifRows.sort(false, order)
}

def lines = { java.nio.file.Path reports ->
    ["[INFO] dbcheck: report written: ${reports.resolve('dbcheck.sarif')}",
     "[INFO] dbcheck: report written: ${reports.resolve('dbcheck-checkstyle.xml')}"]*.toString()
}

// The validation errors of a SARIF file against the schema kept with the tests (the sarifSchema script
// variable); empty when it is valid. Offline: the schema's own id maps to the file, anything remote fails.
def sarifErrors = { java.nio.file.Path sarifFile, String schemaPath ->
    def schemaId = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json'
    def schemaFile = new File(schemaPath)
    assert schemaFile.isFile(): "SARIF schema not found at ${schemaFile}"
    def factory = com.networknt.schema.JsonSchemaFactory.getInstance(com.networknt.schema.SpecVersion.VersionFlag.V4,
            { builder -> builder.schemaLoaders({ loaders -> loaders.add({ iri ->
                String uri = iri.toString()
                if (uri == schemaId) {
                    return ({ -> new FileInputStream(schemaFile) } as com.networknt.schema.resource.InputStreamSource)
                }
                assert !(uri.startsWith('http:') || uri.startsWith('https:')): "schema validation tried to fetch ${uri}"
                return null
            } as com.networknt.schema.resource.SchemaLoader) }) })
    def config = com.networknt.schema.SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build()
    def schema = factory.getSchema(com.networknt.schema.SchemaLocation.of(schemaId), config)
    def log = new com.fasterxml.jackson.databind.ObjectMapper().readTree(sarifFile.toFile())
    schema.validate(log).collect { it.toString() }.sort()
}

[rows: rows, lines: lines, sarifErrors: sarifErrors]
