/* raster: which pixels a triangle covers, how it blends, that shared edges
 * are covered once, and that nothing is written outside the target. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "raster.h"

/* A 16 x 12 target inside a bigger buffer: a guard band of GUARD pixels on
 * every side must never change. */
#define W 16
#define H 12
#define GUARD 4
#define PITCH (W + 2 * GUARD)
#define ROWS (H + 2 * GUARD)
#define SENTINEL 0x5A5A5A5Au

static const RasterShifts XRGB = { 16, 8, 0, 24 }; /* SDL_PIXELFORMAT_RGB888 */
static const RasterShifts ABGR = { 0, 8, 16, 24 }; /* SDL_PIXELFORMAT_ABGR8888 */
static const MeshColor BLACK = { 0, 0, 0, 255 };

typedef struct {
    uint32_t buf[PITCH * ROWS];
    RasterTarget t;
} Canvas;

static void canvas_init(Canvas *c, RasterShifts shift, MeshColor ground)
{
    for (int i = 0; i < PITCH * ROWS; i++)
        c->buf[i] = SENTINEL;
    c->t = (RasterTarget){ c->buf + GUARD * PITCH + GUARD, W, H, PITCH, shift };
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++)
            c->t.pixels[y * PITCH + x] = raster_pixel(c->t, ground);
}

static uint32_t at(const Canvas *c, int x, int y)
{
    return c->t.pixels[y * PITCH + x];
}

static unsigned red(const Canvas *c, int x, int y)
{
    return at(c, x, y) >> c->t.shift.r & 255;
}

static void assert_guard_intact(const Canvas *c)
{
    for (int y = 0; y < ROWS; y++)
        for (int x = 0; x < PITCH; x++) {
            bool inside = x >= GUARD && x < GUARD + W && y >= GUARD && y < GUARD + H;
            if (!inside)
                assert_int_equal(c->buf[y * PITCH + x], SENTINEL);
        }
}

static MeshVertex vtx(float x, float y, MeshColor c)
{
    return (MeshVertex){ x, y, c, 0.0f, 0.0f };
}

static int covered(const Canvas *c, uint32_t ground)
{
    int n = 0;
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++)
            n += at(c, x, y) != ground;
    return n;
}

/* ---- Pixel formats ------------------------------------------------------ */

static void test_pixel_formats(void **state)
{
    (void)state;
    MeshColor c = { 0x11, 0x22, 0x33, 0x44 }; /* alpha ignored: always opaque */
    RasterTarget t = { NULL, 0, 0, 0, XRGB };
    assert_int_equal(raster_pixel(t, c), 0xFF112233u);
    t.shift = ABGR;
    assert_int_equal(raster_pixel(t, c), 0xFF332211u);
}

/* ---- Coverage: pixel centres inside, left and top edges inclusive ------- */

static const struct {
    const char *what;
    float x[3], y[3];
    int pixels;
} coverage[] = {
    /* legs of 4 pixels: rows of 3, 2 and 1 centres, since a centre on the
     * hypotenuse (a right edge) is left to the triangle beyond it */
    { "whole-pixel right triangle", { 2, 6, 2 }, { 2, 2, 6 }, 3 + 2 + 1 },
    { "the same, clockwise", { 2, 2, 6 }, { 2, 6, 2 }, 3 + 2 + 1 },
    { "no area", { 1, 5, 9 }, { 1, 5, 9 }, 0 },
    { "between pixel centres", { 3.6f, 4.4f, 3.6f }, { 3.6f, 3.6f, 4.4f }, 0 },
    { "around one centre", { 3.2f, 4.3f, 3.2f }, { 3.2f, 3.2f, 4.3f }, 1 },
    /* half outside on every side: only the target's 16 x 12 are written */
    { "bigger than the target", { -40, 100, -40 }, { -40, -40, 100 }, W * H },
    { "wholly outside", { -9, -2, -9 }, { 2, 2, 9 }, 0 },
    { "NaN is skipped", { NAN, 6, 2 }, { 2, 2, 6 }, 0 },
    { "beyond the coordinate limit is skipped", { 2, 6, 3e7f }, { 2, 2, 6 }, 0 },
};

static void test_coverage(void **state)
{
    (void)state;
    const MeshColor ink = { 200, 100, 50, 255 };
    for (size_t i = 0; i < sizeof coverage / sizeof coverage[0]; i++) {
        Canvas c;
        canvas_init(&c, XRGB, BLACK);
        MeshVertex v[3];
        for (int k = 0; k < 3; k++)
            v[k] = vtx(coverage[i].x[k], coverage[i].y[k], ink);
        const int idx[3] = { 0, 1, 2 };
        raster_mesh(c.t, v, 3, idx, 3, 0, 0);
        print_message("%s\n", coverage[i].what);
        assert_int_equal(covered(&c, raster_pixel(c.t, BLACK)), coverage[i].pixels);
        assert_guard_intact(&c);
    }
}

/* The offset moves the mesh: pixel (ox, oy) of the mesh is the target's
 * (0, 0). */
