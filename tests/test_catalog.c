/* Tests of catalog: each validation fault with its kind and exact position,
 * valid rows surviving bad ones, the timing model, loading a directory, and
 * the shipped data loading clean. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "catalog.h"
#include "shipped.h"

#define EPS 1e-9

#define HEADER "id,name,category,cue,instructions,hold_s,reps,rep_s,sides,sets,rest_s\n"
/* lines 2-4 of every exercise case: a good row that must survive line 5 */
#define GOOD "good,Good One,core,Do it,\"Line one\n  Line two  \n\",5,10,3,none,2,30\n"

typedef struct {
    int kind, line, col;
} Want;

typedef struct {
    const char *name;
    const char *input;
    size_t survivors;
    Want want[3]; /* the expected faults in order; kind 0 ends (DIAG_FILE_OPEN is never here) */
} Case;

static void expect_diags(const char *name, const DiagList *d, const Want *want, size_t max)
{
    size_t n = 0;
    while (n < max && want[n].kind)
        n++;
    if (d->count != n) {
        char first[256] = "";
        if (d->count)
            diag_format(&d->items[0], first, sizeof first);
        fail_msg("%s: %zu faults, expected %zu (first: %s)", name, d->count, n, first);
    }
    for (size_t i = 0; i < n; i++) {
        const Diag *g = &d->items[i];
        if ((int)g->kind != want[i].kind || g->line != want[i].line || g->col != want[i].col) {
            char text[256];
            diag_format(g, text, sizeof text);
            fail_msg("%s: fault %zu is %d '%s', expected kind %d at %d:%d", name, i, g->kind, text,
                     want[i].kind, want[i].line, want[i].col);
        }
    }
}

