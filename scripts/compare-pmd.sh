#!/usr/bin/env bash
# Reproducible speed and memory comparison of `lockopt analyze` with PMD's multithreading rules,
# and a crash/parse-failure check of lockopt on the sources of five concurrency-heavy libraries.
#
#   scripts/compare-pmd.sh              # kafka-clients 4.1.0: PMD 7.27.0 vs lockopt, 3 runs each
#   scripts/compare-pmd.sh --runs 5     # more runs per tool
#   scripts/compare-pmd.sh --libraries  # only the five-library scan (no PMD)
#   scripts/compare-pmd.sh --all        # both
#   scripts/compare-pmd.sh --interprocedural-cost  # also lockopt without the project-wide rules
#
# Everything is fetched through Maven (Maven Central) into target/compare-pmd/ (WORK overrides).
# Peak RSS comes from GNU time (/usr/bin/time -v); on Debian/Ubuntu: sudo apt-get install time.
# lockopt is run from cli/target/lockopt/lib/lockopt.jar (built with mvn -DskipTests package when missing;
# LOCKOPT_JAR overrides it).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

runs=3
mode=compare
interprocedural_cost=0
# The project-wide (interprocedural) rules; --interprocedural-cost also times a run with them disabled,
# which leaves the method-level rules (and drops the direct checks of the first two, a conservative baseline).
project_rules=LockOrderInversion,BlockingCallUnderLock,ReadWriteUpgrade,AlienCallUnderLock,InconsistentLocking
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --libraries) mode=libraries; shift ;;
    --all) mode=all; shift ;;
    --interprocedural-cost) interprocedural_cost=1; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "compare-pmd: unknown option $1" >&2; exit 2 ;;
  esac
done

work="${WORK:-$root/target/compare-pmd}"
mkdir -p "$work"
pmd_version=7.27.0
dependency_plugin=org.apache.maven.plugins:maven-dependency-plugin:3.8.1
jar="${LOCKOPT_JAR:-$root/cli/target/lockopt/lib/lockopt.jar}"
# The JVM options the ./lockopt launcher uses for analyze (keep the two in step); LOCKOPT_JAVA_OPTS overrides.
lockopt_jvm_opts="${LOCKOPT_JAVA_OPTS--XX:TieredStopAtLevel=1 -XX:+UseSerialGC}"

if [[ ! -x /usr/bin/time ]]; then
  echo "compare-pmd: GNU time is missing: install it (Debian/Ubuntu: sudo apt-get install time)" >&2
  exit 2
fi
if [[ ! -f "$jar" ]]; then
  echo "== building lockopt (mvn -q -B -DskipTests package)"
  mvn -q -B -DskipTests package
fi

# fetch GROUP:ARTIFACT:VERSION[:CLASSIFIER] -> prints the path of the jar in $work/jars
fetch_sources() {
  local coords="$1" group artifact version
  IFS=: read -r group artifact version <<<"$coords"
  local file="$work/jars/$artifact-$version-sources.jar"
  if [[ ! -f "$file" ]]; then
    mvn -q -B -Dstyle.color=never "$dependency_plugin:copy" -Dartifact="$group:$artifact:$version:jar:sources" \
        -DoutputDirectory="$work/jars" >>"$work/maven.log" 2>&1 \
        || { echo "compare-pmd: cannot fetch $coords (see $work/maven.log)" >&2; exit 3; }
  fi
  echo "$file"
}

# measure LABEL COMMAND... : runs the command under GNU time, appends "label wall_s maxrss_kb cpu_s" to $work/times
measure() {
  local label="$1"; shift
  local log="$work/time-$label.log"
  /usr/bin/time -v -o "$log" "$@" >"$work/out-$label.txt" 2>"$work/err-$label.txt" || true
  local wall rss user sys
  wall="$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log")"
  rss="$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log")"
  user="$(sed -n 's/.*User time (seconds): //p' "$log")"
  sys="$(sed -n 's/.*System time (seconds): //p' "$log")"
  # m:ss.cc or h:mm:ss -> seconds
  local seconds
  seconds="$(awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }' <<<"$wall")"
  local cpu
  cpu="$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')"
  echo "$label $seconds $rss $cpu" >>"$work/times"
  printf '  %-8s %7.2f s wall  %7.2f s CPU  %6d MiB peak RSS\n' "$label" "$seconds" "$cpu" "$((rss / 1024))"
}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

