#!/usr/bin/env bash
# A soak of the always-on agent: the demo (exclusive strategy, 8 readers) started with
# -javaagent:lib/lockopt-agent.jar (its defaults), sampled once a minute for MINUTES minutes:
# the live heap (the old generation's use right after a full GC, jcmd GC.run then jstat -gc:
# a full GC leaves every live object there, and what the demo allocates next goes to eden),
# metaspace, resident set size and threads (/proc/PID/status), and the demo's reads so far.
# The agent's memory is flat after warm-up when the live heap and metaspace stop growing while
# the reads go on (RSS also follows the heap the JVM commits, which grows up to -Xmx). The demo
# is started for 5 minutes more than MINUTES, as the sampling takes time too, and is stopped
# after the last sample.
#
#   scripts/profile-soak.sh [MINUTES=10]
set -euo pipefail
cd "$(dirname "$0")/.."

minutes=${1:-10}
if ! [[ $minutes =~ ^[0-9]+$ ]] || (( minutes < 1 )); then
  echo "profile-soak: MINUTES must be a whole number of minutes, at least 1" >&2
  exit 2
fi
./lockopt --version >/dev/null # builds the jar on first use
jar=cli/target/lockopt/lib/lockopt.jar
agent=cli/target/lockopt/lib/lockopt-agent.jar
java=java jcmd=jcmd jstat=jstat
if [[ -n "${JAVA_HOME:-}" ]]; then
  java="$JAVA_HOME/bin/java" jcmd="$JAVA_HOME/bin/jcmd" jstat="$JAVA_HOME/bin/jstat"
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/lockopt-soak.XXXXXX")
log="$work/demo.log"
pid=
cleanup() {
  if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
  fi
  rm -rf "$work"
}
trap cleanup EXIT

"$java" "-javaagent:$agent" -jar "$jar" demo --strategy exclusive --readers 8 \
  --duration "$((minutes * 60 + 300))s" >"$log" 2>&1 &
pid=$!

# "OU MU" in KiB right after a full GC: old generation used (the live heap) and metaspace used.
live_kib() {
  "$jcmd" "$pid" GC.run >/dev/null
  "$jstat" -gc "$pid" | awk 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i }
    NR == 2 { print $col["OU"], $col["MU"] }'
}

status_kib() { # FIELD of /proc/PID/status
  awk -v f="$1:" '$1 == f { print $2 }' "/proc/$pid/status"
}

reads_so_far() {
  sed -nE 's/^\[ *[0-9]+s\].* reads ([0-9,]+) \(.*/\1/p' "$log" | tail -n 1 | tr -d ,
}

echo "lockopt soak: always-on agent, demo pid $pid, $minutes min, $(date -u +%Y-%m-%dT%H:%MZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-7s %14s %14s %10s %8s %16s %s\n' minute "live heap MiB" "metaspace MiB" "RSS MiB" threads reads load
for ((m = 1; m <= minutes; m++)); do
  sleep 60
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "profile-soak: the demo ended early:" >&2
    tail -n 5 "$log" >&2
    exit 3
  fi
  read -r old meta < <(live_kib)
  printf '%-7s %14.1f %14.1f %10.1f %8s %16s %s\n' "$m" "$(awk -v k="${old:-0}" 'BEGIN { print k / 1024 }')" \
    "$(awk -v k="${meta:-0}" 'BEGIN { print k / 1024 }')" \
    "$(awk -v k="$(status_kib VmRSS)" 'BEGIN { print k / 1024 }')" "$(status_kib Threads)" "$(reads_so_far)" \
    "$(cut -d' ' -f1 /proc/loadavg)"
done
kill "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
pid=
