/* library: every way editors and sync tools write a file, against a
 * library that is in use: the new version comes in, or the last good stays
 * with its fault said once the file stops changing; the user's rows and
 * poses add to and override the bundled ones. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "scratch.h"

#include "library.h"

typedef struct {
    char root[64];
    char data[128], assets[128], user[128];
    char pose[256];  /* the bundled cat-camel pose in use */
    char *good;      /* its text */
    Library *lib;
} Fixture;

/* The pose text of version K (scratch.h): one to tell by its loop beat. */
static char *version(const Fixture *fx, int k)
{
    return pose_version(fx->good, k);
}

static double loop_beat(const Fixture *fx)
{
    const Catalog *cat = library_catalog(fx->lib);
    const PoseClip *clip = library_pose(fx->lib, (size_t)catalog_find_exercise(cat, "cat-camel"));
    return clip ? pose_loop_beat(clip) : -1.0;
}

/* File times are kept to the kernel's tick: let one pass between versions
 * so a rewrite of the same size is always a change. */
static void tick(void)
{
    struct timespec ts = { 0, 20 * 1000 * 1000 };
    nanosleep(&ts, NULL);
}

static int setup(void **state)
{
    Fixture *fx = calloc(1, sizeof *fx);
    snprintf(fx->root, sizeof fx->root, "/tmp/limber-lib-XXXXXX");
    if (!fx || !mkdtemp(fx->root))
        return -1;
    char cmd[512];
    snprintf(cmd, sizeof cmd, "cp -r '%s/data' '%s/assets' '%s'/ && mkdir -p '%s/user/poses'",
             LIMBER_SOURCE_DIR, LIMBER_SOURCE_DIR, fx->root, fx->root);
    if (system(cmd) != 0)
        return -1;
    snprintf(fx->data, sizeof fx->data, "%s/data", fx->root);
    snprintf(fx->assets, sizeof fx->assets, "%s/assets", fx->root);
    snprintf(fx->user, sizeof fx->user, "%s/user", fx->root);
    snprintf(fx->pose, sizeof fx->pose, "%s/poses/cat-camel.pose", fx->assets);
    fx->good = read_all(fx->pose);
    LibraryDirs dirs = { fx->data, fx->assets, fx->user, NULL };
    DiagList d = { 0 };
    fx->lib = library_open(&dirs, &d);
    if (!fx->lib || d.count != 0)
        return -1;
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    Fixture *fx = *state;
    char cmd[256];
    library_free(fx->lib);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", fx->root);
    int rc = system(cmd);
    free(fx->good);
    free(fx);
    return rc == 0 ? 0 : -1;
}

/* Reloads until the library has nothing more to do (a fault is said on
 * the second look at unchanged files); returns the bits of all looks. */
static int settle(Fixture *fx, const LibraryNeed *need)
{
    int all = 0, did;
    for (int i = 0; i < 4 && (did = library_reload(fx->lib, need)) != 0; i++)
        all |= did;
    return all;
}

static void test_unchanged_reads_nothing(void **state)
{
    Fixture *fx = *state;
    assert_int_equal(library_reload(fx->lib, NULL), 0);
    assert_string_equal(library_error(fx->lib), "");
    assert_float_equal(loop_beat(fx), 6.0, 1e-9);
}

static void test_write_patterns(void **state)
{
    Fixture *fx = *state;
    char tmp[300];
    snprintf(tmp, sizeof tmp, "%s.tmp", fx->pose);

    /* in place: the same file, rewritten (r+ keeps the inode) */
    char *v = version(fx, 7);
    tick();
    write_file(fx->pose, "r+", v, strlen(v));
    assert_true(settle(fx, NULL) & LIBRARY_UPDATED);
    assert_float_equal(loop_beat(fx), V(7), 1e-9);
    free(v);

    /* truncate, then write: the empty file seen between is never said */
    tick();
    write_file(fx->pose, "w", "", 0);
    int did = library_reload(fx->lib, NULL);
    assert_true(did & LIBRARY_RETRY);
    assert_string_equal(library_error(fx->lib), "");
    assert_float_equal(loop_beat(fx), V(7), 1e-9);
    v = version(fx, 8);
    write_file(fx->pose, "w", v, strlen(v));
    did = settle(fx, NULL);
    assert_float_equal(loop_beat(fx), V(8), 1e-9);
    assert_string_equal(library_error(fx->lib), "");
    free(v);

    /* to a temporary, renamed over (LibreOffice, rsync, Syncthing) */
    v = version(fx, 5);
    write_file(tmp, "w", v, strlen(v));
    assert_int_equal(rename(tmp, fx->pose), 0);
    settle(fx, NULL);
    assert_float_equal(loop_beat(fx), V(5), 1e-9);
    free(v);

    /* deleted, then created: while it is gone, the last good stays */
    assert_int_equal(unlink(fx->pose), 0);
    assert_true(library_reload(fx->lib, NULL) & LIBRARY_RETRY);
    assert_float_equal(loop_beat(fx), V(5), 1e-9);
    v = version(fx, 9);
    write_file(fx->pose, "w", v, strlen(v));
    settle(fx, NULL);
    assert_float_equal(loop_beat(fx), V(9), 1e-9);
    assert_string_equal(library_error(fx->lib), "");
    free(v);

    /* half-written, cut in a line: retried while it changes, then whole */
    v = version(fx, 4);
    size_t half = strlen(v) / 2;
    tick();
    write_file(fx->pose, "w", v, half);
    assert_true(library_reload(fx->lib, NULL) & LIBRARY_RETRY);
    assert_string_equal(library_error(fx->lib), "");
    write_file(fx->pose, "a", v + half, strlen(v) - half);
    settle(fx, NULL);
    assert_float_equal(loop_beat(fx), V(4), 1e-9);
    assert_string_equal(library_error(fx->lib), "");
    free(v);
}

