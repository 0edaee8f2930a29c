/* main: parses the command line and hands over to one command. */
#define _XOPEN_SOURCE 700 /* realpath */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>   /* clock_gettime(CLOCK_BOOTTIME): the clock of /proc's start times */
#include <unistd.h> /* sysconf(_SC_CLK_TCK) */
#ifdef __GLIBC__
#include <malloc.h> /* mallopt */
#endif

#include <SDL.h> /* SDL_GetBasePath to find the bundled data; the start-up counter */

#include "cli.h"
#include "lang.h"

/* One message for translators, so a translated --help keeps its columns. */
const char cli_usage[] = N_(
    "Usage: limber [COMMAND] [OPTIONS]\n"
    "\n"
    "Back-care exercises as animated stick figures.\n"
    "\n"
    "Commands:\n"
    "  (none)              the home screen: every exercise, grouped, animating\n"
    "  show ID             watch one exercise loop, with its caption and timer\n"
    "  play [ROUTINE]      play a routine as a slideshow (default: daily)\n"
    "  list [ROUTINE]      the exercises with their timers, and the routines;\n"
    "                      with ROUTINE, its plan step by step (--json too)\n"
    "  check               validate the tables, poses and logo (exit 1 on errors)\n"
    "  displays [--json]   the displays: the numbers --display takes, names,\n"
    "                      sizes and positions\n"
    "  export [ID...]      write PNG frames of one cycle per exercise (all when\n"
    "                      none is named) into --out DIR; needs no display\n"
    "  handout [ROUTINE | ID...]\n"
    "                      a printable PDF of a routine (default: daily) or of\n"
    "                      the exercises named, into --out FILE.pdf\n"
    "  bench               headless frame timings\n"
    "  new NEW-ID --from ID\n"
    "                      your own exercise from ID: its pose copied to your\n"
    "                      poses/NEW-ID.pose, its row added to your exercises.csv\n"
    "                      (in $XDG_DATA_HOME/limber); never writes over a file\n"
    "\n"
    "Options:\n"
    "  --data DIR          exercise and routine tables (default: bundled data)\n"
    "  --assets DIR        poses and fonts (default: bundled assets)\n"
    "  --logo FILE         a PNG, JPEG or SVG logo for the screens' corner\n"
    "                      (default: logo.png, .jpg or .svg in the user data dir)\n"
    "  --fullscreen        cover the whole display\n"
    "  --display N         use display N (0-based); with --loop, wait for it\n"
    "  --window WxH        window size (default 1280x720)\n"
    "  --loop              play the routine again when it ends\n"
    "  --exit-when-done    quit when the routine ends\n"
    "  --sound             short tones at step changes and the last seconds\n"
    "  --voice             spoken guidance (espeak-ng) in the language in use\n"
    "  --speed X           animation speed factor, 0.25 to 4 (default 1)\n"
    "  --sync [TIME]       play in step with every screen that has the same\n"
    "                      tables: the place is the wall clock since TIME\n"
    "                      (default 2000-01-01T00:00:00Z; or @UNIX-SECONDS),\n"
    "                      modulo the routine's length; pause and skip are off\n"
    "  --renderer NAME     SDL render driver (software, opengl, opengles2 ...)\n"
    "  --from ID           new: the exercise to start from\n"
    "  --out DIR           export: where the frames go; handout: the PDF file\n"
    "  --format FORMAT     export: png (frames, the default), svg (frames),\n"
    "                      gif or webp (one looping animation per exercise)\n"
    "  --paper SIZE        handout: a4 or letter (default: the locale's, else a4)\n"
    "  --sheet FILE        export: also write a contact sheet PNG\n"
    "  --cues              export: draw the motion cues (focus, arrows)\n"
    "  --size WxH          export, bench: picture size (default 640x360)\n"
    "  --fps N             export: frames per second (default 10)\n"
    "  --frames N          bench: frames per scenario\n"
    "  --force             export, handout: overwrite existing files\n"
    "  --json              list, displays, bench: machine-readable output\n"
    "  --lang CODE         language of the screens and tables: en, de, fr, es\n"
    "                      (default: from LANGUAGE, LC_ALL, LC_MESSAGES, LANG)\n"
    "  --verbose           say which video driver, renderer and logo are in use\n"
    "  -h, --help          this text\n"
    "  --version           the version, the data directory and logo in use\n"
    "\n"
    "Keys: Space pause, Right/PageDown next, Left/PageUp previous, F or F11\n"
    "fullscreen, Esc back, Q quit, + faster, - slower, M mirror, C motion cues,\n"
    "S sound, V voice, K key frames (the phase, key and beat under the figure),\n"
    "H help.\n"
    "\n"
    "Tables, routines and poses in use are watched: a saved change shows within\n"
    "a second, and a change with a fault keeps the last good version on screen\n"
    "with the fault in a banner.\n"
    "\n"
    "Exit status: 0 ok, 1 errors in data or files, 2 bad command line.\n");

