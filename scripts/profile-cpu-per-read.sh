#!/usr/bin/env bash
# Where the demo's CPU goes per read, plain and with the agent: the demo (exclusive strategy, 8
# readers) runs SECONDS=18 s per variant, alternating the variants ROUNDS times; `perf record`
# samples its CPU (cpu-clock, 1999 Hz) over seconds 8-16, and the samples are divided by the reads
# the demo counted meanwhile. Prints, per run, nanoseconds of CPU per read split by where they were
# spent, then each variant's mean and its difference from plain's.
#
#   scripts/profile-cpu-per-read.sh [ROUNDS=4] [NAME=JVM_OPTIONS ...]
#
# Default variants: plain= and always-on=-javaagent:lib/lockopt-agent.jar. A variant's options
# are split on spaces, e.g. 'no-jfr=-javaagent:cli/target/lockopt/lib/lockopt-agent.jar=jfr=false'.
# TOP=N also prints each run's N hottest symbols (per million reads).
#
# The split (dso of each sample): "java" is compiled Java code (the JIT's code cache, less the
# interpreter and its adapters), "interp" the interpreter, call adapters and stubs (code not yet
# or no longer compiled), "clock" System.nanoTime (vdso and libc's clock_gettime: the demo reads
# the clock four times a read, about half its CPU on this kind of virtual machine), "jvm" libjvm
# (GC, JIT compilers, runtime), "kernel" the rest of the kernel's share (scheduling, futexes, page
# faults), "per-clock" the total over the clock's share. The demo reads the clock four times per
# read whatever else it does (the agent reads it only for its sampled holds and for waits), so the
# clock's CPU per read is a fixed amount of work that moves only with the speed the shared host gives
# the VM at that moment (plain runs of one series: 116-160 ns per read); dividing by it takes most
# of that out (the same runs: 2.42-2.59), so variants are compared by it. Why this and not reads/s:
# on a 2-core machine shared with other work, reads/s says how
# much CPU the demo was given and reads per CPU second mixes in the kernel; the compiled code's
# share of a plain run moved by a few ns per read from run to run at load 5-10 (docs/performance.md,
# 2026-12-04), so an agent's few ns per acquisition show in three or four runs. Needs perf, allowed
# to sample the user's own processes (perf_event_paranoid <= 2).
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=${1:-4}
shift || true
variants=("$@")
./lockopt --version >/dev/null # builds the jars on first use
jar=cli/target/lockopt/lib/lockopt.jar
agent=cli/target/lockopt/lib/lockopt-agent.jar
if ((${#variants[@]} == 0)); then
  variants=("plain=" "always-on=-javaagent:$agent")
fi
command -v perf >/dev/null || { echo "profile-cpu-per-read: needs perf" >&2; exit 2; }
java=java
if [[ -n "${JAVA_HOME:-}" ]]; then
  java="$JAVA_HOME/bin/java"
fi
seconds=18 first=8 last=16 hz=1999
work=$(mktemp -d "${TMPDIR:-/tmp}/lockopt-cpu-per-read.XXXXXX")
trap 'rm -rf "$work"' EXIT

reads_at() { # LOG SECOND -> the demo's cumulative read count printed at that second
  sed -nE "s/^\[ *$2s\].* reads ([0-9,]+) \(.*/\1/p" "$1" | tr -d ,
}

run() { # NAME OPTIONS ROUND -> prints one result line
  local name=$1 options=$2 round=$3 log="$work/$1-$3.log" data="$work/$1-$3.data"
  # shellcheck disable=SC2086 # options are split on spaces on purpose
  "$java" -XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit $options -jar "$jar" demo --strategy exclusive \
      --readers 8 --duration "${seconds}s" >"$log" 2>&1 &
  local pid=$!
  sleep "$first"
  perf record -q -e cpu-clock -F "$hz" -p "$pid" -o "$data" -- sleep "$((last - first))" >/dev/null 2>&1 || true
  wait "$pid" || true
  local reads=$(( $(reads_at "$log" "$last") - $(reads_at "$log" "$first") ))
  perf report -i "$data" --stdio -n --no-children -g none --sort dso,symbol 2>/dev/null | grep -v '^#' | grep '%' |
    awk -v name="$name" -v round="$round" -v reads="$reads" -v hz="$hz" -v load="$(cut -d' ' -f1 /proc/loadavg)" '
      { n = $2; dso = $3; total += n
        if (dso == "[vdso]" || $0 ~ /clock_gettime|javaTimeNanos/) clock += n
        else if (dso == "[JIT]") { if ($0 ~ /Interpreter|I2C\/C2I|StubRoutines|adapter/) interp += n; else javacode += n }
        else if (dso == "libjvm.so") jvm += n
        else if (dso ~ /kernel/) kernel += n
        else other += n }
      END { ns = reads > 0 ? 1e9 / hz / reads : 0
        printf "%-12s %5d %8.1f %8.1f %8.1f %8.1f %8.1f %8.1f %8.3f   %s\n", name, round, total * ns, javacode * ns,
          interp * ns, clock * ns, jvm * ns, (kernel + other) * ns, (clock > 0 ? total / clock : 0), load }'
  if [[ ${TOP:-0} != 0 ]]; then
    perf report -i "$data" --stdio -n --no-children -g none --sort symbol 2>/dev/null | grep -v '^#' | grep '%' |
      awk -v reads="$reads" -v hz="$hz" -v top="$TOP" 'NR <= top { n = $2; $1 = ""; $2 = ""; $3 = "";
        printf "      %7.1f ns  %s\n", n * 1e9 / hz / reads, substr($0, 1, 110) }' >&2 || true
  fi
  rm -f "$data"
}

printf '%-12s %5s %8s %8s %8s %8s %8s %8s %8s   %s\n' variant round total java interp clock jvm kernel per-clock load
for ((r = 1; r <= rounds; r++)); do
  for v in "${variants[@]}"; do
    run "${v%%=*}" "${v#*=}" "$r" | tee -a "$work/results"
  done
done
echo "mean CPU ns per read (difference from the first variant's); per-clock: mean, and its change in percent:"
awk '{ for (i = 3; i <= 9; i++) sum[$1, i] += $i; n[$1]++; if (!($1 in seen)) { seen[$1] = 1; order[++k] = $1 } }
  END { for (j = 1; j <= k; j++) { v = order[j]; line = sprintf("%-12s", v)
      for (i = 3; i <= 8; i++) { m = sum[v, i] / n[v]; b = sum[order[1], i] / n[order[1]]
        line = line sprintf(" %7.1f", m) (j > 1 ? sprintf(" (%+.1f)", m - b) : "") }
      m = sum[v, 9] / n[v]; b = sum[order[1], 9] / n[order[1]]
      line = line sprintf(" %7.3f", m) (j > 1 && b > 0 ? sprintf(" (%+.1f%%)", 100 * (m / b - 1)) : "")
      print line } }' "$work/results"
