#!/usr/bin/env bash
# The quick start keeps standard output for Limber: on a first run,
# `scripts/dev run list --json | python3 -m json.tool` must work although
# apt-get and the build print pages of progress. A copy of scripts/dev runs
# against stand-ins (every package missing, apt-get, sudo and cmake that
# talk on stdout, a build/limber that prints one JSON object), so nothing is
# installed or built; stdout must be that object alone, and the stand-ins'
# talk must still reach the terminal on stderr.
set -euo pipefail
src=$2
. "$(dirname "$0")/cli_lib.bash"
command -v python3 >/dev/null || { echo "skip: no python3"; exit 77; }

clone=$work/clone bin=$work/bin
mkdir -p "$clone/scripts" "$clone/build" "$bin"
cp "$src/scripts/dev" "$clone/scripts/dev"
stub() { printf '#!/bin/sh\n%s\n' "$2" >"$bin/$1" && chmod +x "$bin/$1"; }
stub dpkg 'exit 1'                                         # nothing installed yet
stub sudo '[ "$1" = -n ] && shift; exec "$@"'              # no password asked
stub apt-get 'echo "Reading package lists... Done ($*)"'   # apt-get talks on stdout
stub cmake 'echo "-- Configuring done ($*)"'               # and so does the build
stub pkg-config 'exit 1'
printf '#!/bin/sh\necho "{\\"args\\": \\"$*\\"}"\n' >"$clone/build/limber"
chmod +x "$clone/build/limber"

rc=0
PATH=$bin:$PATH "$clone/scripts/dev" run list --json >"$work/out" 2>"$work/err" || rc=$?
[ "$rc" -eq 0 ] && ok || fail "scripts/dev run list --json: exit $rc: $(cat "$work/err")"
[ "$(cat "$work/out")" = '{"args": "list --json"}' ] && ok ||
    fail "stdout is not Limber's output alone: $(cat "$work/out")"
python3 -m json.tool <"$work/out" >/dev/null 2>&1 && ok || fail "stdout is not JSON"
grep -q "Reading package lists" "$work/err" && ok || fail "apt-get's output is lost: $(cat "$work/err")"
grep -q "Configuring done" "$work/err" && ok || fail "the build's output is lost"
finish