#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
static int usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "limber: ");
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n" CLI_HELP_HINT);
    return 2;
}

static bool parse_size(const char *s, int *w, int *h)
{
    char tail;
    return sscanf(s, "%dx%d%c", w, h, &tail) == 2 && *w >= 16 && *h >= 16 && *w <= 16384 &&
           *h <= 16384;
}

/* Days from 1970-01-01 to a date of the Gregorian calendar (H. Hinnant's
 * days_from_civil): timegm is not POSIX. */
static long days_from_civil(long y, long m, long d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* --sync's TIME in Unix seconds: YYYY-MM-DDTHH:MM[:SS]Z (UTC; a space for
 * the T, and no Z, are taken too) or @SECONDS. */
static bool parse_time(const char *s, double *out)
{
    char tail[4] = "";
    if (s[0] == '@') {
        char *end;
        *out = strtod(s + 1, &end);
        return end != s + 1 && !*end;
    }
    int y, mo, d, h, mi, sec = 0, n = 0;
    char sep;
    if (sscanf(s, "%4d-%2d-%2d%c%2d:%2d%n", &y, &mo, &d, &sep, &h, &mi, &n) != 6 ||
        (sep != 'T' && sep != ' '))
        return false;
    s += n;
    if (*s == ':' && sscanf(s, ":%2d%n", &sec, &n) == 1)
        s += n;
    if (sscanf(s, "%3s", tail) == 1 && strcmp(tail, "Z") != 0)
        return false;
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60 || h < 0 ||
        mi < 0 || sec < 0)
        return false;
    *out = (double)days_from_civil(y, mo, d) * 86400.0 + h * 3600.0 + mi * 60.0 + sec;
    return true;
}

static bool parse_int(const char *s, int lo, int hi, int *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (end == s || *end || v < lo || v > hi)
        return false;
    *out = (int)v;
    return true;
}

/* A directory that holds `probe`: the explicit one, or the first candidate
 * next to the executable (installed: ../share/limber; build tree: ..). */
static bool find_dir(char *out, size_t size, const char *explicit_dir, const char *leaf,
                     const char *probe)
{
    if (explicit_dir) {
        snprintf(out, size, "%s", explicit_dir);
        return true;
    }
    static const char *const relative[] = { "../share/limber/", "../", "", "../../" };
    char *base = SDL_GetBasePath();
    bool found = false;
    for (size_t i = 0; base && i < sizeof relative / sizeof relative[0] && !found; i++) {
        char path[1200];
        snprintf(out, size, "%s%s%s", base, relative[i], leaf);
        snprintf(path, sizeof path, "%s/%s", out, probe);
        FILE *f = fopen(path, "rb");
        if (f) {
            fclose(f);
            found = true;
            /* "/usr/local/share/limber/data" reads better than
             * "/usr/local/bin/../share/limber/data" in --version and errors */
            char *canonical = realpath(out, NULL);
            if (canonical && strlen(canonical) < size)
                snprintf(out, size, "%s", canonical);
            free(canonical);
        }
    }
    SDL_free(base);
    if (!found)
        snprintf(out, size, "%s", leaf); /* relative to the working directory */
    return found;
}

/* $XDG_DATA_HOME/limber (default ~/.local/share/limber) when it is a
 * directory: the user's own tables, laid over the bundled ones. */
static void find_user_dir(char *out, size_t size, char *home_out, size_t home_size)
{
    const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
    struct stat st;
    out[0] = '\0';
    if (xdg && xdg[0] == '/')
        snprintf(out, size, "%s/limber", xdg);
    else if (home && home[0])
        snprintf(out, size, "%s/.local/share/limber", home);
    snprintf(home_out, home_size, "%s", out);
    if (out[0] && (stat(out, &st) != 0 || !S_ISDIR(st.st_mode)))
        out[0] = '\0';
}

/* Milliseconds from the process's start to now, or -1 where there is no
 * /proc. The kernel keeps a process's start time (field 22 of
 * /proc/self/stat) in whole clock ticks since boot, cut down, not rounded:
 * the result is up to one tick (10 ms) longer than the truth, never
 * shorter. What it measures before main() is the dynamic loader mapping
 * and relocating SDL's ~70 libraries. */
