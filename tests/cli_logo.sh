#!/usr/bin/env bash
# The logo end to end, with no display: `limber check` with each bad logo
# (from --logo or the user data directory) exits 1 with exactly one line
# naming the file and why, and no sanitizer report; a good one passes;
# --version names the logo in use. The decompression bomb is a real
# 30000x30000 PNG (110 kB of zlib), refused from its header.
set -euo pipefail
limber=$1 src=$2
# shellcheck source=tests/cli_lib.bash
source "$(dirname "${BASH_SOURCE[0]}")/cli_lib.bash"
logos=$src/tests/logos
base=(--data "$src/data" --assets "$src/assets")

# expect_refused FILE WHY: check --logo FILE exits 1, stderr exactly the
# logo's line and the count
expect_refused() {
    local file=$1 why=$2 rc=0
    "$limber" check "${base[@]}" --logo "$file" >"$work/out" 2>"$work/err" || rc=$?
    local want
    want=$(printf 'limber: %s: %s\nlimber: 1 error' "$file" "$why")
    if [ "$rc" -ne 1 ]; then
        fail "$file: exit $rc, expected 1; stderr: $(cat "$work/err")"
    elif [ "$(cat "$work/err")" != "$want" ]; then
        fail "$file: stderr was:"
        cat "$work/err"
        echo "expected:"
        echo "$want"
    else
        ok
    fi
}

bad=$work/bad
mkdir -p "$bad/folder.png"
: >"$bad/empty.png"
echo "Our clinic" >"$bad/words.png"
head -c 100 "$logos/logo.png" >"$bad/cut.png"
head -c 300 "$logos/logo.jpg" >"$bad/cut.jpg"
head -c 150 "$logos/logo.svg" >"$bad/cut.svg"
cp "$logos/logo.jpg" "$bad/jpeg.png"
cp "$logos/logo.png" "$bad/logo.gif"
python3 - "$bad/bomb.png" <<'PY'
import struct, sys, zlib
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
w = h = 30000
row = b"\0" + b"\0" * ((w + 7) // 8)  # filter byte, then 1-bit grey pixels
z = zlib.compressobj(9)
idat = b"".join(z.compress(row) for _ in range(h)) + z.flush()
with open(sys.argv[1], "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 1, 0, 0, 0, 0))
            + chunk(b"IDAT", idat) + chunk(b"IEND", b""))
PY

expect_refused "$bad/nothing.png" "no such file"
expect_refused "$bad/folder.png" "a directory, not a file"
expect_refused "$bad/empty.png" "the file is empty"
expect_refused "$bad/words.png" "not a PNG image"
expect_refused "$bad/cut.png" "a PNG cut short: the file ends inside the image"
expect_refused "$bad/cut.jpg" "a JPEG cut short: the file ends inside the image"
expect_refused "$bad/cut.svg" "an SVG cut short: the file ends inside the image"
expect_refused "$bad/jpeg.png" "holds a JPEG image, not a PNG one as its name says"
expect_refused "$bad/logo.gif" "a logo's name ends in .png, .jpg, .jpeg or .svg"
expect_refused "$bad/bomb.png" "30000x30000 pixels; a logo is at most 4096x4096"

# the good ones pass, and say so
for f in logo.png logo.jpg logo.svg; do
    rc=0
    out=$("$limber" check "${base[@]}" --logo "$logos/$f" 2>"$work/err") || rc=$?
    if [ "$rc" -eq 0 ] && grep -qx "ok: logo $logos/$f" <<<"$out" && [ ! -s "$work/err" ]; then
        ok
    else
        fail "$f: exit $rc, out '$out', err '$(cat "$work/err")'"
    fi
done

# in the user data directory: found without --logo, and --logo wins
export XDG_DATA_HOME=$work/xdg
mkdir -p "$XDG_DATA_HOME/limber"
cp "$bad/cut.png" "$XDG_DATA_HOME/limber/logo.png"
rc=0
"$limber" check --assets "$src/assets" >/dev/null 2>"$work/err" || rc=$?
if [ "$rc" -eq 1 ] && grep -qx "limber: $XDG_DATA_HOME/limber/logo.png: a PNG cut short: the file ends inside the image" "$work/err"; then
    ok
else
    fail "user logo.png cut: exit $rc, err '$(cat "$work/err")'"
fi
version=$("$limber" --version --assets "$src/assets")
if grep -qx "logo: $XDG_DATA_HOME/limber/logo.png (not used: a PNG cut short: the file ends inside the image)" <<<"$version"; then
    ok
else
    fail "--version with a bad logo: '$version'"
fi
version=$("$limber" --version --logo "$logos/logo.svg")
if grep -qx "logo: $logos/logo.svg" <<<"$version"; then ok; else fail "--version --logo: '$version'"; fi
rm "$XDG_DATA_HOME/limber/logo.png"
cp "$logos/logo.svg" "$XDG_DATA_HOME/limber/logo.svg"
version=$("$limber" --version)
if grep -qx "logo: $XDG_DATA_HOME/limber/logo.svg" <<<"$version"; then ok; else fail "--version: '$version'"; fi
rm "$XDG_DATA_HOME/limber/logo.svg"
version=$("$limber" --version)
if grep -q "^logo:" <<<"$version"; then fail "--version with no logo: '$version'"; else ok; fi

finish
