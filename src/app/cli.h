/* cli: the command line, parsed once into Options, and the commands. */
#ifndef LIMBER_CLI_H
#define LIMBER_CLI_H

#include <stdbool.h>
#include <stdint.h>

#include "catalog.h"
#include "logo.h"

#define CLI_MAX_ARGS 64
#define CLI_SYNC_EPOCH 946684800.0 /* 2000-01-01T00:00:00Z */

typedef struct {
    const char *command;          /* "home", "show", "play", "list", "check", "export", "handout",
                                   * "bench", "displays" */
    const char *args[CLI_MAX_ARGS];
    int arg_count;                /* positional arguments after the command */

    char data_dir[1024];          /* resolved: --data, or found beside the executable */
    char assets_dir[1024];        /* resolved: --assets, or found beside the executable */
    char user_dir[1024];          /* $XDG_DATA_HOME/limber when it exists and no --data; else "" */
    char user_home[1024];         /* $XDG_DATA_HOME/limber, existing or not: where `new` writes */
    const char *from;             /* new: --from ID */

    char lang[8];                 /* the language chosen (lang_choose): "en", "de" ... */
    const char *logo;             /* --logo FILE; NULL: logo.png, .jpg or .svg in user_dir */

    bool json, verbose, force;
    /* window */
    bool fullscreen, loop, exit_when_done, sound, voice;
    int display;                  /* -1 = not given */
    int window_w, window_h;       /* 0 = default */
    const char *renderer;         /* NULL = choose */
    double speed;                 /* 1.0 */
    /* --sync: the position is (wall clock - sync_epoch) modulo the length,
     * so screens with the same tables show the same moment */
    bool sync;
    double sync_epoch;            /* Unix seconds; CLI_SYNC_EPOCH unless --sync TIME */
    /* export and bench */
    const char *out_dir, *sheet;  /* handout: out_dir is the PDF's path */
    const char *format;           /* export: png, svg, gif, webp; NULL = png */
    const char *paper;            /* handout: a4, letter; NULL = the locale's */
    bool cues;                    /* export: draw the motion cues (docs/cues.md) */
    int size_w, size_h;           /* 0 = default */
    int fps, frames;              /* 0 = default */
    /* SDL_GetPerformanceCounter at the top of main(): start-up is measured
     * from here to the first frame (0 = unknown, as in tests) */
    uint64_t start_counter;
    /* How long the process ran before main() (the dynamic loader), from
     * the kernel's start time in 10 ms ticks: up to 10 ms too long, never
     * too short; -1 unknown (no /proc), 0 in tests */
    double before_main_ms;
} Options;

/* The catalogue in use: the data directory with the user's own tables on
 * top (catalog_load_user). Free with catalog_free. */
Catalog *cli_load_catalog(const Options *opt, DiagList *diags);

/* Says on stderr why routine name is not in cat: its file has errors
 * (reported already; returns true), or there is no such file (lists the
 * routines there are; returns false). */
bool cli_missing_routine(const Catalog *cat, const char *name);

/* The logo in use (--logo, else logo_find in the user data directory),
 * loaded; free with logo_free. NULL when there is none, or when the one
 * found cannot be used: then "limber: PATH: why" went to stderr and
 * *refused is true. */
Logo *cli_load_logo(const Options *opt, bool *refused);

/* Each returns the process exit code: 0 ok, 1 failure (data errors, I/O),
 * 2 usage. They print their own errors to stderr. */
int cmd_list(const Options *opt);
int cmd_check(const Options *opt);
int cmd_export(const Options *opt);
int cmd_handout(const Options *opt); /* a printable PDF of a routine */
int cmd_bench(const Options *opt);
int cmd_displays(const Options *opt); /* the displays, numbered as --display counts */
int cmd_show(const Options *opt);   /* one exercise in a window */
int cmd_play(const Options *opt);   /* a routine as a slideshow */
int cmd_home(const Options *opt);   /* the home screen: every exercise in a grid */
int cmd_new(const Options *opt);    /* a new exercise of the user's, from an existing one */

/* The usage text, printed by --help. */
extern const char cli_usage[];

/* The line after a usage error: the whole usage text there would push the
 * one line that says what was wrong off a small terminal. */
#define CLI_HELP_HINT "Try 'limber --help' for the commands and options.\n"

#endif