static void test_fault_kept_and_cleared(void **state)
{
    Fixture *fx = *state;
    /* a fault: the first look retries, the second (nothing moved) says it */
    tick();
    write_file(fx->pose, "a", "key\n", 4);
    int did = library_reload(fx->lib, NULL);
    assert_true(did & LIBRARY_RETRY);
    assert_string_equal(library_error(fx->lib), "");
    did = library_reload(fx->lib, NULL);
    assert_int_equal(did, LIBRARY_ERROR);
    /* the line after the last: the appended one */
    int line = 1;
    for (const char *c = fx->good; *c; c++)
        line += *c == '\n';
    char want[400];
    snprintf(want, sizeof want, "%s:%d:1: ", fx->pose, line);
    assert_non_null(strstr(library_error(fx->lib), want));
    assert_float_equal(loop_beat(fx), 6.0, 1e-9);
    /* said once */
    assert_int_equal(library_reload(fx->lib, NULL), 0);
    /* fixing it clears it */
    tick();
    write_file(fx->pose, "w", fx->good, strlen(fx->good));
    did = settle(fx, NULL);
    assert_true(did & LIBRARY_ERROR);
    assert_string_equal(library_error(fx->lib), "");
}

static void test_huge_directory_dangling(void **state)
{
    Fixture *fx = *state;
    /* a file grown past any sane size is refused */
    size_t big = POSE_MAX_FILE_BYTES + 100;
    char *junk = malloc(big);
    memset(junk, '#', big);
    tick();
    write_file(fx->pose, "w", junk, big);
    free(junk);
    settle(fx, NULL);
    assert_non_null(strstr(library_error(fx->lib), "larger than the limit"));
    assert_float_equal(loop_beat(fx), 6.0, 1e-9);

    /* replaced by a directory */
    assert_int_equal(unlink(fx->pose), 0);
    assert_int_equal(mkdir(fx->pose, 0700), 0);
    settle(fx, NULL);
    assert_non_null(strstr(library_error(fx->lib), fx->pose));
    assert_float_equal(loop_beat(fx), 6.0, 1e-9);
    assert_int_equal(rmdir(fx->pose), 0);

    /* a dangling symbolic link */
    assert_int_equal(symlink("/nonexistent/cat-camel.pose", fx->pose), 0);
    settle(fx, NULL);
    assert_non_null(strstr(library_error(fx->lib), "cannot open"));
    assert_float_equal(loop_beat(fx), 6.0, 1e-9);
    assert_int_equal(unlink(fx->pose), 0);

    write_file(fx->pose, "w", fx->good, strlen(fx->good));
    settle(fx, NULL);
    assert_string_equal(library_error(fx->lib), "");
}

static void test_tables(void **state)
{
    Fixture *fx = *state;
    char table[256], routine[256];
    snprintf(table, sizeof table, "%s/exercises.csv", fx->data);
    snprintf(routine, sizeof routine, "%s/routines/daily.csv", fx->data);
    char *good = read_all(table);
    size_t n = catalog_exercise_count(library_catalog(fx->lib));

    /* a row cut in half: the whole table stays as it was */
    char *cut = strdup(good);
    char *row = strstr(cut, "\nbridge,");
    assert_non_null(row);
    row[12] = '\0';
    tick();
    write_file(table, "w", cut, strlen(cut));
    settle(fx, NULL);
    assert_non_null(strstr(library_error(fx->lib), "exercises.csv:"));
    assert_int_equal(catalog_exercise_count(library_catalog(fx->lib)), n);
    free(cut);

    /* the routine on screen gone: kept, and said */
    write_file(table, "w", good, strlen(good));
    settle(fx, NULL);
    assert_string_equal(library_error(fx->lib), "");
    assert_int_equal(unlink(routine), 0);
    LibraryNeed need = { .routine = "daily" };
    settle(fx, &need);
    assert_non_null(strstr(library_error(fx->lib), "daily"));
    assert_true(catalog_find_routine(library_catalog(fx->lib), "daily") >= 0);
    /* not on screen: it goes */
    settle(fx, NULL);
    tick();
    write_file(table, "w", good, strlen(good)); /* a change, so it looks again */
    settle(fx, NULL);
    assert_int_equal(catalog_find_routine(library_catalog(fx->lib), "daily"), -1);
    free(good);
}

