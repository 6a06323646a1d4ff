#!/usr/bin/env bash
# Issue 11's memory bound: a corpus of at least FILES Java files (renamed copies of this
# repository's own sources: each copy's packages io.lockopt.* become io.lockopt.cN.*, so no two
# classes share a name) analyzed with LOCKOPT_JAVA_OPTS=-Xmx512m must complete with the same
# findings as with a heap large enough to keep every tree (-Xmx4g). Prints wall time, peak
# resident memory (when /usr/bin/time is there), the trees parsed again to stay within the heap,
# and whether the findings (suppressed ones included) are identical; exits 1 when they are not or
# a run fails.
#
#   scripts/memory-bound.sh [FILES=10000] [SMALL_HEAP=-Xmx512m] [LARGE_HEAP=-Xmx4g]
#
# Work goes to target/memory-bound/ (WORK overrides); the corpus is made again on every run.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

files=${1:-10000}
small=${2:--Xmx512m}
large=${3:--Xmx4g}
work="${WORK:-$root/target/memory-bound}"
corpus="$work/corpus"

mapfile -t sources < <(git ls-files '*/src/*.java')
per_copy=${#sources[@]}
[[ $per_copy -gt 0 ]] || { echo "memory-bound: no Java sources found by git ls-files" >&2; exit 2; }
copies=$(((files + per_copy - 1) / per_copy))
rm -rf "$corpus"
mkdir -p "$corpus"
echo "memory-bound: making $copies copies of $per_copy files in $corpus" >&2
printf '%s\n' "${sources[@]}" | python3 -c '
import os, sys
corpus, copies = sys.argv[1], int(sys.argv[2])
paths = sys.stdin.read().split()
texts = {p: open(p, encoding="utf-8").read() for p in paths}
for n in range(1, copies + 1):
    for p, text in texts.items():
        target = os.path.join(corpus, f"c{n}", p)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8") as out:
            out.write(text.replace("io.lockopt", f"io.lockopt.c{n}"))
' "$corpus" "$copies"

./lockopt --version >/dev/null # builds on first use

timed=()
[[ -x /usr/bin/time ]] && timed=(/usr/bin/time -f '%e s wall, %M KiB peak RSS')
run() { # heap label -> writes $work/label.json, prints the summary
  local heap=$1 label=$2 rc=0
  echo "== LOCKOPT_JAVA_OPTS=$heap" >&2
  LOCKOPT_JAVA_OPTS="$heap" "${timed[@]}" ./lockopt analyze "$corpus" --confidence low --format json \
      --output "$work/$label.json" --fail-on never --quiet 2>"$work/$label.err" || rc=$?
  cat "$work/$label.err" >&2
  if [[ $rc -ne 0 ]]; then
    echo "memory-bound: the run with $heap failed (exit $rc)" >&2
    exit 1
  fi
}
run "$large" large
run "$small" small

python3 - "$work/large.json" "$work/small.json" "$small" <<'EOF'
import json, sys
large, small = (json.load(open(p)) for p in sys.argv[1:3])
def findings(report):
    return sorted(json.dumps(f, sort_keys=True) for f in report["findings"])
s = small["summary"]
print(f"{s['filesScanned']} files ({s['filesParsed']} parsed), {len(small['findings'])} findings with {sys.argv[3]}, "
      f"{s['treesParsedAgain']} trees parsed again (with the large heap: {large['summary']['treesParsedAgain']})")
if findings(large) != findings(small):
    print("memory-bound: FAILED: the findings differ from the run with the large heap")
    sys.exit(1)
print("memory-bound: passed: the same findings as with the large heap")
EOF
