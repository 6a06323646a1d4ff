def log = new File(basedir, 'build.log').text
def lines = log.readLines().findAll { it.contains('lockopt: ') }
assert lines.size() == 1 : lines
assert lines[0].startsWith('[ERROR] Failed to execute goal io.lockopt:lockopt-maven-plugin:')
assert lines[0].contains("lockopt: failOn must be error, warning, note or never, got 'sometimes'")
