#!/usr/bin/env bash
# Held-out accuracy: re-runs `lockopt analyze` on the libraries of the held-out samples whose
# verdicts are committed in docs/accuracy/heldout-sample-29.tsv .. -50.tsv, and prints how the
# current default findings were judged (TRUE / DEBATABLE / FALSE per rule, and the findings no
# sample judged). The libraries are found from the samples' own lines: each verdict names its
# library directory (artifact-version), each sample's first line lists the Maven coordinates.
#
#   scripts/heldout.sh [--jobs N] [--rule RULE] [OUT]   # OUT: a directory for the reports (default target/heldout/run)
#
# Jars go to target/heldout/jars (WORK overrides target/heldout), fetched from Maven Central once.
# Not in .ci/run: about 500 libraries, 30-40 minutes on 2 cores. Needs curl and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
work="${WORK:-$root/target/heldout}"
jobs=2
rule=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --jobs) jobs="$2"; shift 2 ;;
    --rule) rule="$2"; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    -*) echo "heldout: unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
done
out="${1:-$work/run}"
jar="${LOCKOPT_JAR:-$root/cli/target/lockopt/lib/lockopt.jar}"
[[ -f "$jar" ]] || { echo "heldout: no $jar; build first (mvn -B -q -DskipTests install)" >&2; exit 2; }
mkdir -p "$work/jars" "$out"

# library directory -> coordinates, from the samples' verdict lines and header lines
python3 - "$root/docs/accuracy" > "$work/libraries.tsv" <<'PY'
import re, sys, glob, os
acc = sys.argv[1]
dirs, coords = set(), set()
for i in range(29, 51):
    f = f'{acc}/heldout-sample-{i}.tsv'
    if not os.path.exists(f):
        continue
    for line in open(f):
        if line.startswith('#'):
            coords.update(re.findall(r'[A-Za-z0-9_.-]+:[A-Za-z0-9_.-]+:[A-Za-z0-9_.-]+', line))
        elif '\t' in line:
            dirs.add(line.split('\t')[2].split('/')[0])
by_dir = {}
for c in sorted(coords):
    g, a, v = c.split(':')
    by_dir.setdefault(f'{a}-{v}', []).append(c)
for d in sorted(dirs):
    for c in by_dir.get(d, []):
        print(f'{d}\t{c}')
PY

fetch() { # DIR COORDS
  local dir="$1" g a v
  IFS=: read -r g a v <<<"$2"
  [[ -s "$work/jars/$dir.jar" ]] && return 0
  curl -fsSL --retry 2 -o "$work/jars/$dir.jar.part" \
      "https://repo.maven.apache.org/maven2/${g//.//}/$a/$v/$a-$v-sources.jar" \
    && mv "$work/jars/$dir.jar.part" "$work/jars/$dir.jar" || rm -f "$work/jars/$dir.jar.part"
}
analyze() { # DIR
  [[ -s "$out/$1.json" || ! -s "$work/jars/$1.jar" ]] && return 0
  (cd "$work" && timeout 600 java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx3g -jar "$jar" analyze "jars/$1.jar" \
      --confidence low --format json --output "$out/$1.json" --fail-on never --quiet 2>"$out/$1.err") \
    || echo "heldout: analyze failed on $1 (see $out/$1.err)" >&2
}
export -f fetch analyze
export work out jar
echo "== fetching $(cut -f1 "$work/libraries.tsv" | sort -u | wc -l) libraries' sources jars into $work/jars"
tr '\t' ' ' < "$work/libraries.tsv" | xargs -P 6 -n 2 bash -c 'fetch "$0" "$1"'
echo "== analyzing into $out ($jobs at a time)"
cut -f1 "$work/libraries.tsv" | sort -u | xargs -P "$jobs" -I{} bash -c 'analyze "$0"' {}
echo "== comparing with the verdicts of samples 29-50"
python3 "$root/scripts/heldout/compare.py" "$out" $rule
