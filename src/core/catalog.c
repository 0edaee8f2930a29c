/* catalog: the exercise table and the routines, loaded and validated. */
#include "catalog.h"

#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
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

/* An exercise row that could not be read, and its first fault. */
typedef struct {
    char *id;
    char *file; /* the table's file name, without its directory */
    int line, col;
} BrokenRow;

struct Catalog {
    Exercise *exercises;
    size_t exercise_count, exercise_cap;
    Routine *routines;
    size_t routine_count, routine_cap;
    BrokenRow *broken;
    size_t broken_count, broken_cap;
    bool exercise_table_failed;   /* its header or file was unreadable */
    char **failed_routines;       /* names of routine files found but not loaded */
    size_t failed_count, failed_cap;
};

static void broken_free(BrokenRow *b)
{
    free(b->id);
    free(b->file);
}

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

/* Where the row being read is, for messages in a spreadsheet's terms. */
typedef struct {
    const char *file;
    DiagList *diags;
    const char *const *columns; /* the table's column names */
    const CsvRow *row;          /* NULL for the header */
    const char *id;             /* the row's id when it is a valid one, else NULL */
} Ctx;

#define NO_COLUMN ((size_t)-1)

_Static_assert(sizeof((Diag *)0)->value == CSV_EXCERPT_SIZE, "a Diag holds one excerpt");

void catalog_where(char *buf, size_t size, int row, const char *id, const char *column)
{
    int n = snprintf(buf, size, diag_tr("row %d"), row);
    if (id && n >= 0 && (size_t)n < size)
        n += snprintf(buf + n, size - (size_t)n, " (%s)", id);
    if (column && n >= 0 && (size_t)n < size)
        snprintf(buf + n, size - (size_t)n, diag_tr(", column %s"), column);
}

/* Reports a fault at field f (row end when f is NULL) of the current row:
 * "row 3 (cat-camel), column cue: ..." with value, when given, quoted. The
 * id goes in brackets unless the fault is in the id's own column, col. */
