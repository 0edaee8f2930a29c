/* catalog: the exercise table and the routines, loaded and validated. */
#include "catalog.h"

#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"

/* Marks text for po/limber.pot: the core returns English, the screens
 * translate it where it is shown. */
#define N_(s) s

/* Limits of what a physiotherapist may write, wide enough for any sensible
 * programme and narrow enough that a typo (600 reps) is caught. */
#define MAX_NAME_CHARS 60
#define MAX_CUE_CHARS 40   /* readable from three metres on one line */
#define MAX_INSTRUCTION_CHARS 100
#define MAX_HOLD_S 600.0
#define MAX_REPS 1000
#define MIN_REP_S 0.2
#define MAX_REP_S 120.0
#define MAX_SETS 20
#define MAX_REST_S 600.0
#define MAX_STEP_S 3600.0

struct Catalog {
    Exercise *exercises;
    size_t exercise_count, exercise_cap;
    Routine *routines;
    size_t routine_count, routine_cap;
};

/* ------------------------------------------------------------------------ */
/* Names                                                                    */
/* ------------------------------------------------------------------------ */

static const char *const category_ids[CATEGORY_COUNT] = {
    "stretching", "strengthening", "cardio", "yoga-pilates", "core", "mobility",
};
static const char *const category_titles[CATEGORY_COUNT] = {
    N_("Stretching"), N_("Strengthening"), N_("Low-impact cardio"), N_("Yoga and Pilates"),
    N_("Core"), N_("Mobility"),
};
static const char *const sides_ids[] = { "none", "alternate", "each" };
static const char *const step_side_ids[] = { "both", "left", "right" };

const char *category_id(Category c)
{
    return (c >= 0 && c < CATEGORY_COUNT) ? category_ids[c] : "?";
}

const char *category_title(Category c)
{
    return (c >= 0 && c < CATEGORY_COUNT) ? category_titles[c] : "?";
}

const char *sides_id(Sides s)
{
    return (s >= SIDES_NONE && s <= SIDES_EACH) ? sides_ids[s] : "?";
}

const char *step_side_id(StepSide s)
{
    return (s >= STEP_SIDE_BOTH && s <= STEP_SIDE_RIGHT) ? step_side_ids[s] : "?";
}

static int lookup(const char *const names[], int count, const char *s)
{
    for (int i = 0; i < count; i++)
        if (strcmp(names[i], s) == 0)
            return i;
    return -1;
}

bool catalog_id_valid(const char *id)
{
    size_t n = strlen(id);
    if (n == 0 || n > CATALOG_MAX_ID || id[0] == '-' || id[n - 1] == '-')
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = id[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        if (!ok || (c == '-' && id[i + 1] == '-'))
            return false;
    }
    return true;
}

/* ------------------------------------------------------------------------ */
/* Field checks: each reports its own fault and returns false               */
/* ------------------------------------------------------------------------ */

typedef struct {
    const char *file;
    DiagList *diags;
} Ctx;

/* A short, printable excerpt of data for a message (csv_excerpt). */
static void excerpt(char out[CSV_EXCERPT_SIZE], const char *s)
{
    csv_excerpt(out, s, strlen(s));
}

static bool check_text(const Ctx *cx, const CsvField *f, const char *what, size_t max_chars,
                       bool one_line)
{
    if (f->len == 0) {
        diag_add(cx->diags, DIAG_CAT_EMPTY_FIELD, cx->file, f->line, f->col, "%s", what);
        return false;
    }
    if (one_line && memchr(f->text, '\n', f->len)) {
        diag_add(cx->diags, DIAG_CAT_LINE_BREAK, cx->file, f->line, f->col, "%s", what);
        return false;
    }
    size_t chars = csv_utf8_length(f->text, f->len);
    if (chars > max_chars) {
        diag_add(cx->diags, DIAG_CAT_TOO_LONG, cx->file, f->line, f->col,
                 "%s has %zu characters, expected at most %zu", what, chars, max_chars);
        return false;
    }
    return true;
}

static bool check_id(const Ctx *cx, const CsvField *f, const char *what)
{
    if (f->len == 0) {
        diag_add(cx->diags, DIAG_CAT_EMPTY_FIELD, cx->file, f->line, f->col, "%s", what);
        return false;
    }
    if (!catalog_id_valid(f->text)) {
        char ex[48];
        excerpt(ex, f->text);
        diag_add(cx->diags, DIAG_CAT_BAD_ID, cx->file, f->line, f->col, "%s '%s'", what, ex);
        return false;
    }
    return true;
}