static const Case exercise_cases[] = {
    { "clean", HEADER GOOD "x,X,core,c,i,0,1,1,none,1,0\n", 2, { { 0 } } },
    { "blank rows skipped", HEADER GOOD "\n,,,,,,,,,,\n", 1, { { 0 } } },
    { "empty cells right of the table",
      "id,name,category,cue,instructions,hold_s,reps,rep_s,sides,sets,rest_s,,\n" GOOD
      "x,X,core,c,i,0,1,1,none,1,0,,\n", 2, { { 0 } } },
    { "bad id", HEADER GOOD "Bad_Id,X,core,c,i,0,1,1,none,1,0\n", 1, { { DIAG_CAT_BAD_ID, 5, 1 } } },
    { "id with double dash", HEADER GOOD "a--b,X,core,c,i,0,1,1,none,1,0\n", 1,
      { { DIAG_CAT_BAD_ID, 5, 1 } } },
    { "empty id", HEADER GOOD ",X,core,c,i,0,1,1,none,1,0\n", 1, { { DIAG_CAT_EMPTY_FIELD, 5, 1 } } },
    { "duplicate id", HEADER GOOD "good,X,core,c,i,0,1,1,none,1,0\n", 1,
      { { DIAG_CAT_DUPLICATE_ID, 5, 1 } } },
    { "short row", HEADER GOOD "x,X,core\n", 1, { { DIAG_CAT_FIELD_COUNT, 5, 9 } } },
    { "long row", HEADER GOOD "x,X,core,c,i,0,1,1,none,1,0,extra\n", 1,
      { { DIAG_CAT_FIELD_COUNT, 5, 29 } } },
    { "unknown category", HEADER GOOD "x,X,yoga,c,i,0,1,1,none,1,0\n", 1,
      { { DIAG_CAT_CATEGORY, 5, 5 } } },
    { "word for a number", HEADER GOOD "x,X,core,c,i,five,1,1,none,1,0\n", 1,
      { { DIAG_CAT_NUMBER, 5, 14 } } },
    { "negative", HEADER GOOD "x,X,core,c,i,-5,1,1,none,1,0\n", 1, { { DIAG_CAT_RANGE, 5, 14 } } },
    { "nan", HEADER GOOD "x,X,core,c,i,nan,1,1,none,1,0\n", 1, { { DIAG_CAT_NUMBER, 5, 14 } } },
    { "inf", HEADER GOOD "x,X,core,c,i,inf,1,1,none,1,0\n", 1, { { DIAG_CAT_NUMBER, 5, 14 } } },
    { "trailing junk", HEADER GOOD "x,X,core,c,i,5s,1,1,none,1,0\n", 1,
      { { DIAG_CAT_NUMBER, 5, 14 } } },
    { "space in number", HEADER GOOD "x,X,core,c,i, 5,1,1,none,1,0\n", 1,
      { { DIAG_CAT_NUMBER, 5, 14 } } },
    { "dot without digits", HEADER GOOD "x,X,core,c,i,5.,1,1,none,1,0\n", 1,
      { { DIAG_CAT_NUMBER, 5, 14 } } },
    { "hold too long", HEADER GOOD "x,X,core,c,i,601,1,1,none,1,0\n", 1,
      { { DIAG_CAT_RANGE, 5, 14 } } },
    { "overflow", HEADER GOOD "x,X,core,c,i,0,99999999999999999999999,1,none,1,0\n", 1,
      { { DIAG_CAT_RANGE, 5, 16 } } },
    { "zero reps", HEADER GOOD "x,X,core,c,i,0,0,1,none,1,0\n", 1, { { DIAG_CAT_RANGE, 5, 16 } } },
    { "fractional reps", HEADER GOOD "x,X,core,c,i,0,2.5,1,none,1,0\n", 1,
      { { DIAG_CAT_NUMBER, 5, 16 } } },
    { "zero rep_s", HEADER GOOD "x,X,core,c,i,0,1,0,none,1,0\n", 1, { { DIAG_CAT_RANGE, 5, 18 } } },
    { "unknown sides", HEADER GOOD "x,X,core,c,i,0,1,1,both,1,0\n", 1,
      { { DIAG_CAT_SIDES, 5, 20 } } },
    { "zero sets", HEADER GOOD "x,X,core,c,i,0,1,1,none,0,0\n", 1, { { DIAG_CAT_RANGE, 5, 25 } } },
    { "exponent", HEADER GOOD "x,X,core,c,i,0,1,1,none,1,1e3\n", 1,
      { { DIAG_CAT_NUMBER, 5, 27 } } },
    { "empty number", HEADER GOOD "x,X,core,c,i,0,1,1,none,1,\n", 1,
      { { DIAG_CAT_EMPTY_FIELD, 5, 27 } } },
    { "empty name", HEADER GOOD "x,,core,c,i,0,1,1,none,1,0\n", 1, { { DIAG_CAT_EMPTY_FIELD, 5, 3 } } },
    { "name on two lines", HEADER GOOD "x,\"A\nB\",core,c,i,0,1,1,none,1,0\n", 1,
      { { DIAG_CAT_LINE_BREAK, 5, 3 } } },
    { "cue too long", HEADER GOOD "x,X,core,12345678901234567890123456789012345678901,i,0,1,1,none,1,0\n",
      1, { { DIAG_CAT_TOO_LONG, 5, 50 } } }, /* at the 41st character */
    { "cue of 40 accented letters fits", HEADER GOOD
      "x,X,core,\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
      "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
      "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
      "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
      ",i,0,1,1,none,1,0\n", 2, { { 0 } } },
    /* at the fifth line, inside the cell */
    { "five instruction lines", HEADER GOOD "x,X,core,c,\"1\n2\n3\n4\n5\",0,1,1,none,1,0\n", 1,
      { { DIAG_CAT_TOO_MANY_INSTRUCTIONS, 9, 1 } } },
    { "blank instructions", HEADER GOOD "x,X,core,c,\" \n \",0,1,1,none,1,0\n", 1,
      { { DIAG_CAT_EMPTY_FIELD, 5, 12 } } },
    { "all faults of a row in one pass", HEADER GOOD "x,X,nope,c,i,-1,zero,1,none,1,0\n", 1,
      { { DIAG_CAT_CATEGORY, 5, 5 }, { DIAG_CAT_RANGE, 5, 14 }, { DIAG_CAT_NUMBER, 5, 17 } } },
    { "faults on several rows", HEADER "a,X,core,c,i,0,1,1,none,1,x\n" GOOD "b,X,core\n", 1,
      { { DIAG_CAT_NUMBER, 2, 27 }, { DIAG_CAT_FIELD_COUNT, 6, 9 } } },
    { "csv fault", HEADER GOOD "x,X,core,c,caf\xE9,0,1,1,none,1,0\n", 1,
      { { DIAG_CSV_BAD_UTF8, 5, 15 } } },
    { "unterminated quote", HEADER GOOD "x,X,core,c,\"i,0,1,1,none,1,0\n", 1,
      { { DIAG_CSV_UNTERMINATED_QUOTE, 5, 12 } } },
    { "bad header", "id,name,kind,cue,instructions,hold_s,reps,rep_s,sides,sets,rest_s\n" GOOD, 0,
      { { DIAG_CAT_HEADER, 1, 9 } } },
    { "short header", "id,name\n" GOOD, 0, { { DIAG_CAT_HEADER, 1, 8 } } },
    { "long header", "id,name,category,cue,instructions,hold_s,reps,rep_s,sides,sets,rest_s,x\n" GOOD,
      0, { { DIAG_CAT_HEADER, 1, 71 } } },
    { "empty table", "", 0, { { DIAG_CAT_EMPTY, 0, 0 } } },
};

static void test_exercise_faults(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof exercise_cases / sizeof exercise_cases[0]; i++) {
        const Case *c = &exercise_cases[i];
        Catalog *cat = catalog_new();
        DiagList d = { 0 };
        catalog_add_exercises(cat, c->input, strlen(c->input), "ex.csv", &d);
        expect_diags(c->name, &d, c->want, 3);
        if (catalog_exercise_count(cat) != c->survivors)
            fail_msg("%s: %zu exercises kept, expected %zu", c->name, catalog_exercise_count(cat),
                     c->survivors);
        if (d.count)
            assert_string_equal(d.items[0].file, "ex.csv");
        catalog_free(cat);
        diag_free(&d);
    }
}

/* A good row is read into every field. */
static void test_exercise_fields(void **state)
{
    (void)state;
    static const char input[] = HEADER GOOD;
    Catalog *cat = catalog_new();
    DiagList d = { 0 };
    catalog_add_exercises(cat, input, sizeof input - 1, "ex.csv", &d);
    assert_int_equal(d.count, 0);
    const Exercise *ex = catalog_exercise(cat, 0);
    assert_non_null(ex);
    assert_string_equal(ex->id, "good");
    assert_string_equal(ex->name, "Good One");
    assert_int_equal(ex->category, CATEGORY_CORE);
    assert_string_equal(ex->cue, "Do it");
    assert_int_equal(ex->instruction_count, 2);
    assert_string_equal(ex->instructions[0], "Line one");
    assert_string_equal(ex->instructions[1], "Line two");
    assert_float_equal(ex->hold_s, 5.0, EPS);
    assert_int_equal(ex->reps, 10);
    assert_float_equal(ex->rep_s, 3.0, EPS);
    assert_int_equal(ex->sides, SIDES_NONE);
    assert_int_equal(ex->sets, 2);
    assert_float_equal(ex->rest_s, 30.0, EPS);
    assert_int_equal(ex->line, 2);
    assert_null(catalog_exercise(cat, 1));
    assert_int_equal(catalog_find_exercise(cat, "good"), 0);
    assert_int_equal(catalog_find_exercise(cat, "bad"), -1);
    catalog_free(cat);
}