static double ms_since_process_start(void)
{
    struct timespec now;
    char buf[1024];
    FILE *f = fopen("/proc/self/stat", "r");
    if (!f)
        return -1.0;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    /* the command name (field 2) is in parentheses and may hold spaces:
     * count fields from the last ')' */
    const char *p = strrchr(buf, ')');
    for (int field = 2; p && field < 22; field++)
        p = strchr(p + 1, ' ');
    long ticks_per_s = sysconf(_SC_CLK_TCK);
    if (!p || ticks_per_s <= 0 || clock_gettime(CLOCK_BOOTTIME, &now) != 0)
        return -1.0;
    double start_s = (double)strtoull(p + 1, NULL, 10) / (double)ticks_per_s;
    double ms = ((double)now.tv_sec + (double)now.tv_nsec * 1e-9 - start_s) * 1000.0;
    return ms >= 0.0 ? ms : -1.0;
}

/* A new caption makes a few buffers of a few hundred kilobytes (the text,
 * its conversion, its texture), and the last evicted caption frees theirs.
 * glibc hands blocks that big back to the kernel and asks for fresh pages
 * next time, and on the virtual machines Limber was measured on each fresh
 * page faults for about ten microseconds: one caption cost 1.8 ms, against
 * 0.03 ms once freed memory stays in the heap to be reused. So blocks up to
 * 32 MB (the most glibc allows) come from the heap, and the heap keeps up
 * to 64 MB it could have returned; the peak is no higher than before. */
static void keep_freed_memory(void)
{
#ifdef __GLIBC__
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
#endif
}

