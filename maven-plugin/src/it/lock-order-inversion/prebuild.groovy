// A git repository of its own, everything committed: no line has changed since HEAD.
def git(String... args) {
    def command = ['git', '-c', 'user.name=lockopt it', '-c', 'user.email=it@lockopt.invalid',
                   '-c', 'commit.gpgsign=false'] + args.toList()
    def process = command.execute(null, basedir)
    def output = process.text
    assert process.waitFor() == 0 : "git ${args.join(' ')}: ${output}"
}
new File(basedir, '.gitignore').text = 'target/\nbuild.log\n'
git('init', '-q')
git('add', '.')
git('commit', '-q', '-m', 'the sources')
return true
