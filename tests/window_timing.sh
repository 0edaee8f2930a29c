#!/usr/bin/env bash
# A routine played with --exit-when-done lasts its planned length in wall
# time (the player is driven by the monotonic clock, not by frames).
# Skipped (77) without xvfb-run.
set -euo pipefail
limber=$1 src=$2
command -v xvfb-run >/dev/null || exit 77

if [ -z "${LIMBER_INNER:-}" ]; then
    LIMBER_INNER=1 exec xvfb-run -a -s "-screen 0 1280x800x24" bash "$0" "$@"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$src/data" "$work/data"
# 5 s get-ready + 3 s + 1 s rest + 2 s = 11 s
printf 'exercise,seconds,reps,rest_s,side\ncat-camel,3,,1,\nbridge,2,,,\n' \
    >"$work/data/routines/quick.csv"
planned=11
start=$(date +%s.%N)
rc=0
timeout 30 "$limber" play quick --exit-when-done --data "$work/data" --assets "$src/assets" \
    --window 640x360 2>/dev/null || rc=$?
end=$(date +%s.%N)
[ "$rc" -eq 0 ] || { echo "FAIL: exit status $rc, expected 0"; exit 1; }
# start-up (font, poses, window) is allowed half a second on top
if ! awk -v s="$start" -v e="$end" -v p="$planned" \
    'BEGIN { d = e - s; printf "took %.2f s, planned %d s\n", d, p; exit !(d >= p && d < p + 0.8) }'; then
    echo "FAIL: wall time does not match the plan"
    exit 1
fi
