#!/usr/bin/env bash
# Attach-to-first-data of `lockopt profile --pid` on the demo service (`lockopt demo --strategy
# exclusive`): RUNS times, a fresh demo JVM is started, profiled once (first attach: the agent
# jar, its shaded ASM and the hooks load for the first time in that JVM) and then again (re-attach).
# Each figure is the report's session.timeToFirstDataNanos: from the start of the attach until
# the client read the first snapshot in which a lock had been acquired (attachNanos: until the
# agent reported ready). Prints each run and the medians; exits 1 when the first-attach median
# is 2 s or more.
#
#   scripts/profile-attach.sh [RUNS=5]
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 scripts/profile-attach.sh
#
# Needs a JDK and jq. On Java 21+ the demo logs the JEP 451 warning at each attach (expected).
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${1:-5}
if ! [[ $runs =~ ^[1-9][0-9]*$ ]]; then
  echo "profile-attach: RUNS must be a positive whole number" >&2
  exit 2
fi
if ! command -v jq >/dev/null 2>&1; then
  echo "profile-attach: jq is needed to read the JSON report" >&2
  exit 2
fi
./lockopt --version >/dev/null # builds the jar on first use
jar=cli/target/lockopt/lib/lockopt.jar
java=java
if [[ -n "${JAVA_HOME:-}" ]]; then
  java="$JAVA_HOME/bin/java"
fi
limit_ms=2000
warmup_seconds=3
work=$(mktemp -d "${TMPDIR:-/tmp}/lockopt-attach.XXXXXX")
demo=
cleanup() {
  if [[ -n $demo ]] && kill -0 "$demo" 2>/dev/null; then
    kill "$demo" 2>/dev/null || true
    wait "$demo" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# Waits until the demo has printed its line for second N ("[    3s] ticks ...").
await_second() { # LOG N
  local deadline=$((SECONDS + 60))
  until sed -nE 's/^\[ *([0-9]+)s\].*/\1/p' "$1" | awk -v n="$2" '$1 >= n { found = 1 } END { exit !found }'; do
    if ((SECONDS > deadline)) || ! kill -0 "$demo" 2>/dev/null; then
      echo "profile-attach: the demo did not start; its output:" >&2
      tail -n 5 "$1" >&2
      exit 3
    fi
    sleep 0.2
  done
}

profile() { # NAME -> prints "attachMillis firstDataMillis"
  local json="$work/$1.json"
  if ! "$java" -jar "$jar" profile --pid "$demo" --duration 2s --interval 600s --json "$json" \
      >"$work/$1.txt" 2>"$work/$1.err"; then
    echo "profile-attach: lockopt profile failed:" >&2
    tail -n 3 "$work/$1.err" >&2
    exit 3
  fi
  jq -r '.session | "\(.attachNanos / 1e6 | floor) \(if .timeToFirstDataNanos == null then "none" else (.timeToFirstDataNanos / 1e6 | floor) end)"' "$json"
}

median() { # values... (integers; "none" counts as infinitely late)
  printf '%s\n' "$@" | sed 's/^none$/999999999/' | sort -n | awk '{ v[NR] = $1 } END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; if (m >= 999999999) print "none"; else printf "%.0f\n", m }'
}

version=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.version = //p')
echo "lockopt profile attach-to-first-data on the demo (--strategy exclusive), Java $version," \
  "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-5s %18s %18s %18s %18s\n' run "first: ready ms" "first: data ms" "again: ready ms" "again: data ms"
firsts=()
agains=()
for ((r = 1; r <= runs; r++)); do
  : >"$work/demo-$r.log"
  "$java" -jar "$jar" demo --strategy exclusive --duration 120s >"$work/demo-$r.log" 2>&1 &
  demo=$!
  await_second "$work/demo-$r.log" "$warmup_seconds"
  read -r first_ready first_data < <(profile "first-$r")
  read -r again_ready again_data < <(profile "again-$r")
  kill "$demo" 2>/dev/null || true
  wait "$demo" 2>/dev/null || true
  demo=
  printf '%-5s %18s %18s %18s %18s\n' "$r" "$first_ready" "$first_data" "$again_ready" "$again_data"
  firsts+=("$first_data")
  agains+=("$again_data")
done
first_median=$(median "${firsts[@]}")
again_median=$(median "${agains[@]}")
echo "median time to first data: first attach $first_median ms, re-attach $again_median ms (target: under $limit_ms ms)"
if [[ $first_median == none ]] || ((first_median >= limit_ms)); then
  echo "profile-attach: the first-attach median is not under $limit_ms ms" >&2
  exit 1
fi
