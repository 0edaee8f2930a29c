#!/usr/bin/env bash
# What the program links, from its dynamic section (readelf -d): images go
# through SDL2_image, not libpng called directly (issue 15), and the
# handout's and the animated exports' libraries (cairo, pango, giflib,
# libwebp) stay in limber-print.so, loaded only for those commands, so
# that every start of the screens does not pay for them. A NEEDED line is
# what the linker was told; a library pulled in only by another (libpng by
# SDL2_image) is not one. Skipped (77) without readelf.
set -euo pipefail
limber=$1
command -v readelf >/dev/null || { echo "skipped: no readelf (binutils)"; exit 77; }
# shellcheck source=tests/cli_lib.bash
source "$(dirname "${BASH_SOURCE[0]}")/cli_lib.bash"

# needed FILE: its NEEDED libraries, one a line
needed() { readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'; }

needed "$limber" >"$work/limber"
for lib in libSDL2-2.0 libSDL2_ttf-2.0 libSDL2_image-2.0; do
    if grep -q "^$lib\.so" "$work/limber"; then
        ok
    else
        fail "limber does not link $lib: $(tr '\n' ' ' <"$work/limber")"
    fi
done
for lib in libpng libcairo libpango libpangocairo libgif libwebp libwebpmux; do
    if grep -q "^${lib}[.-]" "$work/limber"; then
        fail "limber links $lib itself: $(grep "^${lib}[.-]" "$work/limber")"
    else
        ok
    fi
done

module=$(dirname "$limber")/limber-print.so
if [ -e "$module" ]; then
    needed "$module" >"$work/module"
    for lib in libcairo libpangocairo libgif libwebpmux; do
        if grep -q "^${lib}[.-]" "$work/module"; then ok; else fail "limber-print.so does not link $lib"; fi
    done
    if grep -q "^libpng" "$work/module"; then fail "limber-print.so links libpng itself"; else ok; fi
else
    fail "no limber-print.so beside $limber"
fi

finish
