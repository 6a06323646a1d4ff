#!/usr/bin/env bash
# Throughput of the demo service (exclusive strategy, 8 readers) plain, while `lockopt profile`
# is attached, and under JFR with jdk.JavaMonitorEnter and jdk.ThreadPark at threshold 0 (the
# anchor), alternating the three, ROUNDS times each. Prints reads/s per run and the ratios.
#
#   scripts/profile-overhead.sh [--always-on] [ROUNDS=6] [SECONDS=24]
#
# --always-on: the second column is the demo started with the agent always on
# (-javaagent:lib/lockopt-agent.jar, its defaults: JFR events ready but no recording, MXBeans
# registered) instead of `lockopt profile` attached; the window is the same.
#
# Reads/s is the demo's own per-second figure, averaged over seconds 12..SECONDS-2 of each run;
# in the profiled run the agent is attached at second 2 and stays for that whole window, which
# starts late enough to leave out the attach itself and the JIT's recompilation after it.
#
# Reads per CPU second is the second figure: the reads the demo counted between seconds 12 and
# SECONDS-2 of the run over the CPU time its JVM used meanwhile (/proc/PID/stat). On a machine
# that other work keeps busy, reads/s mostly says how much CPU the demo was given; reads per CPU
# second says what each read cost, which is the profiler's overhead, whatever the load (it does
# not count time lost idle in a lock convoy, which reads/s does).
set -euo pipefail
cd "$(dirname "$0")/.."

measured=lockopt label=profile
if [[ ${1:-} == --always-on ]]; then
  measured=always-on label=always-on
  shift
fi
rounds=${1:-6}
seconds=${2:-24}
if (( seconds < 16 )); then
  echo "profile-overhead: SECONDS must be at least 16" >&2
  exit 2
fi
./lockopt --version >/dev/null # builds the jar on first use
jar=cli/target/lockopt/lib/lockopt.jar
agent=cli/target/lockopt/lib/lockopt-agent.jar
java=java
if [[ -n "${JAVA_HOME:-}" ]]; then
  java="$JAVA_HOME/bin/java"
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/lockopt-overhead.XXXXXX")
trap 'rm -rf "$work"' EXIT
first=12
last=$((seconds - 2))

# Average reads/s over the window from a demo log ("[    7s] ticks ... reads 1,234 (+567/s) ...").
reads_per_second() {
  sed -nE 's/^\[ *([0-9]+)s\].* reads [0-9,]+ \(\+([0-9,]+)\/s\).*/\1 \2/p' "$1" | tr -d , |
    awk -v a="$first" -v b="$last" '$1 >= a && $1 <= b { sum += $2; n++ } END { if (n) printf "%.0f\n", sum / n; else print 0 }'
}

cpu_ticks() { # PID -> user + system clock ticks so far
  awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0
}

reads_so_far() { # LOG -> the demo's last printed cumulative read count
  sed -nE 's/^\[ *[0-9]+s\].* reads ([0-9,]+) \(.*/\1/p' "$1" | tail -n 1 | tr -d , | sed 's/^$/0/'
}

# Samples the demo's CPU time and read count at seconds FIRST and LAST after its start (in the
# background, so that the attach in the profiled run goes on meanwhile); writes "reads ticks".
sample_cost() { # PID LOG OUT
  local pid=$1 log=$2 out=$3 c1 r1 c2 r2
  sleep "$first"
  c1=$(cpu_ticks "$pid") r1=$(reads_so_far "$log")
  sleep "$((last - first))"
  c2=$(cpu_ticks "$pid") r2=$(reads_so_far "$log")
  echo "$((r2 - r1)) $((c2 - c1))" >"$out"
}

