#!/usr/bin/env bash
# --voice where it cannot speak, end to end: espeak-ng's data missing (runs
# silent, says why under --verbose), a language espeak-ng has no voice for
# (says so once, tones instead). Neither crashes or stops the routine.
set -euo pipefail
limber=$1 src=$2
# shellcheck source=tests/cli_lib.bash
source "$(dirname "${BASH_SOURCE[0]}")/cli_lib.bash"
command -v python3 >/dev/null || { echo "no python3: skipped"; exit 77; }

mkdir -p "$work/data/routines" "$work/empty"
cp "$src/data/exercises.csv" "$work/data/"
printf 'exercise,seconds,reps,rest_s,side\ncat-camel,2,,,\n' >"$work/data/routines/tiny.csv"

# play NAME VAR=VALUE LIMBER_ARG...: the tiny routine with --voice into
# $work/NAME.raw, one variable set
play() {
    local name=$1 var=$2
    shift 2
    rc=0
    env SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE="$work/$name.raw" \
        LANGUAGE=en "$var" "$limber" play tiny --data "$work/data" --assets "$src/assets" \
        --voice --exit-when-done --verbose "$@" 2>"$work/$name.err" || rc=$?
}
# peak NAME: the loudest sample in what the device played
peak() {
    python3 -c 'import array,sys; a=array.array("f"); a.frombytes(open(sys.argv[1],"rb").read()); print(max(map(abs,a)) if a else 0)' "$work/$1.raw"
}

play nodata ESPEAK_DATA_PATH="$work/empty"
if [ "$rc" -ne 0 ]; then
    fail "no data: exit $rc"
elif ! grep -q "no voice: espeak-ng cannot load its data" "$work/nodata.err"; then
    fail "no data: no message: $(cat "$work/nodata.err")"
elif python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) == 0 else 1)" "$(peak nodata)"; then
    ok
else
    fail "no data: not silent"
fi

play nolang LIMBER_TEST=1 --lang xx
if [ "$rc" -ne 0 ]; then
    fail "no voice for xx: exit $rc"
elif [ "$(grep -c "espeak-ng has no voice for 'xx'; tones instead" "$work/nolang.err")" -ne 1 ]; then
    fail "no voice for xx: not said once: $(cat "$work/nolang.err")"
elif python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) > 0.1 else 1)" "$(peak nolang)"; then
    ok # the tones
else
    fail "no voice for xx: no tones"
fi
finish
