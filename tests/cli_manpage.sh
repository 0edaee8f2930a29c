#!/usr/bin/env bash
# The man page and --help name the same options and the same keys.
set -euo pipefail
limber=$1 src=$2
help=$("$limber" --help)
options_of() { grep -oE -- '--[a-z][a-z-]*' | sort -u; }
from_help=$(printf '%s\n' "$help" | options_of)
from_man=$(sed 's/\\-/-/g' "$src/dist/limber.1" | options_of)
if [ "$from_help" != "$from_man" ]; then
    echo "options differ between --help (<) and limber.1 (>):"
    diff <(printf '%s\n' "$from_help") <(printf '%s\n' "$from_man") || true
    exit 1
fi
# Every command of --help has a paragraph in the man page.
for cmd in show play list check export handout bench displays; do
    printf '%s\n' "$help" | grep -qE "^  $cmd\b" || { echo "--help lacks $cmd"; exit 1; }
    grep -qE "^\.B[IR]? $cmd\b" "$src/dist/limber.1" || { echo "limber.1 lacks $cmd"; exit 1; }
done
# Every key the help names is in the man page's KEYS section.
for key in Space PageDown PageUp F11 Esc; do
    grep -q "$key" "$src/dist/limber.1" || { echo "limber.1 lacks key $key"; exit 1; }
done
echo "1 passed, 0 failed"
