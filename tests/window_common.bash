# Shared by the tests/window_*.sh scripts (sourced; not a test itself).

# Under LIMBER_SANITIZE, SDL's D-Bus connection is reported as a leak at exit;
# it is not ours, so it must not turn a clean exit into status 1. The file is
# made once and removed by whichever script made it (an EXIT trap of its own
# must call window_cleanup).
window_cleanup() { [ -n "${window_made_supp:-}" ] && rm -f "$LIMBER_LSAN_SUPP"; return 0; }
if [ -z "${LIMBER_LSAN_SUPP:-}" ]; then
    LIMBER_LSAN_SUPP=$(mktemp)
    export LIMBER_LSAN_SUPP
    window_made_supp=1
    trap window_cleanup EXIT
    echo "leak:libdbus-1.so" >"$LIMBER_LSAN_SUPP"
    export LSAN_OPTIONS="suppressions=$LIMBER_LSAN_SUPP${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
fi

# window_of PID: prints the id of the visible Limber window of PID, waiting up
# to 20 s for it (a loaded CI host can take seconds to start Xvfb and a
# client); prints nothing if none appears.
window_of() {
    local wid=
    for _ in $(seq 200); do
        wid=$(xdotool search --onlyvisible --pid "$1" --name Limber 2>/dev/null | tail -1 || true)
        [ -n "$wid" ] && break
        sleep 0.1
    done
    echo "$wid"
}

# window_in_xvfb SCRIPT ARGS...: skips (77) without xvfb-run; outside Xvfb,
# runs SCRIPT again inside a new 1280x800 one and exits with its status;
# inside, returns. -noreset: by default Xvfb resets when its last client
# leaves, and a client that connects during the reset finds no display (a
# test that stops one window and starts the next failed so in CI).
window_in_xvfb() {
    command -v xvfb-run >/dev/null || exit 77
    [ -n "${LIMBER_INNER:-}" ] && return 0
    LIMBER_INNER=1 xvfb-run -a -s "-noreset -screen 0 1280x800x24" bash "$@"
    exit $?
}

# window_scratch: a scratch directory in $work, removed on exit together
# with what window_cleanup removes.
window_scratch() {
    work=$(mktemp -d)
    trap 'rm -rf "$work"; window_cleanup' EXIT
}

# window_in_dummy_xorg: starts Xorg with its dummy driver and one monitor,
# DUMMY0 1280x720 at 0,0, and exports its DISPLAY (Xvfb cannot give SDL
# 2.26 two displays); window_second_monitor adds DUMMY1. Makes $work as
# window_scratch does; the server goes at exit. Skips (77) without Xorg, its
# dummy driver, xrandr, xdotool or xdpyinfo, or when Xorg may not start here.
window_in_dummy_xorg() {
    local tool
    for tool in Xorg xrandr xdotool xdpyinfo; do
        command -v "$tool" >/dev/null || { echo "skip: no $tool"; exit 77; }
    done
    ls /usr/lib/xorg/modules/drivers/dummy_drv.so >/dev/null 2>&1 ||
        { echo "skip: no dummy driver"; exit 77; }
    work=$(mktemp -d)
    window_xorg_pid=
    trap '[ -n "$window_xorg_pid" ] && kill "$window_xorg_pid" 2>/dev/null &&
          wait "$window_xorg_pid" 2>/dev/null; rm -rf "$work"; window_cleanup' EXIT
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
    window_xorg_pid=$!
    for _ in $(seq 50); do [ -s "$work/display" ] && break; sleep 0.1; done
    [ -s "$work/display" ] || { echo "skip: Xorg did not start"; exit 77; }
    DISPLAY=":$(head -1 "$work/display")"
    export DISPLAY
    for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
}

# window_second_monitor: DUMMY1 800x600 at 1280,0, right of DUMMY0.
window_second_monitor() {
    xrandr --addmode DUMMY1 800x600
    xrandr --output DUMMY1 --mode 800x600 --right-of DUMMY0
    # A full query makes the server probe the outputs again and tell its
    # clients; without it SDL (which asks for the current resources only)
    # still sees one display. A real TV switched on is probed by the driver.
    xrandr >/dev/null
}
