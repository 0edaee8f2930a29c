/* Layout at every screen shape we expect: inside, apart, figure biggest. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h> /* abs */

#include <cmocka.h>

#include "layout.h"

typedef struct {
    const char *name;
    int w, h;
} Size;

static const Size sizes[] = {
    { "16:9 1080p", 1920, 1080 }, { "16:9 720p", 1280, 720 }, { "4:3", 1024, 768 },
    { "21:9", 2560, 1080 },       { "portrait 9:16", 1080, 1920 },
    { "portrait 720", 720, 1280 }, { "tiny", 640, 360 }, { "second monitor", 800, 600 },
};

static void assert_inside(LayoutRect r, int w, int h)
{
    assert_true(r.w > 0 && r.h > 0);
    assert_true(r.x >= 0 && r.y >= 0);
    assert_true(r.x + r.w <= w && r.y + r.h <= h);
}

static int area(LayoutRect r)
{
    return r.w * r.h;
}

/* The logo's box: a square in the top left corner, at most 12% of the
 * shorter side (and not a speck); zero size without a logo. */
static void assert_logo_box(LayoutRect logo, bool want, int w, int h)
{
    if (!want) {
        assert_int_equal(logo.w, 0);
        assert_int_equal(logo.h, 0);
        return;
    }
    int base = w < h ? w : h;
    assert_inside(logo, w, h);
    assert_int_equal(logo.w, logo.h);
    assert_true(logo.w * 100 <= base * 12 + 50); /* 12%, rounded */
    assert_true(logo.w * 100 >= base * 11);
    assert_true(logo.x <= base / 20 && logo.y <= base / 20);
}

static void test_player_layout(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0] * 2; k++) {
        size_t s = k / 2;
        bool logo = k % 2;
        print_message("size %s, %s\n", sizes[s].name, logo ? "logo" : "no logo");
        LayoutPlayer L;
        layout_player_ex(sizes[s].w, sizes[s].h, logo, &L);
        assert_logo_box(L.logo, logo, sizes[s].w, sizes[s].h);
        /* the logo last: every other rect is checked against it, and none
         * has to be bigger than it (a zero one when there is no logo) */
        const LayoutRect rects[] = { L.title, L.cue,      L.instructions, L.figure, L.timer,
                                     L.reps,  L.side,     L.next,         L.progress,
                                     L.remaining, L.controls, L.logo };
        const size_t n = sizeof rects / sizeof rects[0] - !logo;
        for (size_t i = 0; i < n; i++) {
            print_message("rect %zu: %d,%d %dx%d\n", i, rects[i].x, rects[i].y, rects[i].w,
                          rects[i].h);
            assert_inside(rects[i], sizes[s].w, sizes[s].h);
            for (size_t j = i + 1; j < n; j++)
                assert_false(layout_overlap(rects[i], rects[j]));
            if (rects[i].x != L.figure.x || rects[i].y != L.figure.y)
                assert_true(area(L.figure) > area(rects[i]));
        }
        for (int b = 0; b < LAYOUT_BUTTON_COUNT; b++) {
            assert_inside(L.button[b], sizes[s].w, sizes[s].h);
            assert_true(L.button[b].x >= L.controls.x &&
                        L.button[b].x + L.button[b].w <= L.controls.x + L.controls.w);
            if (b > 0)
                assert_false(layout_overlap(L.button[b - 1], L.button[b]));
        }
        assert_inside(L.help, sizes[s].w, sizes[s].h);
        /* the key list sits in the middle of the screen, not at a side */
        assert_true(abs(2 * L.help.x + L.help.w - sizes[s].w) <= 1);
        assert_true(abs(2 * L.help.y + L.help.h - sizes[s].h) <= 1);
        /* the figure takes a real share of the screen, not a corner */
        assert_true(area(L.figure) * 4 > sizes[s].w * sizes[s].h);
        /* the caption text fits the rects it goes in, one line each */
        assert_true(L.title.h >= L.title_px && L.cue.h >= L.cue_px);
        assert_true(L.timer.h >= L.timer_px);
        assert_int_equal(L.portrait, sizes[s].h > sizes[s].w);
        /* the title keeps room for a name beside a logo */
        assert_true(L.title.w >= L.title_px * 6);
        if (logo) {
            /* beside the title, which starts to its right */
            assert_true(L.title.x >= L.logo.x + L.logo.w && L.cue.x >= L.logo.x + L.logo.w);
            LayoutPlayer bare;
            layout_player(sizes[s].w, sizes[s].h, &bare);
            /* nothing but the title and cue moved for it */
            assert_memory_equal(&bare.figure, &L.figure, sizeof L.figure);
            assert_memory_equal(&bare.timer, &L.timer, sizeof L.timer);
            assert_int_equal(bare.title.x + bare.title.w, L.title.x + L.title.w);
        }
    }
}

