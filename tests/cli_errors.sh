#!/usr/bin/env bash
# Errors in a spreadsheet's terms, end to end: what `limber check`, `list`
# and `play` print when a physiotherapist's table is broken the ways a
# spreadsheet breaks it. Each message is matched whole.
set -euo pipefail
limber=$1 src=$2
# shellcheck source=tests/cli_lib.bash
source "$(dirname "${BASH_SOURCE[0]}")/cli_lib.bash"
command -v python3 >/dev/null || { echo "skip: no python3"; exit 77; }

fresh() { rm -rf "$work/data" && cp -r "$src/data" "$work/data"; }

# check_has NAME LINE...: `limber check` exits 1 and prints each LINE whole
check_has() {
    local name=$1 rc=0
    shift
    "$limber" check --data "$work/data" --assets "$src/assets" >/dev/null 2>"$work/err" || rc=$?
    [ "$rc" -eq 1 ] || { fail "$name: exit $rc, expected 1"; return; }
    sed -i "s|$work/||" "$work/err"
    for want in "$@"; do
        if ! grep -qxF -- "$want" "$work/err"; then
            fail "$name: stderr lacks '$want'; it was:"
            cat "$work/err"
            return
        fi
    done
    ok
}

# edit_table PYTHON: rewrites data/exercises.csv as rows (a list of lists)
# after PYTHON has changed them, and saves it with the delimiter in $delim
edit_table() {
    delim=${delim:-,} python3 - "$work/data/exercises.csv" "$1" <<'PY'
import csv, os, sys
path, code = sys.argv[1], sys.argv[2]
rows = list(csv.reader(open(path, newline="", encoding="utf-8")))
exec(code)
with open(path, "w", newline="", encoding="utf-8") as f:
    csv.writer(f, delimiter=os.environ["delim"], lineterminator="\n").writerows(rows)
PY
}

# a 142-character second instruction line for cat-camel (row 3 in a
# spreadsheet, line 6 in the file: hamstring-stretch above has four lines)
fresh
edit_table 'r = [r for r in rows if r[0] == "cat-camel"][0]
lines = r[4].split("\n"); lines[1] = "x" * 142; r[4] = "\n".join(lines)'
check_has "a long instruction line" \
    "data/exercises.csv:7:101: row 3 (cat-camel), column instructions: too long: line 2 has 142 characters; at most 100"

