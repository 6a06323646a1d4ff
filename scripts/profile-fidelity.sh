#!/usr/bin/env bash
# Fidelity of `lockopt profile`: runs scripts/ProfileFidelity.java (locks with known contention,
# measuring the truth itself with System.nanoTime) under `lockopt profile` in launch mode, and
# compares the JSON report with the truth:
#   - wait and hold totals of a contended ReentrantLock and a contended synchronized block
#     within +-15% of the true totals, acquisitions exact; the same for the holds of a
#     synchronized method (its waits come from JFR, which needs --jfr);
#   - an uncontended lock (one thread) with 0 contended acquisitions and 0 wait;
#   - a lock order inverted between two phases (no deadlock) reported as a cycle.
# Prints a table (true, measured, ratio, PASS/FAIL); exits 1 when any check fails.
#
#   scripts/profile-fidelity.sh            # the JDK on PATH, or $JAVA_HOME
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 scripts/profile-fidelity.sh
#
# Needs a JDK (javac, the Attach API) and jq.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v jq >/dev/null 2>&1; then
  echo "profile-fidelity: jq is needed to read the JSON report" >&2
  exit 2
fi
./lockopt --version >/dev/null # builds the jar on first use
jar=cli/target/lockopt/lib/lockopt.jar
java=java
javac=javac
if [[ -n "${JAVA_HOME:-}" ]]; then
  java="$JAVA_HOME/bin/java"
  javac="$JAVA_HOME/bin/javac"
fi
tolerance=0.15
work=$(mktemp -d "${TMPDIR:-/tmp}/lockopt-fidelity.XXXXXX")
trap 'rm -rf "$work"' EXIT

"$javac" --release 17 -d "$work/classes" scripts/ProfileFidelity.java
if ! "$java" -jar "$jar" profile --json "$work/report.json" -- \
    "$java" -cp "$work/classes" fidelity.ProfileFidelity "$work/truth" >"$work/profile.txt" 2>"$work/profile.err"; then
  echo "profile-fidelity: lockopt profile failed:" >&2
  tail -n 5 "$work/profile.err" >&2
  exit 3
fi
if [[ ! -s "$work/truth" ]]; then
  echo "profile-fidelity: the workload wrote no truth file; its output:" >&2
  tail -n 5 "$work/profile.err" >&2
  exit 3
fi

version=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.version = //p')
echo "lockopt profile fidelity on Java $version ($(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg))"

truth() { sed -n "s/^$1=//p" "$work/truth"; }
# measured LOCK FIELD: a field (jq path) of the report's row labelled fidelity.ProfileFidelity + LOCK.
measured() {
  jq -r --arg want "fidelity.ProfileFidelity$1" \
    "[.locks[] | select(.label == \$want)] | if length == 0 then \"none\" else (.[0] | $2) end" "$work/report.json"
}

failures=0
printf '%-40s %14s %14s %7s  %s\n' check true measured ratio result
row() { # NAME TRUE MEASURED RESULT [UNIT]
  local ratio="-" t=$2 m=$3
  if [[ $t =~ ^[0-9]+$ && $m =~ ^[0-9]+$ && $t -gt 0 ]]; then
    ratio=$(awk -v t="$t" -v m="$m" 'BEGIN { printf "%.3f", m / t }')
  fi
  if [[ ${5:-} == ms && $t =~ ^[0-9]+$ && $m =~ ^[0-9]+$ ]]; then
    t=$(awk -v v="$t" 'BEGIN { printf "%.1f ms", v / 1e6 }')
    m=$(awk -v v="$m" 'BEGIN { printf "%.1f ms", v / 1e6 }')
  fi
  printf '%-40s %14s %14s %7s  %s\n' "$1" "$t" "$m" "$ratio" "$4"
  [[ $4 == PASS ]] || failures=$((failures + 1))
}
within() { # TRUE MEASURED -> PASS when |measured/true - 1| <= tolerance
  if [[ $1 =~ ^[0-9]+$ && $2 =~ ^[0-9]+$ && $1 -gt 0 ]] &&
      awk -v t="$1" -v m="$2" -v tol="$tolerance" 'BEGIN { r = m / t; exit !(r >= 1 - tol && r <= 1 + tol) }'; then
    echo PASS
  else
    echo FAIL
  fi
}
equal() { if [[ $1 == "$2" ]]; then echo PASS; else echo FAIL; fi; }

for lock in contended monitor; do
  kind=$([[ $lock == contended ]] && echo ReentrantLock || echo "synchronized block")
  t=$(truth "$lock.acquisitions"); m=$(measured ".$lock" .acquisitions)
  row "$kind acquisitions" "$t" "$m" "$(equal "$t" "$m")"
  t=$(truth "$lock.waitNanos"); m=$(measured ".$lock" .waitTime.totalNanos)
  row "$kind wait total" "$t" "$m" "$(within "$t" "$m")" ms
  t=$(truth "$lock.holdNanos"); m=$(measured ".$lock" .holdTime.totalNanos)
  row "$kind hold total" "$t" "$m" "$(within "$t" "$m")" ms
done

# A synchronized method: acquisitions and holds (its waits need --jfr, not used here).
t=$(truth method.acquisitions); m=$(measured '$Journal.this' .acquisitions)
row "synchronized method acquisitions" "$t" "$m" "$(equal "$t" "$m")"
t=$(truth method.holdNanos); m=$(measured '$Journal.this' .holdTime.totalNanos)
row "synchronized method hold total" "$t" "$m" "$(within "$t" "$m")" ms

t=$(truth solo.acquisitions); m=$(measured .solo .acquisitions)
row "uncontended lock acquisitions" "$t" "$m" "$(equal "$t" "$m")"
m=$(measured .solo .contended)
row "uncontended lock contended" 0 "$m" "$(equal 0 "$m")"
m=$(measured .solo .waitTime.totalNanos)
row "uncontended lock wait total" 0 "$m" "$(equal 0 "$m")" ms

cycle=$(jq -r '[.lockOrder.cycles[] | select((.locks | index("fidelity.ProfileFidelity.accounts")) != null
    and (.locks | index("fidelity.ProfileFidelity.ledger")) != null)] | length' "$work/report.json")
row "lock-order cycle accounts<->ledger" 1 "$cycle" "$(equal 1 "$cycle")"

if ((failures > 0)); then
  echo "profile-fidelity: $failures check(s) failed; the report:" >&2
  sed -n '1,40p' "$work/profile.txt" >&2
  exit 1
fi
echo "all checks passed (wait and hold within +-$(awk -v t="$tolerance" 'BEGIN { print t * 100 }')%)"
