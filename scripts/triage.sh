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

script=triage
work="${WORK:-$root/target/triage}"
# shellcheck source=scripts/lib/sources-jars.sh
source "$root/scripts/lib/sources-jars.sh"
parse_options "$@"

mapfile -t libraries < <(grep -v '^#' scripts/triage/libraries.txt | grep -v '^[[:space:]]*$')
echo "== fetching the triage set's sources jars into $work/jars"
fetch_sources_jars "${libraries[@]}"

echo "== analyzing (every confidence; fingerprints depend on the jars/ paths, so run from $work)"
analyze_sources_jars "${libraries[@]}"

echo "== comparing with scripts/triage/verdicts.tsv"
mvn -q -B -pl analyzer test-compile exec:java -Dexec.mainClass=io.lockopt.analyzer.triage.TriageReport \
    -Dexec.classpathScope=test -Dexec.args="$root/scripts/triage/verdicts.tsv $root/scripts/triage/known-false-positives.tsv $work/out" | tee "$work/report.txt"
