# Shared by scripts/check-distribution.sh and scripts/check-ci-recipes.sh (sourced, not run): the
# build's distribution zip unpacked in a temporary directory outside the repository, and the checks'
# way of running a command and failing.
#
# The caller sets script (its name, for messages) and root (the repository), then calls
# unpack_distribution SUBDIR, which sets zip, version, tmp (removed on exit) and home (the
# unpacked lockopt-VERSION directory under $tmp/SUBDIR).

fail() {
  echo "$script: $*" >&2
  exit 1
}

# expect_exit_in DIR CODE OUTFILE COMMAND...: runs COMMAND in DIR, stdout and stderr to OUTFILE;
# fails (printing OUTFILE) unless it exits CODE.
expect_exit_in() {
  local dir="$1" want="$2" out="$3" code
  shift 3
  set +e
  (cd "$dir" && "$@") >"$out" 2>&1
  code=$?
  set -e
  if [[ $code -ne $want ]]; then
    cat "$out" >&2
    fail "expected exit $want from '$*', got $code"
  fi
}

unpack_distribution() {
  local zips=("$root"/cli/target/lockopt-[0-9]*.zip)
  if [[ ${#zips[@]} -ne 1 || ! -f "${zips[0]}" ]]; then
    echo "$script: expected one cli/target/lockopt-VERSION.zip (run mvn -B package first)" >&2
    exit 2
  fi
  zip="${zips[0]}"
  version="$(basename "$zip" .zip)"
  version="${version#lockopt-}"
  tmp="$(mktemp -d "${TMPDIR:-/tmp}/$script.XXXXXX")"
  trap 'rm -rf "$tmp"' EXIT
  case "$tmp/" in
    "$root"/*) echo "$script: the temporary directory $tmp is inside the repository" >&2; exit 2 ;;
  esac
  mkdir -p "$tmp/$1"
  unzip -q "$zip" -d "$tmp/$1"
  home="$tmp/$1/lockopt-$version"
}
