// build.log holds the invocations of invoker.properties, one after the other.
def runs = new File(basedir, 'build.log').text.split(/(?m)^\[INFO\] Building lock-order-inversion 1\.0$/).drop(1)
assert runs.size() == 6

// 1: the finding fails verify, with its compiler-style line (and its notes) in the log
def failed = runs[0]
assert failed =~ /(?m)^\[ERROR\] src\/main\/java\/demo\/Bank\.java:16:13: error: Ledger\.lock is acquired here while Account\.lock is held.*\[LockOrderInversion\]$/
assert failed =~ /(?m)^\[ERROR\] src\/main\/java\/demo\/Bank\.java:\d+:\d+: note: the opposite order: /
assert failed.contains('lockopt: 1 files analyzed: 1 finding (LockOrderInversion 1), 0 suppressed, 0 baselined')
assert failed.contains('BUILD FAILURE')
assert failed =~ /(?m)^\[ERROR\] Failed to execute goal io\.lockopt:lockopt-maven-plugin:.*:check .*lockopt: 1 finding at or above failOn=warning/

// 2: listed in the baseline, it no longer fails the build
def baselined = runs[1]
assert baselined.contains('lockopt: 1 files analyzed: 0 findings, 0 suppressed, 1 baselined, 0 file problems')
assert !baselined.contains('[LockOrderInversion]')
assert baselined.contains('BUILD SUCCESS')

// 3: -Dlockopt.skip analyzes nothing
def skipped = runs[2]
assert skipped.contains('lockopt: skipped (lockopt.skip)')
assert !skipped.contains('files analyzed')
assert skipped.contains('BUILD SUCCESS')

// 4: changedSince=HEAD: the finding is on a line that has not changed
def unchanged = runs[3]
assert unchanged.contains('lockopt: 1 findings outside the lines changed since HEAD not reported')
assert unchanged.contains('lockopt: 1 files analyzed: 0 findings, 0 suppressed, 0 baselined, 0 file problems')
assert unchanged.contains('BUILD SUCCESS')

// 5: a revision git does not know: one line
def unknown = runs[4].readLines().findAll { it.contains('lockopt: ') }
assert unknown.size() == 1 : unknown
assert unknown[0] =~ /^\[ERROR\] Failed to execute goal .*lockopt: changedSince: unknown git revision 'no-such-branch' in /

// the reports of formats=sarif,json, written by every run that analyzed (the last by run 4)
assert failed =~ /lockopt: wrote .*target\/lockopt\/lockopt\.sarif/
assert failed =~ /lockopt: wrote .*target\/lockopt\/lockopt\.json/
def sarif = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/lockopt/lockopt.sarif'))
assert sarif.version == '2.1.0'
assert sarif.runs[0].tool.driver.name == 'lockopt'
assert sarif.runs[0].tool.driver.version ==~ /\d+\.\d+\.\d+.*/
assert new File(basedir, 'target/lockopt/lockopt.json').isFile()

// the analysis cache (on by default): run 1 (in Maven's JVM) wrote it, runs 2 and 4 (forked) reused it
// with the same findings; -Dlockopt.cache=false (run 6) analyzed again
assert new File(basedir, 'target/lockopt/cache.json').isFile()
assert !failed.contains('files unchanged since the last analysis')
assert baselined =~ /lockopt: 1 of 1 files unchanged since the last analysis, their results reused from .*target\/lockopt\/cache\.json/
assert unchanged.contains('lockopt: 1 of 1 files unchanged since the last analysis')
runs.each { assert !it.contains('lockopt: cache ') && !it.contains('cannot write cache') }
def uncached = runs[5]
assert !uncached.contains('files unchanged since the last analysis')
assert uncached.contains('lockopt: 1 files analyzed: 0 findings, 0 suppressed, 1 baselined, 0 file problems')
assert uncached.contains('BUILD SUCCESS')
