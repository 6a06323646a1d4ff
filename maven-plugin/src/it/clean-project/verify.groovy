def log = new File(basedir, 'build.log').text
assert log.contains('lockopt: 1 files analyzed: 0 findings, 0 suppressed, 0 baselined, 0 file problems')
assert log.contains('BUILD SUCCESS')
