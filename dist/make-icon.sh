#!/usr/bin/env bash
# Renders assets/icon/limber.png with Limber itself: the bird-dog at full
# reach (opposite arm and leg long), cropped to the figure and its floor and
# set on a 256x256 rounded square in the app's background colour.
# usage: dist/make-icon.sh <limber binary> <source dir>   (needs ImageMagick)
set -euo pipefail
limber=$1 src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$limber" export bird-dog --size 256x256 --out "$work" >/dev/null
frame=$work/bird-dog/0045.png
bg=$(convert "$frame" -format '%[pixel:p{0,0}]' info:)
# The figure's box from its light pixels only (the floor line is darker in red).
read -r w h x y <<<"$(convert "$frame" -channel R -separate +channel -threshold 40% \
    -format '%@' info: | tr 'x+' '  ')"
convert "$frame" -crop "$((w + 16))x$((h + 14))+$((x - 8))+$((y - 6))" +repage "$work/crop.png"
convert -size 256x256 xc:none -fill "$bg" -draw 'roundrectangle 0,0 255,255 40,40' \
    "$work/crop.png" -gravity center -geometry +0+6 -composite -strip \
    "$src/assets/icon/limber.png"
