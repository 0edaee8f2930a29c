#!/usr/bin/env bash
# A routine played with --exit-when-done lasts its planned length in wall
# time (the player is driven by the monotonic clock, not by frames).
# Skipped (77) without xvfb-run.
set -euo pipefail
limber=$1 src=$2
. "$(dirname "$0")/window_common.bash"
window_in_xvfb "$0" "$@"

window_scratch
cp -r "$src/data" "$work/data"
# 5 s get-ready + 3 s + 1 s rest + 2 s = 11 s
printf 'exercise,seconds,reps,rest_s,side\ncat-camel,3,,1,\nbridge,2,,,\n' \
    >"$work/data/routines/quick.csv"
planned=11
start=$(date +%s.%N)
rc=0
timeout 30 "$limber" play quick --exit-when-done --verbose --data "$work/data" \
    --assets "$src/assets" --window 640x360 2>"$work/err" || rc=$?
end=$(date +%s.%N)
[ "$rc" -eq 0 ] || { echo "FAIL: exit status $rc, expected 0"; exit 1; }
# The app's own clock from the start of play to the exit (within a frame or
# two of the plan), and the wall clock around it (start-up may take a while
# in a sanitizer build on a loaded machine: 5.6 s was seen; never less
# than the plan).
played=$(sed -n 's/^limber: [0-9]* frames drawn in \([0-9.]*\) s$/\1/p' "$work/err")
[ -n "$played" ] || { echo "FAIL: no frame count from --verbose"; exit 1; }
if ! awk -v s="$start" -v e="$end" -v p="$planned" -v t="$played" \
    'BEGIN { d = e - s; printf "played %.2f s, wall %.2f s, planned %d s\n", t, d, p;
             exit !(t >= p && t < p + 0.1 && d >= p && d < p + 20) }'; then
    echo "FAIL: the time played does not match the plan"
    exit 1
fi
