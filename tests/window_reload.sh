#!/usr/bin/env bash
# Live reload in a real window under Xvfb: `limber show cat-camel` while
# its pose is written in each way editors and sync tools write (in place,
# truncate then write, a temporary renamed over, delete then create): each
# save is on screen within a second (--verbose says when the reloaded frame
# was presented; the latency is printed). A fault shows the banner (its
# colour is counted in a screenshot) and fixing it takes the banner away.
# Paused with the watcher on, the process uses 0 CPU ticks in 5 s, and a
# save still wakes it. Skipped (77) without xvfb-run, xdotool or ImageMagick.
set -euo pipefail
limber=$1 src=$2
. "$(dirname "$0")/window_common.bash"
command -v xdotool >/dev/null || exit 77
command -v import >/dev/null || exit 77
window_in_xvfb "$0" "$@"

window_scratch
src=$(cd "$src" && pwd)
failed=0
fail() { echo "FAIL: $*"; failed=1; }
cp -r "$src/data" "$work/data"
mkdir "$work/assets"
cp -r "$src/assets/poses" "$work/assets/"
ln -s "$src/assets/fonts" "$work/assets/fonts"
pose=$work/assets/poses/cat-camel.pose
cp "$pose" "$work/good.pose"
# version K: "loop 6" made "loop 6.K", a pose that parses and differs
version() { sed "s/^loop 6 /loop 6.$1 /" "$work/good.pose"; }

"$limber" show cat-camel --data "$work/data" --assets "$work/assets" --window 800x450 \
    --verbose 2>"$work/err" &
pid=$!
wid=$(window_of "$pid")
[ -n "$wid" ] || { kill "$pid"; echo "FAIL: no window appeared"; exit 1; }
sleep 1

now() { date +%s.%N; }
shown() { grep -c "^limber: reload [0-9]* on screen at" "$work/err" || true; }
# waits up to 3 s for the reload after the $1-th to be on screen, and
# prints its time less $2 in ms
on_screen() {
    local n=$1 saved=$2 t=
    for _ in $(seq 60); do
        t=$(grep "^limber: reload [0-9]* on screen at" "$work/err" | sed -n "$((n + 1))p" |
            sed 's/.* at //')
        [ -n "$t" ] && break
        sleep 0.05
    done
    [ -n "$t" ] || { echo "none"; return; }
    awk -v a="$saved" -v b="$t" 'BEGIN { printf "%.0f", (b - a) * 1000 }'
}
# pixels of the banner's outline colour in the window
banner_pixels() {
    import -window "$wid" "$work/shot.png"
    convert "$work/shot.png" -fill black +opaque "rgb(255,120,90)" -fill white \
        -opaque "rgb(255,120,90)" -format "%[fx:round(mean*w*h)]" info:
}

check_reload() {
    local ms
    ms=$(on_screen "$n" "$1")
    echo "$2: on screen $ms ms after the save"
    if [ "$ms" = none ] || [ "$ms" -gt 1000 ]; then fail "$2: not on screen within 1 s"; fi
}

n=$(shown); saved=$(now); version 1 >"$pose.new"; cat "$pose.new" >"$pose"   # in place
check_reload "$saved" "in place"
n=$(shown); saved=$(now); : >"$pose"; version 2 >>"$pose"                     # truncate, then write
check_reload "$saved" "truncate then write"
version 3 >"$pose.tmp"; n=$(shown); saved=$(now); mv "$pose.tmp" "$pose"      # rename over
check_reload "$saved" "temporary renamed over"
n=$(shown); saved=$(now); rm "$pose"; version 4 >"$pose"                      # delete, then create
check_reload "$saved" "delete then create"

before=$(banner_pixels)
echo "key" >>"$pose"
sleep 1
grep -q "cat-camel.pose:.*the last good version stays in use" "$work/err" ||
    fail "the fault was not said on stderr"
with=$(banner_pixels)
cp "$work/shot.png" "$work/banner.png"
version 5 >"$pose"
sleep 1
after=$(banner_pixels)
echo "banner colour pixels: before $before, with the fault $with, fixed $after"
[ "$with" -gt 500 ] || fail "no banner on screen for the fault"
[ "$before" -lt 50 ] && [ "$after" -lt 50 ] || fail "a banner without a fault"
[ "$(grep -c 'the last good version stays in use' "$work/err")" = 1 ] ||
    fail "the fault was said more than once"
[ -n "${LIMBER_SHOTS:-}" ] && cp "$work/banner.png" "$LIMBER_SHOTS/reload-banner.png"

# the rest of the ways a file goes wrong: half-written, too big, a
# directory, a link to nothing; each said once, the screen still up
faults_before=$(grep -c 'the last good version stays in use' "$work/err")
version 7 | head -c 1500 >"$pose"; sleep 0.05; version 7 | tail -c +1501 >>"$pose"
head -c 2000000 /dev/zero | tr '\0' '#' >"$pose"; sleep 1
rm "$pose"; mkdir "$pose"; sleep 1; rmdir "$pose"
ln -s /nonexistent/cat-camel.pose "$pose"; sleep 1; rm "$pose"
version 8 >"$pose"; sleep 1
kill -0 "$pid" 2>/dev/null || fail "limber exited on a bad file"
grep -q "larger than the limit" "$work/err" || fail "the huge file was not refused"
[ "$(grep -c 'the last good version stays in use' "$work/err")" -eq $((faults_before + 3)) ] ||
    fail "expected 3 more faults said (too big, a directory, a dangling link; not the half file)"
[ "$(banner_pixels)" -lt 50 ] || fail "the banner stayed after the fix"

# paused, watching: no CPU at all, and a save still wakes it
ticks() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
xdotool key --window "$wid" space
sleep 1
t0=$(ticks); sleep 5; t1=$(ticks)
echo "paused, watching: $((t1 - t0)) ticks in 5 s"
[ "$((t1 - t0))" = 0 ] || fail "$((t1 - t0)) CPU ticks in 5 s while paused"
n=$(shown); saved=$(now); version 6 >"$pose"
check_reload "$saved" "while paused"

kill "$pid"
wait "$pid" || true
grep -q "watching .* (inotify)" "$work/err" || fail "not watching with inotify"
[ "$failed" = 0 ] || { echo "stderr:"; cat "$work/err"; exit 1; }
echo "ok: each save on screen within 1 s; the banner came and went; 0 ticks paused"