/* A number written plainly: digits, and for reals one '.' between digits.
 * No sign, exponent, spaces, "nan" or "inf": a spreadsheet never writes
 * them, so they are typos. */
static bool check_number(const Ctx *cx, const CsvField *f, const char *what, bool integer,
                         double lo, double hi, double *out)
{
    const char *s = f->text;
    if (f->len == 0) {
        diag_add(cx->diags, DIAG_CAT_EMPTY_FIELD, cx->file, f->line, f->col, "%s", what);
        return false;
    }
    bool negative = s[0] == '-';
    size_t i = negative ? 1 : 0, digits = 0, frac = 0;
    bool dot = false;
    for (; i < f->len; i++) {
        if (s[i] >= '0' && s[i] <= '9') {
            digits++;
            frac += dot;
        } else if (s[i] == '.' && !dot && !integer && digits > 0) {
            dot = true;
        } else {
            break;
        }
    }
    if (i != f->len || digits == 0 || (dot && frac == 0)) {
        char ex[48];
        excerpt(ex, s);
        diag_add(cx->diags, DIAG_CAT_NUMBER, cx->file, f->line, f->col,
                 "%s: expected %s, found '%s'", what,
                 integer ? "a whole number such as 10" : "seconds such as 5 or 2.5", ex);
        return false;
    }
    /* strtod is safe on the checked text, and huge digit runs become inf or
     * a huge value, which the range check turns away */
    double v = strtod(s, NULL);
    if (negative || !(v >= lo && v <= hi)) {
        diag_add(cx->diags, DIAG_CAT_RANGE, cx->file, f->line, f->col,
                 "%s: expected %g to %g", what, lo, hi);
        return false;
    }
    *out = v;
    return true;
}

static bool check_int(const Ctx *cx, const CsvField *f, const char *what, int lo, int hi,
                      int *out)
{
    double v;
    if (!check_number(cx, f, what, true, lo, hi, &v))
        return false;
    *out = (int)v;
    return true;
}

/* True when fields from..count of row are all empty. */
static bool blank_from(const CsvRow *row, size_t from)
{
    for (size_t i = from; i < row->count; i++)
        if (row->fields[i].len)
            return false;
    return true;
}

static bool row_is_blank(const CsvRow *row)
{
    return blank_from(row, 0);
}

/* The header must be the documented columns, in order; the last ones,
 * from required on, may be left out whole. Returns the number of columns
 * the file has, 0 when the header is wrong. */
static size_t check_header(const Ctx *cx, const CsvTable *t, const char *const cols[],
                           size_t required, size_t n, const char *spelled)
{
    const CsvRow *h = csv_row(t, 0);
    if (!h) {
        diag_add(cx->diags, DIAG_CAT_EMPTY, cx->file, 0, 0, "expected '%s'", spelled);
        return 0;
    }
    size_t have = 0;
    for (; have < n; have++) {
        if (have >= required && (have >= h->count || blank_from(h, have)))
            break;
        if (have >= h->count) {
            diag_add(cx->diags, DIAG_CAT_HEADER, cx->file, h->end_line, h->end_col,
                     "missing column '%s': expected '%s'", cols[have], spelled);
            return 0;
        }
        if (strcmp(h->fields[have].text, cols[have]) != 0) {
            diag_add(cx->diags, DIAG_CAT_HEADER, cx->file, h->fields[have].line,
                     h->fields[have].col, "expected column '%s' here: the header is '%s'",
                     cols[have], spelled);
            return 0;
        }
    }
    /* a spreadsheet may save empty cells right of the table: harmless */
    if (h->count > have && !blank_from(h, have)) {
        diag_add(cx->diags, DIAG_CAT_HEADER, cx->file, h->fields[have].line,
                 h->fields[have].col, "extra column: expected '%s'", spelled);
        return 0;
    }
    return have;
}

