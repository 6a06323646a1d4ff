#!/usr/bin/env bash
# The single-thread paths of issue 13's targets in CPU time of the measuring thread, each subject
# in its own JVM against its anchor in the same JVM (see scripts/issue13/PrimitiveCpuTime.java):
# a before/after of an uncontended path that a busy machine does not blur.
#
#   scripts/issue13/primitive-cpu-time.sh [JAR] [SUBJECT...]
#
# JAR: a lockopt.jar (default: this repository's, built on first use), so two builds can be run
# back to back. SUBJECTS default to all nine (optimistic-long needs a jar of 2026-12-04 or later). JAVA_HOME selects the JDK.
set -euo pipefail
cd "$(dirname "$0")/../.."

source scripts/lib/harness-jar.sh "${1:-}"
shift || true
subjects=("$@")
if [[ ${#subjects[@]} -eq 0 ]]; then
  subjects=(read-stats read-no-stats write-stats write-no-stats optimistic-supplier optimistic-long optimistic-stamp keyed-stats keyed-no-stats)
fi
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for subject in "${subjects[@]}"; do
  "$java" -cp "$jar" scripts/issue13/PrimitiveCpuTime.java "$subject"
done
