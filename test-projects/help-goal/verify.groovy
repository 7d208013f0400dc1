// Run 1 (dbcheck:help) and run 2 (dbcheck:help -Ddetail) write into the same build.log, one after the other.
def log = new File(basedir, 'build.log').readLines()

def runs = log.findIndexValues { it.startsWith('[INFO] --- dbcheck-maven-plugin:') && it.contains(':help (default-cli) @ help-goal ---') }
assert runs.size() == 2
def brief = log.subList(runs[0] as int, runs[1] as int)
def detail = log.subList(runs[1] as int, log.size())

[brief, detail].each { run ->
    assert run.contains('This plugin has 4 goals:')
    assert run.contains('dbcheck:baseline')
    assert run.contains('dbcheck:explain')
    assert run.contains('dbcheck:help')
    assert run.contains('dbcheck:verify')
    assert run.any { it.contains("Analyses the project's Java sources and configuration files") }
}
// Without -Ddetail no parameters; with it, every goal lists its own.
assert !brief.any { it.contains('Available parameters:') }
assert detail.count { it == '  Available parameters:' } == 4
// explain prints one rule's page; verbose prints the full text of each finding.
assert detail.drop(detail.indexOf('dbcheck:explain')).any { it ==~ /^    rule$/ }

// The parameters of dbcheck:verify, as "name" from lines such as "    failOn (Default: error)".
def verifyHeading = detail.indexOf('dbcheck:verify')
def parameters = detail.drop(verifyHeading).findAll { it ==~ /^    \w+( \(Default: .*\))?$/ }.collect { it.trim().tokenize(' ')[0] }
assert parameters.containsAll(['cache', 'encoding', 'excludes', 'failOn', 'formats', 'includeTests', 'includes',
                               'languageLevel', 'outputDirectory', 'skip', 'verbose'])
assert detail.contains('    formats (Default: sarif,checkstyle)')
assert detail.contains('      User property: dbcheck.formats')
def formatsDoc = detail.drop(detail.indexOf('    formats (Default: sarif,checkstyle)')).takeWhile { !it.contains('User property') }.join(' ')
['sarif', 'checkstyle', 'gitlab', 'html', 'gl-code-quality-report.json', 'dbcheck-report.html'].each {
    assert formatsDoc.contains(it) : "formats documentation lacks ${it}: ${formatsDoc}"
}
// help analyses nothing.
assert !log.any { it.startsWith('[INFO] dbcheck: ') }
assert log.count { it == '[INFO] BUILD SUCCESS' } == 2
true