/* Exercises for the routine and timing tests:
 *   good: cycle 5+3 = 8 s, 10 reps, 2 sets, rest 30, no sides
 *   alt:  cycle 2+2 = 4 s, 4 reps a side, 2 sets, rest 10, alternate
 *   each: cycle 20+6 = 26 s, 2 reps a side, 1 set, rest 10, each side */
static const char timing_exercises[] = HEADER GOOD
    "alt,Alt,core,c,i,2,4,2,alternate,2,10\n"
    "each,Each,stretching,c,i,20,2,6,each,1,10\n";

static Catalog *timing_catalog(void)
{
    Catalog *cat = catalog_new();
    DiagList d = { 0 };
    catalog_add_exercises(cat, timing_exercises, sizeof timing_exercises - 1, "ex.csv", &d);
    assert_int_equal(d.count, 0);
    assert_int_equal(catalog_exercise_count(cat), 3);
    return cat;
}

#define RHEADER "exercise,seconds,reps,rest_s,side\n"
#define RHEADER6 "exercise,seconds,reps,rest_s,side,sets\n"
#define RHEADER7 "exercise,seconds,reps,rest_s,side,sets,set_rest_s\n"

static const Case routine_cases[] = {
    { "clean", RHEADER "good,,,,\neach,30,,5,left\n", 2, { { 0 } } },
    { "unknown exercise", RHEADER "good,,,,\nnope,,,,\n", 1, { { DIAG_CAT_UNKNOWN_EXERCISE, 3, 1 } } },
    { "empty exercise", RHEADER ",5,,,\ngood,1,,,\n", 1, { { DIAG_CAT_EMPTY_FIELD, 2, 1 } } },
    { "seconds and reps", RHEADER "good,30,5,,\ngood,,,,\n", 1,
      { { DIAG_CAT_SECONDS_AND_REPS, 2, 9 } } },
    { "zero seconds", RHEADER "good,0,,,\ngood,,,,\n", 1, { { DIAG_CAT_RANGE, 2, 6 } } },
    { "negative rest", RHEADER "good,,,-1,\ngood,,,,\n", 1, { { DIAG_CAT_RANGE, 2, 8 } } },
    { "word for reps", RHEADER "good,,ten,,\ngood,,,,\n", 1, { { DIAG_CAT_NUMBER, 2, 7 } } },
    { "unknown side", RHEADER "each,,,,up\ngood,,,,\n", 1, { { DIAG_CAT_SIDE, 2, 9 } } },
    { "side of a one-sided exercise", RHEADER "good,,,,left\ngood,,,,\n", 1,
      { { DIAG_CAT_SIDE_OF_NONE, 2, 9 } } },
    { "short row", RHEADER "good,,\ngood,,,,\n", 1, { { DIAG_CAT_FIELD_COUNT, 2, 7 } } },
    { "bad header", "exercise,secs,reps,rest_s,side\ngood,,,,\n", 0, { { DIAG_CAT_HEADER, 1, 10 } } },
    { "no steps", RHEADER, 0, { { DIAG_CAT_NO_STEPS, 0, 0 } } },
    { "sets and set rest", RHEADER7 "good,,8,30,,3,15\ngood,,,,,,\n", 2, { { 0 } } },
    { "zero sets", RHEADER7 "good,,,,,0,\ngood,,,,,,\n", 1, { { DIAG_CAT_RANGE, 2, 10 } } },
    { "set rest a word", RHEADER7 "good,,,,,2,long\ngood,,,,,,\n", 1,
      { { DIAG_CAT_NUMBER, 2, 12 } } },
    { "sets without set rest column", RHEADER6 "good,,,,,2\n", 1, { { 0 } } },
    { "only bad steps", RHEADER "nope,,,,\n", 0,
      { { DIAG_CAT_UNKNOWN_EXERCISE, 2, 1 }, { DIAG_CAT_ALL_STEPS_BROKEN, 0, 0 } } },
    { "only blank steps", RHEADER "\n,,,,\n", 0, { { DIAG_CAT_NO_STEPS, 0, 0 } } },
    { "a step dropped by the csv reader", RHEADER "g\xE9,,,,\n", 0,
      { { DIAG_CSV_BAD_UTF8, 2, 2 }, { DIAG_CAT_ALL_STEPS_BROKEN, 0, 0 } } },
};

static void test_routine_faults(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof routine_cases / sizeof routine_cases[0]; i++) {
        const Case *c = &routine_cases[i];
        Catalog *cat = timing_catalog();
        DiagList d = { 0 };
        catalog_add_routine(cat, "r", c->input, strlen(c->input), "r.csv", &d);
        expect_diags(c->name, &d, c->want, 3);
        size_t steps = catalog_routine_count(cat) ? catalog_routine(cat, 0)->step_count : 0;
        if (steps != c->survivors)
            fail_msg("%s: %zu steps kept, expected %zu", c->name, steps, c->survivors);
        catalog_free(cat);
        diag_free(&d);
    }
}

