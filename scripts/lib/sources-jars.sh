# Shared by scripts/triage.sh and scripts/realbugs.sh (sourced, not run): build lockopt when asked,
# fetch the sources jars of a list of Maven coordinates, and analyze each at every confidence.
#
# The caller sets: script (its name, for messages), root (the repository), work (the work
# directory), and calls parse_options "$@" first.

dependency_plugin=org.apache.maven.plugins:maven-dependency-plugin:3.8.1

# --rebuild, -h/--help (prints lines 2-10 of the calling script); sets rebuild and jar.
parse_options() {
  rebuild=0
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --rebuild) rebuild=1; shift ;;
      -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
      *) echo "$script: unknown option $1" >&2; exit 2 ;;
    esac
  done
  jar="${LOCKOPT_JAR:-$root/cli/target/lockopt/lib/lockopt.jar}"
  mkdir -p "$work/jars" "$work/out"
  if [[ $rebuild -eq 1 || ! -f "$jar" ]]; then
    echo "== building lockopt (mvn -q -B -DskipTests install)"
    mvn -q -B -DskipTests install
  else
    # The reports run as `mvn -pl analyzer exec:java`, which takes the analyzer's lockopt
    # dependencies from ~/.m2: install those (small) so a clean machine has them, and current.
    mvn -q -B -DskipTests install -pl .,files,graphs
  fi
}

# fetch_sources_jars COORDS...: each group:artifact:version's sources jar into $work/jars.
fetch_sources_jars() {
  local coords group artifact version
  for coords in "$@"; do
    IFS=: read -r group artifact version <<<"$coords"
    if [[ ! -f "$work/jars/$artifact-$version-sources.jar" ]]; then
      mvn -q -B -Dstyle.color=never "$dependency_plugin:copy" -Dartifact="$group:$artifact:$version:jar:sources" \
          -DoutputDirectory="$work/jars" >>"$work/maven.log" 2>&1 \
          || { echo "$script: cannot fetch $coords (see $work/maven.log)" >&2; exit 3; }
    fi
  done
}

# analyze_sources_jars COORDS...: a JSON report per jar in $work/out, run from $work (fingerprints
# depend on the jars/ paths).
analyze_sources_jars() {
  local coords group artifact version name
  local lockopt_jvm_opts="${LOCKOPT_JAVA_OPTS--XX:TieredStopAtLevel=1 -XX:+UseSerialGC}"
  rm -f "$work"/out/*.json
  for coords in "$@"; do
    IFS=: read -r group artifact version <<<"$coords"
    name="$artifact-$version"
    # shellcheck disable=SC2086
    (cd "$work" && java $lockopt_jvm_opts -jar "$jar" analyze "jars/$name-sources.jar" --confidence low \
        --format json --output "out/$name.json" --fail-on never --quiet)
    echo "   $name"
  done
}
