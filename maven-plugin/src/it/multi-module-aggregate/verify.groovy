def log = new File(basedir, 'build.log').text
// check in each module: the half it sees is no inversion
assert log.count('lockopt: 1 files analyzed: 0 findings') == 1
assert log.count('lockopt: 2 files analyzed: 0 findings') == 1
// aggregate over both modules
assert log =~ /(?m)^\[ERROR\] accounts\/src\/main\/java\/demo\/accounts\/Account\.java:12:13: error: Ledger\.this is acquired here while Account\.lock is held.*\[LockOrderInversion\]$/
assert log.contains('lockopt: 3 files analyzed: 1 finding (LockOrderInversion 1)')
assert log.contains('lockopt: 1 finding at or above failOn=warning')
