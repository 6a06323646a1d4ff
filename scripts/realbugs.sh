#!/usr/bin/env bash
# Real-bug recall: runs `lockopt analyze` on the sources jar of the buggy release of each
# historically reported lock bug in scripts/realbugs/bugs.tsv (fetched from Maven Central) and
# prints, per bug, whether a finding of the fitting rule lies at one of the labelled lines (its
# own location or a related one), by default or only with --confidence low.
#
#   scripts/realbugs.sh            # fetch (first run), analyze, report
#   scripts/realbugs.sh --rebuild  # rebuild lockopt first (after changing the analyzer)
#
# Work goes to target/realbugs/ (WORK overrides): jars/, out/ (JSON reports), report.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

rebuild=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rebuild) rebuild=1; shift ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "realbugs: unknown option $1" >&2; exit 2 ;;
  esac
done

work="${WORK:-$root/target/realbugs}"
jar="${LOCKOPT_JAR:-$root/cli/target/lockopt.jar}"
bugs="$root/scripts/realbugs/bugs.tsv"
dependency_plugin=org.apache.maven.plugins:maven-dependency-plugin:3.8.1
mkdir -p "$work/jars" "$work/out"

if [[ $rebuild -eq 1 || ! -f "$jar" ]]; then
  echo "== building lockopt (mvn -q -B -DskipTests install)"
  mvn -q -B -DskipTests install
fi

echo "== fetching the buggy releases' sources jars into $work/jars"
coordinates=$(awk -F'\t' 'NR > 1 && $0 !~ /^#/ && NF >= 6 { print $3 }' "$bugs" | sort -u)
for coords in $coordinates; do
  IFS=: read -r group artifact version <<<"$coords"
  if [[ ! -f "$work/jars/$artifact-$version-sources.jar" ]]; then
    mvn -q -B -Dstyle.color=never "$dependency_plugin:copy" -Dartifact="$group:$artifact:$version:jar:sources" \
        -DoutputDirectory="$work/jars" >>"$work/maven.log" 2>&1 \
        || { echo "realbugs: cannot fetch $coords (see $work/maven.log)" >&2; exit 3; }
  fi
done

echo "== analyzing (every confidence)"
rm -f "$work"/out/*.json
lockopt_jvm_opts="${LOCKOPT_JAVA_OPTS--XX:TieredStopAtLevel=1 -XX:+UseSerialGC}"
for coords in $coordinates; do
  IFS=: read -r group artifact version <<<"$coords"
  name="$artifact-$version"
  # shellcheck disable=SC2086
  (cd "$work" && java $lockopt_jvm_opts -jar "$jar" analyze "jars/$name-sources.jar" --confidence low \
      --format json --output "out/$name.json" --fail-on never --quiet)
  echo "   $name"
done

echo "== comparing with $bugs"
mvn -q -B -pl analyzer test-compile exec:java -Dexec.mainClass=io.lockopt.analyzer.triage.RealBugsReport \
    -Dexec.classpathScope=test -Dexec.args="$bugs $work/out" | tee "$work/report.txt"