static bool check_field_count(const Ctx *cx, const CsvRow *row, size_t n)
{
    if (row->count == n || (row->count > n && blank_from(row, n)))
        return true;
    if (row->count > n)
        diag_add(cx->diags, DIAG_CAT_FIELD_COUNT, cx->file, row->fields[n].line,
                 row->fields[n].col, "expected %zu, found %zu: a comma too many?", n, row->count);
    else
        diag_add(cx->diags, DIAG_CAT_FIELD_COUNT, cx->file, row->end_line, row->end_col,
                 "expected %zu, found %zu", n, row->count);
    return false;
}

/* ------------------------------------------------------------------------ */
/* Exercises                                                                */
/* ------------------------------------------------------------------------ */

enum { EX_ID, EX_NAME, EX_CATEGORY, EX_CUE, EX_INSTRUCTIONS, EX_HOLD, EX_REPS, EX_REP_S,
       EX_SIDES, EX_SETS, EX_REST, EX_COLUMNS };
static const char *const exercise_columns[EX_COLUMNS] = {
    "id", "name", "category", "cue", "instructions", "hold_s", "reps", "rep_s", "sides",
    "sets", "rest_s",
};
#define EXERCISE_HEADER "id,name,category,cue,instructions,hold_s,reps,rep_s,sides,sets,rest_s"

static void exercise_free(Exercise *ex)
{
    free(ex->id);
    free(ex->name);
    free(ex->cue);
    for (int i = 0; i < ex->instruction_count; i++)
        free(ex->instructions[i]);
    memset(ex, 0, sizeof *ex);
}

