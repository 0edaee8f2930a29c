#!/usr/bin/env bash
# The shipped languages end to end: `list --lang de` names the exercises in
# German, `list --lang fr --json` carries the French table's texts,
# LANGUAGE=es gives the Spanish --help with its columns kept, an unknown
# code falls back to English and says so, and every data/lang/*.csv has one
# row for each exercise of exercises.csv and passes `limber check`.
set -euo pipefail
limber=$1 src=$2
# shellcheck source=tests/cli_lib.bash
source "$(dirname "${BASH_SOURCE[0]}")/cli_lib.bash"

# no user tables of this machine's user: only the shipped ones count
export HOME="$work/home" XDG_DATA_HOME="$work/xdg"
mkdir -p "$HOME" "$XDG_DATA_HOME"

# cell CODE ID COLUMN: one cell of data/lang/CODE.csv (exercises.csv for en)
cell() {
    python3 - "$src/data" "$@" <<'PY'
import csv, sys
data, code, ident, column = sys.argv[1:]
path = f"{data}/exercises.csv" if code == "en" else f"{data}/lang/{code}.csv"
for row in csv.DictReader(open(path, encoding="utf-8", newline="")):
    if row["id"] == ident:
        print(row[column])
        break
PY
}

# --- German names in the text list -----------------------------------------
de_name=$(cell de cat-camel name) en_name=$(cell en cat-camel name)
[ -n "$de_name" ] && [ "$de_name" != "$en_name" ] && ok ||
    fail "de.csv: cat-camel's name '$de_name' is missing or still English"
text=$("$limber" list --lang de --data "$src/data" 2>"$work/err") ||
    fail "list --lang de: exit $?: $(cat "$work/err")"
grep -qE "^cat-camel +$de_name +stretching " <<<"$text" && ok ||
    fail "list --lang de: no '$de_name' on the cat-camel row: $(grep '^cat-camel' <<<"$text")"
grep -qE "^cat-camel +$en_name +" <<<"$text" && fail "list --lang de: cat-camel still English" || ok

# German cues: the text list has no cue column, --json has them
"$limber" list --lang de --json --data "$src/data" >"$work/de.json" 2>"$work/err" ||
    fail "list --lang de --json: exit $?: $(cat "$work/err")"
if python3 - "$work/de.json" "$src/data" de <<'PY'
import csv, json, sys
got = {e["id"]: e for e in json.load(open(sys.argv[1], encoding="utf-8"))["exercises"]}
rows = list(csv.DictReader(open(f"{sys.argv[2]}/lang/{sys.argv[3]}.csv", encoding="utf-8", newline="")))
for r in rows:
    assert got[r["id"]]["cue"] == r["cue"], (r["id"], got[r["id"]]["cue"], r["cue"])
assert got["cat-camel"]["cue"] != "Round up slowly, then let it sag"
PY
then ok; else fail "list --lang de --json: cues are not the German ones"; fi

# --- French texts in --json ---------------------------------------------------
rc=0
"$limber" list --lang fr --json --data "$src/data" >"$work/fr.json" 2>"$work/err" || rc=$?
[ "$rc" -eq 0 ] && ok || fail "list --lang fr --json: exit $rc: $(cat "$work/err")"
if python3 - "$work/fr.json" "$src/data" <<'PY'
import csv, json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
got = {e["id"]: e for e in d["exercises"]}
en = {r["id"]: r for r in csv.DictReader(open(f"{sys.argv[2]}/exercises.csv", encoding="utf-8", newline=""))}
fr = list(csv.DictReader(open(f"{sys.argv[2]}/lang/fr.csv", encoding="utf-8", newline="")))
assert len(fr) == len(got) == len(en), (len(fr), len(got), len(en))
for r in fr:
    e = got[r["id"]]
    assert e["name"] == r["name"], (r["id"], e["name"])
    assert e["cue"] == r["cue"] != en[r["id"]]["cue"], (r["id"], e["cue"])
    assert e["instructions"] == r["instructions"].split("\n"), (r["id"], e["instructions"])
    # the keys and values a program reads stay as they are
    assert e["category"] == en[r["id"]]["category"] and e["sides"] == en[r["id"]]["sides"]
PY
then ok; else fail "list --lang fr --json: not the texts of data/lang/fr.csv"; fi

# --- Spanish --help from LANGUAGE ---------------------------------------------
LANGUAGE=es "$limber" --help >"$work/help.es" || fail "LANGUAGE=es --help: exit $?"
LANGUAGE=en "$limber" --help >"$work/help.en" || fail "LANGUAGE=en --help: exit $?"
head -1 "$work/help.es" | grep -q '^Uso: limber ' && ok || fail "LANGUAGE=es --help: $(head -1 "$work/help.es")"
grep -q '^Opciones:$' "$work/help.es" && ! grep -q '^Options:$' "$work/help.es" && ok ||
    fail "LANGUAGE=es --help: no Spanish headings"
# the translated help keeps its layout: the option names of the English in
# the same first column, descriptions from column 23, lines within 79
if python3 - "$work/help.en" "$work/help.es" <<'PY'
import sys
en, es = (open(p, encoding="utf-8").read().split("\n") for p in sys.argv[1:])
names = lambda lines: [l[:22].strip() for l in lines if l.startswith("  --") or l.startswith("  -h")]
assert names(en) == names(es), (names(en), names(es))
for l in es:
    assert len(l) <= 79, l
    if not l.startswith("  ") or not l.strip():
        continue
    if l[:22].strip() == "":  # a description's next line
        assert l[22] != " ", repr(l)
    elif "  " in l.strip():  # a name and its description
        assert l[20:22] == "  " and l[22] != " ", repr(l)
    # else a name too long for the column, alone on its line (handout)
PY
then ok; else fail "LANGUAGE=es --help: columns or option names changed"; fi

# --- an unknown code: English, and a word on stderr --------------------------
rc=0
"$limber" list --lang xx --data "$src/data" >"$work/out" 2>"$work/err" || rc=$?
[ "$rc" -eq 0 ] && ok || fail "list --lang xx: exit $rc"
grep -qE "^cat-camel +$en_name +" "$work/out" && ok || fail "list --lang xx: not English"
# the message names the code and the language used instead
grep -q "'xx'.*English" "$work/err" && ok ||
    fail "list --lang xx: no fallback message: $(cat "$work/err")"

# --- every shipped table: one row per exercise, and clean -------------------
shipped=0
for table in "$src"/data/lang/*.csv; do
    [ -e "$table" ] || continue
    shipped=$((shipped + 1))
    code=$(basename "$table" .csv)
    if python3 - "$src/data/exercises.csv" "$table" <<'PY'
import csv, sys
en, tr = (list(csv.DictReader(open(p, encoding="utf-8", newline=""))) for p in sys.argv[1:])
assert [r["id"] for r in tr] == [r["id"] for r in en], sys.argv[2]
for r in tr:
    want = len(next(e for e in en if e["id"] == r["id"])["instructions"].split("\n"))
    assert all(r[k] for k in ("name", "cue", "instructions")), r["id"]
    assert len(r["instructions"].split("\n")) == want, r["id"]
PY
    then ok; else fail "$code.csv: not one full row per exercise of exercises.csv"; fi
    rc=0
    "$limber" check --lang "$code" --data "$src/data" --assets "$src/assets" >"$work/out" 2>"$work/err" || rc=$?
    [ "$rc" -eq 0 ] && [ ! -s "$work/err" ] && ok || fail "check --lang $code: exit $rc: $(cat "$work/err")"
done
[ "$shipped" -ge 3 ] && ok || fail "only $shipped tables in data/lang"

finish
