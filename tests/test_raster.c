/* raster: which pixels a triangle covers, how it blends, that shared edges
 * are covered once, and that nothing is written outside the target. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "anim.h"
#include "pose.h"
#include "raster.h"
#include "shipped.h"

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
    c->t = (RasterTarget){ c->buf + GUARD * PITCH + GUARD, W, H, PITCH, shift, 0, 0 };
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
    RasterTarget t = { NULL, 0, 0, 0, XRGB, 0, 0 };
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
        raster_mesh(c.t, (RasterItems){ .v = v, .vertex_count = 3, .idx = idx, .index_count = 3 }, 0, 0);
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
    raster_mesh(c.t, (RasterItems){ .v = v, .vertex_count = 4, .idx = idx, .index_count = 6 }, 97, 199);
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
        raster_mesh(c.t, (RasterItems){ .v = v, .vertex_count = 4, .idx = idx, .index_count = 6 }, 0, 0);
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
            raster_mesh(c.t, (RasterItems){ .v = v, .vertex_count = 3, .idx = idx, .index_count = 3 }, 0, 0);
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
    raster_mesh(c.t, (RasterItems){ .v = v, .vertex_count = 4, .idx = idx, .index_count = 6 }, 0, 0);
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
    raster_mesh(c.t, (RasterItems){ .v = v, .vertex_count = 3, .idx = idx, .index_count = (int)(sizeof idx / sizeof idx[0]) }, 0, 0);
    assert_int_equal(covered(&c, raster_pixel(c.t, BLACK)), 0);
    assert_guard_intact(&c);
}

/* ---- The figure ---------------------------------------------------------- */

/* Every limb joint is solid around its centre in every shipped pose, at
 * every phase, on both sides, small and large: mesh.c leaves out the disc
 * of a joint whose bones run straight on, and at a turn their square ends
 * leave a wedge from the centre out (a 5 degree bend once drew as a dark
 * crack). Pixels whose centre lies within 0.6 of the joint's radius must
 * all be drawn. */
#define FIG_W 640
#define FIG_H 480

static void test_joints_solid(void **state)
{
    (void)state;
    static const float scales[] = { 60.0f, 250.0f }; /* pixels per metre */
    static uint32_t pixels[FIG_W * FIG_H];
    const MeshColor near = { 245, 245, 238, 255 }, far = { 128, 142, 160, 255 };
    RasterTarget t = { pixels, FIG_W, FIG_H, FIG_W, XRGB, 0, 0 };
    const uint32_t ground = raster_pixel(t, BLACK);
    AnimTiming timing = { 2.0, 1.0 };
    Mesh *mesh = mesh_new();
    int joints = 0;
    for (int whole = 0; whole < 2; whole++)
    for (size_t i = 0; i < SHIPPED_COUNT; i++) {
        PoseClip *clip = shipped_pose(shipped_ids[i]);
        for (size_t z = 0; z < sizeof scales / sizeof scales[0]; z++)
            for (int k = 0; k < 16; k++) {
                FigureFrame f;
                anim_frame(clip, timing, k * anim_cycle_seconds(timing) / 16, k % 2, &f);
                f.floor = false; /* not lifted: joints are where the frame says */
                MeshXform xf = { scales[z], FIG_W / 2.0f, FIG_H * 0.8f };
                mesh_clear(mesh);
                mesh_whole_shapes(mesh, whole);
                mesh_figure(mesh, &f, xf, near, far);
                for (int p = 0; p < FIG_W * FIG_H; p++)
                    pixels[p] = ground;
                raster_mesh(t, raster_items(mesh), 0, 0);
                for (int j = SKEL_HIP_L; j < SKEL_JOINT_COUNT; j++) {
                    Vec2 c = mesh_to_px(xf, f.joint[j]);
                    float r = 0.6f * mesh_joint_radius((SkelJoint)j) * xf.scale;
                    for (int y = (int)(c.y - r); y <= (int)(c.y + r) + 1; y++)
                        for (int x = (int)(c.x - r); x <= (int)(c.x + r) + 1; x++) {
                            float dx = x + 0.5f - c.x, dy = y + 0.5f - c.y;
                            if (dx * dx + dy * dy > r * r || x < 0 || y < 0 || x >= FIG_W ||
                                y >= FIG_H)
                                continue;
                            if (pixels[y * FIG_W + x] == ground)
                                print_error("%s, %.0f px/m, frame %d: joint %d open at (%d, %d)\n",
                                            shipped_ids[i], scales[z], k, j, x, y);
                            assert_int_not_equal(pixels[y * FIG_W + x], ground);
                        }
                    joints++;
                }
            }
        pose_free(clip);
    }
    mesh_free(mesh);
    assert_int_equal(joints, 2 * 18 * 2 * 16 * (SKEL_JOINT_COUNT - SKEL_HIP_L));
}