static void test_user_rows_and_poses(void **state)
{
    Fixture *fx = *state;
    char path[256];
    const Catalog *cat = library_catalog(fx->lib);
    int i = catalog_find_exercise(cat, "cat-camel");
    assert_false(library_pose_from_user(fx->lib, (size_t)i));
    size_t n = catalog_exercise_count(cat);

    /* the user's pose of a bundled id is used instead */
    char *v = version(fx, 3);
    snprintf(path, sizeof path, "%s/poses/cat-camel.pose", fx->user);
    write_file(path, "w", v, strlen(v));
    settle(fx, NULL);
    assert_float_equal(loop_beat(fx), V(3), 1e-9);
    cat = library_catalog(fx->lib);
    i = catalog_find_exercise(cat, "cat-camel");
    assert_true(library_pose_from_user(fx->lib, (size_t)i));
    assert_string_equal(library_pose_path(fx->lib, (size_t)i), path);
    free(v);

    /* a user row with a new id is added, with its own pose */
    snprintf(path, sizeof path, "%s/exercises.csv", fx->user);
    const char *rows =
        "id,name,category,cue,instructions,hold_s,reps,rep_s,sides,sets,rest_s\n"
        "my-cat,My Cat,mobility,Round and sag,Kneel.,0,5,6,none,1,10\n";
    write_file(path, "w", rows, strlen(rows));
    snprintf(path, sizeof path, "%s/poses/my-cat.pose", fx->user);
    write_file(path, "w", fx->good, strlen(fx->good));
    settle(fx, NULL);
    cat = library_catalog(fx->lib);
    assert_int_equal(catalog_exercise_count(cat), n + 1);
    i = catalog_find_exercise(cat, "my-cat");
    assert_int_equal(i, (int)n);
    assert_true(catalog_exercise(cat, (size_t)i)->user);
    assert_non_null(library_pose(fx->lib, (size_t)i));
    assert_true(library_pose_from_user(fx->lib, (size_t)i));
    assert_string_equal(library_error(fx->lib), "");
}

/* The exercise texts in a language are read, and reloaded, with the tables. */
static void test_translation_reloads(void **state)
{
    Fixture *fx = *state;
    char dir[256], path[300];
    snprintf(dir, sizeof dir, "%s/lang", fx->data);
    mkdir(dir, 0700); /* the shipped languages may have made it */
    snprintf(path, sizeof path, "%s/xx.csv", dir);
    const char *one = "id,name,cue,instructions\ncat-camel,Katze,,\n";
    write_file(path, "w", one, strlen(one));
    library_free(fx->lib);
    LibraryDirs dirs = { fx->data, fx->assets, fx->user, "xx" };
    DiagList d = { 0 };
    fx->lib = library_open(&dirs, &d);
    assert_int_equal(d.count, 0);
    const Catalog *cat = library_catalog(fx->lib);
    assert_string_equal(catalog_exercise(cat, (size_t)catalog_find_exercise(cat, "cat-camel"))->name,
                        "Katze");
    const char *two = "id,name,cue,instructions\ncat-camel,Kamel,,\n";
    tick();
    write_file(path, "w", two, strlen(two));
    assert_true(settle(fx, NULL) & LIBRARY_UPDATED);
    cat = library_catalog(fx->lib);
    assert_string_equal(catalog_exercise(cat, (size_t)catalog_find_exercise(cat, "cat-camel"))->name,
                        "Kamel");
}

/* What library_open hands back for play, show and the home screen says
 * where a fault is in a spreadsheet's terms and quotes the value, as
 * `limber check` does: the row, the column and the id were once dropped. */
static void test_open_says_row_column_and_value(void **state)
{
    Fixture *fx = *state;
    char dir[256], path[300];
    snprintf(dir, sizeof dir, "%s/routines", fx->user);
    mkdir(dir, 0700);
    snprintf(path, sizeof path, "%s/mine.csv", dir);
    const char *rows = "exercise,seconds,reps,rest_s,side\nbridge,,,,\npelvic-tilt,,,,L\n";
    write_file(path, "w", rows, strlen(rows));
    library_free(fx->lib);
    LibraryDirs dirs = { fx->data, fx->assets, fx->user, NULL };
    DiagList d = { 0 };
    fx->lib = library_open(&dirs, &d);
    assert_non_null(fx->lib);
    assert_int_equal(d.count, 1);
    char line[512];
    diag_format(&d.items[0], line, sizeof line);
    print_message("%s\n", line);
    assert_non_null(strstr(line, "mine.csv:3:"));
    assert_non_null(strstr(line, "row 3 (pelvic-tilt), column side: "));
    assert_non_null(strstr(line, "'L'"));
    diag_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_unchanged_reads_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_write_patterns, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fault_kept_and_cleared, setup, teardown),
        cmocka_unit_test_setup_teardown(test_huge_directory_dangling, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tables, setup, teardown),
        cmocka_unit_test_setup_teardown(test_user_rows_and_poses, setup, teardown),
        cmocka_unit_test_setup_teardown(test_translation_reloads, setup, teardown),
        cmocka_unit_test_setup_teardown(test_open_says_row_column_and_value, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
