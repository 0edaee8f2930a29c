#!/usr/bin/env bash
# Two `limber play --sync` windows started 3 s apart show the same screen:
# one picture of the whole X screen holds both, and their halves match
# (within the one frame by which two programs may be apart: of five
# pictures taken 0.2 s apart the closest pair counts, since under the
# sanitizers on a loaded host a program can lag a frame behind). The same two
# windows without --sync differ (the countdown is 3 s apart), which shows
# the comparison can fail. Skipped (77) without xvfb-run, xdotool or
# ImageMagick.
set -euo pipefail
limber=$1 src=$2
. "$(dirname "$0")/window_common.bash"
command -v xdotool >/dev/null || exit 77
command -v import >/dev/null || exit 77
window_in_xvfb "$0" "$@"

window_scratch
failed=0
fail() { echo "FAIL: $*"; failed=1; }

# differing pixels between two windows started 3 s apart, side by side
pair() {
    local a b wa wb
    "$limber" play --data "$src/data" --assets "$src/assets" --window 640x360 "$@" 2>/dev/null &
    a=$!
    wa=$(window_of "$a")
    sleep 3
    "$limber" play --data "$src/data" --assets "$src/assets" --window 640x360 "$@" 2>/dev/null &
    b=$!
    # the new window: xdotool's --pid search can name the first one again
    wb=
    for _ in $(seq 50); do
        wb=$(xdotool search --onlyvisible --name Limber 2>/dev/null | grep -vx "$wa" | tail -1 || true)
        [ -n "$wb" ] && break
        sleep 0.1
    done
    if [ -z "$wa" ] || [ -z "$wb" ]; then
        kill "$a" "$b" 2>/dev/null || true
        echo "no window"
        return
    fi
    # with no window manager both are centred, one over the other
    xdotool windowmove "$wa" 0 0 || true
    xdotool windowmove "$wb" 640 0 || true
    sleep 1
    local best= ae
    for _ in 1 2 3 4 5; do
        import -window root -crop 1280x360+0+0 +repage "$work/shot.png"
        convert "$work/shot.png" -crop 640x360+0+0 +repage "$work/left.png"
        convert "$work/shot.png" -crop 640x360+640+0 +repage "$work/right.png"
        ae=$(compare -metric AE -fuzz 10% "$work/left.png" "$work/right.png" null: 2>&1 || true)
        ae=${ae%% *}
        if [ -z "$best" ] || [ "$ae" -lt "$best" ]; then
            best=$ae
            cp "$work/shot.png" "$work/both.png"
        fi
        sleep 0.2
    done
    kill "$a" "$b"
    wait "$a" "$b" 2>/dev/null || true
    echo "$best"
}

synced=$(pair --sync)
cp "$work/both.png" "$work/synced.png"
[ -n "${LIMBER_SHOTS:-}" ] && cp "$work/both.png" "$LIMBER_SHOTS/sync-two-windows.png"
apart=$(pair)
echo "pixels that differ: with --sync $synced, without $apart (of 230400)"
[ "$synced" != "no window" ] && [ "$apart" != "no window" ] || { echo "FAIL: no window"; exit 1; }
[ "${synced%% *}" -lt 1500 ] || fail "two --sync windows differ in $synced pixels"
[ "${apart%% *}" -gt 3000 ] || fail "the windows without --sync did not differ: the test sees nothing"
[ "$failed" = 0 ] || exit 1
echo "ok: two --sync windows 3 s apart show the same screen"
