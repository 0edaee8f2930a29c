/* catalog: the exercise table and the routines, loaded and validated.
 *
 * data/exercises.csv: one row per exercise. Columns, in this order:
 *   id, name, category, cue, instructions, hold_s, reps, rep_s, sides, sets, rest_s
 * data/routines/<name>.csv: one row per step. Columns:
 *   exercise, seconds, reps, rest_s, side [, sets, set_rest_s]
 *   (empty = the exercise's own; the last two may be left out whole)
 *
 * Timing model (the player and `limber list --json` both follow it, through
 * catalog_step_seconds, so the screen and the plan always agree):
 *   - one animation cycle is one rep: rep_s seconds of movement plus hold_s
 *     seconds of hold (the pose's hold phase stretches to hold_s);
 *   - sides none: reps cycles a set; alternate: 2*reps cycles a set, every
 *     second cycle mirrored (reps counts per side); each: all sets on the
 *     first side, CATALOG_SWITCH_S to switch, then all sets mirrored;
 *   - between sets the step's set_rest_s (the exercise's rest_s unless the
 *     routine sets it); after a step the step's rest_s (none after the last);
 *   - a timed step (seconds > 0) works that many seconds a set: per side for
 *     `each`, for the whole alternating set for `alternate`; one set unless
 *     the routine sets sets. The animation cycles for as long as it lasts,
 *     except that an exercise with a hold (none or each) stretches its one
 *     hold to fill the seconds, so the figure holds while the clock runs;
 *   - two sides without a named side: the left side first;
 *   - a routine starts with CATALOG_GET_READY_S of get-ready countdown.
 */
#ifndef LIMBER_CATALOG_H
#define LIMBER_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

#define CATALOG_GET_READY_S 5.0
#define CATALOG_SWITCH_S 5.0
#define CATALOG_MAX_INSTRUCTIONS 4

typedef enum { SIDES_NONE, SIDES_ALTERNATE, SIDES_EACH } Sides;
typedef enum { STEP_SIDE_BOTH, STEP_SIDE_LEFT, STEP_SIDE_RIGHT } StepSide;

/* The article's six groups, in its order. */
typedef enum {
    CATEGORY_STRETCHING,
    CATEGORY_STRENGTHENING,
    CATEGORY_CARDIO,
    CATEGORY_YOGA_PILATES,
    CATEGORY_CORE,
    CATEGORY_MOBILITY,
    CATEGORY_COUNT
} Category;

typedef struct {
    char *id;               /* kebab-case, unique: "cat-camel" */
    char *name;             /* "Cat-Camel" */
    Category category;
    char *cue;              /* one short imperative line */
    char *instructions[CATALOG_MAX_INSTRUCTIONS];
    int instruction_count;
    double hold_s;          /* hold phase of each rep; 0 = no hold */
    int reps;               /* reps per set (per side when not SIDES_NONE) */
    double rep_s;           /* seconds of movement per rep, hold excluded */
    Sides sides;
    int sets;
    double rest_s;          /* rest between sets, and after it in a routine */
    int line;               /* where its row starts in the file, for messages */
    int row;                /* its row as a spreadsheet counts them (the header is 1) */
    bool user;              /* from the user's table, not the bundled one */
} Exercise;

typedef struct {
    int exercise;           /* index into the catalogue's exercises */
    double seconds;         /* > 0: a timed step; 0: by reps */
    int reps;               /* reps per set; 0 = the exercise's own */
    int sets;               /* 0 = the exercise's own (1 for a timed step) */
    double set_rest_s;      /* rest between sets; < 0 = the exercise's rest_s */
    double rest_s;          /* rest after the step */
    StepSide side;
    int line;
} RoutineStep;

/* A step as played: the timing model applied to one step. */
typedef struct {
    int sets;               /* per side */
    int reps;               /* per set and side; 0 for a timed step */
    int side_count;         /* 2: an `each` exercise on both sides */
    bool alternate;         /* sides swap every rep (both sides of `alternate`) */
    StepSide first_side;    /* the side worked first; BOTH for an exercise without sides */
    double rep_s, hold_s;   /* one cycle: moving seconds, then the hold */
    double work_s;          /* one set on one side (alternate: both) */
    double set_rest_s;      /* between sets */
} StepPlan;

