#!/usr/bin/env bash
# The distribution works outside this repository: unpacks cli/target/lockopt-VERSION.zip into a
# temporary directory and runs bin/lockopt from there (--version, analyze with and without its
# class-data-sharing archive, rules, bench --list),
# also through a symlink, with java only in JAVA_HOME, and the runnable jar with java -jar.
# Run by .ci/run after the build; needs unzip.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

script=check-distribution
# shellcheck source=scripts/lib/distribution.sh
source "$root/scripts/lib/distribution.sh"
unpack_distribution unpacked

# expect_exit CODE OUTFILE COMMAND...: runs COMMAND in $tmp/work, stdout and stderr to OUTFILE.
expect_exit() {
  expect_exit_in "$tmp/work" "$@"
}

for f in bin/lockopt bin/lockopt.bat lib/lockopt.jar lib/lockopt-agent.jar LICENSE README; do
  [[ -f "$home/$f" ]] || fail "the zip has no lockopt-$version/$f"
done
[[ -x "$home/bin/lockopt" ]] || fail "bin/lockopt is not executable after unzip"
tar -tzvf "${zip%.zip}.tar.gz" >"$tmp/tar-listing.txt"
grep -q '^-rwxr-xr-x .* lockopt-'"$version"'/bin/lockopt$' "$tmp/tar-listing.txt" \
  || fail "the tar.gz has no executable lockopt-$version/bin/lockopt"

mkdir -p "$tmp/work/src"
cp samples/antipatterns/LockOrderInversion/Bad.java "$tmp/work/src/Transfers.java"

echo "== distribution: bin/lockopt --version"
expect_exit 0 "$tmp/version.txt" "$home/bin/lockopt" --version
grep -q "^lockopt $version\$" "$tmp/version.txt" || fail "--version does not print 'lockopt $version'"

echo "== distribution: bin/lockopt analyze src finds the lock-order inversion (exit 1)"
expect_exit 1 "$tmp/analyze.txt" "$home/bin/lockopt" analyze src
grep -q '^src/Transfers.java:[0-9]*:[0-9]*: .*LockOrderInversion' "$tmp/analyze.txt" \
  || { cat "$tmp/analyze.txt" >&2; fail "analyze printed no LockOrderInversion line for src/Transfers.java"; }

echo "== distribution: class data sharing (rules and an analyze without sources write no archive)"
mkdir -p "$tmp/work/no-sources"
expect_exit 0 "$tmp/rules-cds.txt" env XDG_CACHE_HOME="$tmp/cache" "$home/bin/lockopt" rules
expect_exit 0 "$tmp/analyze-empty-cds.txt" env XDG_CACHE_HOME="$tmp/cache" "$home/bin/lockopt" analyze no-sources
ls "$tmp/cache/lockopt/"classes-*.jsa >/dev/null 2>&1 && fail "rules or an analyze without sources wrote the class archive"

echo "== distribution: class data sharing (an archive in the cache after the first analyze, the same findings with it)"
expect_exit 1 "$tmp/analyze-cds-1.txt" env XDG_CACHE_HOME="$tmp/cache" "$home/bin/lockopt" analyze src --quiet
ls "$tmp/cache/lockopt/"classes-*.jsa >/dev/null 2>&1 || fail "the first analyze wrote no class archive in \$XDG_CACHE_HOME/lockopt"
ls "$tmp/cache/lockopt/"*.tmp >/dev/null 2>&1 && fail "the first analyze left a temporary archive behind"
expect_exit 1 "$tmp/analyze-cds-2.txt" env XDG_CACHE_HOME="$tmp/cache" "$home/bin/lockopt" analyze src --quiet
cmp -s "$tmp/analyze-cds-1.txt" "$tmp/analyze-cds-2.txt" \
  || { diff "$tmp/analyze-cds-1.txt" "$tmp/analyze-cds-2.txt" >&2; fail "analyze printed otherwise with the class archive"; }
expect_exit 1 "$tmp/analyze-no-cds.txt" env XDG_CACHE_HOME="$tmp/cache-off" LOCKOPT_NO_CDS=1 "$home/bin/lockopt" analyze src --quiet
[[ ! -e "$tmp/cache-off/lockopt" ]] || fail "LOCKOPT_NO_CDS=1 still wrote a class archive"

echo "== distribution: a non-ASCII file name under the C locale (no LANG, as CI containers run)"
cp "$tmp/work/src/Transfers.java" "$tmp/work/src/Überweisungen.java"
expect_exit 1 "$tmp/analyze-c-locale.txt" env -u LANG -u LC_ALL -u LC_CTYPE "$home/bin/lockopt" analyze \
  "src/Überweisungen.java" --quiet
grep -q 'Überweisungen.java:[0-9]*:[0-9]*: .*LockOrderInversion' "$tmp/analyze-c-locale.txt" \
  || { cat "$tmp/analyze-c-locale.txt" >&2; fail "under the C locale a non-ASCII path was not analyzed"; }
rm "$tmp/work/src/Überweisungen.java"

echo "== distribution: bin/lockopt rules"
expect_exit 0 "$tmp/rules.txt" "$home/bin/lockopt" rules
grep -q "LockOrderInversion" "$tmp/rules.txt" || fail "rules does not list LockOrderInversion"

echo "== distribution: bin/lockopt bench --list"
expect_exit 0 "$tmp/bench.txt" "$home/bin/lockopt" bench --list --suite counters
grep -q "^counters\.increment" "$tmp/bench.txt" || fail "bench --list does not list counters.increment"

echo "== distribution: through a symlink, with java only in JAVA_HOME (PATH without java)"
java_home="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
mkdir -p "$tmp/bin-link" "$tmp/no-java"
ln -s "$home/bin/lockopt" "$tmp/bin-link/lockopt"
for tool in ls; do ln -s "$(command -v "$tool")" "$tmp/no-java/$tool"; done
expect_exit 1 "$tmp/analyze-link.txt" env PATH="$tmp/no-java" JAVA_HOME="$java_home" /bin/sh "$tmp/bin-link/lockopt" \
  analyze src --quiet
grep -q 'LockOrderInversion' "$tmp/analyze-link.txt" || fail "analyze through the symlink printed no finding"
expect_exit 3 "$tmp/no-java.txt" env PATH="$tmp/no-java" JAVA_HOME= /bin/sh "$home/bin/lockopt" --version
grep -q "no java found" "$tmp/no-java.txt" || fail "without java the launcher does not say so"

echo "== distribution: java -jar cli/target/lockopt-$version.jar analyze src"
expect_exit 1 "$tmp/jar.txt" java -jar "$root/cli/target/lockopt-$version.jar" analyze src --quiet
grep -q 'LockOrderInversion' "$tmp/jar.txt" || fail "the runnable jar printed no finding"

echo "== jbang-catalog.json names this version's runnable jar"
grep -q "\"io.lockopt:lockopt-cli:$version:all\"" jbang-catalog.json \
  || fail "jbang-catalog.json does not point at io.lockopt:lockopt-cli:$version:all"

echo "check-distribution: the unpacked distribution works ($home)"