static void test_routine_names(void **state)
{
    (void)state;
    static const char body[] = RHEADER "good,,,,\n";
    static const struct { const char *name; int kind; } cases[] = {
        { "morning", 0 },         { "Morning", DIAG_CAT_BAD_ID }, { "a b", DIAG_CAT_BAD_ID },
        { "../x", DIAG_CAT_BAD_ID }, { "", DIAG_CAT_BAD_ID },       { "zz-9", 0 },
        { "morning", DIAG_CAT_DUPLICATE_ID },                        { "alpha", 0 },
    };
    Catalog *cat = timing_catalog();
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        DiagList d = { 0 };
        catalog_add_routine(cat, cases[i].name, body, sizeof body - 1, "x.csv", &d);
        if (cases[i].kind == 0)
            assert_int_equal(d.count, 0);
        else {
            assert_int_equal(d.count, 1);
            assert_int_equal(d.items[0].kind, cases[i].kind);
            assert_int_equal(d.items[0].line, 0);
        }
        diag_free(&d);
    }
    /* sorted by name, whatever the order of adding */
    assert_int_equal(catalog_routine_count(cat), 3);
    assert_string_equal(catalog_routine(cat, 0)->name, "alpha");
    assert_string_equal(catalog_routine(cat, 1)->name, "morning");
    assert_string_equal(catalog_routine(cat, 2)->name, "zz-9");
    assert_int_equal(catalog_find_routine(cat, "zz-9"), 2);
    assert_int_equal(catalog_find_routine(cat, "nope"), -1);
    catalog_free(cat);
}

static void test_step_defaults(void **state)
{
    (void)state;
    static const char body[] = RHEADER "good,,,,\neach,30,,5,right\nalt,,2,,both\n";
    Catalog *cat = timing_catalog();
    DiagList d = { 0 };
    catalog_add_routine(cat, "r", body, sizeof body - 1, "r.csv", &d);
    assert_int_equal(d.count, 0);
    const Routine *r = catalog_routine(cat, 0);
    assert_int_equal(r->step_count, 3);
    assert_int_equal(r->steps[0].exercise, 0);
    assert_float_equal(r->steps[0].seconds, 0.0, EPS);
    assert_int_equal(r->steps[0].reps, 10);
    assert_float_equal(r->steps[0].rest_s, 30.0, EPS);
    assert_int_equal(r->steps[0].side, STEP_SIDE_BOTH);
    assert_int_equal(r->steps[0].line, 2);
    assert_int_equal(r->steps[1].exercise, 2);
    assert_float_equal(r->steps[1].seconds, 30.0, EPS);
    assert_float_equal(r->steps[1].rest_s, 5.0, EPS);
    assert_int_equal(r->steps[1].side, STEP_SIDE_RIGHT);
    assert_int_equal(r->steps[2].reps, 2);
    assert_float_equal(r->steps[2].rest_s, 10.0, EPS);
    catalog_free(cat);
}

/* The routine's sets and set rest win over the exercise's; a timed step is
 * one set; `bridge,,8,30` keeps the exercise's 2 sets and 30 s between. */
static void test_step_sets(void **state)
{
    (void)state;
    Catalog *cat = timing_catalog();
    static const char body[] = RHEADER7 "good,,8,30,,,\ngood,,8,30,,3,15\ngood,20,,,,,\n";
    DiagList d = { 0 };
    catalog_add_routine(cat, "r", body, sizeof body - 1, "r.csv", &d);
    assert_int_equal(d.count, 0);
    const Routine *r = catalog_routine(cat, 0);
    assert_int_equal(r->steps[0].sets, 2);
    assert_float_equal(r->steps[0].set_rest_s, 30.0, EPS);
    assert_int_equal(r->steps[1].sets, 3);
    assert_float_equal(r->steps[1].set_rest_s, 15.0, EPS);
    assert_int_equal(r->steps[2].sets, 1);
    StepPlan p = catalog_step_plan(catalog_exercise(cat, 0), &r->steps[1]);
    assert_int_equal(p.sets, 3);
    assert_int_equal(p.reps, 8);
    assert_float_equal(p.work_s, 64.0, EPS);
    assert_float_equal(p.set_rest_s, 15.0, EPS);
    /* timed on an exercise with a hold: one hold fills the step */
    p = catalog_step_plan(catalog_exercise(cat, 0), &r->steps[2]);
    assert_float_equal(p.rep_s + p.hold_s, 20.0, EPS);
    assert_float_equal(p.rep_s, 3.0, EPS);
    assert_int_equal(p.reps, 0);
    catalog_free(cat);
}

/* A step with the exercise's own sets and set rest. */
#define STEP(ex, secs, n, sd) \
    { .exercise = (ex), .seconds = (secs), .reps = (n), .sets = 0, .set_rest_s = -1, .side = (sd) }

