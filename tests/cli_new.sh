#!/usr/bin/env bash
# `limber new NEW-ID --from ID` end to end in a scratch XDG_DATA_HOME: it
# copies the pose and adds the row, says what it wrote and how to watch
# it, and refuses (exit 1, nothing touched) to write over an exercise or a
# pose that exists. `limber list` then marks the user's rows and poses,
# and `limber check` checks the user's poses.
set -euo pipefail
limber=$1 src=$2
# shellcheck source=tests/cli_lib.bash
source "$(dirname "${BASH_SOURCE[0]}")/cli_lib.bash"
export XDG_DATA_HOME=$work/xdg
user=$XDG_DATA_HOME/limber
run() { "$limber" "$@" --assets "$src/assets"; }

out=$(run new my-cat --from cat-camel)
[ -f "$user/poses/my-cat.pose" ] && ok || fail "no pose written"
cmp -s <(tail -n +2 "$user/poses/my-cat.pose") "$src/assets/poses/cat-camel.pose" &&
    ok || fail "the pose is not a copy"
grep -q '^my-cat,"\{0,1\}Cat-Camel (copy)' "$user/exercises.csv" && ok || fail "no row"
grep -q "limber show my-cat" <<<"$out" && ok || fail "does not say how to watch it: $out"
grep -q "$user/poses/my-cat.pose" <<<"$out" && ok || fail "does not say what it wrote"

# refuses to overwrite: the same id, a bundled id, a pose already there
cp "$user/exercises.csv" "$work/table.before"
echo "# mine" >>"$user/poses/my-cat.pose"
for args in "my-cat --from bridge" "plank --from bridge"; do
    rc=0
    # shellcheck disable=SC2086
    run new $args 2>"$work/err" >/dev/null || rc=$?
    [ "$rc" -eq 1 ] && ok || fail "new $args: exit $rc, expected 1"
    grep -q "nothing written" "$work/err" && ok || fail "new $args: $(cat "$work/err")"
done
echo "camera side" >"$user/poses/lone.pose"
rc=0
run new lone --from bridge 2>"$work/err" >/dev/null || rc=$?
[ "$rc" -eq 1 ] && ok || fail "a pose already there: exit $rc"
[ "$(cat "$user/poses/lone.pose")" = "camera side" ] && ok || fail "a pose was written over"
rm "$user/poses/lone.pose"
cmp -s "$user/exercises.csv" "$work/table.before" && ok || fail "the table changed on refusal"
tail -1 "$user/poses/my-cat.pose" | grep -q "# mine" && ok || fail "the pose was written over"
rc=0
run new Bad_Id --from bridge 2>/dev/null >/dev/null || rc=$?
[ "$rc" -eq 2 ] && ok || fail "a bad id: exit $rc, expected 2"
rc=0
run new fine --from no-such 2>/dev/null >/dev/null || rc=$?
[ "$rc" -eq 2 ] && ok || fail "an unknown source: exit $rc, expected 2"

# list marks what is the user's: the new row, and a pose of a bundled id
cp "$src/assets/poses/bridge.pose" "$user/poses/bridge.pose"
text=$(run list)
grep -qE '^my-cat .*\[yours: row and pose\]$' <<<"$text" && ok || fail "list: my-cat"
grep -qE '^bridge .*\[yours: pose\]$' <<<"$text" && ok || fail "list: bridge's pose"
[ "$(grep -c 'yours' <<<"$text")" -eq 2 ] && ok || fail "list: more marked than the user's"
run list --json | python3 -c '
import json, sys
d = {e["id"]: e for e in json.load(sys.stdin)["exercises"]}
assert d["my-cat"]["user"] and d["my-cat"]["user_pose"]
assert not d["bridge"]["user"] and d["bridge"]["user_pose"]
assert not d["plank"]["user"] and not d["plank"]["user_pose"]
' && ok || fail "list --json: user and user_pose"
# export draws the user's own exercise, from the user's pose
run export my-cat --out "$work/frames" --fps 2 >/dev/null 2>"$work/err" &&
    ls "$work/frames" | grep -q my-cat && ok || fail "export my-cat: $(cat "$work/err")"
# check reads the user's poses: a broken one is found
run check >/dev/null 2>&1 && ok || fail "check of the new exercise"
echo "key" >>"$user/poses/my-cat.pose"
rc=0
run check >/dev/null 2>"$work/err" || rc=$?
[ "$rc" -eq 1 ] && grep -q "$user/poses/my-cat.pose:" "$work/err" && ok ||
    fail "check did not find the fault in the user's pose"
finish
