def json = new groovy.json.JsonSlurper()
def log = new File(basedir, 'build.log').text
assert log.contains('lockopt: 1 files analyzed: 1 finding (SynchronizedOnGetClass 1), 1 suppressed, 0 baselined')
['txt', 'json', 'sarif', 'codeclimate.json'].each {
    assert log =~ /lockopt: wrote .*target\/lockopt\/lockopt\.${java.util.regex.Pattern.quote(it)}/
}

// GitLab Code Quality: the new finding only, with GitLab's required fields
def issues = json.parse(new File(basedir, 'target/lockopt/lockopt.codeclimate.json'))
assert issues.size() == 1
def issue = issues[0]
assert issue.check_name == 'SynchronizedOnGetClass'
assert issue.severity == 'major'
assert issue.description.startsWith('getClass() returns the runtime subclass')
assert issue.fingerprint ==~ /[0-9a-f]{32}/
assert issue.location.path == 'src/main/java/demo/Registry.java'
assert issue.location.lines.begin == 8

// SARIF: the suppressed finding is left out by default ...
def sarif = json.parse(new File(basedir, 'target/lockopt/lockopt.sarif'))
assert sarif.runs[0].results.size() == 1
assert sarif.runs[0].results[0].locations[0].physicalLocation.region.startLine == 8
assert sarif.runs[0].results[0].partialFingerprints['lockopt/v1'] == issue.fingerprint
// ... and listed, marked as suppressed in the source, with sarifIncludeSuppressed
def all = json.parse(new File(basedir, 'target/with-suppressed/lockopt.sarif'))
assert all.runs[0].results.size() == 2
def suppressed = all.runs[0].results.findAll { it.suppressions }
assert suppressed.size() == 1
assert suppressed[0].suppressions[0].kind == 'inSource'
assert suppressed[0].locations[0].physicalLocation.region.startLine == 14

assert new File(basedir, 'target/lockopt/lockopt.txt').text.contains('Registry.java:8:9: warning: ')
assert json.parse(new File(basedir, 'target/lockopt/lockopt.json')).summary.suppressed == 1
