#!/usr/bin/env bash
# What `lockopt analyze --cache FILE` saves (issue 15 targets: an unchanged second run >= 5x faster
# than the first, one changed file >= 3x), on kafka-clients 4.1.0's sources unpacked into a
# directory, ROUNDS times each, median wall times and ratios against the cold run of the same run:
#   no cache     analyze without --cache
#   cold         --cache with no cache file (the first run; writes it)
#   warm         --cache again, nothing changed
#   outside      --cache after editing one file the project-wide rules do not see (no lock code)
#   inside       --cache after editing one file they see (it takes a lock): every file they see is
#                parsed again and they run again
#   floor        an empty directory: what any run costs (JVM start, command line, rules, report)
# Each edit appends a comment line, so the findings stay those of the unedited sources; every run's
# findings (JSON, keys sorted) are checked to be the same as the run without cache.
#
#   scripts/cache-speed.sh [ROUNDS=3]
#
# Work goes to target/triage/ (WORK overrides), shared with scripts/triage.sh (the jar fetched there).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

script=cache-speed
work="${WORK:-$root/target/triage}"
rounds=${1:-3}
shift || true
# shellcheck source=scripts/lib/sources-jars.sh
source "$root/scripts/lib/sources-jars.sh"
parse_options "$@"

coords=org.apache.kafka:kafka-clients:4.1.0
fetch_sources_jars "$coords"
sources_jar="$work/jars/kafka-clients-4.1.0-sources.jar"
run_dir="$work/cache-speed"
rm -rf "$run_dir"
mkdir -p "$run_dir/pristine"
(cd "$run_dir/pristine" && unzip -q "$sources_jar" '*.java')

# The two files to edit: the first (by path) that takes a lock, and the first that mentions nothing
# any project-wide rule's prescreen looks for (locks, monitors, volatiles, blocking calls).
inside=$(cd "$run_dir/pristine" && grep -rl --include='*.java' 'synchronized (' . | sort | awk 'NR == 1')
outside=$(cd "$run_dir/pristine" && grep -rL --include='*.java' -E \
    'synchronized|java\.util\.concurrent|volatile|sleep\(|take\(\)|await\(|join\(\)|waitFor\(|wait\(|notify' . \
    | sort | awk 'NR == 1')
[[ -n "$inside" && -n "$outside" ]] || { echo "$script: no file to edit" >&2; exit 3; }

lockopt_jvm_opts="${LOCKOPT_JAVA_OPTS--XX:TieredStopAtLevel=1 -XX:+UseSerialGC}"
# As the launcher runs analyze after its first run: with the class archive that run wrote (one
# analysis of the sources, untimed here, as it is once per JDK and jar for a user). LOCKOPT_NO_CDS=1,
# or LOCKOPT_JAVA_OPTS, measures without it, as they run the launcher.
if [[ -z "${LOCKOPT_JAVA_OPTS+set}" && -z "${LOCKOPT_NO_CDS:-}" ]]; then
  archive="$run_dir/classes.jsa"
  # shellcheck disable=SC2086
  (cd "$run_dir/pristine" && java $lockopt_jvm_opts -XX:ArchiveClassesAtExit="$archive" -Xlog:cds*=off -jar "$jar" \
      analyze . --cache "$run_dir/prime-cache.json" --confidence low --format json --output "$run_dir/prime.json" \
      --fail-on never --quiet)
  lockopt_jvm_opts+=" -XX:SharedArchiveFile=$archive -Xlog:cds*=off"
  class_archive="with the launcher's class archive"
else
  class_archive="without a class archive"
fi
analyze() { # NAME args... -> "WALL_MS CPU_MS" of one run; the findings go to $run_dir/NAME.json
  local name="$1"
  shift
  # shellcheck disable=SC2086
  (cd "$run_dir" && /usr/bin/time -f '%e %U %S' -o "$run_dir/time.txt" java $lockopt_jvm_opts -jar "$jar" \
      analyze src "$@" --confidence low --format json --output "$name.json" --fail-on never --quiet)
  jq -S '.findings' "$run_dir/$name.json" > "$run_dir/$name.findings.json"
  if [[ "$name" != nocache ]] && ! cmp -s "$run_dir/nocache.findings.json" "$run_dir/$name.findings.json"; then
    echo "$script: the findings of '$name' differ from those without the cache" >&2
    diff "$run_dir/nocache.findings.json" "$run_dir/$name.findings.json" | head -20 >&2
    exit 1
  fi
  awk '{ printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000 }' "$run_dir/time.txt"
}
analyze_empty() { # the fixed cost of a run: JVM start, command line, rules, JSON report; no file
  # shellcheck disable=SC2086
  (cd "$run_dir" && /usr/bin/time -f '%e %U %S' -o "$run_dir/time.txt" java $lockopt_jvm_opts -jar "$jar" \
      analyze empty --confidence low --format json --output floor.json --fail-on never --quiet)
  awk '{ printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000 }' "$run_dir/time.txt"
}
median() { tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
fresh_sources() {
  rm -rf "$run_dir/src" "$run_dir/cache.json"
  cp -r "$run_dir/pristine" "$run_dir/src"
}

declare -A wall cpu
record() { # CASE "WALL CPU"
  wall[$1]+="${2% *} "
  cpu[$1]+="${2#* } "
}
mkdir -p "$run_dir/empty"
for _ in $(seq "$rounds"); do
  fresh_sources
  record floor "$(analyze_empty)"
  record nocache "$(analyze nocache)"
  record cold "$(analyze cold --cache cache.json)"
  record warm "$(analyze warm --cache cache.json)"
  echo "// edited by scripts/cache-speed.sh" >> "$run_dir/src/$outside"
  record outside "$(analyze outside --cache cache.json)"
  echo "// edited by scripts/cache-speed.sh" >> "$run_dir/src/$inside"
  record inside "$(analyze inside --cache cache.json)"
done
echo "kafka-clients 4.1.0: $(jq '.summary.filesScanned' "$run_dir/cold.json") files, \
$(jq '.summary.filesParsed' "$run_dir/cold.json") parsed cold, $(jq '.findings | length' "$run_dir/cold.json") findings; \
$class_archive"
echo "edited outside the project-wide rules' files: $outside"
echo "edited inside them:                           $inside (then every file they see is parsed again)"
printf '%-8s %-40s %-40s\n' case "wall ms (median)" "cpu ms (median)"
for case in floor nocache cold warm outside inside; do
  printf '%-8s %-40s %-40s\n' "$case" "${wall[$case]}($(echo "${wall[$case]}" | median))" \
      "${cpu[$case]}($(echo "${cpu[$case]}" | median))"
done
ratios() { # ARRAY-NAME
  local -n of=$1
  local c w o i f
  c=$(echo "${of[cold]}" | median) w=$(echo "${of[warm]}" | median)
  o=$(echo "${of[outside]}" | median) i=$(echo "${of[inside]}" | median) f=$(echo "${of[floor]}" | median)
  awk -v c="$c" -v w="$w" -v o="$o" -v i="$i" -v f="$f" -v what="$1" 'BEGIN {
    printf "%s, cold / warm: unchanged %.1fx, one file outside %.1fx, one file inside %.1fx (cold / floor %.1fx)\n",
        what, c / w, c / o, c / i, c / f }'
}
ratios wall
ratios cpu
echo "findings: identical to the run without cache in every run"
uptime