int main(int argc, char **argv)
{
    keep_freed_memory();
    Options opt = { .command = "home", .display = -1, .speed = 1.0,
                    .sync_epoch = CLI_SYNC_EPOCH };
    opt.start_counter = SDL_GetPerformanceCounter(); /* needs no SDL_Init */
    opt.before_main_ms = ms_since_process_start();
    const char *data_arg = NULL, *assets_arg = NULL;
    bool have_command = false;

    /* the language first: --help and every message after speak it */
    const char *lang_arg = NULL;
    for (int i = 1; i < argc; i++) {
        if (strncmp(argv[i], "--lang=", 7) == 0)
            lang_arg = argv[i] + 7;
        else if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
            lang_arg = argv[i + 1];
    }
    char lang[LANG_CODE_SIZE];
    lang_choose(lang_arg, lang);
    snprintf(opt.lang, sizeof opt.lang, "%s", lang);
    if (!lang_init(lang) && lang_arg)
        fprintf(stderr, "limber: no screen text in '%s': the screens stay in English\n", lang);

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *value = NULL;
        char name[64];
        if (a[0] != '-' || strcmp(a, "-") == 0) {
            if (!have_command) {
                opt.command = a;
                have_command = true;
            } else if (opt.arg_count < CLI_MAX_ARGS) {
                opt.args[opt.arg_count++] = a;
            } else {
                return usage_error("too many arguments (at most %d)", CLI_MAX_ARGS);
            }
            continue;
        }
        /* --name=value or --name value */
        const char *eq = strchr(a, '=');
        size_t n = eq ? (size_t)(eq - a) : strlen(a);
        if (n >= sizeof name)
            return usage_error("unknown option '%s'", a);
        memcpy(name, a, n);
        name[n] = '\0';
        if (eq)
            value = eq + 1;

#define FLAG(str, field) \
    if (strcmp(name, str) == 0) { \
        if (value) \
            return usage_error("option '%s' takes no value", name); \
        opt.field = true; \
        continue; \
    }
#define NEEDS_VALUE() \
    do { \
        if (!value) { \
            if (i + 1 >= argc) \
                return usage_error("option '%s' needs a value", name); \
            value = argv[++i]; \
        } \
    } while (0)

        if (strcmp(name, "-h") == 0 || strcmp(name, "--help") == 0) {
            fputs(_(cli_usage), stdout);
            return 0;
        }
        if (strcmp(name, "--version") == 0) {
            opt.command = "version";
            have_command = true;
            continue;
        }
        if (strcmp(name, "--sync") == 0) {
            opt.sync = true;
            /* TIME is optional: the next word is it only if it reads as one */
            if (!value && i + 1 < argc && parse_time(argv[i + 1], &opt.sync_epoch))
                i++;
            else if (value && !parse_time(value, &opt.sync_epoch))
                return usage_error("--sync takes a time such as 2000-01-01T00:00:00Z or "
                                   "@946684800, not '%s'", value);
            continue;
        }
        FLAG("--json", json)
        FLAG("--verbose", verbose)
        FLAG("--force", force)
        FLAG("--fullscreen", fullscreen)
        FLAG("--loop", loop)
        FLAG("--exit-when-done", exit_when_done)
        FLAG("--sound", sound)
        FLAG("--cues", cues)
        FLAG("--voice", voice)
        static const char *const valued[] = { "--data",  "--assets", "--display", "--window",
                                              "--size",  "--fps",    "--frames",  "--speed",
                                              "--renderer", "--out", "--sheet", "--lang",
                                              "--format", "--paper", "--from", "--logo" };
        bool known = false;
        for (size_t k = 0; k < sizeof valued / sizeof valued[0]; k++)
            known = known || strcmp(name, valued[k]) == 0;
        if (!known)
            return usage_error("unknown option '%s'", name);
        NEEDS_VALUE();
        if (strcmp(name, "--data") == 0) {
            data_arg = value;
        } else if (strcmp(name, "--assets") == 0) {
            assets_arg = value;
        } else if (strcmp(name, "--display") == 0) {
            if (!parse_int(value, 0, 63, &opt.display))
                return usage_error("--display takes a display number from 0, not '%s'", value);
        } else if (strcmp(name, "--window") == 0) {
            if (!parse_size(value, &opt.window_w, &opt.window_h))
                return usage_error("--window takes WxH, such as 1280x720, not '%s'", value);
        } else if (strcmp(name, "--size") == 0) {
            if (!parse_size(value, &opt.size_w, &opt.size_h))
                return usage_error("--size takes WxH, such as 640x360, not '%s'", value);
        } else if (strcmp(name, "--fps") == 0) {
            if (!parse_int(value, 1, 240, &opt.fps))
                return usage_error("--fps takes a number from 1 to 240, not '%s'", value);
        } else if (strcmp(name, "--frames") == 0) {
            if (!parse_int(value, 1, 1000000, &opt.frames))
                return usage_error("--frames takes a number from 1 to 1000000, not '%s'", value);
        } else if (strcmp(name, "--speed") == 0) {
            char *end;
            opt.speed = strtod(value, &end);
            if (end == value || *end || !(opt.speed >= 0.25 && opt.speed <= 4.0))
                return usage_error("--speed takes a factor from 0.25 to 4, not '%s'", value);
        } else if (strcmp(name, "--lang") == 0) {
            /* read before the loop: gettext is set up before any message */
        } else if (strcmp(name, "--renderer") == 0) {
            opt.renderer = value;
        } else if (strcmp(name, "--logo") == 0) {
            opt.logo = value;
        } else if (strcmp(name, "--out") == 0) {
            opt.out_dir = value;
        } else if (strcmp(name, "--format") == 0) {
            opt.format = value;
        } else if (strcmp(name, "--paper") == 0) {
            opt.paper = value;
        } else if (strcmp(name, "--from") == 0) {
            opt.from = value;
        } else {
            opt.sheet = value;
        }
#undef FLAG
#undef NEEDS_VALUE
    }

    find_dir(opt.data_dir, sizeof opt.data_dir, data_arg, "data", "exercises.csv");
    find_user_dir(opt.user_dir, sizeof opt.user_dir, opt.user_home, sizeof opt.user_home);
    if (data_arg)
        opt.user_dir[0] = '\0'; /* --data: those tables alone */
    find_dir(opt.assets_dir, sizeof opt.assets_dir, assets_arg, "assets", "poses");

    static const struct {
        const char *name;
        int (*run)(const Options *);
    } commands[] = {
        { "home", cmd_home },     { "show", cmd_show },   { "play", cmd_play },
        { "list", cmd_list },     { "check", cmd_check }, { "export", cmd_export },
        { "bench", cmd_bench },   { "displays", cmd_displays },
        { "handout", cmd_handout },
        { "new", cmd_new },
    };
    if (strcmp(opt.command, "version") == 0) {
        printf("limber %s\ndata: %s\n", LIMBER_VERSION, opt.data_dir);
        if (opt.user_dir[0])
            printf("user data: %s\n", opt.user_dir);
        printf("assets: %s\n", opt.assets_dir);
        char logo_file[1100], why[600];
        if (logo_find(opt.logo, opt.user_dir, logo_file, sizeof logo_file)) {
            LogoError e;
            Logo *logo = logo_load(logo_file, &e, why, sizeof why);
            if (logo)
                printf("logo: %s\n", logo_file);
            else
                printf("logo: %s (not used: %s)\n", logo_file, why);
            logo_free(logo);
        }
        return 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(opt.command, commands[i].name) == 0)
            return commands[i].run(&opt);
    return usage_error("unknown command '%s'", opt.command);
}