static void report(const Ctx *cx, DiagKind kind, const CsvField *f, size_t col,
                   const char *value, const char *detail_fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

static void report(const Ctx *cx, DiagKind kind, const CsvField *f, size_t col,
                   const char *value, const char *detail_fmt, ...)
{
    const CsvRow *row = cx->row;
    int line = f ? f->line : row ? row->end_line : 0, c = f ? f->col : row ? row->end_col : 0;
    va_list ap;
    va_start(ap, detail_fmt);
    Diag *d = diag_addv(cx->diags, kind, cx->file, line, c, detail_fmt, ap);
    va_end(ap);
    if (!d)
        return;
    if (row) {
        bool id_col = col == 0 || (f && row->count > 0 && f == &row->fields[0]);
        catalog_where(d->where, sizeof d->where, row->row, id_col ? NULL : cx->id,
                      col != NO_COLUMN ? cx->columns[col] : NULL);
    }
    if (value)
        csv_excerpt(d->value, value, strlen(value));
}

/* The field of the current row in column col. */
static const CsvField *cell(const Ctx *cx, size_t col)
{
    return &cx->row->fields[col];
}

/* The address of character n (0-based) of the UTF-8 text s[0..len). */
static const char *char_at(const char *s, size_t len, size_t n)
{
    size_t i = 0;
    for (; i < len && n > 0; n--) {
        size_t k = csv_utf8_char_len((const unsigned char *)s + i, len - i);
        i += k ? k : 1;
    }
    return s + i;
}

static bool check_text(const Ctx *cx, size_t col, size_t max_chars, bool one_line)
{
    const CsvField *f = cell(cx, col);
    if (f->len == 0) {
        report(cx, DIAG_CAT_EMPTY_FIELD, f, col, NULL, NULL);
        return false;
    }
    if (one_line && memchr(f->text, '\n', f->len)) {
        report(cx, DIAG_CAT_LINE_BREAK, f, col, NULL, NULL);
        return false;
    }
    size_t chars = csv_utf8_length(f->text, f->len);
    if (chars > max_chars) {
        /* at the first character past the limit: where to cut */
        CsvField at = *f;
        csv_field_position(f, (size_t)(char_at(f->text, f->len, max_chars) - f->text), &at.line,
                           &at.col);
        report(cx, DIAG_CAT_TOO_LONG, &at, col, NULL, "%zu characters; at most %zu", chars,
               max_chars);
        return false;
    }
    return true;
}

static bool check_id(const Ctx *cx, size_t col)
{
    const CsvField *f = cell(cx, col);
    if (f->len == 0) {
        report(cx, DIAG_CAT_EMPTY_FIELD, f, col, NULL, NULL);
        return false;
    }
    if (!catalog_id_valid(f->text)) {
        report(cx, DIAG_CAT_BAD_ID, f, col, f->text, NULL);
        return false;
    }
    return true;
}

/* A number written plainly: digits, and for reals one '.' between digits.
 * No sign, exponent, spaces, "nan" or "inf": a spreadsheet never writes
 * them, so they are typos. */
static bool check_number(const Ctx *cx, size_t col, bool integer, double lo, double hi,
                         double *out)
{
    const CsvField *f = cell(cx, col);
    const char *s = f->text;
    if (f->len == 0) {
        report(cx, DIAG_CAT_EMPTY_FIELD, f, col, NULL, NULL);
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
        report(cx, DIAG_CAT_NUMBER, f, col, s, "expected %s",
               integer ? "a whole number such as 10" : "seconds such as 5 or 2.5");
        return false;
    }
    /* strtod is safe on the checked text, and huge digit runs become inf or
     * a huge value, which the range check turns away */
    double v = strtod(s, NULL);
    if (negative || !(v >= lo && v <= hi)) {
        report(cx, DIAG_CAT_RANGE, f, col, s, "expected %g to %g", lo, hi);
        return false;
    }
    *out = v;
    return true;
}

static bool check_int(const Ctx *cx, size_t col, int lo, int hi, int *out)
{
    double v;
    if (!check_number(cx, col, true, lo, hi, &v))
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

/* A table saved by a spreadsheet set to another separator: its first line
 * is the header with ';' or tabs for commas: "id;name;...", or with every
 * cell quoted, "\"id\";\"name\";...". Said before the table is read, as
 * one hint instead of a quote fault on every row with a multi-line cell. */
static bool wrong_separator(const Ctx *cx, const char *buf, size_t len, const char *const cols[])
{
    size_t i = len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    char sep = 0;
    int col = 1;
    /* the first two column names, each perhaps quoted, and what is between */
    for (int k = 0; k < 2; k++) {
        size_t n = strlen(cols[k]);
        bool quoted = i < len && buf[i] == '"';
        i += quoted;
        if (len - i < n + quoted || memcmp(buf + i, cols[k], n) != 0 ||
            (quoted && buf[i + n] != '"'))
            return false;
        i += n + quoted;
        if (k == 0) {
            if (i >= len || (buf[i] != ';' && buf[i] != '\t'))
                return false;
            sep = buf[i++];
            col = (int)(n + (quoted ? 2 : 0)) + 1;
        }
    }
    diag_add(cx->diags, sep == ';' ? DIAG_CAT_SEMICOLONS : DIAG_CAT_TABS, cx->file, 1, col,
             "in LibreOffice: File, Save As, Text CSV, field delimiter ','; in Excel: "
             "CSV UTF-8 (comma delimited)");
    return true;
}

/* The header must be the documented columns, in order; the last ones,
 * from required on, may be left out whole. Returns the number of columns
 * the file has, 0 when the header is wrong. */
static size_t check_header(const Ctx *cx, const CsvTable *t, const char *const cols[],
                           size_t required, size_t n, const char *spelled)
{
    const CsvRow *h = csv_row(t, 0);
    if (!h || h->row != 1) {
        /* the header row itself was dropped for a fault, reported already */
        if (!h && csv_dropped_count(t) == 0)
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

static bool check_field_count(const Ctx *cx, size_t n)
{
    const CsvRow *row = cx->row;
    if (row->count == n || (row->count > n && blank_from(row, n)))
        return true;
    if (row->count > n)
        report(cx, DIAG_CAT_FIELD_COUNT, &row->fields[n], NO_COLUMN, NULL,
               "expected %zu, found %zu: a comma too many?", n, row->count);
    else
        report(cx, DIAG_CAT_FIELD_COUNT, NULL, NO_COLUMN, NULL, "expected %zu, found %zu", n,
               row->count);
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

/* Splits the instruction cell into its non-blank lines, trimmed. A fault
 * points at the line it is about, inside the cell. */
static bool split_instructions(const Ctx *cx, size_t col, Exercise *ex)
{
    const CsvField *f = cell(cx, col);
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
            CsvField at = *f;
            csv_field_position(f, (size_t)(b - f->text), &at.line, &at.col);
            if (ex->instruction_count == CATALOG_MAX_INSTRUCTIONS) {
                report(cx, DIAG_CAT_TOO_MANY_INSTRUCTIONS, &at, col, NULL,
                       "at most %d lines", CATALOG_MAX_INSTRUCTIONS);
                return false;
            }
            size_t chars = csv_utf8_length(b, (size_t)(t - b));
            if (chars > MAX_INSTRUCTION_CHARS) {
                /* at the first character past the limit: where to cut */
                csv_field_position(f, (size_t)(char_at(b, (size_t)(t - b), MAX_INSTRUCTION_CHARS) -
                                               f->text), &at.line, &at.col);
                report(cx, DIAG_CAT_TOO_LONG, &at, col, NULL,
                       "line %d has %zu characters; at most %d", ex->instruction_count + 1,
                       chars, MAX_INSTRUCTION_CHARS);
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
        report(cx, DIAG_CAT_EMPTY_FIELD, f, col, NULL, NULL);
        return false;
    }
    return true;
}

/* Fills ex from a row; every field is checked so one pass reports all. */
static bool parse_exercise(const Ctx *cx, const Catalog *cat, Exercise *ex)
{
    const CsvField *f = cx->row->fields;
    bool ok = true;
    ex->line = cx->row->line;
    ex->row = cx->row->row;

    if (check_id(cx, EX_ID)) {
        int dup = catalog_find_exercise(cat, f[EX_ID].text);
        if (dup >= 0) {
            report(cx, DIAG_CAT_DUPLICATE_ID, &f[EX_ID], EX_ID, f[EX_ID].text,
                   "already on row %d (line %d)", cat->exercises[dup].row,
                   cat->exercises[dup].line);
            ok = false;
        }
    } else {
        ok = false;
    }
    ok &= check_text(cx, EX_NAME, MAX_NAME_CHARS, true);
    int c = lookup(category_ids, CATEGORY_COUNT, f[EX_CATEGORY].text);
    if (c < 0) {
        report(cx, DIAG_CAT_CATEGORY, &f[EX_CATEGORY], EX_CATEGORY, f[EX_CATEGORY].text, NULL);
        ok = false;
    }
    ok &= check_text(cx, EX_CUE, MAX_CUE_CHARS, true);
    ok &= check_number(cx, EX_HOLD, false, 0, MAX_HOLD_S, &ex->hold_s);
    ok &= check_int(cx, EX_REPS, 1, MAX_REPS, &ex->reps);
    ok &= check_number(cx, EX_REP_S, false, MIN_REP_S, MAX_REP_S, &ex->rep_s);
    int s = lookup(sides_ids, 3, f[EX_SIDES].text);
    if (s < 0) {
        report(cx, DIAG_CAT_SIDES, &f[EX_SIDES], EX_SIDES, f[EX_SIDES].text, NULL);
        ok = false;
    }
    ok &= check_int(cx, EX_SETS, 1, MAX_SETS, &ex->sets);
    ok &= check_number(cx, EX_REST, false, 0, MAX_REST_S, &ex->rest_s);
    ok &= split_instructions(cx, EX_INSTRUCTIONS, ex);
    if (!ok)
        return false;

    ex->category = (Category)c;
    ex->sides = (Sides)s;
    ex->id = dup_n(f[EX_ID].text, f[EX_ID].len);
    ex->name = dup_n(f[EX_NAME].text, f[EX_NAME].len);
    ex->cue = dup_n(f[EX_CUE].text, f[EX_CUE].len);
    return ex->id && ex->name && ex->cue;
}

/* Remembers that the row of exercise id could not be read, and where its
 * first fault is, so a routine step naming it can say so. */
static void note_broken(Catalog *cat, const char *id, const char *file, int line, int col)
{
    if (!catalog_id_valid(id) || catalog_find_exercise(cat, id) >= 0 ||
        !csv_grow((void **)&cat->broken, &cat->broken_cap, cat->broken_count + 1,
                  sizeof *cat->broken))
        return;
    const char *leaf = strrchr(file, '/');
    BrokenRow *b = &cat->broken[cat->broken_count];
    b->id = dup_n(id, strlen(id));
    b->file = dup_n(leaf ? leaf + 1 : file, strlen(leaf ? leaf + 1 : file));
    b->line = line;
    b->col = col;
    if (b->id && b->file)
        cat->broken_count++;
    else
        broken_free(b);
}

void catalog_add_exercises(Catalog *cat, const char *buf, size_t len, const char *file,
                           DiagList *diags)
{
    Ctx cx = { file, diags, exercise_columns, NULL, NULL };
    CsvTable *t = NULL;
    if (wrong_separator(&cx, buf, len, exercise_columns) ||
        !(t = csv_parse(buf, len, file, diags)) || !check_header(&cx, t, exercise_columns, EX_COLUMNS, EX_COLUMNS, EXERCISE_HEADER)) {
        cat->exercise_table_failed = true;
        goto done;
    }
    for (size_t r = 0; r < csv_dropped_count(t); r++) {
        const CsvRow *row = csv_dropped(t, r);
        if (row->count > 0)
            note_broken(cat, row->fields[0].text, file, row->fault_line, row->fault_col);
    }
    for (size_t r = 1; r < csv_row_count(t); r++) {
        cx.row = csv_row(t, r);
        if (row_is_blank(cx.row))
            continue;
        cx.id = catalog_id_valid(cx.row->fields[EX_ID].text) ? cx.row->fields[EX_ID].text : NULL;
        size_t first = diags->count;
        Exercise ex = { 0 };
        if (check_field_count(&cx, EX_COLUMNS) && parse_exercise(&cx, cat, &ex) &&
            csv_grow((void **)&cat->exercises, &cat->exercise_cap, cat->exercise_count + 1,
                     sizeof ex)) {
            cat->exercises[cat->exercise_count++] = ex;
            continue;
        }
        exercise_free(&ex);
        if (cx.id && diags->count > first)
            note_broken(cat, cx.id, file, diags->items[first].line, diags->items[first].col);
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

static const BrokenRow *find_broken(const Catalog *cat, const char *id)
{
    for (size_t i = 0; i < cat->broken_count; i++)
        if (strcmp(cat->broken[i].id, id) == 0)
            return &cat->broken[i];
    return NULL;
}

static bool parse_step(const Ctx *cx, const Catalog *cat, size_t columns, RoutineStep *st)
{
    const CsvRow *row = cx->row;
    const CsvField *f = row->fields;
    st->line = row->line;
    if (!check_id(cx, RT_EXERCISE))
        return false;
    st->exercise = catalog_find_exercise(cat, f[RT_EXERCISE].text);
    if (st->exercise < 0) {
        const BrokenRow *b = find_broken(cat, f[RT_EXERCISE].text);
        if (b)
            report(cx, DIAG_CAT_BROKEN_EXERCISE, &f[RT_EXERCISE], NO_COLUMN,
                   f[RT_EXERCISE].text, "see %s:%d:%d", b->file, b->line, b->col);
        else
            report(cx, DIAG_CAT_UNKNOWN_EXERCISE, &f[RT_EXERCISE], NO_COLUMN,
                   f[RT_EXERCISE].text, NULL);
        return false;
    }
    const Exercise *ex = &cat->exercises[st->exercise];
    bool ok = true;
    /* empty cells take the exercise's own values */
    *st = catalog_exercise_step(ex, st->exercise);
    st->line = row->line;
    if (f[RT_SECONDS].len)
        ok &= check_number(cx, RT_SECONDS, false, 1, MAX_STEP_S, &st->seconds);
    if (f[RT_REPS].len) {
        ok &= check_int(cx, RT_REPS, 1, MAX_REPS, &st->reps);
        if (f[RT_SECONDS].len) {
            report(cx, DIAG_CAT_SECONDS_AND_REPS, &f[RT_REPS], RT_REPS, NULL, NULL);
            ok = false;
        }
    }
    if (f[RT_REST].len)
        ok &= check_number(cx, RT_REST, false, 0, MAX_REST_S, &st->rest_s);
    if (st->seconds > 0)
        st->sets = 1; /* a timed step is one set unless the routine says more */
    if (columns > RT_SETS && row->count > RT_SETS && f[RT_SETS].len)
        ok &= check_int(cx, RT_SETS, 1, MAX_SETS, &st->sets);
    if (columns > RT_SET_REST && row->count > RT_SET_REST && f[RT_SET_REST].len)
        ok &= check_number(cx, RT_SET_REST, false, 0, MAX_REST_S, &st->set_rest_s);
    if (f[RT_SIDE].len) {
        int side = lookup(step_side_ids, 3, f[RT_SIDE].text);
        if (side < 0) {
            report(cx, DIAG_CAT_SIDE, &f[RT_SIDE], RT_SIDE, f[RT_SIDE].text, NULL);
            ok = false;
        } else if (side != STEP_SIDE_BOTH && ex->sides == SIDES_NONE) {
            report(cx, DIAG_CAT_SIDE_OF_NONE, &f[RT_SIDE], RT_SIDE, NULL, NULL);
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

/* Remembers a routine file that was found but not loaded, so `play NAME`
 * can say it has errors rather than that it does not exist. */
static void note_failed_routine(Catalog *cat, const char *name)
{
    if (catalog_routine_failed(cat, name) ||
        !csv_grow((void **)&cat->failed_routines, &cat->failed_cap, cat->failed_count + 1,
                  sizeof *cat->failed_routines))
        return;
    char *copy = dup_n(name, strlen(name));
    if (copy)
        cat->failed_routines[cat->failed_count++] = copy;
}

void catalog_add_routine(Catalog *cat, const char *name, const char *buf, size_t len,
                         const char *file, DiagList *diags)
{
    Ctx cx = { file, diags, routine_columns, NULL, NULL };
    CsvTable *t = NULL;
    Routine rt = { 0 };
    size_t step_cap = 0, rows = 0;
    bool loaded = false;
    if (!catalog_id_valid(name)) {
        Diag *d = diag_add(diags, DIAG_CAT_BAD_ID, file, 0, 0,
                           "the file name is the routine's name");
        if (d)
            csv_excerpt(d->value, name, strlen(name));
        goto done;
    }
    if (catalog_find_routine(cat, name) >= 0) {
        diag_add(diags, DIAG_CAT_DUPLICATE_ID, file, 0, 0, "routine '%s'", name);
        goto done;
    }
    if (wrong_separator(&cx, buf, len, routine_columns))
        goto done;
    t = csv_parse(buf, len, file, diags);
    size_t columns = t ? check_header(&cx, t, routine_columns, RT_REQUIRED, RT_COLUMNS,
                                      ROUTINE_HEADER)
                       : 0;
    if (!columns)
        goto done;
    if (cat->exercise_table_failed) {
        /* every step would name an unknown exercise: say it once */
        diag_add(diags, DIAG_CAT_NO_EXERCISE_TABLE, file, 0, 0, NULL);
        goto done;
    }
    rows = csv_dropped_count(t);
    for (size_t r = 1; r < csv_row_count(t); r++) {
        cx.row = csv_row(t, r);
        if (row_is_blank(cx.row))
            continue;
        rows++;
        const char *id = cx.row->fields[RT_EXERCISE].text;
        cx.id = catalog_id_valid(id) ? id : NULL;
        RoutineStep st = { 0 };
        if (check_field_count(&cx, columns) && parse_step(&cx, cat, columns, &st)) {
            if (!csv_grow((void **)&rt.steps, &step_cap, rt.step_count + 1, sizeof st))
                goto done;
            rt.steps[rt.step_count++] = st;
        }
    }
    if (rt.step_count == 0) {
        /* the steps' own faults are reported already; this names the file */
        diag_add(diags, rows ? DIAG_CAT_ALL_STEPS_BROKEN : DIAG_CAT_NO_STEPS, file, 0, 0, NULL);
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
    loaded = true;
done:
    if (!loaded)
        note_failed_routine(cat, name);
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
    else
        note_failed_routine(cat, name);
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

/* Adds the rows of the user's table: a new id after the bundled rows, a
 * bundled id in place of that row, so the order a clinic knows stays. */
static bool merge_user_exercises(Catalog *cat, Catalog *user)
{
    for (size_t i = 0; i < user->exercise_count; i++) {
        Exercise ex = user->exercises[i];
        ex.user = true;
        int at = catalog_find_exercise(cat, ex.id);
        if (at >= 0) {
            exercise_free(&cat->exercises[at]);
            cat->exercises[at] = ex;
        } else if (csv_grow((void **)&cat->exercises, &cat->exercise_cap,
                            cat->exercise_count + 1, sizeof ex)) {
            cat->exercises[cat->exercise_count++] = ex;
        } else {
            /* the ones not moved are still the user table's to free */
            memmove(user->exercises, user->exercises + i,
                    (user->exercise_count - i) * sizeof ex);
            user->exercise_count -= i;
            return false;
        }
    }
    user->exercise_count = 0; /* moved */
    return true;
}

static void load_table(Catalog *cat, const char *path, DiagList *diags)
{
    size_t len;
    char *buf = csv_read_file(path, &len, diags);
    if (buf)
        catalog_add_exercises(cat, buf, len, path, diags);
    else
        cat->exercise_table_failed = true;
    free(buf);
}

Catalog *catalog_load_user(const char *data_dir, const char *user_dir, DiagList *diags)
{
    Catalog *cat = catalog_new(), *user = NULL;
    char *path = join(data_dir, "exercises.csv");
    char *user_table = user_dir ? join(user_dir, "exercises.csv") : NULL;
    if (!cat || !path || (user_dir && !user_table))
        goto fail;
    load_table(cat, path, diags);
    if (user_table && file_exists(user_table)) {
        /* parsed on its own, so a duplicate inside the user's table is
         * still an error while an id shared with the bundled one is not */
        user = catalog_new();
        if (!user)
            goto fail;
        load_table(user, user_table, diags);
        cat->exercise_table_failed = cat->exercise_table_failed || user->exercise_table_failed;
        if (!merge_user_exercises(cat, user))
            goto fail;
    }
    if (user_dir)
        load_routines(cat, user_dir, true, false, diags);
    for (size_t i = 0; i < cat->routine_count; i++)
        cat->routines[i].user = true; /* so far only the user's */
    load_routines(cat, data_dir, false, user_dir != NULL, diags);
    if (cat->routine_count > 1) /* qsort's array must not be NULL, even for none */
        qsort(cat->routines, cat->routine_count, sizeof *cat->routines, compare_routines);
    catalog_free(user);
    free(path);
    free(user_table);
    return cat;
fail:
    catalog_free(user);
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
    for (size_t i = 0; i < cat->broken_count; i++)
        broken_free(&cat->broken[i]);
    for (size_t i = 0; i < cat->failed_count; i++)
        free(cat->failed_routines[i]);
    free(cat->exercises);
    free(cat->routines);
    free(cat->broken);
    free(cat->failed_routines);
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

bool catalog_routine_failed(const Catalog *cat, const char *name)
{
    for (size_t i = 0; i < cat->failed_count; i++)
        if (strcmp(cat->failed_routines[i], name) == 0)
            return true;
    return false;
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
    Ctx cx = { file, diags, translation_columns, NULL, NULL };
    CsvTable *t = NULL;
    size_t columns = 0;
    if (!wrong_separator(&cx, buf, len, translation_columns) &&
        (t = csv_parse(buf, len, file, diags)))
        columns = check_header(&cx, t, translation_columns, TR_COLUMNS, TR_COLUMNS,
                               TRANSLATION_HEADER);
    for (size_t r = 1; columns && r < csv_row_count(t); r++) {
        cx.row = csv_row(t, r);
        if (row_is_blank(cx.row))
            continue;
        const CsvField *f = cx.row->fields;
        cx.id = catalog_id_valid(f[TR_ID].text) ? f[TR_ID].text : NULL;
        if (!check_field_count(&cx, TR_COLUMNS) || !check_id(&cx, TR_ID))
            continue;
        /* with no exercise table every id would be unknown: its own fault
         * is the one message, as for the routines (the cells are still
         * checked on their own) */
        if (cat->exercise_table_failed)
            continue;
        int i = catalog_find_exercise(cat, f[TR_ID].text);
        if (i < 0) {
            const BrokenRow *b = find_broken(cat, f[TR_ID].text);
            if (b)
                report(&cx, DIAG_CAT_BROKEN_EXERCISE, &f[TR_ID], NO_COLUMN, f[TR_ID].text,
                       "see %s:%d:%d", b->file, b->line, b->col);
            else
                report(&cx, DIAG_CAT_UNKNOWN_EXERCISE, &f[TR_ID], NO_COLUMN, f[TR_ID].text,
                       NULL);
            continue;
        }
        /* an empty cell keeps the English; a bad one is reported and kept
         * English too, so one slip never blanks a caption */
        Exercise *ex = &cat->exercises[i];
        if (f[TR_NAME].len && check_text(&cx, TR_NAME, MAX_NAME_CHARS, true))
            replace_text(&ex->name, &f[TR_NAME]);
        if (f[TR_CUE].len && check_text(&cx, TR_CUE, MAX_CUE_CHARS, true))
            replace_text(&ex->cue, &f[TR_CUE]);
        if (f[TR_INSTRUCTIONS].len) {
            Exercise lines = { 0 };
            if (split_instructions(&cx, TR_INSTRUCTIONS, &lines)) {
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
