/* handout: the printable sheet a patient takes home, as a PDF drawn by
 * cairo with its text laid out by pango: per exercise its name, four key
 * moments of the figure (vectors, vector.h), the cue, the numbered
 * instructions, the dose in words and lines for the therapist's notes;
 * a header with the routine, its time, the date and the clinic's logo. */
#ifndef LIMBER_HANDOUT_H
#define LIMBER_HANDOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "catalog.h"
#include "cli.h"
#include "export.h"
#include "logo.h"

typedef enum { HANDOUT_A4, HANDOUT_LETTER } HandoutPaper;

/* The paper of a locale name ("en_US.UTF-8" is letter), from the first of
 * LC_ALL, LC_PAPER and LANG that is set and not empty (any may be NULL), as
 * POSIX orders them: letter for the territories whose glibc locales say
 * letter (US, CA, MX, PH, CL, CO, VE, CR, GT, PA, SV, NI, DO, PR), A4 for
 * every other and for none. */
HandoutPaper handout_paper_from_locale(const char *lc_all, const char *lc_paper,
                                       const char *lang);

/* "a4" or "letter" (any case) into *out: true, or false for anything else. */
bool handout_paper_parse(const char *s, HandoutPaper *out);

/* The dose of a step in words, into out (always terminated): "2 sets of
 * 10, hold 3 s, rest 30 s, each side", or "60 s, each side" for a timed
 * step. */
void handout_dose(const Exercise *ex, const RoutineStep *step, char *out, size_t size);

/* One exercise on the sheet. job.clip is NULL when its pose could not be
 * loaded: the text is printed, the pictures are left out. */
typedef struct {
    ExportJob job;
    RoutineStep step;   /* the dose: a routine's step, or the exercise's own */
    double seconds;     /* catalog_step_seconds of it */
} HandoutItem;

typedef struct {
    const char *title;      /* "Daily routine" */
    const char *subtitle;   /* "7 exercises · about 14 min" */
    const char *date;       /* "6 December 2026" */
    const char *fonts_dir;  /* the bundled fonts (assets/fonts), or NULL */
    Logo *logo;             /* the clinic's logo, the screens' own (cli_load_logo), or NULL */
    HandoutPaper paper;
} HandoutInfo;

/* Lays out and draws the sheet into *pdf (appended). Text that does not fit
 * its box is wrapped, then shrunk, then cut with an ellipsis and a warning
 * on stderr. Returns the number of pages, or -1 with the reason printed. */
int handout_render(const HandoutInfo *info, const HandoutItem *items, int count,
                   ExportBytes *pdf);

/* The motion cues of one still picture on the sheet (export_cues's: the
 * focus in amber, the arrow), into *out; returns out. The arrow is drawn
 * whole or not at all: on screen its fade shows a movement speeding up or
 * slowing down, but on paper a half-faded arrow is a brown smudge on the
 * dark panel, not a slower movement. */
const DrawCues *handout_cues(const ExportJob *job, double t, const FigureFrame *now,
                             SDL_FRect box, DrawCues *out);

/* Every exercise keeps to one page, three to a page: the number of pages
 * count exercises take. */
int handout_page_count(int count);

/* The handout command (print.h's PrintApi.handout): finds the routine or
 * exercises opt names, writes the PDF to opt->out_dir; the exit status. */
int print_handout(const Options *opt);

#endif
