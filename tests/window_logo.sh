#!/usr/bin/env bash
# The logo on a real window under Xvfb: --verbose names it, and the
# screenshot has its magenta in the top left box and nowhere else; a bad
# logo gives exactly one line on stderr and the window opens anyway.
# Skipped (77) without xvfb-run.
set -euo pipefail
limber=$1 src=$2
. "$(dirname "$0")/window_common.bash"
window_in_xvfb "$0" "$@"
window_scratch
passed=0 failed=0
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }

# run LOGO: starts show in a 640x360 window with LOGO; sets pid and wid
run() {
    "$limber" show cat-camel --verbose --data "$src/data" --assets "$src/assets" \
        --window 640x360 --logo "$1" 2>"$work/err" &
    pid=$!
    wid=$(window_of "$pid")
}
stop() {
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

run "$src/tests/logos/logo.png"
if [ -z "$wid" ]; then
    fail "no window with a good logo: $(cat "$work/err")"
else
    sleep 0.5 # the first frames
    import -window "$wid" "$work/shot.png"
    # magenta pixels inside the 43x43 box at 7,7 (12% of 360, 2% margins)
    # and outside it
    counts=$(convert "$work/shot.png" rgb:- | python3 -c '
import sys
w, h = map(int, sys.argv[1:3])
px = sys.stdin.buffer.read()
inside = outside = 0
for i in range(0, len(px), 3):
    r, g, b = px[i], px[i + 1], px[i + 2]
    if r > 200 and g < 60 and b > 200:
        x, y = (i // 3) % w, (i // 3) // w
        if 7 <= x < 50 and 7 <= y < 50:
            inside += 1
        else:
            outside += 1
print(inside, outside)' $(identify -format "%w %h" "$work/shot.png"))
    read -r inside outside <<<"$counts"
    # the 200x100 logo fitted: 43x22
    if [ "$inside" -ge 850 ] && [ "$inside" -le 946 ] && [ "$outside" -eq 0 ]; then
        passed=$((passed + 1))
    else
        fail "logo pixels: $inside inside the box (want 43x22 = 946), $outside outside"
    fi
    if grep -qx "limber: logo $src/tests/logos/logo.png (PNG, 200x100)" "$work/err"; then
        passed=$((passed + 1))
    else
        fail "--verbose does not name the logo: $(cat "$work/err")"
    fi
fi
stop

printf 'GIF89a' >"$work/bad.png"
run "$work/bad.png"
if [ -z "$wid" ]; then
    fail "no window with a bad logo: $(cat "$work/err")"
else
    stop
    lines=$(grep -c "bad.png" "$work/err" || true)
    if [ "$lines" -eq 1 ] && grep -qx "limber: $work/bad.png: not a PNG image" "$work/err"; then
        passed=$((passed + 1))
    else
        fail "a bad logo said, $lines times: $(cat "$work/err")"
    fi
fi
stop
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
