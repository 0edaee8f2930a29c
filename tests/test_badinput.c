/* The bad-input catalogue, end to end through the files a physiotherapist
 * edits: a copy of the shipped data and poses with one thing broken, loaded
 * the way `limber check` loads it. Each case asserts every message exactly
 * as printed (file:line:col: message: detail) and that everything else is
 * still there: the other rows, the other routines, the other poses. The
 * parsers' own tables (test_csv, test_catalog, test_pose) cover each fault
 * kind in a buffer; this file covers what reaches the person. */
#define _XOPEN_SOURCE 700 /* P_tmpdir, nftw */
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "catalog.h"
#include "csv.h"
#include "pose.h"

#define SHIPPED_EXERCISES 18
#define SHIPPED_ROUTINES 2

static char scratch[1024];

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    long n = ftell(f);
    assert_true(n >= 0);
    rewind(f);
    char *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static void put(const char *rel, const char *bytes, size_t len, const char *mode)
{
    char path[1200];
    snprintf(path, sizeof path, "%s/%s", scratch, rel);
    FILE *f = fopen(path, mode);
    assert_non_null(f);
    assert_int_equal(fwrite(bytes, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

static void copy_in(const char *from_rel, const char *to_rel)
{
    char from[1200];
    size_t len;
    snprintf(from, sizeof from, "%s/%s", LIMBER_SOURCE_DIR, from_rel);
    char *buf = slurp(from, &len);
    put(to_rel, buf, len, "wb");
    free(buf);
}

static const char *const pose_ids[] = {
    "bird-dog",     "bridge",      "cat-camel",          "childs-pose",    "cobra",
    "cycling",      "dead-bug",    "forward-bend",       "hamstring-stretch",
    "hip-flexor-stretch",          "pelvic-tilt",        "pilates-swimming", "plank",
    "russian-twist", "spinal-twist", "superman",         "swimming",       "walking",
};

/* scratch/data and scratch/poses: copies of the shipped files. */
static void make_tree(void)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(scratch, sizeof scratch, "%s/limber-badinput-XXXXXX", tmp ? tmp : P_tmpdir);
    assert_non_null(mkdtemp(scratch));
    static const char *const dirs[] = { "data", "data/routines", "poses" };
    for (size_t i = 0; i < 3; i++) {
        char path[1200];
        snprintf(path, sizeof path, "%s/%s", scratch, dirs[i]);
        assert_int_equal(mkdir(path, 0755), 0);
    }
    copy_in("data/exercises.csv", "data/exercises.csv");
    copy_in("data/routines/daily.csv", "data/routines/daily.csv");
    copy_in("data/routines/full.csv", "data/routines/full.csv");
    for (size_t i = 0; i < sizeof pose_ids / sizeof pose_ids[0]; i++) {
        char from[128], to[128];
        snprintf(from, sizeof from, "assets/poses/%s.pose", pose_ids[i]);
        snprintf(to, sizeof to, "poses/%s.pose", pose_ids[i]);
        copy_in(from, to);
    }
}

/* What `limber check` would print, one message a line, with the scratch
 * directory cut off the file names. */
static char *check_output(Catalog **out_cat)
{
    char data[1200], poses[1200];
    snprintf(data, sizeof data, "%s/data", scratch);
    snprintf(poses, sizeof poses, "%s/poses", scratch);
    DiagList diags = { 0 };
    Catalog *cat = catalog_load(data, &diags);
    assert_non_null(cat);
    pose_check_catalog(cat, poses, &diags);
    size_t cap = 1, skip = strlen(scratch) + 1;
    for (size_t i = 0; i < diags.count; i++)
        cap += 1200 + 1;
    char *all = calloc(cap, 1);
    assert_non_null(all);
    for (size_t i = 0; i < diags.count; i++) {
        char line[1200];
        diag_format(&diags.items[i], line, sizeof line);
        const char *shown = strncmp(line, scratch, skip - 1) == 0 ? line + skip : line;
        strcat(all, shown);
        strcat(all, "\n");
    }
    diag_free(&diags);
    *out_cat = cat;
    return all;
}

typedef struct {
    const char *what;
    const char *file;   /* relative to the scratch tree */
    const char *mode;   /* "ab": appended to the shipped file, "wb": replaces it */
    const char *text;
    size_t len;         /* 0: strlen(text) */
    const char *expect; /* every message, in order, one a line */
    int exercises;      /* the exercises left (18 shipped) */
    const char *routine; /* one routine to look at, with ... */
    int steps;          /* ... this many steps left */
    bool prefix;        /* expect is the start of the messages, the rest a cascade */
} Case;

#define EX_ROW(id) id ",X,core,cue,do it,0,1,1,none,1,0\n"

static const Case cases[] = {
    /* ---- the exercise table ---- */
    { "unknown category", "data/exercises.csv", "ab", "extra,Extra,yoga,cue,do it,0,1,1,none,1,0\n",
      0,
      "data/exercises.csv:74:13: row 20 (extra), column category: unknown category 'yoga': "
      "expected stretching, strengthening, cardio, yoga-pilates, core or mobility\n",
      18, "full", 18, false },
    { "a name with printf directives is only text", "data/exercises.csv", "ab",
      "fmt,%s%n%x %99999d,core,cue,do it,0,1,1,none,1,0\n", 0,
      "poses/fmt.pose: missing pose file for exercise: exercise 'fmt'\n", 19, "full", 18, false },
    { "a comma decimal from a German spreadsheet", "data/exercises.csv", "ab",
      EX_ROW("ok-one") "comma,X,core,cue,do it,\"2,5\",1,1,none,1,0\n", 0,
      "data/exercises.csv:75:24: row 21 (comma), column hold_s: not a number '2,5': expected "
      "seconds such as 5 or 2.5\n"
      "poses/ok-one.pose: missing pose file for exercise: exercise 'ok-one'\n",
      19, "full", 18, false },
    { "a duplicated row (pasted twice)", "data/exercises.csv", "ab",
      EX_ROW("dup") EX_ROW("dup"), 0,
      "data/exercises.csv:75:1: row 21, column id: duplicate id 'dup': already on row 20 (line "
      "74)\n"
      "poses/dup.pose: missing pose file for exercise: exercise 'dup'\n",
      19, "daily", 7, false },
    { "a path as an id", "data/exercises.csv", "ab", EX_ROW("../../etc/passwd"), 0,
      "data/exercises.csv:74:1: row 20, column id: bad id '../../etc/passwd': expected "
      "lower-case letters, digits and '-'\n",
      18, "daily", 7, false },
    { "a Latin-1 byte", "data/exercises.csv", "ab", EX_ROW("caf\xE9"), 0,
      "data/exercises.csv:74:4: row 20: invalid UTF-8: expected text in UTF-8\n", 18, "daily", 7,
      false },
    { "a field past the limit", "data/exercises.csv", "ab", NULL, 0,
      "data/exercises.csv:74:13: row 20: field is longer than the limit: expected at most 4096 "
      "bytes\n",
      18, "daily", 7, false },
    { "the header saved in another order", "data/exercises.csv", "wb",
      "name,id,category,cue,instructions,hold_s,reps,rep_s,sides,sets,rest_s\n", 0,
      /* the columns cannot be trusted: the table is dropped whole, and each
       * routine says so once instead of naming every step unknown */
      "data/exercises.csv:1:1: unexpected header: expected column 'id' here: the header is "
      "'id,name,category,cue,instructions,hold_s,reps,rep_s,sides,sets,rest_s'\n"
      "data/routines/daily.csv: routine skipped: the exercise table could not be read\n"
      "data/routines/full.csv: routine skipped: the exercise table could not be read\n",
      0, "daily", 0, false },
    { "the table saved with tabs", "data/exercises.csv", "wb",
      "id\tname\tcategory\tcue\tinstructions\thold_s\treps\trep_s\tsides\tsets\trest_s\n"
      "bridge\tBridge\tcore\tc\ti\t0\t1\t1\tnone\t1\t0\n", 0,
      "data/exercises.csv:1:3: cells separated by tabs: save the file as CSV, comma separated: "
      "in LibreOffice: File, Save As, Text CSV, field delimiter ','; in Excel: CSV UTF-8 (comma "
      "delimited)\n"
      "data/routines/daily.csv: routine skipped: the exercise table could not be read\n"
      "data/routines/full.csv: routine skipped: the exercise table could not be read\n",
      0, "daily", 0, false },
    /* ---- routines ---- */
    { "a routine naming an exercise that is not there", "data/routines/daily.csv", "ab",
      "no-such-exercise,,1,,\n", 0,
      "data/routines/daily.csv:9:1: row 9: unknown exercise 'no-such-exercise': expected an id "
      "from the exercise table\n",
      18, "daily", 7, false },
    { "a routine file named with a space", "data/routines/my routine.csv", "wb",
      "exercise,seconds,reps,rest_s,side\ncat-camel,,,,\n", 0,
      "data/routines/my routine.csv: bad id 'my routine': expected lower-case letters, digits "
      "and '-': the file name is the routine's name\n",
      18, "daily", 7, false },
    { "a routine of only a header", "data/routines/empty.csv", "wb",
      "exercise,seconds,reps,rest_s,side\n", 0,
      "data/routines/empty.csv: routine has no steps: expected at least one row after the header\n",
      18, "daily", 7, false },
    { "a routine whose every step is broken", "data/routines/broken.csv", "wb",
      "exercise,seconds,reps,rest_s,side\nnope,,,,\ncat-camel,,,,L\n", 0,
      "data/routines/broken.csv:2:1: row 2: unknown exercise 'nope': expected an id from the "
      "exercise table\n"
      "data/routines/broken.csv:3:14: row 3 (cat-camel), column side: unknown side 'L': "
      "expected both, left or right\n"
      "data/routines/broken.csv: routine skipped: every step has an error\n",
      18, "daily", 7, false },
    { "a spreadsheet's semicolons", "data/routines/semi.csv", "wb",
      "exercise;seconds;reps;rest_s;side\ncat-camel;;;;\n\"bridge\";\"8\";;\"30\";\"a\nb\"\n", 0,
      "data/routines/semi.csv:1:9: cells separated by semicolons: save the file as CSV, comma "
      "separated: in LibreOffice: File, Save As, Text CSV, field delimiter ','; in Excel: CSV "
      "UTF-8 (comma delimited)\n",
      18, "daily", 7, false },
    /* ---- pose files ---- */
    { "a pose with a typo in a keyword", "poses/plank.pose", "ab", "kee 9\n", 0,
      "poses/plank.pose:57:1: unknown keyword: got 'kee'\n", 18, "full", 18, false },
    { "a pose cut short (saved half-way)", "poses/cobra.pose", "wb", "camera side\nbase\n  lumbar.fl",
      0, "poses/cobra.pose:3:3: unknown joint angle: got 'lumbar.fl'\n", 18, "full", 18, false },
    { "a pose that is binary", "poses/bridge.pose", "wb", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16,
      "poses/bridge.pose:1:1: unknown keyword: got '?PNG'\n", 18, "full", 18, false },
    { "a pose file deleted", "poses/walking.pose", "rm", "", 0,
      "poses/walking.pose: missing pose file for exercise: exercise 'walking'\n", 18, "full", 18, false },
};

static void write_case(const Case *c)
{
    if (strcmp(c->mode, "rm") == 0) {
        char path[1200];
        snprintf(path, sizeof path, "%s/%s", scratch, c->file);
        assert_int_equal(remove(path), 0);
    } else if (!c->text) {
        /* a 4097-byte cue */
        size_t n = CSV_MAX_FIELD_BYTES + 1;
        char *row = malloc(n + 64);
        assert_non_null(row);
        strcpy(row, "long,X,core,");
        memset(row + strlen(row), 'a', n);
        strcpy(row + 12 + n, ",do it,0,1,1,none,1,0\n");
        put(c->file, row, strlen(row), c->mode);
        free(row);
    } else {
        put(c->file, c->text, c->len ? c->len : strlen(c->text), c->mode);
    }
}

static void test_catalogue_of_faults(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const Case *c = &cases[i];
        print_message("case: %s\n", c->what);
        make_tree();
        write_case(c);
        Catalog *cat = NULL;
        char *got = check_output(&cat);
        if (c->prefix ? strncmp(got, c->expect, strlen(c->expect)) != 0
                      : strcmp(got, c->expect) != 0)
            fail_msg("%s:\n got: %s\nwant: %s", c->what, got, c->expect);
        /* nothing else lost */
        assert_int_equal((int)catalog_exercise_count(cat), c->exercises);
        int r = catalog_find_routine(cat, c->routine);
        if (c->steps == 0) {
            assert_true(r < 0 || catalog_routine(cat, (size_t)r)->step_count == 0);
        } else {
            assert_true(r >= 0);
            assert_int_equal((int)catalog_routine(cat, (size_t)r)->step_count, c->steps);
        }
        assert_true(catalog_routine_count(cat) >= (c->exercises ? SHIPPED_ROUTINES : 0));
        free(got);
        catalog_free(cat);
        nftw(scratch, remove_one, 16, FTW_DEPTH | FTW_PHYS);
    }
}

/* Sizes past the limits: a clear error, never memory in proportion. */
static void test_limits(void **state)
{
    (void)state;
    make_tree();
    /* an exercise table of 4 MiB + 1 byte */
    size_t big = CSV_MAX_FILE_BYTES + 1;
    char *buf = malloc(big);
    assert_non_null(buf);
    memset(buf, '\n', big);
    put("data/exercises.csv", buf, big, "wb");
    /* a pose of 1 MiB + 1 byte of comment */
    buf[0] = '#';
    put("poses/plank.pose", buf, (size_t)POSE_MAX_FILE_BYTES + 1, "wb");
    free(buf);
    Catalog *cat = NULL;
    char *got = check_output(&cat);
    const char *want = "data/exercises.csv: file is larger than the limit: expected at most 4 MiB\n"
                       "data/routines/daily.csv: routine skipped: the exercise table could not "
                       "be read\n";
    if (strncmp(got, want, strlen(want)) != 0)
        fail_msg("got: %s", got);
    assert_int_equal(catalog_exercise_count(cat), 0);
    free(got);
    catalog_free(cat);

    DiagList diags = { 0 };
    char path[1200];
    snprintf(path, sizeof path, "%s/poses/plank.pose", scratch);
    assert_null(pose_load(path, &diags));
    assert_int_equal(diags.count, 1);
    assert_int_equal(diags.items[0].kind, DIAG_FILE_TOO_BIG);
    diag_free(&diags);
    nftw(scratch, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* Data quoted in a message never carries raw bytes to a terminal or the
 * screen: no escapes, no broken UTF-8, no more than 40 bytes. */
static void test_excerpt(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
    } quotes[] = {
        { "plain", "plain" },
        { "\x1b[2J\x1b]0;title\x07", " [2J ]0;title " },
        { "caf\xe9 \xff\xfe", "caf? ??" },
        { "tab\there\r\x7f", "tab here  " },
        { "caf\xc3\xa9", "caf\xc3\xa9" },
        { "0123456789012345678901234567890123456789X", "0123456789012345678901234567890123456789..." },
        /* a character is never cut: 39 bytes, then a 2-byte one */
        { "012345678901234567890123456789012345678\xc3\xa9",
          "012345678901234567890123456789012345678..." },
        { "", "" },
    };
    for (size_t i = 0; i < sizeof quotes / sizeof quotes[0]; i++) {
        char out[CSV_EXCERPT_SIZE];
        csv_excerpt(out, quotes[i].in, strlen(quotes[i].in));
        assert_string_equal(out, quotes[i].out);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_catalogue_of_faults),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_excerpt),
    };
    (void)SHIPPED_EXERCISES;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
