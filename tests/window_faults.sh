#!/usr/bin/env bash
# Faults to a real window under Xvfb: `limber play --loop` is resized as fast
# as xdotool can (every frame or more), unmapped and mapped again (what
# minimizing is without a window manager), loses the keyboard focus to the
# root window, and runs with --sound on an audio driver that does not
# exist. It must stay up, keep drawing, and its clock must not slip: after
# all that, --verbose's "frames drawn in S s" must match the wall clock.
# Skipped (77) without xvfb-run or xdotool.
set -euo pipefail
limber=$1 src=$2
. "$(dirname "$0")/window_common.bash"
command -v xdotool >/dev/null || exit 77
window_in_xvfb "$0" "$@"

window_scratch
failed=0
fail() { echo "FAIL: $*"; failed=1; }

SDL_AUDIODRIVER=no-such-audio-driver "$limber" play --data "$src/data" --assets "$src/assets" \
    --loop --sound --verbose --window 640x360 2>"$work/err" &
pid=$!
start=$(date +%s.%N)
wid=$(window_of "$pid")
seen=$(date +%s.%N)
if [ -z "$wid" ]; then
    kill "$pid" 2>/dev/null || true
    echo "FAIL: no window appeared: $(cat "$work/err")"
    exit 1
fi
alive() { kill -0 "$pid" 2>/dev/null || { fail "limber exited during: $1"; return 1; }; }

# resized 200 times, down to 1x1 and up past the screen
sizes=(640x360 1x1 2x700 700x2 333x77 1600x1000 17x401 3x3 1024x576)
for i in $(seq 200); do
    s=${sizes[$((i % ${#sizes[@]}))]}
    xdotool windowsize "$wid" "${s%x*}" "${s#*x}" 2>/dev/null || true
done
alive "resizing" || exit 1
# minimized (unmapped) for a while, then back
for _ in 1 2 3; do
    xdotool windowunmap --sync "$wid" 2>/dev/null || true
    sleep 0.5
    alive "unmapped" || exit 1
    xdotool windowmap --sync "$wid" 2>/dev/null || true
    sleep 0.2
done
# the focus goes to the root window and comes back
root=$(xdotool search --maxdepth 0 --name '' 2>/dev/null | head -1 || true)
for _ in 1 2 3; do
    [ -n "$root" ] && xdotool windowfocus "$root" 2>/dev/null || true
    sleep 0.2
    xdotool windowfocus "$wid" 2>/dev/null || true
    sleep 0.2
done
alive "focus changes" || exit 1
xdotool windowsize "$wid" 640 360 2>/dev/null || true
sleep 1

# SIGTERM is SDL_QUIT: a clean exit, reporting its own clock
killed=$(date +%s.%N)
kill "$pid"
rc=0
wait "$pid" || rc=$?
end=$(date +%s.%N)
[ "$rc" -eq 0 ] || fail "exit status $rc after the faults: $(tail -5 "$work/err")"
played=$(sed -n 's/^limber: \([0-9]*\) frames drawn in \([0-9.]*\) s$/\2/p' "$work/err")
frames=$(sed -n 's/^limber: \([0-9]*\) frames drawn in .*/\1/p' "$work/err")
wall=$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')
shown=$(awk -v a="$seen" -v b="$killed" 'BEGIN { print b - a }')
echo "limber's clock $played s; the window was up $shown s of $wall s; $frames frames drawn"
if [ -z "$played" ]; then
    fail "no frame count in: $(cat "$work/err")"
else
    # the app's clock runs from just before the window appears until the
    # quit: at least as long as we saw the window, at most the whole run.
    # The slack is for the last frame before the quit under a sanitizer
    # build on a loaded machine (0.31 s seen once); a clock that lost time
    # in the faults would be seconds short.
    awk -v p="$played" -v w="$wall" -v s="$shown" 'BEGIN { exit !(p <= w && p >= s - 1.0) }' ||
        fail "the app's clock says $played s; the window was up $shown s of $wall s"
    [ "${frames:-0}" -gt 20 ] || fail "only $frames frames drawn"
fi
grep -q "no sound" "$work/err" || fail "no word about the missing sound: $(cat "$work/err")"

[ "$failed" -eq 0 ] && echo "ok: window faults"
exit "$failed"
