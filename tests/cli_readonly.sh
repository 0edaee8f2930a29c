#!/usr/bin/env bash
# Editing is never lossy: every command run against a copy of data/ and
# assets/ (one table broken, as while someone is editing it) leaves every
# file there byte for byte and time for time as it was, and adds none.
# An export writes only under --out, and a sheet only where --sheet says;
# existing files there are refused without --force (cli_export.sh).
set -euo pipefail
limber=$1 src=$2
source "$(dirname "$0")/cli_lib.bash"

cp -r "$src/data" "$src/assets" "$work/"
# mid-edit: a routine naming an exercise that is not there
echo "no-such-exercise,,1,," >>"$work/data/routines/daily.csv"
# the state of the tree: every path, its bytes and its modification time
state() { (cd "$work" && find data assets -printf '%p %s %T@ %m\n' | sort && find data assets -type f -exec sha256sum {} + | sort); }
before=$(state)

# limber on the copy, offscreen; with replace=(exec) in a subshell, limber
# takes the subshell's place, so $! of one put in the background is limber
replace=()
run() { "${replace[@]}" env -u DISPLAY -u WAYLAND_DISPLAY SDL_VIDEODRIVER=offscreen \
    SDL_AUDIODRIVER=dummy "$limber" "$@" --data "$work/data" --assets "$work/assets"; }
rc=0
run check >"$work/check.log" 2>&1 || rc=$?
[ "$rc" -eq 1 ] && ok || fail "check exited $rc, expected 1 (one broken row)"
grep -q "daily.csv:9:1: row 9: unknown exercise 'no-such-exercise'" "$work/check.log" && ok || fail "check: $(cat "$work/check.log")"
run list >/dev/null 2>&1 || true
run list --json >/dev/null 2>&1 || true
mkdir "$work/out"
# (exit 1: it exports, and reports the broken row like list does)
run export cat-camel --out "$work/out" --fps 1 --size 160x90 --sheet "$work/out/sheet.png" \
    >/dev/null 2>&1 || true
# a window (offscreen) shown for a moment and closed with SIGTERM
for cmd in "show cat-camel" "play daily" "home"; do
    # limber itself, so the kill reaches it: killing the subshell around it
    # left it running
    # shellcheck disable=SC2086
    (replace=(exec); run $cmd) >/dev/null 2>&1 &
    pid=$!
    sleep 1
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
done

after=$(state)
[ "$before" = "$after" ] && ok || fail "data/ or assets/ changed: $(diff <(echo "$before") <(echo "$after") | head -5)"
# the export went only where it was sent
extra=$(cd "$work" && find . -path ./data -prune -o -path ./assets -prune -o -path ./out -prune \
    -o -type f ! -name '*.log' -print)
[ -z "$extra" ] && ok || fail "files written outside --out: $extra"
[ -s "$work/out/sheet.png" ] && [ -f "$work/out/cat-camel/0000.png" ] && ok || fail "export wrote nothing"
finish
