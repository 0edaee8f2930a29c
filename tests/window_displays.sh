#!/usr/bin/env bash
# Two monitors: Xorg's dummy driver with DUMMY0 1280x720 at 0,0 and DUMMY1
# 800x600 at 1280,0 (Xvfb cannot give SDL 2.26 two displays). Checks that
# --fullscreen --display 1 covers exactly the second, that --display 1 centres
# a window on it, that --display 5 lists the displays and exits 2, and that
# `limber displays` lists them (and as JSON).
# Skipped (77) without Xorg, its dummy driver, xrandr or xdotool, or when
# Xorg may not start here.
set -euo pipefail
limber=$1 src=$2
. "$(dirname "$0")/window_common.bash"
window_in_dummy_xorg
window_second_monitor

failed=0
fail() { echo "FAIL: $*"; failed=1; }

# geometry ARGS...: starts limber, prints "X Y W H" of its window, quits it
geometry() {
    "$limber" play --data "$src/data" --assets "$src/assets" "$@" 2>/dev/null &
    local pid=$! wid g
    wid=$(window_of "$pid")
    sleep 0.5 # let it settle on its display
    local X= Y= WIDTH= HEIGHT=
    if [ -n "$wid" ] && g=$(xdotool getwindowgeometry --shell "$wid" 2>/dev/null); then
        eval "$g"
        echo "$X $Y $WIDTH $HEIGHT"
    else
        echo "no window"
    fi
    # SIGTERM is SDL_QUIT: a key sent with xdotool to a closing window can
    # stay pressed in the server and reach the next run.
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

got=$(geometry --fullscreen --display 1)
[ "$got" = "1280 0 800 600" ] || fail "--fullscreen --display 1: window at $got, expected 1280 0 800 600"
got=$(geometry --display 1 --window 640x360)
[ "$got" = "1360 120 640 360" ] || fail "--display 1 --window 640x360: window at $got, expected 1360 120 640 360"
got=$(geometry --fullscreen --display 0)
[ "$got" = "0 0 1280 720" ] || fail "--fullscreen --display 0: window at $got, expected 0 0 1280 720"

rc=0
err=$("$limber" play --data "$src/data" --assets "$src/assets" --display 5 2>&1 >/dev/null) || rc=$?
[ "$rc" -eq 2 ] || fail "--display 5: exit $rc, expected 2"
grep -q "^ *0: DUMMY0 1280x720 at 0,0$" <<<"$err" || fail "--display 5 does not list DUMMY0: $err"
grep -q "^ *1: DUMMY1 800x600 at 1280,0$" <<<"$err" || fail "--display 5 does not list DUMMY1: $err"

got=$("$limber" displays 2>&1) || fail "limber displays: exit $?: $got"
want=$'0: DUMMY0 1280x720 at 0,0\n1: DUMMY1 800x600 at 1280,0'
[ "$got" = "$want" ] || fail "limber displays printed '$got', expected '$want'"
got=$("$limber" displays --json 2>&1) || fail "limber displays --json: exit $?: $got"
want='{"displays":[{"index":0,"name":"DUMMY0","x":0,"y":0,"w":1280,"h":720},'
want+='{"index":1,"name":"DUMMY1","x":1280,"y":0,"w":800,"h":600}]}'
[ "$got" = "$want" ] || fail "limber displays --json printed '$got', expected '$want'"

[ "$failed" -eq 0 ] && echo "ok: displays"
exit "$failed"
