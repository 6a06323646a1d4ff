#!/usr/bin/env bash
# What --profile adds to lockopt analyze: ROUNDS alternating runs of `lockopt analyze PATH` with
# and without `--profile REPORT.json`, the median wall time of each and their ratio (target:
# under 1.10). Needs a profile report, e.g. from scripts/advice-check.sh or lockopt profile --json.
#
#   scripts/advice-analyze-cost.sh REPORT.json [PATH=samples/src] [ROUNDS=7]
set -euo pipefail
cd "$(dirname "$0")/.."

report=${1:?usage: scripts/advice-analyze-cost.sh REPORT.json [PATH] [ROUNDS]}
path=${2:-samples/src}
rounds=${3:-7}
./lockopt --version >/dev/null # builds the jar on first use

millis() { # command... -> wall milliseconds
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1 || true
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}
median() { tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

plain=() joined=()
for _ in $(seq "$rounds"); do
  plain+=("$(millis ./lockopt analyze "$path" --format sarif)")
  joined+=("$(millis ./lockopt analyze "$path" --format sarif --profile "$report")")
done
p=$(echo "${plain[@]}" | median)
j=$(echo "${joined[@]}" | median)
echo "analyze $path: plain ${plain[*]} ms (median $p), with --profile ${joined[*]} ms (median $j)"
awk -v p="$p" -v j="$j" 'BEGIN { printf "ratio with/without --profile: %.3f\n", j / p }'
