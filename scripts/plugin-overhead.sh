#!/usr/bin/env bash
# What lockopt-maven-plugin's check adds to `mvn verify` of a 50-file module: lockopt's own
# locks (18 files) and runtime-agent (32) sources as one module, built N times (default 5) with
# -Dlockopt.skip and without, alternately; prints wall and CPU seconds of each build and the
# medians. The plugin comes from maven-plugin/target/it-repo (built first when missing), other
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
cp -r locks/src/main/java/. runtime-agent/src/main/java/. "$work/module/src/main/java/"
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
    <dependency><groupId>net.bytebuddy</groupId><artifactId>byte-buddy</artifactId><version>1.18.17</version></dependency>
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
echo "== warm-up build (compiles the module once)"
mvn_verify >/dev/null
grep -q "lockopt: 50 files analyzed" "$work/build.log" || { echo "plugin-overhead: the plugin did not analyze 50 files" >&2; exit 1; }
echo "run  mode    wall_s  cpu_s"
for i in $(seq 1 "$runs"); do
  for mode in skip check; do
    if [[ $mode == skip ]]; then read -r wall user sys < <(mvn_verify -Dlockopt.skip); else read -r wall user sys < <(mvn_verify); fi
    cpu="$(echo "$user + $sys" | bc)"
    echo "$i    $mode   $wall  $cpu" | tee -a "$work/runs.txt"
  done
done
median() { sort -n | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
for mode in skip check; do
  echo "$mode: median wall $(awk -v m=$mode '$2==m {print $3}' "$work/runs.txt" | median) s," \
    "median cpu $(awk -v m=$mode '$2==m {print $4}' "$work/runs.txt" | median) s"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
