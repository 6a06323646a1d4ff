#!/usr/bin/env bash
# keyed.update in short windows, Guava Striped and KeyedLocks (statistics on, off; or an array of
# MeteredReadWriteLock) alternating in one JVM on a pre-touched heap: per subject, the median
# ratio to Striped over the rounds with its quartiles, and B/op (scripts/issue13/KeyedPairs.java).
#
#   scripts/issue13/keyed-pairs.sh [JAR] [ROUNDS] [WINDOW_MS] [THREADS] [SUBJECTS]
#
# ROUNDS (15) windows of WINDOW_MS (300) per variant after 3 of warm-up; THREADS 2; SUBJECTS:
# on,off (default), control, array-on, array-off. KEYS=64 in the environment sets the key count.
# JAR: a lockopt.jar (default: this repository's, built on first use). JAVA_HOME selects the JDK.
set -euo pipefail
cd "$(dirname "$0")/../.."

source scripts/lib/harness-jar.sh "${1:-}"
shift || true
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
"$java" -Dkeys="${KEYS:-64}" -Xms512m -Xmx512m -XX:+AlwaysPreTouch -cp "$jar" scripts/issue13/KeyedPairs.java "$@"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
