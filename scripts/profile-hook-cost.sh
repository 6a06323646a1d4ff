#!/usr/bin/env bash
# What `lockopt profile`'s hooks add to one uncontended lock/unlock pair, in CPU nanoseconds:
# the agent's own hook and recorder classes driven in-process, attached and detached in
# alternating rounds (see scripts/profile/HookCost.java).
#
#   scripts/profile-hook-cost.sh [ROUNDS=40]
#
# JAVA_HOME selects the JDK (default: java on the PATH).
set -euo pipefail
cd "$(dirname "$0")/.."

./lockopt --version >/dev/null # builds the jars on first use
agent=$(ls runtime-agent/target/lockopt-runtime-agent-*-agent.jar 2>/dev/null | head -n 1)
if [[ -z "$agent" ]]; then
  echo "profile-hook-cost: no agent jar under runtime-agent/target (build failed?)" >&2
  exit 2
fi
java=java
if [[ -n "${JAVA_HOME:-}" ]]; then
  java="$JAVA_HOME/bin/java"
fi
exec "$java" -cp "$agent" scripts/profile/HookCost.java "${1:-40}"
