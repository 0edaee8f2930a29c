#!/usr/bin/env bash
# `limber play` in a real window under Xvfb: keys sent with xdotool reach it,
# it survives pause, skip, back, help, fullscreen and mirror, and Q quits
# with exit status 0. The window changes while playing and not at all while
# paused (compared with ImageMagick when it is there). Sound on through ALSA
# (S) leaves nothing on the terminal: without a sound card, ALSA's own
# messages are kept off stderr unless --verbose. Skipped (77) without
# xvfb-run or xdotool.
set -euo pipefail
limber=$1 src=$2
. "$(dirname "$0")/window_common.bash"
command -v xdotool >/dev/null || exit 77
window_in_xvfb "$0" "$@"

log=$(mktemp)
SDL_AUDIODRIVER=alsa "$limber" play --data "$src/data" --assets "$src/assets" --window 800x450 \
    2>"$log" &
pid=$!
wid=$(window_of "$pid")
if [ -z "$wid" ]; then
    echo "FAIL: no window appeared"
    kill "$pid" 2>/dev/null || true
    exit 1
fi
# pixels that differ between two pictures of the window taken 0.6 s apart
changes() {
    import -window "$wid" "$work/a.png" && sleep 0.6 && import -window "$wid" "$work/b.png" &&
        compare -metric AE "$work/a.png" "$work/b.png" null: 2>&1 || true
}
if command -v import >/dev/null && command -v compare >/dev/null; then
    work=$(mktemp -d)
    moving=$(changes)
    xdotool key --window "$wid" space
    sleep 0.3
    paused=$(changes)
    xdotool key --window "$wid" space
    echo "pixels changed: playing $moving, paused $paused"
    rm -rf "$work"
    [ "${moving%% *}" != 0 ] || { echo "FAIL: the figure does not move while playing"; kill "$pid"; exit 1; }
    [ "${paused%% *}" = 0 ] || { echo "FAIL: $paused pixels changed while paused"; kill "$pid"; exit 1; }
fi
for k in space Right space Left Next Prior h Escape f m F11 plus minus s s; do
    xdotool key --window "$wid" "$k"
    sleep 0.15
    if ! kill -0 "$pid" 2>/dev/null; then
        echo "FAIL: limber exited after key $k"
        exit 1
    fi
done
xdotool key --window "$wid" q || true
xdotool keyup q 2>/dev/null || true # never leave it pressed in the server
rc=0
for _ in $(seq 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
done
if kill -0 "$pid" 2>/dev/null; then
    echo "FAIL: Q did not quit"
    kill "$pid"
    exit 1
fi
wait "$pid" || rc=$?
[ "$rc" -eq 0 ] || { echo "FAIL: exit status $rc after Q, expected 0; it said:"; cat "$log"; exit 1; }
if grep -q "ALSA" "$log"; then
    echo "FAIL: library noise on stderr without --verbose:"
    head -3 "$log"
    exit 1
fi
rm -f "$log"
echo "ok: keys reached the window and Q quit with 0"
