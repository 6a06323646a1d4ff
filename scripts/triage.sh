#!/usr/bin/env bash
# Real-code triage: runs `lockopt analyze` on the sources jars of the triage set
# (scripts/triage/libraries.txt, fetched from Maven Central) and compares every finding with the
# committed verdicts (scripts/triage/verdicts.tsv). Prints the precision per rule of what analyze
# reports by default (high confidence) and of the low-confidence rest; exits 1 when a finding
# judged FALSE is reported by default (other than the known false positives listed in
# scripts/triage/known-false-positives.tsv) or a finding judged TRUE is no longer reported.
#
#   scripts/triage.sh            # fetch (first run), analyze, compare
#   scripts/triage.sh --rebuild  # rebuild lockopt first (after changing the analyzer)
#
# Work goes to target/triage/ (WORK overrides): jars/, out/ (JSON reports), report.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

rebuild=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rebuild) rebuild=1; shift ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "triage: unknown option $1" >&2; exit 2 ;;
  esac
done

work="${WORK:-$root/target/triage}"
jar="${LOCKOPT_JAR:-$root/cli/target/lockopt.jar}"
dependency_plugin=org.apache.maven.plugins:maven-dependency-plugin:3.8.1
mkdir -p "$work/jars" "$work/out"

if [[ $rebuild -eq 1 || ! -f "$jar" ]]; then
  echo "== building lockopt (mvn -q -B -DskipTests install)"
  mvn -q -B -DskipTests install
fi

echo "== fetching the triage set's sources jars into $work/jars"
while read -r coords; do
  [[ -z "$coords" || "$coords" == \#* ]] && continue
  IFS=: read -r group artifact version <<<"$coords"
  if [[ ! -f "$work/jars/$artifact-$version-sources.jar" ]]; then
    mvn -q -B -Dstyle.color=never "$dependency_plugin:copy" -Dartifact="$group:$artifact:$version:jar:sources" \
        -DoutputDirectory="$work/jars" >>"$work/maven.log" 2>&1 \
        || { echo "triage: cannot fetch $coords (see $work/maven.log)" >&2; exit 3; }
  fi
done < scripts/triage/libraries.txt

echo "== analyzing (every confidence; fingerprints depend on the jars/ paths, so run from $work)"
rm -f "$work"/out/*.json
lockopt_jvm_opts="${LOCKOPT_JAVA_OPTS--XX:TieredStopAtLevel=1 -XX:+UseSerialGC}"
while read -r coords; do
  [[ -z "$coords" || "$coords" == \#* ]] && continue
  IFS=: read -r group artifact version <<<"$coords"
  name="$artifact-$version"
  # shellcheck disable=SC2086
  (cd "$work" && java $lockopt_jvm_opts -jar "$jar" analyze "jars/$name-sources.jar" --confidence low \
      --format json --output "out/$name.json" --fail-on never --quiet)
  echo "   $name"
done < scripts/triage/libraries.txt

echo "== comparing with scripts/triage/verdicts.tsv"
mvn -q -B -pl analyzer test-compile exec:java -Dexec.mainClass=io.lockopt.analyzer.triage.TriageReport \
    -Dexec.classpathScope=test -Dexec.args="$root/scripts/triage/verdicts.tsv $root/scripts/triage/known-false-positives.tsv $work/out" | tee "$work/report.txt"