/* ---- Whole discs ---------------------------------------------------------- */

/* A whole disc: solid within r, clear beyond r + MESH_FEATHER, fading in
 * between; and within a couple of levels of the polygon and feather ring a
 * GPU gets for the same disc. */
static void test_whole_disc(void **state)
{
    (void)state;
    static const struct { float x, y, r; } discs[] = {
        { 8.0f, 6.0f, 4.0f }, { 7.3f, 5.6f, 2.2f }, { 8.5f, 6.5f, 0.6f }, { 1.0f, 11.0f, 3.0f },
    };
    const MeshColor ink = { 255, 255, 255, 255 };
    for (size_t i = 0; i < sizeof discs / sizeof discs[0]; i++) {
        Canvas whole, polygon;
        canvas_init(&whole, XRGB, BLACK);
        canvas_init(&polygon, XRGB, BLACK);
        Mesh *m = mesh_new();
        for (int mode = 0; mode < 2; mode++) {
            Canvas *c = mode ? &whole : &polygon;
            mesh_clear(m);
            mesh_whole_shapes(m, mode);
            mesh_disc(m, (Vec2){ discs[i].x, discs[i].y }, discs[i].r, ink);
            raster_mesh(c->t, raster_items(m), 0, 0);
            assert_guard_intact(c);
        }
        assert_int_equal(mesh_disc_count(m), 1);
        mesh_free(m);
        for (int y = 0; y < H; y++)
            for (int x = 0; x < W; x++) {
                float dx = x + 0.5f - discs[i].x, dy = y + 0.5f - discs[i].y;
                float d = sqrtf(dx * dx + dy * dy);
                unsigned v = red(&whole, x, y);
                if (d <= discs[i].r - 0.01f)
                    assert_int_equal(v, 255);
                else if (d >= discs[i].r + MESH_FEATHER)
                    assert_int_equal(v, 0);
                else
                    assert_true(fabsf((float)v - 255.0f * (discs[i].r + MESH_FEATHER - d)) <= 1.0f);
                /* the polygon strays a quarter pixel: at most that much of a level's ramp */
                assert_true(abs((int)v - (int)red(&polygon, x, y)) <= 80);
            }
    }
}

/* A whole band: what mesh_segment's six triangles cover, within a level or
 * three where their feathers interpolate (the triangles fade across the
 * quad, the band by distance from its side), solid in its core, untouched
 * beyond its square ends and its feather; across slopes and tapers. */
static void test_whole_band(void **state)
{
    (void)state;
    static const struct { float ax, ay, bx, by, ra, rb; } bands[] = {
        { 2.0f, 6.0f, 14.0f, 6.0f, 2.0f, 2.0f },   /* level */
        { 8.0f, 1.0f, 8.0f, 11.0f, 1.5f, 3.0f },   /* upright, tapered */
        { 1.3f, 2.2f, 14.6f, 9.7f, 2.5f, 1.2f },   /* slanted, tapered */
        { 12.0f, 0.5f, 3.0f, 10.5f, 0.4f, 0.4f },  /* thinner than a pixel */
        { -6.0f, -3.0f, 22.0f, 15.0f, 3.0f, 3.0f }, /* past every edge */
    };
    const MeshColor ink = { 255, 255, 255, 255 };
    for (size_t i = 0; i < sizeof bands / sizeof bands[0]; i++) {
        Canvas whole, triangles;
        Mesh *m = mesh_new();
        for (int mode = 0; mode < 2; mode++) {
            Canvas *c = mode ? &whole : &triangles;
            canvas_init(c, XRGB, BLACK);
            mesh_clear(m);
            mesh_whole_shapes(m, mode);
            mesh_segment(m, (Vec2){ bands[i].ax, bands[i].ay }, (Vec2){ bands[i].bx, bands[i].by },
                         bands[i].ra, bands[i].rb, ink);
            raster_mesh(c->t, raster_items(m), 0, 0);
            assert_guard_intact(c);
        }
        assert_int_equal(mesh_band_count(m), 1);
        mesh_free(m);
        float dx = bands[i].bx - bands[i].ax, dy = bands[i].by - bands[i].ay;
        float len = sqrtf(dx * dx + dy * dy);
        int solid = 0;
        for (int y = 0; y < H; y++)
            for (int x = 0; x < W; x++) {
                float px = x + 0.5f - bands[i].ax, py = y + 0.5f - bands[i].ay;
                float along = (px * dx + py * dy) / len, across = fabsf(px * dy - py * dx) / len;
                float r = bands[i].ra + (bands[i].rb - bands[i].ra) * along / len;
                unsigned v = red(&whole, x, y);
                if (along < -0.01f || along > len + 0.01f || across > r + MESH_FEATHER + 0.05f)
                    assert_int_equal(v, 0);
                else if (along > 0.01f && along < len - 0.01f && across < r - 0.05f) {
                    assert_int_equal(v, 255);
                    solid++;
                }
                int diff = abs((int)v - (int)red(&triangles, x, y));
                if (diff > 4)
                    print_error("band %zu: (%d, %d) whole %u, triangles %u\n", i, x, y, v,
                                red(&triangles, x, y));
                assert_true(diff <= 4);
            }
        assert_true(i == 3 || solid > 0);
    }
}