run() { # MODE ROUND -> prints reads/s and reads per CPU second
  local mode=$1 round=$2 log="$work/$1-$2.log"
  local opts=()
  if [[ $mode == jfr ]]; then
    opts=("-XX:StartFlightRecording:jdk.JavaMonitorEnter#threshold=0ms,jdk.ThreadPark#threshold=0ms,filename=$work/$round.jfr")
  elif [[ $mode == always-on ]]; then
    opts=("-javaagent:$agent")
  fi
  "$java" "${opts[@]}" -jar "$jar" demo --strategy exclusive --readers 8 --duration "${seconds}s" >"$log" 2>&1 &
  local pid=$!
  sample_cost "$pid" "$log" "$work/cost-$mode-$round" &
  local sampler=$!
  if [[ $mode == lockopt ]]; then
    sleep 2
    if ! "$java" -jar "$jar" profile --pid "$pid" --duration "$((seconds - 3))s" --interval 600s \
        >"$work/profile-$round.txt" 2>&1; then
      echo "profile-overhead: lockopt profile failed:" >&2
      tail -n 3 "$work/profile-$round.txt" >&2
    fi
  fi
  wait "$pid"
  wait "$sampler"
  local per_cpu
  per_cpu=$(awk -v hz="$(getconf CLK_TCK)" '{ printf "%.0f", ($2 > 0 ? $1 * hz / $2 : 0) }' "$work/cost-$mode-$round")
  echo "$(reads_per_second "$log") $per_cpu"
}

printf '%-6s %12s %20s %20s   %s\n' round plain "$measured" jfr "reads per CPU second: plain, $measured, jfr"
declare -a plain profiled jfr plainCpu profiledCpu jfrCpu
for ((r = 1; r <= rounds; r++)); do
  read -r plain[r] plainCpu[r] < <(run plain "$r")
  read -r profiled[r] profiledCpu[r] < <(run "$measured" "$r")
  read -r jfr[r] jfrCpu[r] < <(run jfr "$r")
  awk -v r="$r" -v p="${plain[r]}" -v l="${profiled[r]}" -v j="${jfr[r]}" \
      -v pc="${plainCpu[r]}" -v lc="${profiledCpu[r]}" -v jc="${jfrCpu[r]}" 'BEGIN {
    printf "%-6s %12d %12d (%5.1f%%) %12d (%5.1f%%)   %d, %d (%5.1f%%), %d (%5.1f%%)\n", r, p, l, p ? 100 * l / p : 0,
      j, p ? 100 * j / p : 0, pc, lc, pc ? 100 * lc / pc : 0, jc, pc ? 100 * jc / pc : 0 }'
done

# Mean of the runs' figures (ratio of the means), and the median of the per-round ratios: one
# round caught in a bad lock convoy moves the mean a lot on 2 cores.
summary() { # WHAT PLAIN MEASURED JFR (files of one figure per round)
  paste "$2" "$3" "$4" | awk -v n="$rounds" -v name="$label" -v what="$1" '
    { p += $1; l += $2; j += $3; rl[NR] = $1 ? $2 / $1 : 0; rj[NR] = $1 ? $3 / $1 : 0 }
    function median(a, k,   i, j, t) {
      for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
      return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
    }
    END {
      printf "mean %s: plain %.0f, lockopt %s %.0f (%.1f%% of plain), JFR locks@0 %.0f (%.1f%% of plain)\n",
        what, p / n, name, l / n, p ? 100 * l / p : 0, j / n, p ? 100 * j / p : 0
      printf "median of the rounds (%s): lockopt %s %.1f%% of plain, JFR locks@0 %.1f%% of plain\n",
        what, name, 100 * median(rl, n), 100 * median(rj, n)
    }'
}
printf '%s\n' "${plain[@]}" >"$work/plain"
printf '%s\n' "${profiled[@]}" >"$work/lockopt"
printf '%s\n' "${jfr[@]}" >"$work/jfr"
printf '%s\n' "${plainCpu[@]}" >"$work/plain-cpu"
printf '%s\n' "${profiledCpu[@]}" >"$work/lockopt-cpu"
printf '%s\n' "${jfrCpu[@]}" >"$work/jfr-cpu"
summary reads/s "$work/plain" "$work/lockopt" "$work/jfr"
summary "reads per CPU second" "$work/plain-cpu" "$work/lockopt-cpu" "$work/jfr-cpu"
