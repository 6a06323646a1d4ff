# Shared by the scripts/issue13 harnesses (sourced, not run, from the repository root with the
# harness's first argument): sets jar, the lockopt.jar given (default: this repository's, built on
# first use, so two builds can be run back to back), and java, JAVA_HOME's or the PATH's. The
# caller shifts the argument off itself.
jar="${1:-}"
if [[ -z "$jar" ]]; then
  ./lockopt --version >/dev/null # builds the jars on first use
  jar=cli/target/lockopt/lib/lockopt.jar
fi
java=java
if [[ -n "${JAVA_HOME:-}" ]]; then
  java="$JAVA_HOME/bin/java"
fi
