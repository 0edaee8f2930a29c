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
# to 5 s for it; prints nothing if none appears.
window_of() {
    local wid=
    for _ in $(seq 50); do
        wid=$(xdotool search --onlyvisible --pid "$1" --name Limber 2>/dev/null | tail -1 || true)
        [ -n "$wid" ] && break
        sleep 0.1
    done
    echo "$wid"
}

# window_in_xvfb SCRIPT ARGS...: skips (77) without xvfb-run; outside Xvfb,
# runs SCRIPT again inside a new 1280x800 one and exits with its status;
# inside, returns.
window_in_xvfb() {
    command -v xvfb-run >/dev/null || exit 77
    [ -n "${LIMBER_INNER:-}" ] && return 0
    LIMBER_INNER=1 xvfb-run -a -s "-screen 0 1280x800x24" bash "$@"
    exit $?
}

# window_scratch: a scratch directory in $work, removed on exit together
# with what window_cleanup removes.
window_scratch() {
    work=$(mktemp -d)
    trap 'rm -rf "$work"; window_cleanup' EXIT
}
