#!/usr/bin/env bash
# --verbose says how long the first frame took from the process's start and
# where the time went: the parts add up to the whole, and the time before
# main() read from /proc/self/stat is a plausible one, even for a program
# whose name holds ") " (the kernel's command name field is parenthesised).
# No time limit is checked: this is the measurement, not a benchmark.
# Skipped (77) without xvfb-run.
set -euo pipefail
limber=$1 src=$2
. "$(dirname "$0")/window_common.bash"
window_in_xvfb "$0" "$@"

window_scratch
odd="$work/li) m ber"
cp "$limber" "$odd"
"$odd" play --verbose --data "$src/data" --assets "$src/assets" --window 640x360 \
    2>"$work/err" &
pid=$!
for _ in $(seq 200); do
    grep -q "first frame" "$work/err" && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
done
kill "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
line=$(grep "first frame" "$work/err" || true)
[ -n "$line" ] || { echo "FAIL: no start-up line from --verbose: $(cat "$work/err")"; exit 1; }
echo "$line"
re='^limber: first frame ([0-9.]+) ms after the process started: ([0-9]+) ms before main\(\) \(in 10 ms ticks\), then ([0-9.]+) ms for the tables, SDL and the window, ([0-9.]+) ms for fonts and poses, ([0-9.]+) ms to draw and present it$'
[[ "$line" =~ $re ]] || { echo "FAIL: the start-up line does not read as expected"; exit 1; }
total=${BASH_REMATCH[1]} before=${BASH_REMATCH[2]}
parts="${BASH_REMATCH[2]} ${BASH_REMATCH[3]} ${BASH_REMATCH[4]} ${BASH_REMATCH[5]}"
# the parts are rounded (before main() to 1 ms, the others to 0.1 ms); a
# misread field of /proc/self/stat gives hours (the uptime) or worse
if ! awk -v t="$total" -v b="$before" -v p="$parts" 'BEGIN {
        n = split(p, a, " "); s = 0; for (i = 1; i <= n; i++) s += a[i];
        exit !(s > t - 0.7 && s < t + 0.7 && b < t && b < 60000) }'; then
    echo "FAIL: the parts ($parts) do not add up to $total ms, or $before ms before main() is implausible"
    exit 1
fi
echo "ok: start-up measured"