static void test_step_seconds(void **state)
{
    (void)state;
    static const struct {
        const char *what;
        RoutineStep step;
        double want;
    } cases[] = {
        { "none by reps: 2 sets x 10 x 8 s + 30 rest", STEP(0, 0, 10, STEP_SIDE_BOTH), 190 },
        { "none, fewer reps", STEP(0, 0, 1, STEP_SIDE_BOTH), 46 },
        { "none, timed", STEP(0, 30, 10, STEP_SIDE_BOTH), 30 },
        { "none, side ignored", STEP(0, 0, 10, STEP_SIDE_LEFT), 190 },
        { "alternate: 2 x (2 x 4 x 4 s) + 10", STEP(1, 0, 4, STEP_SIDE_BOTH), 74 },
        { "alternate, one side", STEP(1, 0, 4, STEP_SIDE_LEFT), 42 },
        { "alternate, timed: the whole step", STEP(1, 30, 4, STEP_SIDE_BOTH), 30 },
        { "none, 3 sets set in the routine, 5 s between",
          { .exercise = 0, .reps = 10, .sets = 3, .set_rest_s = 5, .side = STEP_SIDE_BOTH }, 250 },
        { "none, timed, 2 sets, own rest between",
          { .exercise = 0, .seconds = 20, .sets = 2, .set_rest_s = -1, .side = STEP_SIDE_BOTH }, 70 },
        { "each, 2 sets a side, no rest between",
          { .exercise = 2, .reps = 2, .sets = 2, .set_rest_s = 0, .side = STEP_SIDE_BOTH }, 213 },
        { "each: 2 x (2 x 26 s) + switch", STEP(2, 0, 2, STEP_SIDE_BOTH), 109 },
        { "each, one side", STEP(2, 0, 2, STEP_SIDE_RIGHT), 52 },
        { "each, timed: 2 x 30 + switch", STEP(2, 30, 2, STEP_SIDE_BOTH), 65 },
        { "each, timed, one side", STEP(2, 30, 2, STEP_SIDE_LEFT), 30 },
    };
    Catalog *cat = timing_catalog();
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double got = catalog_step_seconds(cat, &cases[i].step);
        if (got < cases[i].want - EPS || got > cases[i].want + EPS)
            fail_msg("%s: %g s, expected %g s", cases[i].what, got, cases[i].want);
    }
    /* get-ready 5 + 190 + rest 30 + 109 (no rest after the last step) */
    static const char body[] = RHEADER "good,,,,\neach,,,15,\n";
    DiagList d = { 0 };
    catalog_add_routine(cat, "r", body, sizeof body - 1, "r.csv", &d);
    assert_int_equal(d.count, 0);
    assert_float_equal(catalog_routine_seconds(cat, catalog_routine(cat, 0)), 334.0, EPS);
    catalog_free(cat);
}

static void test_names(void **state)
{
    (void)state;
    assert_string_equal(category_id(CATEGORY_STRETCHING), "stretching");
    assert_string_equal(category_id(CATEGORY_YOGA_PILATES), "yoga-pilates");
    assert_string_equal(category_id(CATEGORY_MOBILITY), "mobility");
    assert_string_equal(category_title(CATEGORY_CARDIO), "Low-impact cardio");
    assert_string_equal(sides_id(SIDES_ALTERNATE), "alternate");
    assert_string_equal(step_side_id(STEP_SIDE_RIGHT), "right");
    static const struct { const char *id; bool ok; } ids[] = {
        { "cat-camel", true }, { "a", true },   { "9-b", true },  { "-a", false },
        { "a-", false },       { "A", false },  { "a_b", false }, { "a--b", false },
        { "", false },         { "a.b", false },
        { "a234567890123456789012345678901234567890", true },
        { "a2345678901234567890123456789012345678901", false },
    };
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
        if (catalog_id_valid(ids[i].id) != ids[i].ok)
            fail_msg("id '%s'", ids[i].id);
}

/* Every message of an exercise table and one routine "r", as printed. */
static char *messages_of(const char *exercises, const char *routine, Catalog **out)
{
    Catalog *cat = catalog_new();
    DiagList d = { 0 };
    catalog_add_exercises(cat, exercises, strlen(exercises), "ex.csv", &d);
    if (routine)
        catalog_add_routine(cat, "r", routine, strlen(routine), "r.csv", &d);
    char *all = calloc(d.count * 1024 + 1, 1);
    assert_non_null(all);
    for (size_t i = 0; i < d.count; i++) {
        diag_format(&d.items[i], all + strlen(all), 1023);
        strcat(all, "\n");
    }
    diag_free(&d);
    *out = cat;
    return all;
}

#define LONG_LINE "12345678901234567890123456789012345678901234567890" \
                  "12345678901234567890123456789012345678901234567890"

/* Errors in a spreadsheet's terms: the row as a spreadsheet counts it (the
 * GOOD row's cell spans lines 2-4, so line 5 is row 3), the column's name,
 * the row's id and the bad value quoted, beside the file:line:col. */
