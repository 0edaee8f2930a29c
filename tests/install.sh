#!/usr/bin/env bash
# `cmake --install` into a scratch prefix, then the installed copy run from
# another directory with no display and no options: it finds its own data,
# lists, checks, exports and makes a handout (through its module); the user's tables in $XDG_DATA_HOME/limber join
# in; the man page, icon, desktop entries and systemd unit are installed and
# validate; the CPack tarball unpacked elsewhere runs too.
# Reuses the build this binary came from (no rebuild), so it takes seconds.
set -euo pipefail
limber=$1 src=$2
# shellcheck source=tests/cli_lib.bash
source "$(dirname "${BASH_SOURCE[0]}")/cli_lib.bash"
build=$(cd "$(dirname "$limber")" && pwd)
[ -f "$build/cmake_install.cmake" ] || { echo "SKIP: $build is not a CMake build dir"; exit 77; }

prefix=$work/prefix
cmake --install "$build" --prefix "$prefix" >"$work/install.log" 2>&1 ||
    { cat "$work/install.log"; echo "FAIL: cmake --install"; exit 1; }
bin=$prefix/bin/limber
share=$prefix/share

# Run like a user would: from an unrelated directory, no display, own home.
mkdir -p "$work/elsewhere" "$work/home"
run() {
    (cd "$work/elsewhere" && env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER \
        HOME="$work/home" XDG_DATA_HOME="$work/xdg" "$@")
}

# --- the installed binary finds share/limber beside itself ----------------
version=$(run "$bin" --version)
data=$(sed -n 's/^data: //p' <<<"$version")
assets=$(sed -n 's/^assets: //p' <<<"$version")
[ -n "$data" ] && [ "$(cd "$data" && pwd -P)" = "$(cd "$share/limber/data" && pwd -P)" ] &&
    ok || fail "--version data dir: $version"
[ -n "$assets" ] && [ "$(cd "$assets" && pwd -P)" = "$(cd "$share/limber/assets" && pwd -P)" ] &&
    ok || fail "--version assets dir: $version"
grep -q '^user data:' <<<"$version" && fail "user data listed with no \$XDG_DATA_HOME/limber" || ok

list=$(run "$bin" list) && ok || fail "list: exit $?"
grep -qE '^cat-camel +Cat-Camel ' <<<"$list" && ok || fail "list: no cat-camel row"
grep -qE '^daily +[0-9]+ +[0-9]+:[0-9]{2}$' <<<"$list" && ok || fail "list: no daily routine"
run "$bin" check >"$work/check.out" 2>&1 && ok || fail "check: $(cat "$work/check.out")"

run "$bin" export cat-camel --out "$work/frames" >/dev/null 2>"$work/export.err" &&
    ok || fail "export: $(cat "$work/export.err")"
frames=$(find "$work/frames" -name '*.png' | wc -l)
[ "$frames" -ge 10 ] && ok || fail "export: $frames frames"
first=$(find "$work/frames" -name '*.png' | sort | head -n 1)
[ -n "$first" ] && [ "$(head -c 8 "$first" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] &&
    ok || fail "export: $first is not a PNG"

# the handout through limber-print.so, found in lib/limber from bin/
run "$bin" handout --out "$work/daily.pdf" >/dev/null 2>"$work/handout.err" &&
    ok || fail "handout: $(cat "$work/handout.err")"
[ "$(head -c 5 "$work/daily.pdf" 2>/dev/null)" = "%PDF-" ] && ok || fail "handout: not a PDF"

# --- the user's own tables in $XDG_DATA_HOME/limber -----------------------
user=$work/xdg/limber
mkdir -p "$user/routines"
printf 'exercise,seconds,reps,rest_s,side\nbridge,,3,5,\n' >"$user/routines/mine.csv"
run "$bin" --version | grep -qxF "user data: $user" && ok || fail "--version: no user data line"
list=$(run "$bin" list)
grep -qE '^mine +1 ' <<<"$list" && grep -qE '^daily ' <<<"$list" &&
    ok || fail "user routine not listed beside the bundled ones"
sed 's/^cat-camel,Cat-Camel,/cat-camel,Cat and Camel,/' "$share/limber/data/exercises.csv" \
    >"$user/exercises.csv"
run "$bin" list | grep -qE '^cat-camel +Cat and Camel ' && ok || fail "user exercises.csv not used"
# check checks the tables in use: a fault in the user's table is found there
sed -i 's/^plank,Plank,strengthening,/plank,Plank,nowhere,/' "$user/exercises.csv"
rc=0
run "$bin" check >"$work/check.out" 2>&1 || rc=$?
[ "$rc" -eq 1 ] && grep -qF "$user/exercises.csv:" "$work/check.out" &&
    ok || fail "check of the user's table: exit $rc, $(cat "$work/check.out")"

rm -rf "$user" # the rest runs on the bundled tables

# --- man page, icon ----------------------------------------------------------
man1=$share/man/man1/limber.1
cmp -s "$man1" "$src/dist/limber.1" && ok || fail "man page not installed"
if command -v man >/dev/null; then
    [ "$(MANPATH="$share/man" man -w limber 2>/dev/null)" = "$man1" ] && ok || fail "man -w limber"
    warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l -Tutf8 -Z "$man1" 2>&1 >/dev/null)
    [ -z "$warnings" ] && ok || fail "man page warnings: $warnings"
