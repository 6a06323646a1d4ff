#!/usr/bin/env bash
# The command lines of docs/ci.md, run with the unpacked distribution in a scratch git repository
# outside this one: a main branch with one finding (and one suppressed in the source), cloned, a
# pull-request branch that adds a second finding. Checks the exit codes and the reports the CI
# systems read (SARIF for GitHub and Jenkins, Code Quality for GitLab), --changed-since and the
# baseline. Run by .ci/run after the build; needs git, unzip and jq.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

script=check-ci-recipes
# shellcheck source=scripts/lib/distribution.sh
source "$root/scripts/lib/distribution.sh"
unpack_distribution .lockopt
lockopt="$home/bin/lockopt"

# run CODE COMMAND...: runs COMMAND in the pull-request clone; fails unless it exits CODE.
run() {
  local want="$1"
  shift
  expect_exit_in "$tmp/pr" "$want" "$tmp/out.txt" "$@"
}

git_in() {
  local dir="$1"
  shift
  git -C "$dir" -c user.name=lockopt-ci -c user.email=ci@lockopt.invalid -c commit.gpgsign=false "$@"
}

# main: one finding reported, one suppressed in the source
mkdir -p "$tmp/origin/src/main/java/demo"
cat > "$tmp/origin/src/main/java/demo/Registry.java" <<'JAVA'
package demo;

public abstract class Registry {
    private static int size;

    public void add() {
        synchronized (getClass()) {
            size++;
        }
    }

    public int size() {
        synchronized (getClass()) { // lockopt:ignore SynchronizedOnGetClass reads only
            return size;
        }
    }
}
JAVA
git init -q -b main "$tmp/origin"
git_in "$tmp/origin" add .
git_in "$tmp/origin" commit -q -m main
git clone -q "$tmp/origin" "$tmp/pr"
# the pull request adds a second finding in a new file
sed -e 's/class Registry/class Catalog/' -e '/lockopt:ignore/d' -e '/public int size() {/,/^    }$/d' \
  "$tmp/pr/src/main/java/demo/Registry.java" > "$tmp/pr/src/main/java/demo/Catalog.java"
git_in "$tmp/pr" checkout -q -b feature
git_in "$tmp/pr" add .
git_in "$tmp/pr" commit -q -m feature

# Getting lockopt
run 0 "$lockopt" --version

# GitHub Actions, push: every finding, the suppressed one left out of SARIF
run 1 "$lockopt" analyze . --format sarif --output lockopt.sarif
[[ $(jq '.runs[0].results | length' "$tmp/pr/lockopt.sarif") -eq 2 ]] || fail "SARIF: expected 2 results"
[[ $(jq '[.runs[0].results[] | select(.suppressions)] | length' "$tmp/pr/lockopt.sarif") -eq 0 ]] \
  || fail "SARIF: a suppressed result without --sarif-include-suppressed"
run 1 "$lockopt" analyze . --format sarif --output lockopt.sarif --sarif-include-suppressed
[[ $(jq '[.runs[0].results[] | select(.suppressions)] | length' "$tmp/pr/lockopt.sarif") -eq 1 ]] \
  || fail "SARIF: --sarif-include-suppressed did not list the suppressed finding"

# GitHub Actions, pull request: only the finding the branch added
run 1 "$lockopt" analyze . --format sarif --output lockopt.sarif --changed-since origin/main
jq -e '[.runs[0].results[].locations[0].physicalLocation.artifactLocation.uri]
       == ["src/main/java/demo/Catalog.java"]' "$tmp/pr/lockopt.sarif" >/dev/null \
  || fail "--changed-since origin/main: expected only Catalog.java's finding"
grep -q "2 findings outside the lines changed since origin/main not reported" "$tmp/out.txt" \
  || fail "--changed-since: no count of the findings left out (main's new and suppressed one)"
run 0 "$lockopt" analyze . --quiet --fail-on never
grep -q '^src/main/java/demo/Catalog.java:7:9: warning: .*\[SynchronizedOnGetClass\]$' "$tmp/out.txt" \
  || fail "--quiet: no compiler-style line"
run 0 "$lockopt" analyze . --changed-since HEAD

# GitHub Actions with the analysis cache: the same results from a cold and a warm cache, no warning
cache="$tmp/home/.cache/lockopt/analysis.json"
run 1 "$lockopt" analyze . --format sarif --output lockopt.sarif --cache "$cache" --changed-since origin/main
jq -S '.runs[0].results' "$tmp/pr/lockopt.sarif" > "$tmp/cold-results.json"
[[ -f "$cache" ]] || fail "--cache: no cache written"
run 1 "$lockopt" analyze . --format sarif --output lockopt.sarif --cache "$cache" --changed-since origin/main
jq -S '.runs[0].results' "$tmp/pr/lockopt.sarif" | cmp -s - "$tmp/cold-results.json" \
  || fail "--cache: the warm run's results differ from the cold run's"
! grep -q 'lockopt: warning' "$tmp/out.txt" || fail "--cache: unexpected warning: $(cat "$tmp/out.txt")"
run 2 "$lockopt" analyze . --changed-since no-such-branch

# GitLab: a baseline of main, then the Code Quality report of the pull request
git_in "$tmp/pr" checkout -q main
run 0 "$lockopt" analyze . --write-baseline lockopt-baseline.json
git_in "$tmp/pr" checkout -q feature
run 1 "$lockopt" analyze . --format codeclimate --output gl-code-quality-report.json --baseline lockopt-baseline.json \
  --cache .lockopt/analysis.json
[[ -f "$tmp/pr/.lockopt/analysis.json" ]] || fail "GitLab: no analysis cache in .lockopt/"
jq -e 'length == 1 and .[0].check_name == "SynchronizedOnGetClass" and .[0].severity == "major"
       and .[0].location.path == "src/main/java/demo/Catalog.java" and .[0].location.lines.begin == 7
       and (.[0].fingerprint | test("^[0-9a-f]{32}$")) and (.[0].description | length > 0)' \
  "$tmp/pr/gl-code-quality-report.json" >/dev/null || fail "Code Quality: unexpected report"

# Jenkins: the verdict left to the quality gate
run 0 "$lockopt" analyze . --format sarif --output lockopt.sarif --fail-on never

# the Maven plugin's baseline, written over one module's sources
run 0 "$lockopt" analyze src/main/java --write-baseline lockopt-baseline.json
run 0 "$lockopt" analyze src/main/java --baseline lockopt-baseline.json

echo "check-ci-recipes: docs/ci.md's command lines work with $(basename "$(dirname "$(dirname "$lockopt")")")"
