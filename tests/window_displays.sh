#!/usr/bin/env bash
# Two monitors: Xorg's dummy driver with DUMMY0 1280x720 at 0,0 and DUMMY1
# 800x600 at 1280,0 (Xvfb cannot give SDL 2.26 two displays). Checks that
# --fullscreen --display 1 covers exactly the second, that --display 1 centres
# a window on it, and that --display 5 lists the displays and exits 2.
# Skipped (77) without Xorg, its dummy driver, xrandr or xdotool, or when
# Xorg may not start here.
set -euo pipefail
limber=$1 src=$2
. "$(dirname "$0")/window_common.bash"
for tool in Xorg xrandr xdotool xdpyinfo; do
    command -v "$tool" >/dev/null || { echo "skip: no $tool"; exit 77; }
done
ls /usr/lib/xorg/modules/drivers/dummy_drv.so >/dev/null 2>&1 || { echo "skip: no dummy driver"; exit 77; }

work=$(mktemp -d)
xpid=
cleanup() {
    [ -n "$xpid" ] && kill "$xpid" 2>/dev/null && wait "$xpid" 2>/dev/null
    rm -rf "$work"
    window_cleanup
}
trap cleanup EXIT
cat >"$work/xorg.conf" <<'CONF'
Section "Device"
    Identifier "dummy"
    Driver "dummy"
    VideoRam 256000
EndSection
Section "Monitor"
    Identifier "mon"
    HorizSync 5.0 - 1000.0
    VertRefresh 5.0 - 200.0
    Modeline "1280x720" 74.25 1280 1390 1430 1650 720 725 730 750 +hsync +vsync
    Modeline "800x600" 40.00 800 840 968 1056 600 601 605 628 +hsync +vsync
EndSection
Section "Screen"
    Identifier "screen"
    Device "dummy"
    Monitor "mon"
    DefaultDepth 24
    SubSection "Display"
        Depth 24
        Virtual 4096 2160
        Modes "1280x720"
    EndSubSection
EndSection
CONF
Xorg -displayfd 3 -noreset -nolisten tcp -config "$work/xorg.conf" -novtswitch -sharevts \
    -logfile "$work/xorg.log" 3>"$work/display" >/dev/null 2>&1 &
xpid=$!
for _ in $(seq 50); do [ -s "$work/display" ] && break; sleep 0.1; done
[ -s "$work/display" ] || { echo "skip: Xorg did not start"; exit 77; }
export DISPLAY=":$(head -1 "$work/display")"
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
xrandr --addmode DUMMY1 800x600
xrandr --output DUMMY1 --mode 800x600 --right-of DUMMY0
# A full query makes the server probe the outputs again; without it SDL (which
# asks for the current resources only) still sees one display.
xrandr >/dev/null

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

[ "$failed" -eq 0 ] && echo "ok: displays"
exit "$failed"
