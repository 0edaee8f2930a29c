/* handout: the paper from the locale, --paper, the dose in words, the page
 * count, and a sheet rendered to PDF bytes; and the file writer the
 * handout and every export format share (export.c): whole or nothing. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "catalog.h"
#include "export.h"
#include "handout.h"

#define DATA LIMBER_SOURCE_DIR "/data"
#define ASSETS LIMBER_SOURCE_DIR "/assets"

static void test_paper_from_locale(void **state)
{
    (void)state;
    static const struct {
        const char *all, *paper, *lang;
        HandoutPaper want;
    } cases[] = {
        { NULL, NULL, NULL, HANDOUT_A4 },
        { "", "", "", HANDOUT_A4 },
        { NULL, NULL, "en_US.UTF-8", HANDOUT_LETTER },
        { NULL, NULL, "en_GB.UTF-8", HANDOUT_A4 },
        { NULL, "en_CA.UTF-8", "de_DE.UTF-8", HANDOUT_LETTER },  /* LC_PAPER before LANG */
        { "nl_NL.UTF-8", "en_US.UTF-8", NULL, HANDOUT_A4 },      /* LC_ALL before all */
        { "", "es_MX", NULL, HANDOUT_LETTER },                   /* empty is unset */
        { NULL, NULL, "C", HANDOUT_A4 },
        { NULL, NULL, "POSIX", HANDOUT_A4 },
        { NULL, NULL, "en_USA", HANDOUT_A4 },                    /* not a territory */
        { NULL, NULL, "fr_CA@euro", HANDOUT_LETTER },
        { NULL, NULL, "_", HANDOUT_A4 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        HandoutPaper got = handout_paper_from_locale(cases[i].all, cases[i].paper, cases[i].lang);
        if (got != cases[i].want)
            fail_msg("case %zu (%s, %s, %s): %d", i, cases[i].all ? cases[i].all : "-",
                     cases[i].paper ? cases[i].paper : "-", cases[i].lang ? cases[i].lang : "-",
                     (int)got);
    }
}

static void test_paper_parse(void **state)
{
    (void)state;
    HandoutPaper p = HANDOUT_LETTER;
    assert_true(handout_paper_parse("a4", &p));
    assert_int_equal(p, HANDOUT_A4);
    assert_true(handout_paper_parse("Letter", &p));
    assert_int_equal(p, HANDOUT_LETTER);
    assert_true(handout_paper_parse("A4", &p));
    assert_int_equal(p, HANDOUT_A4);
    assert_false(handout_paper_parse("a5", &p));
    assert_false(handout_paper_parse("", &p));
    assert_false(handout_paper_parse("a4 ", &p));
    assert_false(handout_paper_parse("letters", &p));
}

