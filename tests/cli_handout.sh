#!/usr/bin/env bash
# `limber handout` end to end with no display: the PDF's pages and paper
# (pdfinfo), every exercise's name and dose in words in its text
# (pdftotext), no raster image in it (pdfimages: the figures are vectors),
# figures drawn inside their panels (pdftoppm), text too long for its box
# cut with a warning, and bad destinations refused with nothing left behind.
set -euo pipefail
limber=$1 src=$2
for tool in pdfinfo pdftotext pdfimages pdftoppm python3 convert; do
    command -v "$tool" >/dev/null || { echo "skipped: no $tool (poppler-utils, python3, imagemagick)"; exit 77; }
done
source "$src/tests/cli_lib.bash"
export SOURCE_DATE_EPOCH=1796515200 # 6 December 2026
run() { env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER LC_ALL= LC_PAPER= LANG= \
    "$limber" "$@" --data "$src/data" --assets "$src/assets"; }
status() { set +e; "$@"; echo $? >"$work/rc"; set -e; cat "$work/rc"; }

# ---- the daily routine: A4, three exercises a page ----
run handout --out "$work/daily.pdf" >"$work/log" 2>&1 && ok || fail "handout exited $?: $(cat "$work/log")"
info=$(pdfinfo "$work/daily.pdf")
grep -q "^Pages: *3$" <<<"$info" && ok || fail "daily: $(grep Pages <<<"$info"), expected 3"
grep -q "^Page size: *595.27[0-9]* x 841.8[0-9]* pts (A4)" <<<"$info" && ok || fail "daily: $(grep 'Page size' <<<"$info")"
[ "$(pdfimages -list "$work/daily.pdf" | tail -n +3 | wc -l)" -eq 0 ] && ok || fail "daily holds raster images"

# ---- the clinic's logo (the screens' own, an SVG here): on every page, one image in the file ----
run handout --logo "$src/tests/logos/logo.svg" --out "$work/logo.pdf" >"$work/log" 2>&1 &&
    ok || fail "handout with a logo exited $?: $(cat "$work/log")"
[ "$(pdfimages -list "$work/logo.pdf" | awk '$3 == "image"' | wc -l)" -eq 3 ] && ok ||
    fail "logo: $(pdfimages -list "$work/logo.pdf" | tail -n +3 | wc -l) images, expected one a page"
# the same object on every page, not a copy a page (column 11: object ID)
[ "$(pdfimages -list "$work/logo.pdf" | awk '$3 == "image" { print $11 }' | sort -u | wc -l)" -eq 1 ] &&
    ok || fail "logo: $(pdfimages -list "$work/logo.pdf" | awk '$3 == "image" { print $11 }' | sort -u |
        wc -l) copies in the file, expected one"
pdftoppm -r 36 -f 1 -l 1 -png "$work/logo.pdf" "$work/logo"
[ "$(convert "$work/logo-1.png" -crop 60x40+18+18 -format '%[fx:standard_deviation > 0.02]' info:)" = 1 ] &&
    ok || fail "logo: nothing drawn in the header's corner"
run handout --logo "$work/nope.png" --out "$work/nologo.pdf" >/dev/null 2>"$work/err" && ok ||
    fail "a missing logo stopped the handout"
grep -q "nope.png" "$work/err" && ok || fail "a missing logo said nothing"

# ---- the full routine: every name and every dose, in words ----
run handout full --out "$work/full.pdf" >/dev/null 2>&1 && ok || fail "handout full failed"
pages=$(pdfinfo "$work/full.pdf" | sed -n 's/^Pages: *//p')
[ "$pages" -ge 1 ] && [ "$pages" -le 6 ] && ok || fail "full routine on $pages pages, at most 6"
pdftotext "$work/full.pdf" "$work/full.txt"
run list --json >"$work/list.json"
# The dose in words rebuilt here from the plan `list --json` gives, so a
# wrong number in the PDF is caught.
python3 - "$work/list.json" "$work/full.txt" full <<'PY' >"$work/missing" || true
import json, sys
plan = json.load(open(sys.argv[1]))
text = " ".join(open(sys.argv[2]).read().split())  # lines wrap
ex = {e["id"]: e for e in plan["exercises"]}
routine = next(r for r in plan["routines"] if r["name"] == sys.argv[3])
def secs(s):
    return ("%d s" % s) if s == int(s) else ("%.1f s" % s)
