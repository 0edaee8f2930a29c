#!/usr/bin/env bash
# A kiosk started before its TV: under Xorg's dummy driver with one monitor,
# `limber play --loop --fullscreen --display 1` keeps running on display 0
# (saying so once), and when a second monitor appears it moves there and
# covers it. Without --loop the same display is still an error (exit 2).
# Skipped (77) without Xorg, its dummy driver, xrandr or xdotool, or when
# Xorg may not start here.
set -euo pipefail
limber=$1 src=$2
. "$(dirname "$0")/window_common.bash"
window_in_dummy_xorg

failed=0
fail() { echo "FAIL: $*"; failed=1; }

# where WID: "X Y W H" of the window, or "no window"
where() {
    local X= Y= WIDTH= HEIGHT= g
    if g=$(xdotool getwindowgeometry --shell "$1" 2>/dev/null); then
        eval "$g"
        echo "$X $Y $WIDTH $HEIGHT"
    else
        echo "no window"
    fi
}

# wait_for WID GEOMETRY: up to 5 s for the window to be there; prints where it is
wait_for() {
    local got
    for _ in $(seq 50); do
        got=$(where "$1")
        [ "$got" = "$2" ] && break
        sleep 0.1
    done
    echo "$got"
}

rc=0
"$limber" play --data "$src/data" --assets "$src/assets" --display 1 >/dev/null 2>"$work/err" ||
    rc=$?
[ "$rc" -eq 2 ] || fail "--display 1 without --loop on one display: exit $rc, expected 2"
grep -q "^ *0: DUMMY0 1280x720 at 0,0$" "$work/err" || fail "without --loop, no display list: $(cat "$work/err")"

"$limber" play --data "$src/data" --assets "$src/assets" --loop --fullscreen --display 1 \
    2>"$work/kiosk.err" &
pid=$!
wid=$(window_of "$pid")
if [ -z "$wid" ]; then
    fail "the kiosk opened no window: $(cat "$work/kiosk.err")"
else
    got=$(wait_for "$wid" "0 0 1280 720")
    [ "$got" = "0 0 1280 720" ] || fail "waiting for display 1: window at $got, expected 0 0 1280 720"
    sleep 1.5 # past a display check or two: still waiting, still quiet
    kill -0 "$pid" 2>/dev/null || fail "the kiosk exited while display 1 was not there"
    window_second_monitor
    got=$(wait_for "$wid" "1280 0 800 600")
    [ "$got" = "1280 0 800 600" ] || fail "display 1 appeared: window at $got, expected 1280 0 800 600"
    kill -0 "$pid" 2>/dev/null || fail "the kiosk exited when display 1 appeared"
fi
kill "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
said=$(grep -c "display 1 is not there yet; showing on display 0 until it appears" "$work/kiosk.err" || true)
[ "$said" -eq 1 ] || fail "said $said times that display 1 is not there, expected once: $(cat "$work/kiosk.err")"

[ "$failed" -eq 0 ] && echo "ok: the kiosk waited for display 1 and moved there"
exit "$failed"
