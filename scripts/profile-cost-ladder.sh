#!/usr/bin/env bash
# Where the always-on agent's cost per read goes on the demo: the agent built with
# scripts/profile/cost-ladder.patch (applied to this checkout's code in a temporary copy, never to
# the work tree; HEAD's code, so commit what you measure), run by scripts/profile-cpu-per-read.sh at each rung of a ladder, alternating:
#
#   plain        no agent
#   passthrough  the agent instruments, then leaves the hooks without a sink (each hook is its lock
#                call plus a load of the empty sink slot), its background threads running
#   noop         the hooks call a sink that does nothing
#   lookup       the recorder finds the calling thread's state at each hook, and stops
#   count        ... and counts the acquisition in the thread's statistics for the lock
#   full         the recorder as shipped (light holds, sampled timing, the section's site)
#
#   scripts/profile-cost-ladder.sh [ROUNDS=5]
#
# Compare the rungs by the "per-clock" column (CPU per read over the demo's own clock reads, which
# takes out the shared host's speed of the moment). Needs git, Maven and perf.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
work=$(mktemp -d "${TMPDIR:-/tmp}/lockopt-ladder.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir "$work/src"
git archive HEAD | tar -x -C "$work/src"
if ! (cd "$work/src" && git apply scripts/profile/cost-ladder.patch); then
  echo "profile-cost-ladder: scripts/profile/cost-ladder.patch no longer applies to the agent at HEAD; update it" >&2
  exit 2
fi
(cd "$work/src" && mvn -B -q -DskipTests package -pl runtime-agent -am) >"$work/build.log" 2>&1 ||
  { echo "profile-cost-ladder: building the ladder's agent failed; see the log:" >&2; tail -20 "$work/build.log" >&2; exit 2; }
agent="$work/src/runtime-agent/target/lockopt-agent.jar"
variants=("plain=")
for rung in passthrough noop lookup count full; do
  variants+=("$rung=-Dlockopt.ladder=$rung -javaagent:$agent")
done
scripts/profile-cpu-per-read.sh "$rounds" "${variants[@]}"
