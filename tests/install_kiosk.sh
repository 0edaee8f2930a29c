#!/usr/bin/env bash
# The kiosk unit relies on Limber failing loudly when it cannot show
# anything: with SDL_VIDEODRIVER=kmsdrm and no DRM device (this machine, a
# Pi with the TV's driver missing) it must say so and exit non-zero, so
# systemd's Restart= and start limit apply, instead of running invisibly.
set -euo pipefail
limber=$1 src=$2
# shellcheck source=tests/cli_lib.bash
source "$(dirname "${BASH_SOURCE[0]}")/cli_lib.bash"
if compgen -G '/dev/dri/card*' >/dev/null; then
    echo "SKIP: this machine has a DRM device; only its absence is tested here"
    exit 77
fi
for cmd in "play daily --fullscreen --loop" "show cat-camel"; do
    rc=0
    # shellcheck disable=SC2086 # the command words split on purpose
    (cd "$work" && env -u DISPLAY -u WAYLAND_DISPLAY SDL_VIDEODRIVER=kmsdrm \
        timeout 20 "$limber" $cmd --data "$src/data" --assets "$src/assets") \
        >"$work/out" 2>"$work/err" || rc=$?
    [ "$rc" -eq 1 ] && ok || fail "$cmd: exit $rc, expected 1"
    grep -qx 'limber: cannot start the video: kmsdrm not available' "$work/err" &&
        ok || fail "$cmd: stderr: $(cat "$work/err")"
done
# no display and no driver asked for: SDL would fall back to its offscreen
# driver and play to nobody; Limber says so and exits 1 instead
rc=0
(cd "$work" && env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER timeout 20 "$limber" play \
    --data "$src/data" --assets "$src/assets") >"$work/out" 2>"$work/err" || rc=$?
[ "$rc" -eq 1 ] && grep -q '^limber: no display to show a window on' "$work/err" &&
    ok || fail "no display: exit $rc, stderr: $(cat "$work/err")"
# the shipped unit asks for KMSDRM and restarts, with a limit
unit=$src/dist/limber.service
grep -qx 'Environment=SDL_VIDEODRIVER=kmsdrm' "$unit" && grep -qx 'Restart=always' "$unit" &&
    ok || fail "dist/limber.service: no kmsdrm or no Restart=always"
finish
