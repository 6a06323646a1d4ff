#!/usr/bin/env bash
# What lockopt-maven-plugin's check adds to `mvn verify` of a 50-file module: lockopt's own
# locks (18 files) and samples (17) sources and 15 of runtime-agent's (the wire, bootstrap, jmx
# and JFR event classes, which compile without the rest) as one module, built N times (default 5) with
# -Dlockopt.skip, with check (the analysis in a forked JVM, the default) and with check in
# Maven's own JVM (-Dlockopt.fork=false), in turn; prints wall and CPU seconds (the CPU of all
# processes, the forked JVM included) of each build and the medians, and the load average
# before and after. The plugin comes from maven-plugin/target/it-repo (built first when missing), other
# artifacts from the local repository (LOCAL_REPO, default ~/.m2/repository) through the
# integration tests' settings (no network).
# Needs GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
runs="${1:-5}"
work="${WORK:-$root/target/plugin-overhead}"

if [[ ! -d maven-plugin/target/it-repo/io/lockopt/lockopt-maven-plugin ]]; then
  echo "== building the plugin (mvn -B -q -pl maven-plugin -am verify -DskipTests)"
  mvn -B -q -pl maven-plugin -am verify -DskipTests
fi
rm -rf "$work"
mkdir -p "$work/module/src/main/java"
cp -r locks/src/main/java/. samples/src/main/java/. "$work/module/src/main/java/"
agent=runtime-agent/src/main/java/io/lockopt/agent
mkdir -p "$work/module/src/main/java/io/lockopt/agent/jfr"
cp -r "$agent/wire" "$agent/bootstrap" "$agent/jmx" "$work/module/src/main/java/io/lockopt/agent/"
for event in LockEventBase LockContendedEvent LockHeldEvent WaitThresholdSetting; do
  cp "$agent/jfr/$event.java" "$work/module/src/main/java/io/lockopt/agent/jfr/"
done
files="$(find "$work/module/src/main/java" -name '*.java' | wc -l)"
[[ $files -eq 50 ]] || { echo "plugin-overhead: the module has $files files, not 50 (sources moved?)" >&2; exit 1; }
cp -r maven-plugin/target/it-repo "$work/repo"
local_repo="${LOCAL_REPO:-$HOME/.m2/repository}"
sed "s#@localRepositoryUrl@#file://$local_repo#" maven-plugin/src/it/settings.xml > "$work/settings.xml"
version="$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | head -n 1)"
cat > "$work/module/pom.xml" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>it.lockopt</groupId>
  <artifactId>plugin-overhead</artifactId>
  <version>1.0</version>
  <properties>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
    <maven.compiler.release>17</maven.compiler.release>
  </properties>
  <dependencies>
    <dependency><groupId>info.picocli</groupId><artifactId>picocli</artifactId><version>4.7.7</version></dependency>
    <dependency><groupId>org.hdrhistogram</groupId><artifactId>HdrHistogram</artifactId><version>2.2.2</version></dependency>
  </dependencies>
  <build>
    <pluginManagement>
      <plugins>
        <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.14.1</version></plugin>
        <plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
        <plugin><artifactId>maven-surefire-plugin</artifactId><version>3.5.4</version></plugin>
        <plugin><artifactId>maven-jar-plugin</artifactId><version>3.4.2</version></plugin>
      </plugins>
    </pluginManagement>
    <plugins>
      <plugin>
        <groupId>io.lockopt</groupId>
        <artifactId>lockopt-maven-plugin</artifactId>
        <version>$version</version>
        <executions><execution><goals><goal>check</goal></goals></execution></executions>
        <configuration><failOn>never</failOn></configuration>
      </plugin>
    </plugins>
  </build>
</project>
POM
mvn_verify() {
  (cd "$work/module" && /usr/bin/time -f "%e %U %S" -o "$work/time.txt" \
    mvn -B -s "$work/settings.xml" -Dmaven.repo.local="$work/repo" verify "$@" >"$work/build.log" 2>&1) \
    || { tail -20 "$work/build.log" >&2; exit 1; }
  cat "$work/time.txt"
}
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== warm-up build (compiles the module once)"
mvn_verify >/dev/null
grep -q "lockopt: 50 files analyzed" "$work/build.log" || { echo "plugin-overhead: the plugin did not analyze 50 files" >&2; exit 1; }
echo "run  mode       wall_s  cpu_s"
for i in $(seq 1 "$runs"); do
  for mode in skip check inprocess; do
    case $mode in
      skip) read -r wall user sys < <(mvn_verify -Dlockopt.skip) ;;
      check) read -r wall user sys < <(mvn_verify) ;;
      inprocess) read -r wall user sys < <(mvn_verify -Dlockopt.fork=false) ;;
    esac
    cpu="$(echo "$user + $sys" | bc)"
    printf '%-4s %-10s %-7s %s\n' "$i" "$mode" "$wall" "$cpu" | tee -a "$work/runs.txt"
  done
done
median() { sort -n | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
for mode in skip check inprocess; do
  echo "$mode: median wall $(awk -v m=$mode '$2==m {print $3}' "$work/runs.txt" | median) s," \
    "median cpu $(awk -v m=$mode '$2==m {print $4}' "$work/runs.txt" | median) s"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