# a wrong side, quoted
fresh
sed -i '3s/$/L/' "$work/data/routines/daily.csv"
step=$(sed -n 3p "$work/data/routines/daily.csv")
id=${step%%,*} col=$((${#step}))
check_has "a side written L" \
    "data/routines/daily.csv:3:$col: row 3 ($id), column side: unknown side 'L': expected both, left or right"

# saved with semicolons, then with tabs: one hint, and each routine says
# once that it cannot be read, not once per step
for sep in semicolons tabs; do
    fresh
    if [ $sep = semicolons ]; then delim=';'; else delim=$'\t'; fi
    delim=$delim edit_table ''
    check_has "saved with $sep" \
        "data/exercises.csv:1:3: cells separated by $sep: save the file as CSV, comma separated: in LibreOffice: File, Save As, Text CSV, field delimiter ','; in Excel: CSV UTF-8 (comma delimited)" \
        "data/routines/daily.csv: routine skipped: the exercise table could not be read"
    # and nothing else: no quote fault for each multi-line cell
    n=$(grep -c 'daily.csv' "$work/err" || true)
    [ "$n" -eq 1 ] && grep -qx 'limber: 3 errors' "$work/err" && ok ||
        fail "saved with $sep: $n lines on daily.csv, expected 1; $(tail -1 "$work/err")"
done
unset delim

# routines: one that does not exist, one with no steps, one whose every
# step is broken; list and play tell them apart
fresh
printf 'exercise,seconds,reps,rest_s,side\n' >"$work/data/routines/empty.csv"
printf 'exercise,seconds,reps,rest_s,side\nnope,,,,\n' >"$work/data/routines/broken.csv"
check_has "routines without steps" \
    "data/routines/empty.csv: routine has no steps: expected at least one row after the header" \
    "data/routines/broken.csv: routine skipped: every step has an error"
for cmd in list play; do
    for name in empty broken; do
        rc=0
        env -u DISPLAY -u WAYLAND_DISPLAY SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy \
            "$limber" $cmd $name --data "$work/data" --assets "$src/assets" >/dev/null 2>"$work/err" || rc=$?
        want="limber: routine '$name' is skipped for the errors above: fix them, then 'limber check'"
        if [ "$rc" -eq 1 ] && grep -qxF "$want" "$work/err" && ! grep -q 'unknown routine' "$work/err"; then
            ok
        else
            fail "$cmd $name: exit $rc; $(cat "$work/err")"
        fi
    done
    rc=0
    env -u DISPLAY -u WAYLAND_DISPLAY SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy \
        "$limber" $cmd nosuch --data "$work/data" --assets "$src/assets" >/dev/null 2>"$work/err" || rc=$?
    if [ "$rc" -ne 0 ] &&
        grep -qxF "limber: unknown routine 'nosuch': there is no nosuch.csv in the routines; the routines are:" "$work/err"; then
        ok
    else
        fail "$cmd nosuch: exit $rc; $(cat "$work/err")"
    fi
done

# the ok: line names the user's directory beside the bundled ones
fresh
mkdir -p "$work/xdg/limber/routines"
cp "$src/data/routines/daily.csv" "$work/xdg/limber/routines/mine.csv"
rc=0
out=$(env -u HOME XDG_DATA_HOME="$work/xdg" "$limber" check --assets "$src/assets" 2>&1) || rc=$?
case "$out" in
"ok: 18 exercises with their poses, 3 routines (data: "*", user data: $work/xdg/limber, assets: $src/assets)")
    [ "$rc" -eq 0 ] && ok || fail "user data: exit $rc" ;;
*) fail "user data: exit $rc, '$out'" ;;
esac

# every limit the code enforces is in the docs' Limits table, with the
# number the code has today
python3 - "$src" <<'PY' && ok || fail "docs/tables.md: Limits"
import re, sys
src = sys.argv[1]
defs = {}
for f in ("src/core/catalog.c", "src/core/catalog.h", "src/core/csv.h"):
    for name, value in re.findall(r"^#define ((?:CATALOG_|CSV_)?M(?:AX|IN)_\w+) \(?([0-9.]+)",
                                  open(f"{src}/{f}").read(), re.M):
        defs[name] = value.rstrip("0").rstrip(".") if "." in value else value
rows = {}
text = open(f"{src}/docs/tables.md", encoding="utf-8").read()
table = text.split("## Limits", 1)[1].split("\n## ", 1)[0]
for line in table.splitlines():
    cells = [c.strip() for c in line.strip("|").split("|")]
    if len(cells) == 2:
        rows[cells[0]] = cells[1]
# (define, the row's first cell, what its limit cell says)
want = [
    ("CATALOG_MAX_ID", "`id`, `exercise`", "1 to {} characters"),
    ("MAX_NAME_CHARS", "`name`", "1 to {} characters"),
    ("MAX_CUE_CHARS", "`cue`", "1 to {} characters"),
    ("CATALOG_MAX_INSTRUCTIONS", "`instructions`", "1 to {} lines"),
    ("MAX_INSTRUCTION_CHARS", "`instructions`", "at most {} characters"),
    ("MAX_HOLD_S", "`hold_s`", "0 to {} seconds"),
    ("MAX_REPS", "`reps`", "1 to {},"),
    ("MIN_REP_S", "`rep_s`", "{} to "),
    ("MAX_REP_S", "`rep_s`", " to {} seconds"),
    ("MAX_SETS", "`sets`", "1 to {},"),
    ("MAX_REST_S", "`rest_s`, `set_rest_s`", "0 to {} seconds"),
    ("MAX_STEP_S", "`seconds`", "1 to {} seconds"),
    ("CSV_MAX_FIELD_BYTES", "a cell", "at most {} bytes"),
    ("CSV_MAX_FIELDS", "a row", "at most {} cells"),
    ("CSV_MAX_ROWS", "a file", "and {} rows"),
    ("CSV_MAX_ERRORS", "a file", "after {} errors"),
]
bad = 0
for name, row, limit in want:
    if name not in defs:
        print(f"FAIL: no #define {name}"); bad += 1; continue
    if limit.format(defs[name]) not in rows.get(row, ""):
        print(f"FAIL: docs/tables.md Limits: row {row} lacks '{limit.format(defs[name])}' ({name})")
        bad += 1
unlisted = set(defs) - {w[0] for w in want} - {"CSV_MAX_FILE_BYTES"}
for name in sorted(unlisted):
    print(f"FAIL: {name} is a limit the Limits table does not give"); bad += 1
if "at most 4 MiB" not in rows.get("a file", ""):
    print("FAIL: the file size"); bad += 1
sys.exit(1 if bad else 0)
PY

finish