for step in routine["steps"]:
    e = ex[step["exercise"]]
    sets, two = step["sets"], e["sides"] != "none" and step["side"] == "both"
    if step["seconds"]:
        held = e["hold_s"] and not (two and e["sides"] == "alternate")
        dose = ("%d sets of %s" % (sets, secs(step["seconds"])) if sets > 1
                else ("hold " if held else "") + secs(step["seconds"]))
    elif e["category"] == "cardio" and not e["hold_s"]:
        mins = int(round(step["reps"] * e["rep_s"]))
        mins = (mins + 2) // 5 * 5 if mins >= 60 else mins
        dose = ("%d min %d s" % divmod(mins, 60) if mins % 60 else "%d min" % (mins // 60)) \
            if mins >= 60 else "%d s" % mins
        dose += ", steady"
    elif step["reps"] == 1:
        dose = "%d set%s" % (sets, "" if sets == 1 else "s")
        if e["hold_s"]:
            dose += ", hold " + secs(e["hold_s"])
    else:
        dose = "%d set%s of %d" % (sets, "" if sets == 1 else "s", step["reps"])
        if two and e["sides"] == "alternate":
            dose += " each side, alternating"
        if e["hold_s"]:
            dose += ", hold " + secs(e["hold_s"])
    if sets > 1 and step["set_rest_s"]:
        dose += ", rest " + secs(step["set_rest_s"])
    if two and e["sides"] == "each":
        dose += ", each side"
    elif two and step["seconds"]:
        dose += ", alternating sides"
    elif e["sides"] != "none" and step["side"] != "both":
        dose += ", %s side only" % step["side"]
    for want in (e["name"], dose):
        if want not in text:
            print("%s: '%s' not in the PDF's text" % (e["id"], want))
PY
[ ! -s "$work/missing" ] && ok || fail "$(cat "$work/missing")"
[ "$(grep -c '^DOSE$' "$work/full.txt")" -eq 18 ] && ok || fail "not 18 doses in the full routine"
# the routine's own reps and rests: daily asks 2 sets of 5 bridges
pdftotext "$work/daily.pdf" - | grep -q "2 sets of 5, hold 3 s, rest 30 s" && ok || fail "daily's bridge dose"

# ---- a rendered page: the first exercise's four panels hold a figure ----
# At 72 dpi a pixel is a point: the panels start 36 pt in and 124 pt down
# (margin, header, title), are 126 pt wide, 6 apart, 77 high (handout.c).
pdftoppm -r 72 -f 1 -l 1 -png "$work/daily.pdf" "$work/page"
page=$(ls "$work"/page*.png)
for i in 0 1 2 3; do
    x=$((38 + i * 132))
    # the panel's dark ground, and the figure's light colour inside it
    dark=$(convert "$page" -crop 120x70+$x+127 +repage -fill black -fuzz 4% +opaque 'rgb(22,27,34)' \
        -fill white -opaque 'rgb(22,27,34)' -format '%[fx:mean]' info:)
    light=$(convert "$page" -crop 120x70+$x+127 +repage -fill black -fuzz 6% +opaque 'rgb(245,245,238)' \
        -fill white -opaque 'rgb(245,245,238)' -format '%[fx:mean]' info:)
    python3 -c "import sys; sys.exit(0 if $dark > 0.5 and $light > 0.02 else 1)" && ok ||
        fail "panel $i: ground $dark, figure $light"
done
# and nothing of the figure outside: the gap after the last panel is paper
gap=$(convert "$page" -crop 30x77+560+124 +repage -fill black -fuzz 2% +opaque white \
    -fill white -opaque white -format '%[fx:mean]' info:)
python3 -c "import sys; sys.exit(0 if $gap > 0.999 else 1)" && ok || fail "ink beside the panels: $gap"

# ---- paper ----
run handout --paper letter --out "$work/letter.pdf" >/dev/null 2>&1 && ok || fail "--paper letter"
pdfinfo "$work/letter.pdf" | grep -q "^Page size: *612 x 792 pts (letter)" && ok || fail "not letter"
env LC_PAPER=en_US.UTF-8 "$limber" handout --out "$work/us.pdf" --data "$src/data" --assets "$src/assets" >/dev/null 2>&1
pdfinfo "$work/us.pdf" | grep -q "(letter)" && ok || fail "LC_PAPER=en_US did not choose letter"
[ "$(status run handout --paper a5 --out "$work/a5.pdf" 2>/dev/null)" -eq 2 ] && ok || fail "--paper a5 not a usage error"
[ "$(status run handout 2>/dev/null)" -eq 2 ] && ok || fail "no --out not a usage error"

# ---- text too long for its box: cut with "…" and a warning ----
mkdir -p "$work/long/routines"
python3 - "$src/data/exercises.csv" "$work/long/exercises.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
for r in rows[1:]:
    if r[0] == "cat-camel":
        # the longest the table allows, in the widest letters
        r[1] = ("WMW " * 15)[:60]
        r[3] = "W" * 40
        r[4] = "\n".join([("WWWWWWWWW " * 10)[:100]] * 4)
csv.writer(open(sys.argv[2], "w", newline="")).writerows(rows)
PY
cp "$src/data/routines/daily.csv" "$work/long/routines/"
env LC_ALL= "$limber" handout --out "$work/long.pdf" --data "$work/long" --assets "$src/assets" >/dev/null 2>"$work/long.err" \
    && ok || fail "a long text failed the handout: $(cat "$work/long.err")"
grep -q "warning: cat-camel: instructions cut short to fit the handout" "$work/long.err" && ok ||
    fail "no warning for the cut text: $(cat "$work/long.err")"
pdftotext "$work/long.pdf" - | grep -q "…" && ok || fail "no ellipsis in the cut text"
[ "$(pdfinfo "$work/long.pdf" | sed -n 's/^Pages: *//p')" -eq 3 ] && ok || fail "the long text changed the page count"

# ---- destinations ----
[ "$(status run handout --out "$work/daily.pdf" 2>"$work/err")" -eq 1 ] && ok || fail "overwrote without --force"
grep -q "daily.pdf' exists; use --force" "$work/err" && ok || fail "refusal: $(cat "$work/err")"
run handout --out "$work/daily.pdf" --force >/dev/null 2>&1 && ok || fail "--force did not overwrite"
touch "$work/file"
[ "$(status run handout --out "$work/file/x.pdf" 2>"$work/err")" -eq 1 ] && ok || fail "a path under a file"
grep -q "cannot write '.*file/x.pdf'" "$work/err" && ok || fail "no reason: $(cat "$work/err")"
[ "$(status run handout nosuch --out "$work/nosuch.pdf" 2>/dev/null)" -eq 1 ] && ok || fail "unknown name not refused"
[ ! -e "$work/nosuch.pdf" ] && ok || fail "a PDF for an unknown name"
# a full disk: the file-size limit makes every write past 8 KB fail
mkdir "$work/full"
[ "$(status bash -c 'trap "" XFSZ; ulimit -f 8; exec "$@"' _ "$limber" handout --out "$work/full/d.pdf" \
    --data "$src/data" --assets "$src/assets" 2>"$work/err")" -eq 1 ] && ok || fail "a full disk not an error"
grep -q "cannot write .*d.pdf': File too large" "$work/err" && ok || fail "full disk: $(cat "$work/err")"
[ -z "$(ls -A "$work/full")" ] && ok || fail "left behind on a full disk: $(ls -A "$work/full")"

# ---- without limber-print.so: the handout is refused, saying what is missing ----
mkdir "$work/alone"
cp "$limber" "$work/alone/limber"
[ "$(status env LD_LIBRARY_PATH= "$work/alone/limber" handout --out "$work/alone/d.pdf" --data "$src/data" \
    --assets "$src/assets" 2>"$work/err")" -eq 1 ] && ok || fail "no module: not exit 1"
grep -q "need limber-print.so" "$work/err" && ok || fail "no module: $(cat "$work/err")"
[ ! -e "$work/alone/d.pdf" ] && ok || fail "no module, yet a PDF"

finish