static char *dup_n(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

/* Splits the instruction cell into its non-blank lines, trimmed. */
static bool split_instructions(const Ctx *cx, const CsvField *f, Exercise *ex)
{
    const char *s = f->text, *end = f->text + f->len;
    while (s < end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        const char *e = nl ? nl : end;
        const char *b = s;
        while (b < e && (*b == ' ' || *b == '\t'))
            b++;
        const char *t = e;
        while (t > b && (t[-1] == ' ' || t[-1] == '\t'))
            t--;
        if (t > b) {
            if (ex->instruction_count == CATALOG_MAX_INSTRUCTIONS) {
                diag_add(cx->diags, DIAG_CAT_TOO_MANY_INSTRUCTIONS, cx->file, f->line, f->col,
                         "expected at most %d lines", CATALOG_MAX_INSTRUCTIONS);
                return false;
            }
            size_t chars = csv_utf8_length(b, (size_t)(t - b));
            if (chars > MAX_INSTRUCTION_CHARS) {
                diag_add(cx->diags, DIAG_CAT_TOO_LONG, cx->file, f->line, f->col,
                         "instruction line %d has %zu characters, expected at most %d",
                         ex->instruction_count + 1, chars, MAX_INSTRUCTION_CHARS);
                return false;
            }
            char *line = dup_n(b, (size_t)(t - b));
            if (!line)
                return false;
            ex->instructions[ex->instruction_count++] = line;
        }
        s = nl ? nl + 1 : end;
    }
    if (ex->instruction_count == 0) {
        diag_add(cx->diags, DIAG_CAT_EMPTY_FIELD, cx->file, f->line, f->col, "instructions");
        return false;
    }
    return true;
}

/* Fills ex from a row; every field is checked so one pass reports all. */
static bool parse_exercise(const Ctx *cx, const Catalog *cat, const CsvRow *row, Exercise *ex)
{
    const CsvField *f = row->fields;
    bool ok = true;
    ex->line = row->line;

    if (check_id(cx, &f[EX_ID], "exercise id")) {
        int dup = catalog_find_exercise(cat, f[EX_ID].text);
        if (dup >= 0) {
            diag_add(cx->diags, DIAG_CAT_DUPLICATE_ID, cx->file, f[EX_ID].line, f[EX_ID].col,
                     "'%s' is already on line %d", f[EX_ID].text, cat->exercises[dup].line);
            ok = false;
        }
    } else {
        ok = false;
    }
    ok &= check_text(cx, &f[EX_NAME], "name", MAX_NAME_CHARS, true);
    int c = lookup(category_ids, CATEGORY_COUNT, f[EX_CATEGORY].text);
    if (c < 0) {
        char ex_text[48];
        excerpt(ex_text, f[EX_CATEGORY].text);
        diag_add(cx->diags, DIAG_CAT_CATEGORY, cx->file, f[EX_CATEGORY].line, f[EX_CATEGORY].col,
                 "'%s': expected stretching, strengthening, cardio, yoga-pilates, core or "
                 "mobility", ex_text);
        ok = false;
    }
    ok &= check_text(cx, &f[EX_CUE], "cue", MAX_CUE_CHARS, true);
    ok &= check_number(cx, &f[EX_HOLD], "hold_s", false, 0, MAX_HOLD_S, &ex->hold_s);
    ok &= check_int(cx, &f[EX_REPS], "reps", 1, MAX_REPS, &ex->reps);
    ok &= check_number(cx, &f[EX_REP_S], "rep_s", false, MIN_REP_S, MAX_REP_S, &ex->rep_s);
    int s = lookup(sides_ids, 3, f[EX_SIDES].text);
    if (s < 0) {
        diag_add(cx->diags, DIAG_CAT_SIDES, cx->file, f[EX_SIDES].line, f[EX_SIDES].col, NULL);
        ok = false;
    }
    ok &= check_int(cx, &f[EX_SETS], "sets", 1, MAX_SETS, &ex->sets);
    ok &= check_number(cx, &f[EX_REST], "rest_s", false, 0, MAX_REST_S, &ex->rest_s);
    ok &= split_instructions(cx, &f[EX_INSTRUCTIONS], ex);
    if (!ok)
        return false;

    ex->category = (Category)c;
    ex->sides = (Sides)s;
    ex->id = dup_n(f[EX_ID].text, f[EX_ID].len);
    ex->name = dup_n(f[EX_NAME].text, f[EX_NAME].len);
    ex->cue = dup_n(f[EX_CUE].text, f[EX_CUE].len);
    return ex->id && ex->name && ex->cue;
}

void catalog_add_exercises(Catalog *cat, const char *buf, size_t len, const char *file,
                           DiagList *diags)
{
    Ctx cx = { file, diags };
    CsvTable *t = csv_parse(buf, len, file, diags);
    if (!t || !check_header(&cx, t, exercise_columns, EX_COLUMNS, EX_COLUMNS, EXERCISE_HEADER))
        goto done;
    for (size_t r = 1; r < csv_row_count(t); r++) {
        const CsvRow *row = csv_row(t, r);
        if (row_is_blank(row) || !check_field_count(&cx, row, EX_COLUMNS))
            continue;
        Exercise ex = { 0 };
        if (parse_exercise(&cx, cat, row, &ex) &&
            csv_grow((void **)&cat->exercises, &cat->exercise_cap, cat->exercise_count + 1,
                 sizeof ex)) {
            cat->exercises[cat->exercise_count++] = ex;
        } else {
            exercise_free(&ex);
        }
    }
done:
    csv_free(t);
}

/* ------------------------------------------------------------------------ */
/* Routines                                                                 */
/* ------------------------------------------------------------------------ */

enum { RT_EXERCISE, RT_SECONDS, RT_REPS, RT_REST, RT_SIDE, RT_REQUIRED = RT_SIDE + 1,
       RT_SETS = RT_REQUIRED, RT_SET_REST, RT_COLUMNS };
static const char *const routine_columns[RT_COLUMNS] = {
    "exercise", "seconds", "reps", "rest_s", "side", "sets", "set_rest_s",
};
#define ROUTINE_HEADER "exercise,seconds,reps,rest_s,side[,sets,set_rest_s]"

static bool parse_step(const Ctx *cx, const Catalog *cat, const CsvRow *row, size_t columns,
                       RoutineStep *st)
{
    const CsvField *f = row->fields;
    st->line = row->line;
    if (!check_id(cx, &f[RT_EXERCISE], "exercise id"))
        return false;
    st->exercise = catalog_find_exercise(cat, f[RT_EXERCISE].text);
    if (st->exercise < 0) {
        diag_add(cx->diags, DIAG_CAT_UNKNOWN_EXERCISE, cx->file, f[RT_EXERCISE].line,
                 f[RT_EXERCISE].col, "'%s' is not in exercises.csv", f[RT_EXERCISE].text);
        return false;
    }
    const Exercise *ex = &cat->exercises[st->exercise];
    bool ok = true;
    /* empty cells take the exercise's own values */
    *st = catalog_exercise_step(ex, st->exercise);
    st->line = row->line;
    if (f[RT_SECONDS].len)
        ok &= check_number(cx, &f[RT_SECONDS], "seconds", false, 1, MAX_STEP_S, &st->seconds);
    if (f[RT_REPS].len) {
        ok &= check_int(cx, &f[RT_REPS], "reps", 1, MAX_REPS, &st->reps);
        if (f[RT_SECONDS].len) {
            diag_add(cx->diags, DIAG_CAT_SECONDS_AND_REPS, cx->file, f[RT_REPS].line,
                     f[RT_REPS].col, NULL);
            ok = false;
        }
    }
    if (f[RT_REST].len)
        ok &= check_number(cx, &f[RT_REST], "rest_s", false, 0, MAX_REST_S, &st->rest_s);
    if (st->seconds > 0)
        st->sets = 1; /* a timed step is one set unless the routine says more */
    if (columns > RT_SETS && row->count > RT_SETS && f[RT_SETS].len)
        ok &= check_int(cx, &f[RT_SETS], "sets", 1, MAX_SETS, &st->sets);
    if (columns > RT_SET_REST && row->count > RT_SET_REST && f[RT_SET_REST].len)
        ok &= check_number(cx, &f[RT_SET_REST], "set_rest_s", false, 0, MAX_REST_S,
                           &st->set_rest_s);
    if (f[RT_SIDE].len) {
        int side = lookup(step_side_ids, 3, f[RT_SIDE].text);
        if (side < 0) {
            diag_add(cx->diags, DIAG_CAT_SIDE, cx->file, f[RT_SIDE].line, f[RT_SIDE].col, NULL);
            ok = false;
        } else if (side != STEP_SIDE_BOTH && ex->sides == SIDES_NONE) {
            diag_add(cx->diags, DIAG_CAT_SIDE, cx->file, f[RT_SIDE].line, f[RT_SIDE].col,
                     "'%s' has no sides: leave it empty or write both", ex->id);
            ok = false;
        } else {
            st->side = (StepSide)side;
        }
    }
    return ok;
}

static void routine_free(Routine *r)
{
    free(r->name);
    free(r->steps);
    memset(r, 0, sizeof *r);
}

void catalog_add_routine(Catalog *cat, const char *name, const char *buf, size_t len,
                         const char *file, DiagList *diags)
{
    Ctx cx = { file, diags };
    CsvTable *t = NULL;
    Routine rt = { 0 };
    size_t step_cap = 0;
    if (!catalog_id_valid(name)) {
        char ex[48];
        excerpt(ex, name);
        diag_add(diags, DIAG_CAT_BAD_ID, file, 0, 0, "routine name '%s' (the file name)", ex);
        goto done;
    }
    if (catalog_find_routine(cat, name) >= 0) {
        diag_add(diags, DIAG_CAT_DUPLICATE_ID, file, 0, 0, "routine '%s'", name);
        goto done;
    }
    t = csv_parse(buf, len, file, diags);
    size_t columns = t ? check_header(&cx, t, routine_columns, RT_REQUIRED, RT_COLUMNS,
                                      ROUTINE_HEADER)
                       : 0;
    if (!columns)
        goto done;
    for (size_t r = 1; r < csv_row_count(t); r++) {
        const CsvRow *row = csv_row(t, r);
        if (row_is_blank(row) || !check_field_count(&cx, row, columns))
            continue;
        RoutineStep st = { 0 };
        if (parse_step(&cx, cat, row, columns, &st)) {
            if (!csv_grow((void **)&rt.steps, &step_cap, rt.step_count + 1, sizeof st))
                goto done;
            rt.steps[rt.step_count++] = st;
        }
    }
    if (rt.step_count == 0) {
        /* the steps' own faults are reported already; this names the file */
        diag_add(diags, DIAG_CAT_NO_STEPS, file, 0, 0, NULL);
        goto done;
    }
    rt.name = dup_n(name, strlen(name));
    if (!rt.name ||
        !csv_grow((void **)&cat->routines, &cat->routine_cap, cat->routine_count + 1, sizeof rt))
        goto done;
    /* keep the list sorted by name */
    size_t at = cat->routine_count;
    while (at > 0 && strcmp(cat->routines[at - 1].name, rt.name) > 0)
        at--;
    memmove(&cat->routines[at + 1], &cat->routines[at],
            (cat->routine_count - at) * sizeof rt);
    cat->routines[at] = rt;
    cat->routine_count++;
    rt = (Routine){ 0 };
done:
    routine_free(&rt);
    csv_free(t);
}

/* ------------------------------------------------------------------------ */
/* Loading from a directory                                                 */
/* ------------------------------------------------------------------------ */

static char *join(const char *dir, const char *leaf)
{
    size_t n = strlen(dir) + strlen(leaf) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", dir, leaf);
    return p;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void add_routine_file(Catalog *cat, const char *dir, const char *leaf, bool shadowed_ok,
                             DiagList *diags)
{
    char *path = join(dir, leaf);
    char *name = dup_n(leaf, strlen(leaf) - 4); /* without ".csv" */
    char *buf = NULL;
    size_t len;
    if (!path || !name)
        goto done;
    /* the user's own routine of this name was loaded first and wins */
    if (shadowed_ok && catalog_find_routine(cat, name) >= 0)
        goto done;
    buf = csv_read_file(path, &len, diags);
    if (buf)
        catalog_add_routine(cat, name, buf, len, path, diags);
done:
    free(buf);
    free(name);
    free(path);
}

/* Adds every DIR/routines/NAME.csv. The user's directory (optional) may be
 * missing or empty without complaint; a bundled routine of a name the user
 * already has (shadowed_ok) is skipped. */
static void load_routines(Catalog *cat, const char *data_dir, bool optional, bool shadowed_ok,
                          DiagList *diags)
{
    char *dir_path = join(data_dir, "routines");
    DIR *dir = NULL;
    char **names = NULL;
    size_t count = 0, cap = 0;
    if (!dir_path)
        goto done;
    dir = opendir(dir_path);
    if (!dir && optional)
        goto done;
    if (!dir) {
        diag_add(diags, DIAG_CAT_NO_ROUTINES, dir_path, 0, 0, "%s", strerror(errno));
        goto done;
    }
    for (struct dirent *e; (e = readdir(dir)) != NULL;) {
        size_t n = strlen(e->d_name);
        /* hidden files are editors' lock and backup files */
        if (n <= 4 || e->d_name[0] == '.' || strcmp(e->d_name + n - 4, ".csv") != 0)
            continue;
        if (!csv_grow((void **)&names, &cap, count + 1, sizeof *names))
            goto done;
        if (!(names[count] = dup_n(e->d_name, n)))
            goto done;
        count++;
    }
    qsort(names, count, sizeof *names, compare_names);
    for (size_t i = 0; i < count; i++)
        add_routine_file(cat, dir_path, names[i], shadowed_ok, diags);
    if (count == 0 && !optional)
        diag_add(diags, DIAG_CAT_NO_ROUTINES, dir_path, 0, 0, "expected NAME.csv files");
done:
    for (size_t i = 0; i < count; i++)
        free(names[i]);
    free(names);
    if (dir)
        closedir(dir);
    free(dir_path);
}

static int compare_routines(const void *a, const void *b)
{
    return strcmp(((const Routine *)a)->name, ((const Routine *)b)->name);
}

static bool file_exists(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f)
        fclose(f);
    return f != NULL;
}

Catalog *catalog_load_user(const char *data_dir, const char *user_dir, DiagList *diags)
{
    Catalog *cat = catalog_new();
    char *path = NULL, *user_table = user_dir ? join(user_dir, "exercises.csv") : NULL;
    char *buf = NULL;
    size_t len;
    if (!cat || (user_dir && !user_table))
        goto fail;
    /* the user's own exercise table replaces the bundled one whole: two
     * tables merged row by row would be hard to reason about in a clinic */
    path = user_table && file_exists(user_table) ? user_table : join(data_dir, "exercises.csv");
    if (path == user_table)
        user_table = NULL;
    if (!path)
        goto fail;
    buf = csv_read_file(path, &len, diags);
    if (buf)
        catalog_add_exercises(cat, buf, len, path, diags);
    if (user_dir)
        load_routines(cat, user_dir, true, false, diags);
    load_routines(cat, data_dir, false, user_dir != NULL, diags);
    if (cat->routine_count > 1) /* qsort's array must not be NULL, even for none */
        qsort(cat->routines, cat->routine_count, sizeof *cat->routines, compare_routines);
    free(buf);
    free(path);
    free(user_table);
    return cat;
fail:
    free(path);
    free(user_table);
    catalog_free(cat);
    return NULL;
}

Catalog *catalog_load(const char *data_dir, DiagList *diags)
{
    return catalog_load_user(data_dir, NULL, diags);
}

/* ------------------------------------------------------------------------ */
/* Access                                                                   */
/* ------------------------------------------------------------------------ */

Catalog *catalog_new(void)
{
    return calloc(1, sizeof(Catalog));
}

void catalog_free(Catalog *cat)
{
    if (!cat)
        return;
    for (size_t i = 0; i < cat->exercise_count; i++)
        exercise_free(&cat->exercises[i]);
    for (size_t i = 0; i < cat->routine_count; i++)
        routine_free(&cat->routines[i]);
    free(cat->exercises);
    free(cat->routines);
    free(cat);
}

size_t catalog_exercise_count(const Catalog *cat)
{
    return cat->exercise_count;
}

const Exercise *catalog_exercise(const Catalog *cat, size_t i)
{
    return i < cat->exercise_count ? &cat->exercises[i] : NULL;
}

int catalog_find_exercise(const Catalog *cat, const char *id)
{
    for (size_t i = 0; i < cat->exercise_count; i++)
        if (strcmp(cat->exercises[i].id, id) == 0)
            return (int)i;
    return -1;
}

size_t catalog_routine_count(const Catalog *cat)
{
    return cat->routine_count;
}

const Routine *catalog_routine(const Catalog *cat, size_t i)
{
    return i < cat->routine_count ? &cat->routines[i] : NULL;
}

int catalog_find_routine(const Catalog *cat, const char *name)
{
    for (size_t i = 0; i < cat->routine_count; i++)
        if (strcmp(cat->routines[i].name, name) == 0)
            return (int)i;
    return -1;
}

/* ------------------------------------------------------------------------ */
/* Timing: the model in catalog.h, in one place                             */
/* ------------------------------------------------------------------------ */

StepPlan catalog_step_plan(const Exercise *ex, const RoutineStep *step)
{
    bool timed = step->seconds > 0.0;
    bool two = ex->sides != SIDES_NONE && step->side == STEP_SIDE_BOTH;
    StepPlan p = {
        .sets = step->sets > 0 ? step->sets : timed ? 1 : ex->sets,
        .reps = timed ? 0 : step->reps > 0 ? step->reps : ex->reps,
        .side_count = two && ex->sides == SIDES_EACH ? 2 : 1,
        .alternate = two && ex->sides == SIDES_ALTERNATE,
        .first_side = ex->sides == SIDES_NONE ? STEP_SIDE_BOTH
                      : two                  ? STEP_SIDE_LEFT
                                             : step->side,
        .rep_s = ex->rep_s,
        .hold_s = ex->hold_s,
        .set_rest_s = step->set_rest_s >= 0.0 ? step->set_rest_s : ex->rest_s,
    };
    if (p.sets < 1)
        p.sets = 1;
    if (timed) {
        p.work_s = step->seconds;
        /* One long hold that ends with the step, not the table's hold cut
         * short or repeated: the figure holds while the clock counts. */
        if (ex->hold_s > 0.0 && !p.alternate) {
            p.rep_s = ex->rep_s < step->seconds ? ex->rep_s : step->seconds;
            p.hold_s = step->seconds - p.rep_s;
        }
    } else {
        /* alternate: reps count per side, so a set is twice as many cycles */
        p.work_s = p.reps * (p.alternate ? 2 : 1) * (p.rep_s + p.hold_s);
    }
    return p;
}

RoutineStep catalog_exercise_step(const Exercise *ex, int index)
{
    return (RoutineStep){ .exercise = index, .reps = ex->reps, .sets = ex->sets,
                          .set_rest_s = ex->rest_s, .rest_s = ex->rest_s,
                          .side = STEP_SIDE_BOTH, .line = ex->line };
}

double catalog_plan_seconds(const StepPlan *p)
{
    double one_side = p->sets * p->work_s + (p->sets - 1) * p->set_rest_s;
    return p->side_count * one_side + (p->side_count - 1) * CATALOG_SWITCH_S;
}

double catalog_step_seconds(const Catalog *cat, const RoutineStep *step)
{
    assert(step->exercise >= 0 && (size_t)step->exercise < cat->exercise_count);
    StepPlan p = catalog_step_plan(&cat->exercises[step->exercise], step);
    return catalog_plan_seconds(&p);
}

double catalog_routine_seconds(const Catalog *cat, const Routine *routine)
{
    double total = CATALOG_GET_READY_S;
    for (size_t i = 0; i < routine->step_count; i++) {
        total += catalog_step_seconds(cat, &routine->steps[i]);
        if (i + 1 < routine->step_count)
            total += routine->steps[i].rest_s;
    }
    return total;
}

/* ------------------------------------------------------------------------ */
/* Translations: lang/<code>.csv                                            */
/* ------------------------------------------------------------------------ */

enum { TR_ID, TR_NAME, TR_CUE, TR_INSTRUCTIONS, TR_COLUMNS };
static const char *const translation_columns[TR_COLUMNS] = { "id", "name", "cue",
                                                             "instructions" };
#define TRANSLATION_HEADER "id,name,cue,instructions"

/* Replaces *slot with a copy of f's text. */
static bool replace_text(char **slot, const CsvField *f)
{
    char *copy = dup_n(f->text, f->len);
    if (!copy)
        return false;
    free(*slot);
    *slot = copy;
    return true;
}

void catalog_add_translation(Catalog *cat, const char *buf, size_t len, const char *file,
                             DiagList *diags)
{
    Ctx cx = { file, diags };
    CsvTable *t = csv_parse(buf, len, file, diags);
    size_t columns = t ? check_header(&cx, t, translation_columns, TR_COLUMNS, TR_COLUMNS,
                                      TRANSLATION_HEADER)
                       : 0;
    for (size_t r = 1; columns && r < csv_row_count(t); r++) {
        const CsvRow *row = csv_row(t, r);
        if (row_is_blank(row) || !check_field_count(&cx, row, TR_COLUMNS))
            continue;
        const CsvField *f = row->fields;
        if (!check_id(&cx, &f[TR_ID], "exercise id"))
            continue;
        int i = catalog_find_exercise(cat, f[TR_ID].text);
        if (i < 0) {
            diag_add(diags, DIAG_CAT_UNKNOWN_EXERCISE, file, f[TR_ID].line, f[TR_ID].col,
                     "'%s' is not in exercises.csv", f[TR_ID].text);
            continue;
        }
        /* an empty cell keeps the English; a bad one is reported and kept
         * English too, so one slip never blanks a caption */
        Exercise *ex = &cat->exercises[i];
        if (f[TR_NAME].len && check_text(&cx, &f[TR_NAME], "name", MAX_NAME_CHARS, true))
            replace_text(&ex->name, &f[TR_NAME]);
        if (f[TR_CUE].len && check_text(&cx, &f[TR_CUE], "cue", MAX_CUE_CHARS, true))
            replace_text(&ex->cue, &f[TR_CUE]);
        if (f[TR_INSTRUCTIONS].len) {
            Exercise lines = { 0 };
            if (split_instructions(&cx, &f[TR_INSTRUCTIONS], &lines)) {
                for (int k = 0; k < ex->instruction_count; k++)
                    free(ex->instructions[k]);
                memcpy(ex->instructions, lines.instructions, sizeof lines.instructions);
                ex->instruction_count = lines.instruction_count;
            } else {
                exercise_free(&lines);
            }
        }
    }
    csv_free(t);
}

/* Reads DIR/lang/CODE.csv when it exists. */
static void add_translation_file(Catalog *cat, const char *dir, const char *code,
                                 DiagList *diags)
{
    size_t n = strlen(dir) + strlen(code) + 16;
    char *path = malloc(n);
    if (!path)
        return;
    snprintf(path, n, "%s/lang/%s.csv", dir, code);
    if (file_exists(path)) {
        size_t len = 0;
        char *buf = csv_read_file(path, &len, diags);
        if (buf)
            catalog_add_translation(cat, buf, len, path, diags);
        free(buf);
    }
    free(path);
}

void catalog_translate(Catalog *cat, const char *data_dir, const char *user_dir,
                       const char *code, DiagList *diags)
{
    if (!code || !catalog_id_valid(code) || strcmp(code, "en") == 0)
        return;
    add_translation_file(cat, data_dir, code, diags);
    if (user_dir)
        add_translation_file(cat, user_dir, code, diags);
}