/* The plan of step on its exercise ex (step->exercise is not read). */
StepPlan catalog_step_plan(const Exercise *ex, const RoutineStep *step);

/* The step an exercise makes on its own: its own reps, sets and rests. */
RoutineStep catalog_exercise_step(const Exercise *ex, int index);

typedef struct {
    char *name;             /* the file name without .csv */
    RoutineStep *steps;
    size_t step_count;
    bool user;              /* from the user's routines directory */
} Routine;

typedef struct Catalog Catalog;

/* Loads DIR/exercises.csv and every DIR/routines/\*.csv. Always returns a
 * catalogue (NULL only when out of memory) holding every valid row and
 * routine; each fault is appended to diags. Free with catalog_free. */
Catalog *catalog_load(const char *data_dir, DiagList *diags);

/* catalog_load, with the user's own tables on top (user_dir may be NULL):
 * the rows of USER/exercises.csv are added after the bundled ones, and a
 * row with a bundled id replaces that row where it stands;
 * USER/routines/\*.csv appear beside the bundled routines, and one of a
 * bundled name replaces it. */
Catalog *catalog_load_user(const char *data_dir, const char *user_dir, DiagList *diags);

/* The exercise texts in language code ("de"): DIR/lang/CODE.csv, then the
 * user's USER/lang/CODE.csv over it, with columns id, name, cue,
 * instructions. An empty cell, or one with an error (appended to diags),
 * keeps the English text; "en" and a missing file change nothing. */
void catalog_translate(Catalog *cat, const char *data_dir, const char *user_dir,
                       const char *code, DiagList *diags);

/* One translation table from memory, as catalog_translate reads it. */
void catalog_add_translation(Catalog *cat, const char *buf, size_t len, const char *file,
                             DiagList *diags);

/* An empty catalogue, for tests and for loading from buffers. */
Catalog *catalog_new(void);
void catalog_free(Catalog *cat);

/* Parse from memory; file names the buffer in messages. Valid rows are kept,
 * faults appended to diags. Exercises must be added before routines. */
void catalog_add_exercises(Catalog *cat, const char *buf, size_t len, const char *file,
                           DiagList *diags);
void catalog_add_routine(Catalog *cat, const char *name, const char *buf, size_t len,
                         const char *file, DiagList *diags);

size_t catalog_exercise_count(const Catalog *cat);
const Exercise *catalog_exercise(const Catalog *cat, size_t i);
int catalog_find_exercise(const Catalog *cat, const char *id); /* index or -1 */

size_t catalog_routine_count(const Catalog *cat); /* sorted by name */
const Routine *catalog_routine(const Catalog *cat, size_t i);
int catalog_find_routine(const Catalog *cat, const char *name); /* index or -1 */

/* True when a routine file of that name was found but not loaded for its
 * errors (reported when it was read): it is not unknown, it is broken. */
bool catalog_routine_failed(const Catalog *cat, const char *name);

const char *category_id(Category c);    /* "stretching" */
const char *category_title(Category c); /* "Stretching" */
const char *sides_id(Sides s);          /* "none", "alternate", "each" */
const char *step_side_id(StepSide s);   /* "both", "left", "right" */

/* True for a safe id: 1 to CATALOG_MAX_ID characters of a-z, 0-9 and '-',
 * not starting or ending with '-' nor holding "--". Exercise ids and routine
 * names follow it, so they are safe in file names, paths and JSON. */
#define CATALOG_MAX_ID 40
bool catalog_id_valid(const char *id);

/* Where a cell is, in a spreadsheet's terms, into buf: "row 3 (cat-camel),
 * column instructions", translated; id and column may be NULL. */
void catalog_where(char *buf, size_t size, int row, const char *id, const char *column);

/* Planned seconds of one step (work, set rests, side switch; without the
 * rest after it), following the timing model above. */
double catalog_step_seconds(const Catalog *cat, const RoutineStep *step);
double catalog_plan_seconds(const StepPlan *plan);

/* Planned seconds of a whole routine: get-ready, every step, the rests
 * between steps. This is what `list --json` reports and `play` takes. */
double catalog_routine_seconds(const Catalog *cat, const Routine *routine);

#endif