compare() {
  echo "== fetching kafka-clients 4.1.0 sources and PMD $pmd_version"
  local kafka_jar src="$work/kafka-clients-src"
  kafka_jar="$(fetch_sources org.apache.kafka:kafka-clients:4.1.0)"
  if [[ ! -d "$src" ]]; then
    mkdir -p "$src" && (cd "$src" && unzip -q "$kafka_jar" '*.java')
  fi
  if [[ ! -d "$work/pmd/lib" ]]; then
    mkdir -p "$work/pmd"
    cat >"$work/pmd/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.compare</groupId><artifactId>pmd-runner</artifactId><version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>net.sourceforge.pmd</groupId><artifactId>pmd-cli</artifactId><version>$pmd_version</version></dependency>
    <dependency><groupId>net.sourceforge.pmd</groupId><artifactId>pmd-java</artifactId><version>$pmd_version</version></dependency>
  </dependencies>
</project>
POM
    (cd "$work/pmd" && mvn -q -B -Dstyle.color=never "$dependency_plugin:copy-dependencies" -DoutputDirectory=lib \
        -DincludeScope=runtime >>"$work/maven.log" 2>&1) \
        || { echo "compare-pmd: cannot fetch PMD (see $work/maven.log)" >&2; exit 3; }
  fi
  local files lines
  files="$(find "$src" -name '*.java' | wc -l)"
  lines="$(find "$src" -name '*.java' -print0 | xargs -0 cat | wc -l)"
  echo "== kafka-clients 4.1.0: $files files, $lines lines; $runs runs each, alternating ($(nproc) cores)"
  rm -f "$work/times"
  for ((i = 1; i <= runs; i++)); do
    measure pmd java -cp "$work/pmd/lib/*" net.sourceforge.pmd.cli.PmdCli check --no-cache --no-progress \
        -R category/java/multithreading.xml -d "$src" -f text
    # shellcheck disable=SC2086 # word splitting of the JVM options is intended
    measure lockopt java $lockopt_jvm_opts -jar "$jar" analyze "$src" --format sarif --output "$work/lockopt.sarif" --fail-on never --quiet
    if ((interprocedural_cost)); then
      # shellcheck disable=SC2086
      measure intra java $lockopt_jvm_opts -jar "$jar" analyze "$src" --format sarif --output "$work/intra.sarif" \
          --fail-on never --quiet --disable "$project_rules"
    fi
  done
  local pmd_median lockopt_median pmd_rss lockopt_rss pmd_cpu lockopt_cpu
  pmd_cpu="$(awk '$1 == "pmd" { print $4 }' "$work/times" | median)"
  lockopt_cpu="$(awk '$1 == "lockopt" { print $4 }' "$work/times" | median)"
  pmd_median="$(awk '$1 == "pmd" { print $2 }' "$work/times" | median)"
  lockopt_median="$(awk '$1 == "lockopt" { print $2 }' "$work/times" | median)"
  pmd_rss="$(awk '$1 == "pmd" { print $3 }' "$work/times" | sort -n | tail -1)"
  lockopt_rss="$(awk '$1 == "lockopt" { print $3 }' "$work/times" | sort -n | tail -1)"
  echo "== result"
  printf '  PMD %s multithreading:  median %6.2f s wall, %6.2f s CPU, peak RSS %5d MiB, %s violations\n' \
      "$pmd_version" "$pmd_median" "$pmd_cpu" "$((pmd_rss / 1024))" "$(grep -c . "$work/out-pmd.txt" || true)"
  printf '  lockopt analyze (sarif): median %6.2f s wall, %6.2f s CPU, peak RSS %5d MiB, %s results\n' \
      "$lockopt_median" "$lockopt_cpu" "$((lockopt_rss / 1024))" "$(grep -c '"ruleId"' "$work/lockopt.sarif" || true)"
  awk -v p="$pmd_median" -v l="$lockopt_median" -v pc="$pmd_cpu" -v lc="$lockopt_cpu" 'BEGIN {
    printf "  lockopt is %.1fx faster than PMD by wall time, %.1fx by CPU time (target: 5x; stretch: 10x)\n", p / l, pc / lc }'
  if ((lockopt_rss >= 1024 * 1024)); then
    echo "  lockopt peak RSS is above the 1 GiB target" >&2
  fi
  if ((interprocedural_cost)); then
    local intra_median intra_cpu
    intra_median="$(awk '$1 == "intra" { print $2 }' "$work/times" | median)"
    intra_cpu="$(awk '$1 == "intra" { print $4 }' "$work/times" | median)"
    printf '  lockopt without project-wide rules: median %6.2f s wall, %6.2f s CPU, %s results\n' \
        "$intra_median" "$intra_cpu" "$(grep -c '"ruleId"' "$work/intra.sarif" || true)"
    awk -v w="$lockopt_median" -v i="$intra_median" -v wc="$lockopt_cpu" -v ic="$intra_cpu" 'BEGIN {
      printf "  the project-wide rules add %.0f%% wall time, %.0f%% CPU time (target: at most 30%%)\n", (w / i - 1) * 100, (wc / ic - 1) * 100 }'
  fi
}