static void test_dose_words(void **state)
{
    (void)state;
    static const struct {
        int ex_sets, step_sets, reps;
        double hold_s, rest_s, set_rest_s, seconds;
        Sides sides;
        StepSide side;
        const char *want;
    } cases[] = {
        { 2, 0, 10, 3, 30, -1, 0, SIDES_EACH, STEP_SIDE_BOTH, "2 sets of 10, hold 3 s, rest 30 s, each side" },
        { 1, 0, 8, 0, 10, -1, 0, SIDES_NONE, STEP_SIDE_BOTH, "1 set of 8" },
        { 1, 0, 8, 2, 10, -1, 0, SIDES_NONE, STEP_SIDE_BOTH, "1 set of 8, hold 2 s" },
        { 2, 0, 6, 1.5, 30, -1, 0, SIDES_ALTERNATE, STEP_SIDE_BOTH,
          "2 sets of 6 each side, alternating, hold 1.5 s, rest 30 s" },
        { 3, 0, 5, 0, 90, -1, 0, SIDES_NONE, STEP_SIDE_BOTH, "3 sets of 5, rest 1 min 30 s" },
        /* the routine's sets and set rest over the exercise's */
        { 1, 3, 5, 0, 90, 20, 0, SIDES_NONE, STEP_SIDE_BOTH, "3 sets of 5, rest 20 s" },
        { 1, 0, 2, 20, 10, -1, 0, SIDES_EACH, STEP_SIDE_LEFT, "1 set of 2, hold 20 s, left side only" },
        { 1, 0, 2, 20, 10, -1, 60, SIDES_EACH, STEP_SIDE_BOTH, "hold 1 min, each side" },
        { 1, 0, 2, 0, 10, -1, 45, SIDES_ALTERNATE, STEP_SIDE_BOTH, "45 s, alternating sides" },
        { 1, 2, 2, 0, 10, 15, 30, SIDES_EACH, STEP_SIDE_RIGHT, "2 sets of 30 s, rest 15 s, right side only" },
        /* one long hold a set: no "of 1" */
        { 2, 0, 1, 20, 20, -1, 0, SIDES_NONE, STEP_SIDE_BOTH, "2 sets, hold 20 s, rest 20 s" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Exercise ex = { .sets = cases[i].ex_sets, .reps = 99, .rep_s = 4, .hold_s = cases[i].hold_s,
                        .rest_s = cases[i].rest_s, .sides = cases[i].sides };
        RoutineStep step = { .seconds = cases[i].seconds, .reps = cases[i].reps,
                             .sets = cases[i].step_sets, .set_rest_s = cases[i].set_rest_s,
                             .side = cases[i].side };
        char got[160];
        handout_dose(&ex, &step, got, sizeof got);
        if (strcmp(got, cases[i].want) != 0)
            fail_msg("case %zu: '%s', expected '%s'", i, got, cases[i].want);
    }
    /* cardio says how long, not how many steps: 90 x 1.1 s */
    Exercise walk = { .category = CATEGORY_CARDIO, .sets = 1, .reps = 90, .rep_s = 1.1,
                      .sides = SIDES_NONE };
    RoutineStep walking = { .reps = 90, .set_rest_s = -1 };
    char got[64];
    handout_dose(&walk, &walking, got, sizeof got);
    assert_string_equal(got, "1 min 40 s, steady");
    /* a small buffer is cut, and terminated */
    Exercise ex = { .sets = 2, .hold_s = 3, .rest_s = 30, .sides = SIDES_EACH };
    RoutineStep step = { .reps = 10, .set_rest_s = -1 };
    char small[8];
    handout_dose(&ex, &step, small, sizeof small);
    assert_string_equal(small, "2 sets ");
}

static void test_page_count(void **state)
{
    (void)state;
    static const int want[][2] = { { 0, 1 }, { 1, 1 }, { 3, 1 }, { 4, 2 }, { 7, 3 }, { 18, 6 } };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        assert_int_equal(handout_page_count(want[i][0]), want[i][1]);
}

/* The full routine, rendered: a PDF of six pages, on either paper. */
static void test_render_full(void **state)
{
    (void)state;
    DiagList diags = { 0 };
    Catalog *cat = catalog_load(DATA, &diags);
    assert_non_null(cat);
    assert_int_equal(diags.count, 0);
    const Routine *full = catalog_routine(cat, (size_t)catalog_find_routine(cat, "full"));
    HandoutItem items[32];
    assert_true(full->step_count <= 32);
    int count = (int)full->step_count;
    for (int i = 0; i < count; i++) {
        items[i].step = full->steps[i];
        items[i].seconds = catalog_step_seconds(cat, &full->steps[i]);
        assert_true(export_load_job(ASSETS, catalog_exercise(cat, (size_t)full->steps[i].exercise),
                                    &items[i].job));
    }
    for (int paper = HANDOUT_A4; paper <= HANDOUT_LETTER; paper++) {
        HandoutInfo info = { "Full routine", "18 exercises", "6 December 2026", ASSETS "/fonts",
                             NULL, (HandoutPaper)paper };
        ExportBytes pdf = { 0 };
        assert_int_equal(handout_render(&info, items, count, &pdf), 6);
        assert_true(pdf.len > 1000);
        assert_memory_equal(pdf.data, "%PDF-", 5);
        export_bytes_free(&pdf);
    }
    for (int i = 0; i < count; i++)
        pose_free(items[i].job.clip);
    catalog_free(cat);
    diag_free(&diags);
}

/* The pictures' arrows are whole or none (handout_cues): at the key
 * moments of every exercise of the full routine, in a panel of the sheet's
 * shape; and most of them are still drawn. */
static void test_still_arrows(void **state)
{
    (void)state;
    DiagList diags = { 0 };
    Catalog *cat = catalog_load(DATA, &diags);
    assert_non_null(cat);
    const Routine *full = catalog_routine(cat, (size_t)catalog_find_routine(cat, "full"));
    const SDL_FRect box = { 0.0f, 0.0f, 128.0f, 78.0f };
    int whole = 0;
    for (size_t i = 0; i < full->step_count; i++) {
        ExportJob job;
        const Exercise *ex = catalog_exercise(cat, (size_t)full->steps[i].exercise);
        assert_true(export_load_job(ASSETS, ex, &job));
        double t[4];
        int n = export_key_moments(&job, t, 4);
        for (int k = 0; k < n; k++) {
            FigureFrame frame;
            DrawCues cues;
            anim_frame(job.clip, job.timing, t[k], false, &frame);
            const DrawCues *c = handout_cues(&job, t[k], &frame, box, &cues);
            assert_non_null(c);
            if (c->arrow.alpha != 0.0f && c->arrow.alpha != 1.0f)
                fail_msg("%s, moment %d: an arrow at alpha %.3f", ex->id, k + 1,
                         (double)c->arrow.alpha);
            whole += c->arrow.alpha == 1.0f;
        }
        pose_free(job.clip);
    }
    assert_true(whole >= 36); /* 45 of 72 when written */
    catalog_free(cat);
    diag_free(&diags);
}

/* ---- export_write_file: the whole file under its name, or nothing ------- */

static int entries(const char *dir)
{
    DIR *d = opendir(dir);
    int n = 0;
    assert_non_null(d);
    for (struct dirent *e; (e = readdir(d));)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

static void test_write_file(void **state)
{
    (void)state;
    char dir[] = "/tmp/limber-handout-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[64], under[80];
    snprintf(path, sizeof path, "%s/a.bin", dir);
    ExportBytes b = { 0 };
    for (int i = 0; i < 100000; i++)
        assert_true(export_bytes_append(&b, "limber", 6));
    assert_int_equal(b.len, 600000);
    assert_true(export_write_file(path, &b));
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_size, 600000);
    assert_int_equal(entries(dir), 1); /* no temporary left */
    /* under a file: refused, and nothing made */
    snprintf(under, sizeof under, "%s/a.bin/b.bin", dir);
    assert_false(export_write_file(under, &b));
    /* a failed append is never written */
    ExportBytes broken = { 0 };
    broken.failed = true;
    char other[64];
    snprintf(other, sizeof other, "%s/c.bin", dir);
    assert_false(export_write_file(other, &broken));
    assert_int_equal(entries(dir), 1);
    assert_true(export_refuse_overwrite(false, path));
    assert_false(export_refuse_overwrite(true, path));
    assert_false(export_refuse_overwrite(false, other));
    export_bytes_free(&b);
    unlink(path);
    rmdir(dir);
}

/* Frame starts: i / fps, the last ending at the cycle, so delays in any
 * unit, rounded at both ends, add up to the cycle. */
static void test_frame_starts(void **state)
{
    (void)state;
    Exercise none = { .id = "x", .sides = SIDES_NONE };
    ExportJob job = { .ex = &none, .timing = { 5.0, 3.25 } }; /* 8.25 s */
    int n = export_cycle_frames(&job, 10);
    assert_int_equal(n, 83);
    assert_float_equal(export_frame_start(&job, 10, 0), 0.0, 1e-12);
    assert_float_equal(export_frame_start(&job, 10, 82), 8.2, 1e-12);
    assert_float_equal(export_frame_start(&job, 10, 83), 8.25, 1e-12);
    int sum = 0;
    for (int i = 0; i < n; i++)
        sum += (int)(export_frame_start(&job, 10, i + 1) * 100 + 0.5) -
               (int)(export_frame_start(&job, 10, i) * 100 + 0.5);
    assert_int_equal(sum, 825);
    /* alternating sides: the loop is both sides, the second one mirrored */
    Exercise alt = { .id = "y", .sides = SIDES_ALTERNATE };
    job.ex = &alt;
    assert_float_equal(export_loop_seconds(&job), 16.5, 1e-12);
    assert_int_equal(export_cycle_frames(&job, 10), 165);
    assert_float_equal(export_frame_start(&job, 10, 165), 16.5, 1e-12);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_paper_from_locale),
        cmocka_unit_test(test_paper_parse),
        cmocka_unit_test(test_dose_words),
        cmocka_unit_test(test_page_count),
        cmocka_unit_test(test_render_full),
        cmocka_unit_test(test_still_arrows),
        cmocka_unit_test(test_write_file),
        cmocka_unit_test(test_frame_starts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