fi
for icon in "$share/icons/hicolor/256x256/apps/limber.png" "$share/limber/assets/icon/limber.png"; do
    cmp -s "$icon" "$src/assets/icon/limber.png" && ok || fail "icon not installed: $icon"
done

# --- desktop entries: valid, and they start the installed binary ----------
for entry in "$share/applications/limber.desktop" "$share/limber/dist/limber-kiosk.desktop"; do
    grep -qE "^Exec=$bin( |\$)" "$entry" && ok || fail "$entry: Exec is not $bin"
    if command -v desktop-file-validate >/dev/null; then
        out=$(desktop-file-validate "$entry" 2>&1) && [ -z "$out" ] && ok || fail "$entry: $out"
    else
        echo "note: desktop-file-validate missing (Debian: desktop-file-utils); not validated"
    fi
done

# An XDG autostart implementation (dex, as a desktop session would at login)
# takes the kiosk entry from ~/.config/autostart and starts the installed copy.
if command -v dex >/dev/null; then
    mkdir -p "$work/config/autostart"
    cp "$share/limber/dist/limber-kiosk.desktop" "$work/config/autostart/"
    out=$(XDG_CONFIG_HOME="$work/config" XDG_CONFIG_DIRS="$work/none" dex --autostart --dry-run 2>&1)
    [ "$out" = "Executing command: $bin play daily --fullscreen --display 1 --loop" ] &&
        ok || fail "dex --autostart: $out"
else
    echo "note: dex missing (Debian: dex); the autostart entry was not run through it"
fi

# --- the systemd unit --------------------------------------------------------
unit=$share/limber/dist/limber.service
for line in "ExecStart=$bin play daily --fullscreen --loop" Restart=always User=limber \
    "SupplementaryGroups=video render input" Environment=SDL_VIDEODRIVER=kmsdrm; do
    grep -qxF "$line" "$unit" && ok || fail "unit lacks '$line'"
done
grep -qE '^StartLimitBurst=[0-9]+$' "$unit" && grep -qE '^StartLimitIntervalSec=[0-9]+$' "$unit" &&
    ok || fail "unit has no start limit"
if command -v systemd-analyze >/dev/null; then
    # offline: checks the syntax, that ExecStart is executable and (with the
    # MANPATH) that Documentation=man:limber(1) resolves; needs no running systemd
    out=$(MANPATH="$share/man" systemd-analyze verify "$unit" 2>&1) && [ -z "$out" ] &&
        ok || fail "systemd-analyze verify: $out"
else
    echo "note: systemd-analyze missing (Debian: systemd); unit not verified"
fi

# --- the tarball: unpack anywhere and run -----------------------------------
# cpack first runs the build's preinstall target: under ctest, after a
# finished build, that only checks nothing is out of date (a few seconds).
if [ -f "$build/CPackConfig.cmake" ]; then
    (cd "$work" && cpack -G TGZ --config "$build/CPackConfig.cmake" -B "$work/pkg" \
        >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; fail "cpack"; }
    tarball=$(find "$work/pkg" -maxdepth 1 -name 'limber-*.tar.gz' | head -n 1)
    mkdir -p "$work/unpacked"
    if [ -n "$tarball" ] && tar -xzf "$tarball" -C "$work/unpacked" --strip-components=1; then
        ok
        run "$work/unpacked/bin/limber" list | grep -qE '^daily ' && ok || fail "tarball: list"
        run "$work/unpacked/bin/limber" --version |
            grep -qxF "data: $(realpath "$work/unpacked")/share/limber/data" &&
            ok || fail "tarball: --version data dir"
        grep -qxF "ExecStart=/usr/local/bin/limber play daily --fullscreen --loop" \
            "$work/unpacked/share/limber/dist/limber.service" &&
            ok || fail "tarball: unit ExecStart is not the /usr/local default"
        ! grep -rqF "$work" "$work/unpacked/share" && ok || fail "tarball: a build path leaked"
    else
        fail "tarball: none made or it does not unpack"
    fi
fi

finish
