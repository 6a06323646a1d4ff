#!/usr/bin/env bash
# What analyzing several roots together costs against analyzing them one by one (issue 12 target:
# within 2x): ROUNDS alternating runs of `lockopt analyze JAR...` (together) and of one
# `lockopt analyze JAR` per jar (summed), the median wall time of each and their ratio; then the
# same with all but the first jar given as --classpath-sources. The jars are sources jars of the
# triage set (scripts/triage/libraries.txt), fetched like scripts/triage.sh does.
#
#   scripts/multi-root-cost.sh [ROUNDS=3] [ARTIFACT...=zookeeper activemq-client kafka-clients]
#
# Work goes to target/triage/ (WORK overrides), shared with scripts/triage.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

script=multi-root-cost
work="${WORK:-$root/target/triage}"
rounds=${1:-3}
shift || true
artifacts=("$@")
[[ ${#artifacts[@]} -gt 0 ]] || artifacts=(zookeeper activemq-client kafka-clients)
# shellcheck source=scripts/lib/sources-jars.sh
source "$root/scripts/lib/sources-jars.sh"
parse_options

coordinates=() jars=()
for artifact in "${artifacts[@]}"; do
  coords=$(grep -v '^#' scripts/triage/libraries.txt | grep ":$artifact:" | head -1)
  [[ -n "$coords" ]] || { echo "$script: $artifact is not in scripts/triage/libraries.txt" >&2; exit 2; }
  coordinates+=("$coords")
  IFS=: read -r _ name version <<<"$coords"
  jars+=("$work/jars/$name-$version-sources.jar")
done
fetch_sources_jars "${coordinates[@]}"

lockopt_jvm_opts="${LOCKOPT_JAVA_OPTS--XX:TieredStopAtLevel=1 -XX:+UseSerialGC}"
analyze() { # args... -> wall milliseconds of one analyze run
  local start end
  start=$(date +%s%N)
  # shellcheck disable=SC2086
  java $lockopt_jvm_opts -jar "$jar" analyze "$@" --confidence low --format json --output /dev/null \
      --fail-on never --quiet
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}
median() { tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

apart=() together=() classpath=()
for _ in $(seq "$rounds"); do
  sum=0
  for j in "${jars[@]}"; do
    sum=$((sum + $(analyze "$j")))
  done
  apart+=("$sum")
  together+=("$(analyze "${jars[@]}")")
  rest=("${jars[@]:1}")
  classpath+=("$(analyze "${jars[0]}" "${rest[@]/#/--classpath-sources=}")")
done
a=$(echo "${apart[@]}" | median)
t=$(echo "${together[@]}" | median)
c=$(echo "${classpath[@]}" | median)
echo "roots: ${artifacts[*]}"
echo "one by one (sum): ${apart[*]} ms (median $a)"
echo "together:         ${together[*]} ms (median $t)"
echo "first + --classpath-sources rest: ${classpath[*]} ms (median $c)"
awk -v a="$a" -v t="$t" -v c="$c" \
    'BEGIN { printf "ratio together/one by one: %.2f; with --classpath-sources: %.2f\n", t / a, c / a }'
