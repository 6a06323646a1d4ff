#!/usr/bin/env bash
# rwlock.writerReaders (1 writer + 3 readers, the same four threads throughout) in short windows, ReentrantReadWriteLock and
# MeteredReadWriteLock (statistics off, on) alternating in one JVM: per role, the median ratio to
# the JDK lock over the rounds, with its quartiles (scripts/issue13/WriterReadersPairs.java).
#
#   scripts/issue13/writer-readers-pairs.sh [JAR] [ROUNDS] [WINDOW_MS] [SUBJECTS]
#
# ROUNDS (15) windows of WINDOW_MS (300) per variant after 3 of warm-up; SUBJECTS: off,on (default),
# control, wrapped (see WriterReadersPairs.java).
# JAR: a lockopt.jar (default: this repository's, built on first use). JAVA_HOME selects the JDK.
set -euo pipefail
cd "$(dirname "$0")/../.."

source scripts/lib/harness-jar.sh "${1:-}"
shift || true
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
"$java" -cp "$jar" scripts/issue13/WriterReadersPairs.java "$@"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