/* Readable from three metres: the name at least ~6% of a 1080 screen. */
static void test_text_sizes(void **state)
{
    (void)state;
    static const struct {
        int w, h, min_title, max_title;
    } cases[] = {
        { 1920, 1080, 65, 100 }, { 1280, 720, 43, 66 }, { 1080, 1920, 65, 100 },
        { 320, 180, 12, 20 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        LayoutPlayer L;
        layout_player(cases[i].w, cases[i].h, &L);
        assert_in_range(L.title_px, cases[i].min_title, cases[i].max_title);
        assert_true(L.timer_px > L.title_px && L.title_px > L.cue_px &&
                    L.cue_px > L.body_px && L.body_px >= L.small_px);
        assert_true(L.small_px >= 9);
    }
}

static void test_home_layout(void **state)
{
    (void)state;
    static const int counts_cases[][CATEGORY_COUNT] = {
        { 3, 3, 3, 3, 3, 3 },  /* the shipped catalogue */
        { 5, 1, 3, 0, 4, 5 },  /* uneven, with an empty group */
        { 12, 0, 0, 0, 0, 0 }, /* one group */
    };
    for (size_t c = 0; c < sizeof counts_cases / sizeof counts_cases[0]; c++) {
        const int *counts = counts_cases[c];
        int n = 0;
        for (int k = 0; k < CATEGORY_COUNT; k++)
            n += counts[k];
        for (size_t t = 0; t < sizeof sizes / sizeof sizes[0] * 2; t++) {
            size_t s = t / 2;
            bool logo = t % 2;
            print_message("counts %zu size %s, %s\n", c, sizes[s].name,
                          logo ? "logo" : "no logo");
            LayoutHome L;
            LayoutRect cells[32];
            layout_home_ex(sizes[s].w, sizes[s].h, logo, counts, &L, cells);
            assert_logo_box(L.logo, logo, sizes[s].w, sizes[s].h);
            LayoutRect all[32 + CATEGORY_COUNT + 2 + 6 + 1];
            int m = 0;
            if (logo)
                all[m++] = L.logo;
            all[m++] = L.title;
            all[m++] = L.hint;
            /* the routine buttons: a label and five, in a row, in the band */
            LayoutRect rb[6];
            layout_routine_buttons(&L, 5, rb);
            for (int i = 0; i < 6; i++) {
                assert_true(rb[i].w > 0 && rb[i].h > 0);
                assert_true(rb[i].x >= L.routines.x &&
                            rb[i].x + rb[i].w <= L.routines.x + L.routines.w);
                assert_true(rb[i].y >= L.routines.y &&
                            rb[i].y + rb[i].h <= L.routines.y + L.routines.h);
                all[m++] = rb[i];
            }
            for (int k = 0; k < CATEGORY_COUNT; k++) {
                if (counts[k] > 0)
                    all[m++] = L.heading[k];
                else
                    assert_int_equal(L.heading[k].w * L.heading[k].h, 0);
            }
            for (int k = 0; k < n; k++) {
                all[m++] = cells[k];
                /* a cell has room for a figure above its label */
                assert_true(cells[k].h > L.label_h);
                assert_true(cells[k].w >= L.label_px * 5);
            }
            for (int i = 0; i < m; i++) {
                assert_inside(all[i], sizes[s].w, sizes[s].h);
                for (int j = i + 1; j < m; j++)
                    assert_false(layout_overlap(all[i], all[j]));
            }
            /* cells sit under their own heading */
            int k = 0;
            for (int g = 0; g < CATEGORY_COUNT; g++)
                for (int i = 0; i < counts[g]; i++, k++) {
                    assert_true(cells[k].y >= L.heading[g].y + L.heading[g].h);
                    assert_true(cells[k].x >= L.heading[g].x &&
                                cells[k].x + cells[k].w <= L.heading[g].x + L.heading[g].w);
                }
        }
    }
}

static void test_rect_helpers(void **state)
{
    (void)state;
    static const struct {
        LayoutRect a, b;
        bool overlap;
    } cases[] = {
        { { 0, 0, 10, 10 }, { 10, 0, 10, 10 }, false }, /* touching edges */
        { { 0, 0, 10, 10 }, { 9, 9, 10, 10 }, true },
        { { 0, 0, 10, 10 }, { 2, 2, 0, 5 }, false },   /* empty */
        { { 5, 5, 2, 2 }, { 0, 0, 10, 10 }, true },    /* inside */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(layout_overlap(cases[i].a, cases[i].b), cases[i].overlap);
        assert_int_equal(layout_overlap(cases[i].b, cases[i].a), cases[i].overlap);
    }
    LayoutRect r = { 0, 0, 10, 10 };
    assert_true(layout_contains(r, 0, 0));
    assert_false(layout_contains(r, 10, 5));
    LayoutRect in = layout_inset(r, 3);
    assert_int_equal(in.x, 3);
    assert_int_equal(in.w, 4);
    assert_int_equal(layout_inset(r, 8).w, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_player_layout),
        cmocka_unit_test(test_text_sizes),
        cmocka_unit_test(test_home_layout),
        cmocka_unit_test(test_rect_helpers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