static void test_messages(void **state)
{
    (void)state;
    static const struct {
        const char *what, *exercises, *routine, *want;
    } cases[] = {
        { "row, id, column and value", HEADER GOOD "x,X,yoga,c,i,0,1,1,none,1,0\n", NULL,
          "ex.csv:5:5: row 3 (x), column category: unknown category 'yoga': expected "
          "stretching, strengthening, cardio, yoga-pilates, core or mobility\n" },
        { "a number", HEADER GOOD "x,X,core,c,i,0,ten,1,none,1,0\n", NULL,
          "ex.csv:5:16: row 3 (x), column reps: not a number 'ten': expected a whole number "
          "such as 10\n" },
        { "out of range", HEADER GOOD "x,X,core,c,i,601,1,1,none,1,0\n", NULL,
          "ex.csv:5:14: row 3 (x), column hold_s: number out of range '601': expected 0 to "
          "600\n" },
        /* inside the cell: line 6, at the first character past the limit */
        { "an instruction line too long", HEADER GOOD "x,X,core,c,\"short\n" LONG_LINE "1\",0,1,"
          "1,none,1,0\n" GOOD, NULL,
          "ex.csv:6:101: row 3 (x), column instructions: too long: line 2 has 101 characters; at "
          "most 100\nex.csv:7:1: row 4, column id: duplicate id 'good': already on row 2 "
          "(line 2)\n" },
        { "the first line of a cell", HEADER "x,X,core,c,\"  " LONG_LINE "1\",0,1,1,none,1,0\n",
          NULL, "ex.csv:2:115: row 2 (x), column instructions: too long: line 1 has 101 "
          "characters; at most 100\n" },
        { "a bad id names no id", HEADER "Bad,X,core,c,i,0,1,1,none,1,0\n", NULL,
          "ex.csv:2:1: row 2, column id: bad id 'Bad': expected lower-case letters, digits and "
          "'-'\n" },
        { "a csv fault has its row", HEADER GOOD "x,X,core,c\xE9,i,0,1,1,none,1,0\n", NULL,
          "ex.csv:5:11: row 3: invalid UTF-8: expected text in UTF-8\n" },
        { "too few cells", HEADER GOOD "x,X,core\n", NULL,
          "ex.csv:5:9: row 3 (x): wrong number of fields: expected 11, found 3\n" },
        { "side", HEADER GOOD "each,Each,stretching,c,i,20,2,6,each,1,10\n",
          RHEADER "good,,,,\n\"each\",,,,L\n",
          "r.csv:3:11: row 3 (each), column side: unknown side 'L': expected both, left or right\n" },
        { "a side of a one-sided exercise", HEADER GOOD, RHEADER "good,,,,left\ngood,,,,\n",
          "r.csv:2:9: row 2 (good), column side: a side for an exercise without sides: expected "
          "the cell empty or both\n" },
        { "an unknown exercise", HEADER GOOD, RHEADER "good,,,,\nnope,,,,\n",
          "r.csv:3:1: row 3: unknown exercise 'nope': expected an id from the exercise table\n" },
        /* one broken row: the routine says why its step is skipped, and where */
        { "a step on a broken exercise", HEADER GOOD "bridge,Bridge,core,c,i,0,ten,1,none,1,0\n",
          RHEADER "good,,,,\nbridge,,,,\n",
          "ex.csv:5:26: row 3 (bridge), column reps: not a number 'ten': expected a whole number "
          "such as 10\n"
          "r.csv:3:1: row 3: skipped exercise 'bridge': its own row in the exercise table has an "
          "error: see ex.csv:5:26\n" },
        { "a step on a row the csv reader dropped",
          HEADER GOOD "bridge,Bridge,core,caf\xE9,i,0,1,1,none,1,0\n", RHEADER "bridge,,,,\n",
          "ex.csv:5:23: row 3: invalid UTF-8: expected text in UTF-8\n"
          "r.csv:2:1: row 2: skipped exercise 'bridge': its own row in the exercise table has an "
          "error: see ex.csv:5:23\n"
          "r.csv: routine skipped: every step has an error\n" },
        { "a step on a row with too few cells", HEADER GOOD "bridge,Bridge\n", RHEADER "bridge,,,,\n",
          "ex.csv:5:14: row 3 (bridge): wrong number of fields: expected 11, found 2\n"
          "r.csv:2:1: row 2: skipped exercise 'bridge': its own row in the exercise table has an "
          "error: see ex.csv:5:14\n"
          "r.csv: routine skipped: every step has an error\n" },
        { "no exercise table: once, not every step", "id;name\n", RHEADER "good,,,,\ngood,,,,\n",
          "ex.csv:1:3: cells separated by semicolons: save the file as CSV, comma separated: in "
          "LibreOffice: File, Save As, Text CSV, field delimiter ','; in Excel: CSV UTF-8 (comma "
          "delimited)\n"
          "r.csv: routine skipped: the exercise table could not be read\n" },
        /* a multi-line cell quoted after a ';' is no quote fault: the hint
         * comes before the rows are read, alone */
        { "every cell quoted, semicolons", "\xEF\xBB\xBF\"id\";\"name\"\n\"x\";\"two\nlines\"\n"
          "y;\"a \"\"b\"\"\"\n", NULL,
          "ex.csv:1:5: cells separated by semicolons: save the file as CSV, comma separated: in "
          "LibreOffice: File, Save As, Text CSV, field delimiter ','; in Excel: CSV UTF-8 (comma "
          "delimited)\n" },
        { "a semicolon in a comma header is a wrong header", "id;x,name\n", NULL,
          "ex.csv:1:1: unexpected header: expected column 'id' here: the header is "
          "'id,name,category,cue,instructions,hold_s,reps,rep_s,sides,sets,rest_s'\n" },
        { "a routine saved with tabs", HEADER GOOD, "exercise\tseconds\treps\trest_s\tside\n",
          "r.csv:1:9: cells separated by tabs: save the file as CSV, comma separated: in "
          "LibreOffice: File, Save As, Text CSV, field delimiter ','; in Excel: CSV UTF-8 (comma "
          "delimited)\n" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Catalog *cat = NULL;
        char *got = messages_of(cases[i].exercises, cases[i].routine, &cat);
        if (strcmp(got, cases[i].want) != 0)
            fail_msg("%s:\n got: %s\nwant: %s", cases[i].what, got, cases[i].want);
        free(got);
        catalog_free(cat);
    }
}

/* A translation table speaks the same terms, and one slip keeps English. */
static void test_translation_messages(void **state)
{
    (void)state;
    static const char tr[] = "id,name,cue,instructions\n"
                             "good,Bien,\"Haz\nesto\",\"Uno\n" LONG_LINE "1\"\n"
                             "nope,X,,\n";
    Catalog *cat = timing_catalog();
    DiagList d = { 0 };
    catalog_add_translation(cat, tr, sizeof tr - 1, "lang/es.csv", &d);
    static const char *const want[] = {
        "lang/es.csv:2:11: row 2 (good), column cue: line break in a one-line field",
        "lang/es.csv:4:101: row 2 (good), column instructions: too long: line 2 has 101 "
        "characters; at most 100",
        "lang/es.csv:5:1: row 3: unknown exercise 'nope': expected an id from the exercise table",
    };
    assert_int_equal(d.count, 3);
    for (size_t i = 0; i < 3; i++) {
        char text[512];
        diag_format(&d.items[i], text, sizeof text);
        assert_string_equal(text, want[i]);
    }
    const Exercise *ex = catalog_exercise(cat, 0);
    assert_string_equal(ex->name, "Bien");
    assert_string_equal(ex->cue, "Do it");
    assert_string_equal(ex->instructions[0], "Line one");
    diag_free(&d);
    catalog_free(cat);
}

/* With the exercise table unreadable, a translation table adds no
 * "unknown exercise" per row: the table's own fault is the one message. */
static void test_translation_without_exercises(void **state)
{
    (void)state;
    static const char semicolons[] = "id;name;category;cue;instructions;hold_s;reps;rep_s;sides;"
                                     "sets;rest_s\n";
    static const char tr[] = "id,name,cue,instructions\ngood,Bien,Haz esto,Uno\n";
    Catalog *cat = catalog_new();
    DiagList d = { 0 };
    catalog_add_exercises(cat, semicolons, sizeof semicolons - 1, "ex.csv", &d);
    assert_int_equal(d.count, 1);
    catalog_add_translation(cat, tr, sizeof tr - 1, "lang/es.csv", &d);
    assert_int_equal(d.count, 1);
    assert_int_equal(catalog_exercise_count(cat), 0);
    diag_free(&d);
    catalog_free(cat);
}

/* "unknown routine" only when there is no such file: a routine that was
 * read and left out for its errors is known to have failed. */
static void test_routine_failed(void **state)
{
    (void)state;
    Catalog *cat = timing_catalog();
    DiagList d = { 0 };
    static const char broken[] = RHEADER "nope,,,,\n", empty[] = RHEADER, fine[] = RHEADER "good,,,,\n";
    catalog_add_routine(cat, "broken", broken, sizeof broken - 1, "broken.csv", &d);
    catalog_add_routine(cat, "empty", empty, sizeof empty - 1, "empty.csv", &d);
    catalog_add_routine(cat, "fine", fine, sizeof fine - 1, "fine.csv", &d);
    assert_int_equal(d.count, 3);
    assert_int_equal(d.items[1].kind, DIAG_CAT_ALL_STEPS_BROKEN);
    assert_int_equal(d.items[2].kind, DIAG_CAT_NO_STEPS);
    assert_true(catalog_routine_failed(cat, "broken"));
    assert_true(catalog_routine_failed(cat, "empty"));
    assert_false(catalog_routine_failed(cat, "fine"));
    assert_false(catalog_routine_failed(cat, "nothing"));
    assert_int_equal(catalog_find_routine(cat, "broken"), -1);
    assert_int_equal(catalog_find_routine(cat, "fine"), 0);
    diag_free(&d);
    catalog_free(cat);
}

/* The tables we ship load without a single fault, in the article's order. */
static void test_shipped_data(void **state)
{
    (void)state;
    DiagList d = { 0 };
    Catalog *cat = catalog_load(LIMBER_SOURCE_DIR "/data", &d);
    assert_non_null(cat);
    if (d.count) {
        char text[256];
        diag_format(&d.items[0], text, sizeof text);
        fail_msg("%s", text);
    }
    assert_int_equal(catalog_exercise_count(cat), SHIPPED_COUNT);
    for (size_t i = 0; i < SHIPPED_COUNT; i++) {
        const Exercise *ex = catalog_exercise(cat, i);
        assert_string_equal(ex->id, shipped_ids[i]);
        assert_int_equal(ex->category, (Category)(i / 3)); /* three per group */
        assert_true(ex->instruction_count >= 2);
    }
    assert_int_equal(catalog_routine_count(cat), 2);
    const Routine *daily = catalog_routine(cat, 0), *full = catalog_routine(cat, 1);
    assert_string_equal(daily->name, "daily");
    assert_string_equal(full->name, "full");
    assert_int_equal(full->step_count, 18);
    for (size_t i = 0; i < 18; i++)
        assert_int_equal(full->steps[i].exercise, (int)i);
    /* the daily routine is about ten minutes: 9:55 */
    assert_float_equal(catalog_routine_seconds(cat, daily), 595.0, EPS);
    catalog_free(cat);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void test_load_dir(void **state)
{
    (void)state;
    char dir[] = "/tmp/limber-catalog-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    DiagList d = { 0 };

    /* nothing there yet: the table and the routines are both missing */
    Catalog *cat = catalog_load(dir, &d);
    assert_non_null(cat);
    assert_int_equal(d.count, 2);
    assert_int_equal(d.items[0].kind, DIAG_FILE_OPEN);
    assert_int_equal(d.items[1].kind, DIAG_CAT_NO_ROUTINES);
    catalog_free(cat);
    diag_free(&d);

    snprintf(path, sizeof path, "%s/exercises.csv", dir);
    write_file(path, HEADER GOOD);
    snprintf(path, sizeof path, "%s/routines", dir);
    assert_int_equal(mkdir(path, 0700), 0);
    static const char *const files[] = { "b.csv", "a.csv", "notes.txt", ".~lock.a.csv#",
                                         "Bad Name.csv" };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(path, sizeof path, "%s/routines/%s", dir, files[i]);
        write_file(path, RHEADER "good,,,,\n");
    }
    cat = catalog_load(dir, &d);
    assert_int_equal(d.count, 1);
    assert_int_equal(d.items[0].kind, DIAG_CAT_BAD_ID);
    assert_non_null(strstr(d.items[0].file, "Bad Name.csv"));
    assert_int_equal(catalog_routine_count(cat), 2);
    assert_string_equal(catalog_routine(cat, 0)->name, "a");
    assert_string_equal(catalog_routine(cat, 1)->name, "b");
    catalog_free(cat);
    diag_free(&d);

    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(path, sizeof path, "%s/routines/%s", dir, files[i]);
        unlink(path);
    }
    snprintf(path, sizeof path, "%s/routines", dir);
    rmdir(path);
    snprintf(path, sizeof path, "%s/exercises.csv", dir);
    unlink(path);
    rmdir(dir);
}