/* A number in [lo, hi) from a linear congruential generator. */
static float random_in(uint32_t *seed, float lo, float hi)
{
    *seed = *seed * 1664525u + 1013904223u;
    return lo + (hi - lo) * (float)(*seed >> 8) / 16777216.0f;
}

/* Thousands of bands and discs at random, in and around the target, at any
 * slope, tiny to wide, some translucent: nothing is written outside it.
 * Fixed seed. */
static void test_random_shapes_stay_inside(void **state)
{
    (void)state;
    uint32_t seed = 12345u;
#define RANDOM(lo, hi) random_in(&seed, (lo), (hi))
    Mesh *m = mesh_new();
    for (int i = 0; i < 4000; i++) {
        Canvas c;
        canvas_init(&c, i % 2 ? XRGB : ABGR, BLACK);
        MeshColor ink = { 255, 255, 255, (uint8_t)(i % 3 ? 255 : RANDOM(1, 255)) };
        Vec2 a, b;
        a.x = RANDOM(-30, 46);
        a.y = RANDOM(-30, 42);
        b.x = RANDOM(-30, 46);
        b.y = RANDOM(-30, 42);
        if (i % 7 == 0)
            b.y = a.y + RANDOM(-0.01f, 0.01f); /* nearly level */
        if (i % 11 == 0)
            b.x = a.x + RANDOM(-0.01f, 0.01f); /* nearly upright */
        mesh_clear(m);
        mesh_whole_shapes(m, 1);
        float ra = RANDOM(0, 6), rb = RANDOM(0, 6);
        mesh_segment(m, a, b, ra, rb, ink);
        mesh_disc(m, b, RANDOM(0, 8), ink);
        raster_mesh(c.t, raster_items(m), 0, 0);
        assert_guard_intact(&c);
    }
    mesh_free(m);
#undef RANDOM
}

/* raster_fill paints exactly the target's window [x0, w) x [y0, h) in the
 * opaque colour, and nothing around it. */
static void test_fill_window(void **state)
{
    (void)state;
    static Canvas c;
    canvas_init(&c, XRGB, BLACK);
    RasterTarget t = c.t;
    t.x0 = 3;
    t.y0 = 5;
    t.w = 14;
    t.h = 9;
    raster_fill(t, (MeshColor){ 200, 10, 20, 128 }); /* alpha ignored: opaque */
    int inside = 0, outside = 0;
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            bool in = x >= 3 && x < 14 && y >= 5 && y < 9;
            uint32_t want = raster_pixel(c.t, in ? (MeshColor){ 200, 10, 20, 255 } : BLACK);
            inside += in && at(&c, x, y) == want;
            outside += !in && at(&c, x, y) != want;
        }
    assert_int_equal(inside, 11 * 4);
    assert_int_equal(outside, 0);
    assert_guard_intact(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pixel_formats),
        cmocka_unit_test(test_fill_window),
        cmocka_unit_test(test_coverage),
        cmocka_unit_test(test_offset),
        cmocka_unit_test(test_shared_edge_blends_once),
        cmocka_unit_test(test_blend),
        cmocka_unit_test(test_interpolated_alpha),
        cmocka_unit_test(test_bad_indices),
        cmocka_unit_test(test_whole_disc),
        cmocka_unit_test(test_whole_band),
        cmocka_unit_test(test_random_shapes_stay_inside),
        cmocka_unit_test(test_joints_solid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
