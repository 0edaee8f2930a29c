#!/usr/bin/env bash
# `limber export` end to end, the way a pose author runs it: the binary, no
# display and no video driver at all; frames and a contact sheet come out,
# a second run is refused without --force, a bad --size is a usage error.
set -euo pipefail
limber=$1 src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
ok() { passed=$((passed + 1)); }
run() { env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER "$limber" "$@" --data "$src/data" --assets "$src/assets"; }

run export cat-camel --out "$work/out" --fps 2 --size 320x180 --sheet "$work/sheet.png" >"$work/log" 2>&1 \
    && ok || fail "export exited $?: $(cat "$work/log")"
n=$(find "$work/out/cat-camel" -name '*.png' | wc -l)
[ "$n" -gt 0 ] && ok || fail "no frames written"
[ -f "$work/out/cat-camel/0000.png" ] && ok || fail "0000.png missing"
[ -s "$work/sheet.png" ] && ok || fail "no contact sheet"
if command -v identify >/dev/null; then
    size=$(identify -format '%wx%h' "$work/out/cat-camel/0000.png")
    [ "$size" = 320x180 ] && ok || fail "frame is $size, expected 320x180"
fi

set +e
run export cat-camel --out "$work/out" --fps 2 --size 320x180 >"$work/log2" 2>&1
rc=$?
set -e
[ "$rc" -eq 1 ] && ok || fail "second export exited $rc, expected 1"
grep -q "0000.png' exists; use --force" "$work/log2" && ok || fail "refusal does not name the file: $(cat "$work/log2")"
run export cat-camel --out "$work/out" --fps 2 --size 320x180 --force >/dev/null 2>&1 \
    && ok || fail "--force did not overwrite"

# the contact sheet in the language in use: the same pixels twice in
# English, others in German (the name, and a decimal comma in the times)
for l in en en2 de; do
    run export cat-camel --lang "${l%2}" --out "$work/lang-$l" --fps 2 --size 320x180 \
        --sheet "$work/sheet-$l.png" >/dev/null 2>&1 || fail "export --lang ${l%2} exited $?"
done
cmp -s "$work/sheet-en.png" "$work/sheet-en2.png" && ok || fail "two English sheets differ"
cmp -s "$work/sheet-en.png" "$work/sheet-de.png" && fail "--lang de: the sheet is the English one" || ok

set +e
run export cat-camel --out "$work/x" --size 12x7 >/dev/null 2>&1
rc=$?
set -e
[ "$rc" -eq 2 ] && ok || fail "bad --size exited $rc, expected 2"

echo "cli_export: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
