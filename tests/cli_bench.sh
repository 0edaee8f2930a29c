#!/usr/bin/env bash
# `limber bench` end to end, small and short: --json has the documented
# shape, every scenario is timed and floor is the unit of the ratios; the
# text table names every scenario; an argument is a usage error (exit 2).
# The numbers themselves are not judged here: a timed test on a shared
# machine only measures the machine.
set -euo pipefail
limber=$1 src=$2
# shellcheck source=tests/cli_lib.bash
source "$(dirname "${BASH_SOURCE[0]}")/cli_lib.bash"
export SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy

"$limber" bench --json --size 320x180 --frames 5 --data "$src/data" --assets "$src/assets" \
    >"$work/bench.json" && ok || fail "bench --json exited $?"
if python3 - "$work/bench.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
for key in ["size", "scenarios", "startup_ms", "peak_rss_mb"]:
    assert key in d, key
assert d["size"] == "320x180", d["size"]
names = [s["name"] for s in d["scenarios"]]
assert names == ["floor", "figure", "play", "home", "caption"], names
for s in d["scenarios"]:
    assert list(s) == ["name", "median_ms", "p99_ms", "ratio"], list(s)
    assert 0 < s["median_ms"] <= s["p99_ms"], s
floor = d["scenarios"][0]
assert abs(floor["ratio"] - 1.0) < 1e-3, floor
for s in d["scenarios"][1:]:
    assert abs(s["ratio"] - s["median_ms"] / floor["median_ms"]) < 0.01 * s["ratio"] + 0.01, s
assert d["startup_ms"] > 0 and d["peak_rss_mb"] > 0, d
PY
then ok; else fail "bench --json: shape"; fi

text=$("$limber" bench --size 320x180 --frames 3 --data "$src/data" --assets "$src/assets")
for name in floor figure play home caption; do
    grep -qE "^$name +[0-9]+\.[0-9]{3} +[0-9]+\.[0-9]{3} +[0-9]+\.[0-9]{2}$" <<<"$text" \
        && ok || fail "text: no row for $name"
done
grep -q '^start-up to the first frame: [0-9.]* ms from the start of main()$' <<<"$text" \
    && ok || fail "text: start-up line"

set +e
"$limber" bench extra >/dev/null 2>"$work/err"
code=$?
set -e
[ "$code" -eq 2 ] && ok || fail "bench with an argument exited $code, expected 2"
grep -q "bench takes no arguments" "$work/err" && ok || fail "bench with an argument: message"

finish