/* The user's own tables on top of the bundled ones: a user routine appears
 * beside the bundled, one of a bundled name replaces it, and the rows of a
 * user table of exercises are added, one of a bundled id in its place. */
static void test_load_user(void **state)
{
    (void)state;
    char dir[] = "/tmp/limber-user-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    DiagList d = { 0 };
    snprintf(path, sizeof path, "%s/routines", dir);
    assert_int_equal(mkdir(path, 0700), 0);
    snprintf(path, sizeof path, "%s/routines/daily.csv", dir);
    write_file(path, RHEADER "plank,,,,\n");
    snprintf(path, sizeof path, "%s/routines/mine.csv", dir);
    write_file(path, RHEADER "cobra,,,,\nbridge,,,,\n");

    Catalog *cat = catalog_load_user(LIMBER_SOURCE_DIR "/data", dir, &d);
    assert_int_equal(d.count, 0);
    assert_int_equal(catalog_exercise_count(cat), 18);
    assert_int_equal(catalog_routine_count(cat), 3);
    const char *names[] = { "daily", "full", "mine" };
    for (size_t i = 0; i < 3; i++)
        assert_string_equal(catalog_routine(cat, i)->name, names[i]);
    const Routine *daily = catalog_routine(cat, 0);
    assert_int_equal(daily->step_count, 1);
    assert_int_equal(daily->steps[0].exercise, catalog_find_exercise(cat, "plank"));
    assert_int_equal(catalog_routine(cat, 2)->step_count, 2);
    catalog_free(cat);

    /* a user table's rows are added to the 18, and a row with a bundled
     * id replaces that row where it stands */
    snprintf(path, sizeof path, "%s/exercises.csv", dir);
    write_file(path, HEADER GOOD
               "plank,My Plank,core,Hold it,Lie down.,20,3,2,none,1,10\n");
    cat = catalog_load_user(LIMBER_SOURCE_DIR "/data", dir, &d);
    assert_int_equal(d.count, 0);
    assert_int_equal(catalog_exercise_count(cat), 19);
    const Exercise *good = catalog_exercise(cat, 18);
    assert_string_equal(good->id, "good");
    assert_true(good->user);
    int plank = catalog_find_exercise(cat, "plank");
    Catalog *bundled = catalog_load(LIMBER_SOURCE_DIR "/data", &d);
    assert_int_equal(plank, catalog_find_exercise(bundled, "plank"));
    assert_string_equal(catalog_exercise(cat, (size_t)plank)->name, "My Plank");
    assert_true(catalog_exercise(cat, (size_t)plank)->user);
    assert_false(catalog_exercise(cat, 0)->user);
    assert_false(catalog_exercise(bundled, (size_t)plank)->user);
    /* the user's routines say so; the bundled ones do not */
    assert_true(catalog_routine(cat, (size_t)catalog_find_routine(cat, "mine"))->user);
    assert_false(catalog_routine(cat, (size_t)catalog_find_routine(cat, "full"))->user);
    catalog_free(bundled);
    catalog_free(cat);
    assert_int_equal(d.count, 0);

    /* a duplicate inside the user's table is still an error */
    write_file(path, HEADER GOOD GOOD);
    cat = catalog_load_user(LIMBER_SOURCE_DIR "/data", dir, &d);
    assert_int_equal(catalog_exercise_count(cat), 19);
    assert_int_equal(d.count, 1);
    assert_int_equal(d.items[0].kind, DIAG_CAT_DUPLICATE_ID);
    catalog_free(cat);
    diag_free(&d);

    unlink(path);
    snprintf(path, sizeof path, "%s/routines/daily.csv", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/routines/mine.csv", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/routines", dir);
    rmdir(path);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exercise_faults), cmocka_unit_test(test_exercise_fields),
        cmocka_unit_test(test_routine_faults),  cmocka_unit_test(test_routine_names),
        cmocka_unit_test(test_step_defaults),   cmocka_unit_test(test_step_seconds),
        cmocka_unit_test(test_step_sets),
        cmocka_unit_test(test_names),           cmocka_unit_test(test_shipped_data),
        cmocka_unit_test(test_messages),        cmocka_unit_test(test_routine_failed),
        cmocka_unit_test(test_translation_messages),
        cmocka_unit_test(test_translation_without_exercises),
        cmocka_unit_test(test_load_dir),        cmocka_unit_test(test_load_user),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
