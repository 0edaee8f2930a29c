#!/usr/bin/env bash
# The voice on time: a short routine played with --voice into SDL's disk
# audio driver; every step, rest, side switch and counted second is heard
# within 100 ms of its moment (tests/voice_onsets.py measures), with the
# words each moment should have.
set -euo pipefail
limber=$1 src=$2
# shellcheck source=tests/cli_lib.bash
source "$(dirname "${BASH_SOURCE[0]}")/cli_lib.bash"
command -v python3 >/dev/null || { echo "no python3: skipped"; exit 77; }

mkdir -p "$work/data/routines"
cp "$src/data/exercises.csv" "$work/data/"
# get ready 0-5, left 5-15, switch 15-20, right 20-30, rest 30-38,
# cat-camel 38-46, done at 46 (CATALOG_GET_READY_S and _SWITCH_S are 5);
# the last three seconds of each counted, but for the first count after
# words of about two seconds (the get-ready's, the switch's), which may be
# left out rather than said over them
printf 'exercise,seconds,reps,rest_s,side\nhip-flexor-stretch,10,,8,\ncat-camel,8,,,\n' \
    >"$work/data/routines/short.csv"
planned="0 2? 3 4 5 12 13 14 15 17? 18 19 20 27 28 29 30 35 36 37 38 43 44 45 46"

SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE="$work/out.raw" LANGUAGE=en \
    "$limber" play short --data "$work/data" --assets "$src/assets" --voice --exit-when-done \
    --verbose 2>"$work/err" || { fail "limber exited $?"; cat "$work/err"; }
if grep -q "no voice" "$work/err"; then
    grep "no voice" "$work/err"
    echo "espeak-ng cannot speak here: skipped"
    exit 77
fi
# shellcheck disable=SC2086 # the moments are words
if python3 "$src/tests/voice_onsets.py" "$work/out.raw" "$work/err" $planned; then
    ok
else
    fail "speech late, missing or extra (the table above)"
fi
for want in "Get ready: Hip Flexor Stretch." \
    "Hip Flexor Stretch. Left knee down. Tuck your pelvis and shift forward." \
    "Switch sides. Right knee down." "Go." "Rest. Next: Cat-Camel." \
    "The routine is done. It took 46 seconds."; do
    if grep -qF "): $want" "$work/err"; then ok; else fail "never said '$want'"; fi
done
finish
