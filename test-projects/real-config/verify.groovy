// Configuration as real projects write it: config/application.yml (Maven tokens, placeholders with and without
// defaults, a dev and a prod document), bootstrap.yml (Maven tokens only), application-local.properties (a
// profile that is not production's) and application-tabs.yml (a tab: one note, the rest analysed).
def log = new File(basedir, 'build.log').readLines()
def path = { String rel -> new File(basedir, rel).absolutePath }
def config = path('src/main/resources/config/application.yml')

def expected = [
        // The placeholder's default is what runs unless the environment sets DB_POOL_MAX: the finding says so.
        "[WARNING] ${config}:[12,7] OversizedConnectionPool: spring.datasource.hikari.maximum-pool-size: ${'$'}{DB_POOL_MAX:80} (80 unless DB_POOL_MAX is set)",
        // A document for the dev profile: info, naming the profile.
        "[INFO] ${config}:[22,7] OversizedConnectionPool: spring.datasource.druid.max-active: 1000 (profile dev)",
        // The prod document keeps the rule's severity.
        "[WARNING] ${config}:[28,7] OversizedConnectionPool: spring.datasource.druid.max-active: 200 (profile prod)",
        "[INFO] ${path('src/main/resources/application-local.properties')}:[1,1] OversizedConnectionPool: spring.datasource.hikari.maximum-pool-size: 300 (profile local)",
]*.toString()

def findingLines = log.findAll { it =~ /\] [A-Z][A-Za-z]+: / && it.contains('/src/main/') }
expected.each { e -> assert findingLines.any { it.startsWith(e) } : "missing finding line:\n${e}\nfound:\n${findingLines.join('\n')}" }
assert findingLines.size() == expected.size() : "unexpected finding lines:\n${findingLines.join('\n')}"

// No file is left unread because of Maven tokens; the file with a tab is one note, grouped in the summary.
def notes = log.findAll { it.contains(' Processing error: ') }
assert notes == ["[INFO] ${path('src/main/resources/application-tabs.yml')}:[3,1] Processing error: Cannot read the " +
        "configuration file application-tabs.yml (tab indentation): a tab indents this line, and YAML allows only " +
        "spaces there (Spring Boot cannot read the file either)"]*.toString() : notes.join('\n')
assert log.contains('[INFO] dbcheck: 1 configuration file could not be read (tab indentation), listed above and in ' +
        'the reports; the rest of the project was analysed') : log.findAll { it.contains('dbcheck:') }.join('\n')
assert log.any { it.contains('dbcheck: 4 findings (2 warning, 2 info) in 1 Java file and 4 resource files analysed') } :
        log.findAll { it.contains('dbcheck:') }.join('\n')

// The reports list the unreadable file too.
def sarif = new File(basedir, 'target/dbcheck/dbcheck.sarif').text
assert sarif.contains('application-tabs.yml') && sarif.contains('tab indentation')
return true
