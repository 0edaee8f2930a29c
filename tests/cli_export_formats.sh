#!/usr/bin/env bash
# `limber export --format svg|gif|webp` end to end with no display: a GIF
# decodes with one frame per 1/fps of the cycle and a WebP with those
# frames (repeats merged), each lasting the cycle within a frame (ffprobe,
# webpmux); SVG frames parse
# (xmllint) and show the figure when rendered (rsvg-convert); existing
# files, bad formats and bad destinations are refused, nothing half written.
set -euo pipefail
limber=$1 src=$2
for tool in ffprobe webpmux xmllint rsvg-convert convert python3; do
    command -v "$tool" >/dev/null ||
        { echo "skipped: no $tool (ffmpeg, webp, libxml2-utils, librsvg2-bin, imagemagick)"; exit 77; }
done
source "$src/tests/cli_lib.bash"
run() { env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER "$limber" "$@" --data "$src/data" --assets "$src/assets"; }
status() { set +e; "$@"; echo $? >"$work/rc"; set -e; cat "$work/rc"; }
near() { python3 -c "import sys; sys.exit(0 if abs($1 - $2) <= $3 + 1e-9 else 1)"; }

# cat-camel: rep 6 s, no hold: 6 s a cycle; bridge: 5 s + a 3 s hold
for id in cat-camel bridge; do
    cycle=$(run list --json | python3 -c "import json,sys
e = next(e for e in json.load(sys.stdin)['exercises'] if e['id'] == '$id')
print(e['rep_s'] + e['hold_s'])")
    frames=$(python3 -c "import math; print(max(1, math.ceil($cycle * 7 - 1e-6)))")

    # ---- GIF ----
    run export $id --format gif --fps 7 --size 240x136 --out "$work/gif" >"$work/log" 2>&1 \
        && ok || fail "gif export exited $?: $(cat "$work/log")"
    probe=$(ffprobe -v error -count_frames -show_entries stream=nb_read_frames,width,height \
        -show_entries format=duration -of default=nw=1 "$work/gif/$id.gif")
    grep -q "^nb_read_frames=$frames$" <<<"$probe" && ok || fail "$id.gif: $probe, expected $frames frames"
    grep -q "^width=240$" <<<"$probe" && grep -q "^height=136$" <<<"$probe" && ok || fail "$id.gif size: $probe"
    d=$(sed -n 's/^duration=//p' <<<"$probe")
    near "$d" "$cycle" "1/7" && ok || fail "$id.gif lasts $d s, the cycle $cycle s"
    # loops for ever: the NETSCAPE2.0 block with a count of 0
    grep -qa "NETSCAPE2.0" "$work/gif/$id.gif" && ok || fail "$id.gif does not loop"

    # ---- WebP ----
    run export $id --format webp --fps 7 --size 240x136 --out "$work/webp" >"$work/log" 2>&1 \
        && ok || fail "webp export exited $?: $(cat "$work/log")"
    webpmux -info "$work/webp/$id.webp" >"$work/info"
    # libwebp merges frames that repeat the one before (a hold) into one
    # longer frame: as many as the cycle's for cat-camel, which never
    # stops moving, and fewer for bridge, which holds
    n=$(sed -n 's/^Number of frames: //p' "$work/info")
    if [ $id = cat-camel ]; then [ "$n" -eq "$frames" ]; else [ "$n" -ge 2 ] && [ "$n" -lt "$frames" ]; fi \
        && ok || fail "$id.webp: $n frames, the cycle $frames"
    grep -q "Loop Count : 0" "$work/info" && ok || fail "$id.webp does not loop"
    ms=$(awk '/^ *[0-9]+:/ { sum += $7 } END { print sum }' "$work/info")
    near "$ms" "$cycle * 1000" "1000/7" && ok || fail "$id.webp lasts $ms ms, the cycle $cycle s"
done

# ---- SVG: the PNG frames' names, valid XML, the figure drawn ----
run export cat-camel --format svg --fps 2 --size 320x180 --out "$work/svg" >"$work/log" 2>&1 \
    && ok || fail "svg export exited $?: $(cat "$work/log")"
run export cat-camel --fps 2 --size 320x180 --out "$work/png" >/dev/null 2>&1
diff <(cd "$work/svg/cat-camel" && ls | sed 's/\.svg$//') <(cd "$work/png/cat-camel" && ls | sed 's/\.png$//') \
    >/dev/null && ok || fail "svg and png frames are named differently"
xmllint --noout "$work"/svg/cat-camel/*.svg && ok || fail "an svg frame does not parse"
rsvg-convert "$work/svg/cat-camel/0002.svg" -o "$work/svg.png"
[ "$(identify -format '%wx%h' "$work/svg.png")" = 320x180 ] && ok || fail "svg frame's size"
# the figure's light colour covers about as much as in the PNG frame
cover() { convert "$1" -fill black -fuzz 8% +opaque 'rgb(245,245,238)' -fill white \
    -opaque 'rgb(245,245,238)' -format '%[fx:mean]' info:; }
a=$(cover "$work/svg.png") b=$(cover "$work/png/cat-camel/0002.png")
python3 -c "import sys; sys.exit(0 if $b > 0.02 and abs($a - $b) < 0.2 * $b else 1)" && ok ||
    fail "the svg frame shows $a of figure, the png $b"

# ---- refusals ----
[ "$(status run export cat-camel --format gif --fps 7 --size 240x136 --out "$work/gif" 2>"$work/err")" -eq 1 ] \
    && ok || fail "gif overwritten without --force"
grep -q "cat-camel.gif' exists; use --force" "$work/err" && ok || fail "refusal: $(cat "$work/err")"
run export cat-camel --format gif --fps 7 --size 240x136 --out "$work/gif" --force >/dev/null 2>&1 \
    && ok || fail "--force did not overwrite the gif"
[ "$(status run export cat-camel --format svg --fps 2 --size 320x180 --out "$work/svg" 2>/dev/null)" -eq 1 ] \
    && ok || fail "svg overwritten without --force"
[ "$(status run export cat-camel --format tiff --out "$work/x" 2>/dev/null)" -eq 2 ] && ok || fail "--format tiff"
[ "$(status run export cat-camel --format gif --fps 60 --out "$work/x" 2>/dev/null)" -eq 2 ] && ok || fail "gif at 60 fps"
touch "$work/file"
for f in gif webp svg; do
    [ "$(status run export cat-camel --format $f --out "$work/file/x" 2>"$work/err")" -eq 1 ] && ok ||
        fail "$f under a file"
    grep -q "cannot" "$work/err" && ok || fail "$f under a file, no reason: $(cat "$work/err")"
done
# a full disk: every write past 8 KB fails; no file, no temporary left
mkdir "$work/full"
for f in gif webp; do
    [ "$(status bash -c 'trap "" XFSZ; ulimit -f 8; exec "$@"' _ "$limber" export cat-camel --format $f \
        --size 480x270 --out "$work/full" --data "$src/data" --assets "$src/assets" 2>"$work/err")" -eq 1 ] \
        && ok || fail "$f: a full disk not an error"
    grep -q "cannot write .*cat-camel.$f': File too large" "$work/err" && ok || fail "$f full: $(cat "$work/err")"
    [ -z "$(ls -A "$work/full")" ] && ok || fail "$f: left on a full disk: $(ls -A "$work/full")"
done

finish