static void test_offset(void **state)
{
    (void)state;
    const MeshColor ink = { 255, 255, 255, 255 };
    Canvas c;
    canvas_init(&c, XRGB, BLACK);
    MeshVertex v[4] = { vtx(100, 200, ink), vtx(102, 200, ink), vtx(102, 202, ink),
                        vtx(100, 202, ink) };
    const int idx[6] = { 0, 1, 2, 0, 2, 3 };
    raster_mesh(c.t, v, 4, idx, 6, 97, 199);
    assert_int_equal(covered(&c, raster_pixel(c.t, BLACK)), 4);
    for (int y = 1; y <= 2; y++)
        for (int x = 3; x <= 4; x++)
            assert_int_equal(red(&c, x, y), 255);
    assert_guard_intact(&c);
}

/* ---- Blending ------------------------------------------------------------ */

/* Two translucent triangles sharing a diagonal make a square: every pixel
 * is blended exactly once (no seam left, none blended twice). */
static void test_shared_edge_blends_once(void **state)
{
    (void)state;
    const MeshColor glass = { 255, 255, 255, 128 };
    const float diagonals[][4] = { { 1, 1, 9, 9 }, { 1, 1, 9.4f, 7.3f }, { 0.3f, 2.7f, 13, 8 } };
    for (size_t d = 0; d < sizeof diagonals / sizeof diagonals[0]; d++) {
        Canvas c;
        canvas_init(&c, XRGB, BLACK);
        float x0 = diagonals[d][0], y0 = diagonals[d][1];
        float x1 = diagonals[d][2], y1 = diagonals[d][3];
        MeshVertex v[4] = { vtx(x0, y0, glass), vtx(x1, y0, glass), vtx(x1, y1, glass),
                            vtx(x0, y1, glass) };
        const int idx[6] = { 0, 1, 2, 0, 2, 3 };
        raster_mesh(c.t, v, 4, idx, 6, 0, 0);
        for (int y = 0; y < H; y++)
            for (int x = 0; x < W; x++) {
                float cx = x + 0.5f, cy = y + 0.5f;
                bool inside = cx >= x0 && cx < x1 && cy >= y0 && cy < y1;
                /* 255 * 128 / 255 = 128 over black */
                assert_int_equal(red(&c, x, y), inside ? 128 : 0);
            }
        assert_guard_intact(&c);
    }
}

static const struct {
    MeshColor ink, ground;
    unsigned expect_r, expect_g;
} blends[] = {
    { { 255, 0, 0, 255 }, { 0, 0, 255, 255 }, 255, 0 },   /* opaque replaces */
    { { 255, 0, 0, 0 }, { 0, 40, 255, 255 }, 0, 40 },     /* clear leaves */
    { { 255, 0, 0, 51 }, { 0, 100, 0, 255 }, 51, 80 },    /* a fifth: 100 * 204 / 255 */
    { { 10, 250, 0, 191 }, { 250, 10, 0, 255 }, 70, 190 },
};

static void test_blend(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof blends / sizeof blends[0]; i++) {
        RasterShifts formats[2] = { XRGB, ABGR };
        for (int f = 0; f < 2; f++) {
            Canvas c;
            canvas_init(&c, formats[f], blends[i].ground);
            MeshVertex v[3] = { vtx(0, 0, blends[i].ink), vtx(W, 0, blends[i].ink),
                                vtx(0, H, blends[i].ink) };
            const int idx[3] = { 0, 1, 2 };
            raster_mesh(c.t, v, 3, idx, 3, 0, 0);
            uint32_t p = at(&c, 1, 1);
            assert_int_equal(p >> c.t.shift.r & 255, blends[i].expect_r);
            assert_int_equal(p >> c.t.shift.g & 255, blends[i].expect_g);
            assert_int_equal(p >> c.t.shift.a & 255, 255); /* stays opaque */
        }
    }
}

/* A feather: alpha interpolated across the triangle at pixel centres. */
static void test_interpolated_alpha(void **state)
{
    (void)state;
    Canvas c;
    canvas_init(&c, XRGB, BLACK);
    const MeshColor solid = { 255, 255, 255, 255 }, clear = { 255, 255, 255, 0 };
    /* alpha 255 at x = 0 falling to 0 at x = 16, the same on every row */
    MeshVertex v[4] = { vtx(0, 0, solid), vtx(16, 0, clear), vtx(16, 12, clear),
                        vtx(0, 12, solid) };
    const int idx[6] = { 0, 1, 2, 0, 2, 3 };
    raster_mesh(c.t, v, 4, idx, 6, 0, 0);
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            float expect = 255.0f * (1.0f - (x + 0.5f) / 16.0f);
            assert_true(fabsf((float)red(&c, x, y) - expect) <= 1.0f);
        }
}

/* Bad indices and a trailing partial triangle are skipped, not read. */
static void test_bad_indices(void **state)
{
    (void)state;
    Canvas c;
    canvas_init(&c, XRGB, BLACK);
    const MeshColor ink = { 255, 255, 255, 255 };
    MeshVertex v[3] = { vtx(0, 0, ink), vtx(W, 0, ink), vtx(0, H, ink) };
    const int idx[] = { 0, 1, 3, -1, 1, 2, 0, 1 };
    raster_mesh(c.t, v, 3, idx, (int)(sizeof idx / sizeof idx[0]), 0, 0);
    assert_int_equal(covered(&c, raster_pixel(c.t, BLACK)), 0);
    assert_guard_intact(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pixel_formats),
        cmocka_unit_test(test_coverage),
        cmocka_unit_test(test_offset),
        cmocka_unit_test(test_shared_edge_blends_once),
        cmocka_unit_test(test_blend),
        cmocka_unit_test(test_interpolated_alpha),
        cmocka_unit_test(test_bad_indices),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
