# Shared by the tests/cli_*.sh scripts (sourced, so not a test itself): a
# scratch directory removed on exit, and pass/fail counting.
#   source "$(dirname "$0")/cli_lib.bash"; ...; ok; fail "why"; ...; finish
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
ok() { passed=$((passed + 1)); }
# the summary line, and the exit status of the script
finish() {
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
}