libraries() {
  echo "== five libraries: every file parsed (--no-prescreen), all rules; crashes and parse failures;"
  echo "   the normal (prescreened) run must report a subset of the full run's findings"
  local failures=0 coords lib json code field
  local -a extra_notes=()
  printf '  %-34s %6s %6s %6s %8s %6s %5s\n' library files parsed parse! problems results exit
  for coords in org.apache.kafka:kafka-clients:4.1.0 io.netty:netty-common:4.1.115.Final \
      com.github.ben-manes.caffeine:caffeine:3.3.1 org.eclipse.jetty:jetty-util:12.0.16 \
      com.zaxxer:HikariCP:7.1.0; do
    lib="$(fetch_sources "$coords")"
    json="$work/$(basename "$lib" .jar).json"
    set +e
    # shellcheck disable=SC2086
    java $lockopt_jvm_opts -jar "$jar" analyze "$lib" --no-prescreen --format json --output "$json" --fail-on never --quiet \
        2>"$work/$(basename "$lib" .jar).err"
    code=$?
    set -e
    field() { sed -n "s/.*\"$1\" : \([0-9]*\).*/\1/p" "$json" | head -1; }
    if [[ $code -ne 0 || ! -f "$json" ]]; then
      failures=$((failures + 1))
      printf '  %-34s crashed: exit %d (%s)\n' "$(basename "$lib")" "$code" "$(head -1 "$work/$(basename "$lib" .jar).err")"
      continue
    fi
    local problems screened
    problems="$(grep -c '"kind" : ' "$json" || true)"
    # Every finding of the normal (prescreened) run must also be a finding of the full run. The
    # full run may find more: interprocedural rules follow calls into files the prescreen skips.
    # shellcheck disable=SC2086
    java $lockopt_jvm_opts -jar "$jar" analyze "$lib" --format json --output "$json.screened" --fail-on never --quiet || true
    screened="$(grep -c '"rule" : ' "$json.screened" || true)"
    local lost
    lost="$(comm -23 <(sed -n 's/.*"fingerprint" : "\([0-9a-f]*\)".*/\1/p' "$json.screened" | sort) \
        <(sed -n 's/.*"fingerprint" : "\([0-9a-f]*\)".*/\1/p' "$json" | sort) | wc -l)"
    if [[ "$lost" != 0 ]]; then
      failures=$((failures + 1))
      echo "  $(basename "$lib"): $lost findings of the prescreened run are missing from the full run" >&2
    fi
    extra_notes+=("$(basename "$lib"): $screened findings with the prescreen, $(grep -c '"rule" : ' "$json" || true) parsing every file")
    printf '  %-34s %6s %6s %6s %8s %6s %5s\n' "$(basename "$lib")" "$(field filesScanned)" "$(field filesParsed)" \
        "$(field parseErrors)" "$problems" "$(field findings)" "$code"
    if [[ "$(field parseErrors)" != 0 || "$problems" != 0 ]]; then
      failures=$((failures + 1))
      grep -A2 '"kind" : ' "$json" | grep '"message"' | head -5 | sed 's/^/    /'
    fi
  done
  if ((failures > 0)); then
    echo "  $failures libraries with crashes, parse failures or rule failures" >&2
    return 1
  fi
  printf '  %s\n' "${extra_notes[@]}"
  echo "  no crashes, no parse failures, no rule failures; every prescreened finding is also a full-run finding"
}

case "$mode" in
  compare) compare ;;
  libraries) libraries ;;
  all) compare; libraries ;;
esac
