#!/usr/bin/env bash
# Real-bug recall: runs `lockopt analyze` on the sources jar of the buggy release of each
# historically reported lock bug in scripts/realbugs/bugs.tsv (fetched from Maven Central) and
# prints, per bug, whether a finding of the fitting rule lies at one of the labelled lines (its
# own location or a related one), by default or only with --confidence low.
#
#   scripts/realbugs.sh            # fetch (first run), analyze, report
#   scripts/realbugs.sh --rebuild  # rebuild lockopt first (after changing the analyzer)
#
# Work goes to target/realbugs/ (WORK overrides); exit 1 when a bug in scripts/realbugs/found.tsv is lost.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

script=realbugs
work="${WORK:-$root/target/realbugs}"
bugs="$root/scripts/realbugs/bugs.tsv"
# shellcheck source=scripts/lib/sources-jars.sh
source "$root/scripts/lib/sources-jars.sh"
parse_options "$@"

mapfile -t coordinates < <(awk -F'\t' 'NR > 1 && $0 !~ /^#/ && NF >= 6 { print $3 }' "$bugs" | sort -u)
echo "== fetching the buggy releases' sources jars into $work/jars"
fetch_sources_jars "${coordinates[@]}"

echo "== analyzing (every confidence)"
analyze_sources_jars "${coordinates[@]}"

echo "== comparing with $bugs"
mvn -q -B -pl analyzer test-compile exec:java -Dexec.mainClass=io.lockopt.analyzer.triage.RealBugsReport \
    -Dexec.classpathScope=test -Dexec.args="$bugs $work/out" | tee "$work/report.txt"

# A bug found before must stay found at least as well: scripts/realbugs/found.tsv lists what the
# committed code finds (bug id, "default" or "low"); a rule change that loses one fails here.
found="$root/scripts/realbugs/found.tsv"
lost=0
while IFS=$'\t' read -r bug how; do
  [[ -z "$bug" || "$bug" == \#* ]] && continue
  line=$(grep -E "^$bug[[:space:]]" "$work/report.txt" || true)
  if [[ "$how" == default && "$line" != *" found" ]] || [[ "$line" != *found* ]]; then
    echo "$script: $bug was found ($how) and is no longer: $line" >&2
    lost=1
  fi
done < "$found"
[[ $lost -eq 0 ]] && echo "realbugs: every bug in scripts/realbugs/found.tsv is still found"
exit $lost
