#!/usr/bin/env bash
# `limber list` end to end: the table, the routines, and --json that parses
# with the documented shape; broken data still lists the valid rows, exit 1;
# a usage error is two lines: what was wrong and where help is.
set -euo pipefail
limber=$1 src=$2
# shellcheck source=tests/cli_lib.bash
source "$(dirname "${BASH_SOURCE[0]}")/cli_lib.bash"

text=$("$limber" list --data "$src/data")
rows=$(grep -cE '^[a-z0-9-]+ +.* (stretching|strengthening|cardio|yoga-pilates|core|mobility) +[0-9]+:[0-9]{2}  [0-9]+ x ' <<<"$text" || true)
[ "$rows" -eq 18 ] && ok || fail "text: $rows exercise rows, expected 18"
grep -qE '^bird-dog +Bird Dog +strengthening +5:18  6 x 4 s, hold 8 s, 2 sets, rest 30 s, alternating sides$' <<<"$text" \
    && ok || fail "text: bird-dog row"
grep -qE '^daily +7 +9:55$' <<<"$text" && ok || fail "text: daily routine row"
grep -qE '^full +18 +38:30$' <<<"$text" && ok || fail "text: full routine row"

"$limber" list --json --data "$src/data" >"$work/list.json"
if python3 - "$work/list.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert list(d) == ["language", "exercises", "routines"], list(d)
assert d["language"] == "en", d["language"]
ex = d["exercises"]
assert len(ex) == 18, len(ex)
keys = ["id", "name", "category", "cue", "instructions", "hold_s", "reps", "rep_s",
        "sides", "sets", "rest_s", "user", "user_pose"]
for e in ex:
    assert list(e) == keys, list(e)
    assert e["user"] is False and e["user_pose"] is False, e["id"]
    assert 2 <= len(e["instructions"]) <= 4 and all(e["instructions"]), e["id"]
    assert len(e["cue"]) <= 40, e["id"]
assert ex[1]["id"] == "cat-camel" and ex[1]["rep_s"] == 6 and ex[1]["sides"] == "none"
rt = {r["name"]: r for r in d["routines"]}
assert sorted(rt) == ["daily", "full"], sorted(rt)
assert rt["daily"]["seconds"] == 595, rt["daily"]["seconds"]
assert [s["exercise"] for s in rt["full"]["steps"]] == [e["id"] for e in ex]
step = rt["daily"]["steps"][0]
assert list(step) == ["exercise", "seconds", "reps", "sets", "set_rest_s", "rest_s", "side"], list(step)
assert step == {"exercise": "cat-camel", "seconds": 0, "reps": 8, "sets": 1, "set_rest_s": 10,
                "rest_s": 10, "side": "both"}, step
PY
then ok; else fail "json shape"; fi

# one routine's plan: every step with its side, work, rests and start time
mkdir -p "$work/plan/routines"
cp "$src/data/exercises.csv" "$work/plan/"
printf 'exercise,seconds,reps,rest_s,side,sets,set_rest_s\nhip-flexor-stretch,8,,3,left,,\nbird-dog,40,,5,,,\nbridge,,8,30,,3,15\n' \
    >"$work/plan/routines/mine.csv"
plan=$("$limber" list mine --data "$work/plan")
grep -qE '^Routine mine: 3 steps, 4:43 planned$' <<<"$plan" && ok || fail "plan: header: $plan"
grep -qE '^ 0:05  Hip Flexor Stretch +left +8 s, hold 2 s; rest 3 s after$' <<<"$plan" \
    && ok || fail "plan: a timed hold on the left"
grep -qE '^ 0:16  Bird Dog +alternating +40 s in all, hold 8 s; rest 5 s after$' <<<"$plan" \
    && ok || fail "plan: alternating seconds are the whole step"
grep -qE '^ 1:01  Bridge +- +3 sets of 8 reps x 5 s, hold 3 s; 15 s between sets$' <<<"$plan" \
    && ok || fail "plan: the routine's sets"
grep -qE '^ 4:43  done$' <<<"$plan" && ok || fail "plan: end"
"$limber" list mine --json --data "$work/plan" >"$work/plan.json"
if python3 - "$work/plan.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert d["routine"] == "mine" and d["seconds"] == 283, d
s = d["steps"]
assert [x["start_s"] for x in s] == [5, 16, 61], s
assert s[0]["side"] == "left" and s[0]["seconds"] == 8 and s[0]["hold_s"] == 2, s[0]
assert s[1]["side"] == "alternate" and s[1]["seconds"] == 40, s[1]
assert s[2]["sets"] == 3 and s[2]["set_rest_s"] == 15 and s[2]["rest_s"] == 0, s[2]
PY
then ok; else fail "plan json"; fi
if "$limber" list nosuch --data "$src/data" >/dev/null 2>"$work/err"; then fail "unknown routine exits 0"; else ok; fi
grep -q "unknown routine 'nosuch'" "$work/err" && ok || fail "unknown routine message"

# broken data: the fault on stderr, the 17 good exercises still listed, exit 1
cp -r "$src/data" "$work/data"
sed -i 's/^plank,Plank,strengthening,/plank,Plank,nowhere,/' "$work/data/exercises.csv"
rc=0
"$limber" list --json --data "$work/data" >"$work/broken.json" 2>"$work/err" || rc=$?
[ "$rc" -eq 1 ] && ok || fail "broken: exit $rc, expected 1"
grep -qE "/exercises.csv:22:13: row 7 \(plank\), column category: unknown category 'nowhere': " "$work/err" && ok || fail "broken: stderr $(cat "$work/err")"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d["exercises"]) == 17' "$work/broken.json" \
    && ok || fail "broken: json"

rc=0
"$limber" list daily extra >/dev/null 2>"$work/err" || rc=$?
[ "$rc" -eq 2 ] && ok || fail "list with two arguments: exit $rc, expected 2"
# a usage error is what was wrong and where help is, not the whole usage,
# which would scroll the one useful line away
for args in "list daily extra" "--no-such-option" "export cat-camel --fps 0.5"; do
    # shellcheck disable=SC2086 # the words are the arguments
    "$limber" $args >/dev/null 2>"$work/err" || true
    [ "$(wc -l <"$work/err")" -eq 2 ] && head -1 "$work/err" | grep -q "^limber: " &&
        grep -qx "Try 'limber --help' for the commands and options." "$work/err" && ok ||
        fail "usage error for '$args': $(cat "$work/err")"
done

finish
