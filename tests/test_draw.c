/* draw: pixel facts from a software renderer on a surface. With
 * LIMBER_PNG_DIR set, every picture is also saved there to look at. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

#include <SDL.h>
#include "image.h"

#include "damage.h"
#include "draw.h"
#include "figure_fixtures.h"
#include "mesh.h"
#include "render.h"

typedef struct {
    SDL_Surface *surface;
    SDL_Renderer *renderer;
    DrawBuffers *buffers;
    DrawTheme theme;
} Canvas;

static Canvas canvas_new(int w, int h)
{
    Canvas c;
    c.renderer = render_offscreen_new(w, h, &c.surface);
    assert_non_null(c.renderer);
    c.buffers = draw_buffers_new(c.renderer, c.surface);
    assert_non_null(c.buffers);
    c.theme = draw_theme_default();
    /* Pure black around everything, so "nothing drawn" is exact. */
    SDL_SetRenderDrawColor(c.renderer, 0, 0, 0, 255);
    SDL_RenderClear(c.renderer);
    return c;
}

static void canvas_free(Canvas *c, const char *name)
{
    const char *dir = getenv("LIMBER_PNG_DIR");
    if (dir) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s.png", dir, name);
        image_write_png(c->surface, path);
    }
    draw_buffers_free(c->buffers);
    render_offscreen_free(c->renderer, c->surface);
}

static void paint_box(Canvas *c, SDL_FRect box)
{
    SDL_Rect r = { (int)box.x, (int)box.y, (int)box.w, (int)box.h };
    SDL_SetRenderDrawColor(c->renderer, c->theme.background.r, c->theme.background.g,
                           c->theme.background.b, 255);
    SDL_RenderFillRect(c->renderer, &r);
}

static bool is_black(SDL_Color p)
{
    return p.r == 0 && p.g == 0 && p.b == 0;
}

/* The near figure colour is the only one this bright. */
/* Pixels of w x h where two surfaces differ in colour. */
static int pixels_differing(SDL_Surface *a, SDL_Surface *b, int w, int h)
{
    int differ = 0;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            SDL_Color p = render_pixel(a, x, y), q = render_pixel(b, x, y);
            differ += p.r != q.r || p.g != q.g || p.b != q.b;
        }
    return differ;
}

static bool is_figure(SDL_Color p)
{
    return p.r > 200 && p.g > 200 && p.b > 200;
}

static void draw_into(Canvas *c, const FigureFrame *f, SDL_FRect box, Vec2 min, Vec2 max,
                      DrawFit *fit_out)
{
    paint_box(c, box);
    DrawFit fit = draw_fit(min, max, box);
    assert_int_equal(draw_figure(c->buffers, f, fit, box, &c->theme, c->theme.background), 0);
    SDL_RenderFlush(c->renderer);
    if (fit_out)
        *fit_out = fit;
}

/* ---- Fit --------------------------------------------------------------- */

static void test_fit(void **state)
{
    (void)state;
    static const struct {
        Vec2 min, max;
        SDL_FRect box;
    } cases[] = {
        { { -0.3f, 0.0f }, { 0.3f, 1.8f }, { 0, 0, 640, 360 } },        /* tall in wide */
        { { -1.0f, 0.0f }, { 0.9f, 0.7f }, { 0, 0, 640, 360 } },        /* lying */
        { { -1.0f, 0.0f }, { 0.9f, 0.7f }, { 100, 50, 300, 600 } },     /* portrait, offset */
        { { -0.3f, 0.0f }, { 0.3f, 1.8f }, { 0, 0, 3840, 2160 } },
        { { 0.0f, 0.0f }, { 0.0f, 0.0f }, { 10, 10, 200, 100 } },       /* a point */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        SDL_FRect b = cases[i].box;
        DrawFit fit = draw_fit(cases[i].min, cases[i].max, b);
        assert_true(fit.scale > 0.0f);
        float x0 = fit.x0 + cases[i].min.x * fit.scale, x1 = fit.x0 + cases[i].max.x * fit.scale;
        /* y up becomes y down: the top of the world is the smaller pixel y */
        float ytop = fit.y0 - cases[i].max.y * fit.scale;
        float ybot = fit.y0 - cases[i].min.y * fit.scale;
        assert_true(ytop <= ybot);
        assert_true(x0 >= b.x && x1 <= b.x + b.w);
        assert_true(ytop >= b.y && ybot <= b.y + b.h);
        /* centred in the box, to a pixel */
        assert_float_equal((x0 + x1) * 0.5f, b.x + b.w * 0.5f, 1.0f);
        assert_float_equal((ytop + ybot) * 0.5f, b.y + b.h * 0.5f, 1.0f);
    }
}

/* ---- Pixels ------------------------------------------------------------ */

/* A box smaller than the surface, and a world box far too small for the
 * figure, so the figure would spill: nothing may land outside the box. */
static void test_clipped_to_box(void **state)
{
    (void)state;
    static const struct { const char *name; SDL_FRect box; bool squeeze; } cases[] = {
        { "clip-fit", { 60, 40, 240, 160 }, false },
        { "clip-spill", { 60, 40, 240, 160 }, true },
        { "clip-odd", { 33.5f, 21.25f, 101.5f, 77.75f }, true },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Canvas c = canvas_new(400, 300);
        FigureFrame f = fixture_standing(0.1f, -0.1f);
        SDL_FRect box = cases[i].box;
        Vec2 min = { -0.3f, 0.0f }, max = { 0.3f, 1.75f };
        if (cases[i].squeeze)
            min = (Vec2){ -0.05f, 0.7f }, max = (Vec2){ 0.05f, 0.9f };
        draw_into(&c, &f, box, min, max, NULL);
        int inside_figure = 0, outside_drawn = 0;
        int bx0 = (int)floorf(box.x), by0 = (int)floorf(box.y);
        int bx1 = (int)ceilf(box.x + box.w), by1 = (int)ceilf(box.y + box.h);
        for (int y = 0; y < c.surface->h; y++)
            for (int x = 0; x < c.surface->w; x++) {
                SDL_Color p = render_pixel(c.surface, x, y);
                bool in = x >= bx0 && x < bx1 && y >= by0 && y < by1;
                if (in)
                    inside_figure += is_figure(p);
                else
                    outside_drawn += !is_black(p);
            }
        assert_int_equal(outside_drawn, 0);
        assert_true(inside_figure > 100);
        canvas_free(&c, cases[i].name);
    }
}

/* The floor line's top edge is y = 0, and no figure pixel is below it
 * (beyond the feather's pixel or two). */
static void test_nothing_below_floor(void **state)
{
    (void)state;
    static const struct { const char *name; int w, h; bool quadruped; } cases[] = {
        { "standing-640", 640, 360, false },
        { "standing-1920", 1920, 1080, false },
        { "quadruped-640", 640, 360, true },
        { "quadruped-1920", 1920, 1080, true },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Canvas c = canvas_new(cases[i].w, cases[i].h);
        FigureFrame f = cases[i].quadruped ? fixture_quadruped() : fixture_standing(0.1f, -0.1f);
        Vec2 min = cases[i].quadruped ? (Vec2){ -0.9f, 0.0f } : (Vec2){ -0.3f, 0.0f };
        Vec2 max = cases[i].quadruped ? (Vec2){ 0.55f, 0.7f } : (Vec2){ 0.3f, 1.75f };
        SDL_FRect box = { 0, 0, (float)cases[i].w, (float)cases[i].h };
        DrawFit fit;
        draw_into(&c, &f, box, min, max, &fit);
        int floor_y = (int)floorf(fit.y0 + 0.5f);
        /* the floor is there, in its colour, right under the figure */
        SDL_Color fl = render_pixel(c.surface, 2, floor_y);
        assert_int_equal(fl.r, c.theme.floor.r);
        int above = 0, below = 0;
        for (int y = 0; y < c.surface->h; y++)
            for (int x = 0; x < c.surface->w; x++)
                if (is_figure(render_pixel(c.surface, x, y))) {
                    if (y < floor_y + 2)
                        above++;
                    else
                        below++;
                }
        assert_true(above > 100);
        assert_int_equal(below, 0);
        canvas_free(&c, cases[i].name);
    }
}

/* The head is where the frame says, as big as it says: solid at its centre
 * and just inside its rim, background just outside. */
static void test_head_position(void **state)
{
    (void)state;
    static const struct { int w, h; float head_x; } cases[] = {
        { 640, 360, 0.02f },
        { 1920, 1080, 0.02f },
        { 640, 360, 0.12f },   /* head moved forward: drawing follows */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Canvas c = canvas_new(cases[i].w, cases[i].h);
        FigureFrame f = fixture_standing(0.1f, -0.1f);
        f.floor = false; /* no lift: the frame's positions are drawn as they are */
        f.joint[SKEL_HEAD].x = cases[i].head_x;
        SDL_FRect box = { 0, 0, (float)cases[i].w, (float)cases[i].h };
        DrawFit fit;
        draw_into(&c, &f, box, (Vec2){ -0.3f, 0.0f }, (Vec2){ 0.3f, 1.75f }, &fit);
        int hx = (int)lroundf(fit.x0 + f.joint[SKEL_HEAD].x * fit.scale);
        int hy = (int)lroundf(fit.y0 - f.joint[SKEL_HEAD].y * fit.scale);
        int r = (int)lroundf(f.head_radius * fit.scale);
        assert_true(is_figure(render_pixel(c.surface, hx, hy)));
        assert_true(is_figure(render_pixel(c.surface, hx - r + 2, hy)));
        assert_true(is_figure(render_pixel(c.surface, hx, hy - r + 2)));
        SDL_Color out = render_pixel(c.surface, hx - r - 4, hy);
        assert_int_equal(out.r, c.theme.background.r);
        out = render_pixel(c.surface, hx, hy - r - 4);
        assert_int_equal(out.r, c.theme.background.r);
        canvas_free(&c, "head");
    }
}

/* Far limbs are drawn in the quieter colour: with the left side near, the
 * right arm, moved forward alone, shows in figure_far. */
static void test_far_side_colour(void **state)
{
    (void)state;
    Canvas c = canvas_new(640, 360);
    FigureFrame f = fixture_standing(0.1f, -0.1f);
    f.joint[SKEL_ELBOW_R] = (Vec2){ 0.25f, 1.30f };
    f.joint[SKEL_WRIST_R] = (Vec2){ 0.50f, 1.30f };
    f.joint[SKEL_HAND_R] = (Vec2){ 0.58f, 1.30f };
    f.floor = false; /* no lift: the arm is drawn at the height it is given */
    SDL_FRect box = { 0, 0, 640, 360 };
    DrawFit fit;
    draw_into(&c, &f, box, (Vec2){ -0.3f, 0.0f }, (Vec2){ 0.6f, 1.75f }, &fit);
    int x = (int)lroundf(fit.x0 + 0.40f * fit.scale), y = (int)lroundf(fit.y0 - 1.30f * fit.scale);
    SDL_Color p = render_pixel(c.surface, x, y);
    assert_int_equal(p.r, c.theme.figure_far.r);
    assert_int_equal(p.g, c.theme.figure_far.g);
    assert_int_equal(p.b, c.theme.figure_far.b);
    canvas_free(&c, "far-arm");
}

/* The trunk is as wide in pixels as its width in metres times the fit's
 * scale, at every picture size: widths scale, only the feather does not. */
static void test_widths_scale(void **state)
{
    (void)state;
    static const struct { int w, h; } cases[] = { { 640, 360 }, { 1920, 1080 }, { 3840, 2160 } };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Canvas c = canvas_new(cases[i].w, cases[i].h);
        FigureFrame f = fixture_standing(0.0f, 0.0f);
        f.floor = false;
        SDL_FRect box = { 0, 0, (float)cases[i].w, (float)cases[i].h };
        DrawFit fit;
        draw_into(&c, &f, box, (Vec2){ -0.3f, 0.0f }, (Vec2){ 0.3f, 1.75f }, &fit);
        /* across the lumbar spine, between the hips and the hands' reach */
        int y = (int)lroundf(fit.y0 - 1.25f * fit.scale);
        int solid = 0;
        for (int x = 0; x < cases[i].w; x++)
            solid += is_figure(render_pixel(c.surface, x, y));
        assert_float_equal((float)solid, 2.0f * MESH_TRUNK_R * fit.scale, 2.0f);
        canvas_free(&c, "widths");
    }
}

/* Each prop draws something of its own colour inside the box and nothing
 * outside; water tints what is under its surface. */
static void test_props(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        PropKind prop;
        Vec2 at[3];
        int w, h;
    } cases[] = {
        { "prop-mat", PROP_MAT, { { 0, 0 } }, 640, 360 },
        { "prop-chair", PROP_CHAIR, { { 0.15f, 0.46f } }, 640, 360 },
        { "prop-bike", PROP_BIKE, { { -0.05f, 0.92f }, { 0.15f, 0.32f }, { 0.55f, 1.05f } }, 640, 360 },
        { "prop-water", PROP_WATER, { { 0.0f, 1.2f } }, 640, 360 },
        { "prop-bike-4k", PROP_BIKE, { { -0.05f, 0.92f }, { 0.15f, 0.32f }, { 0.55f, 1.05f } }, 3840, 2160 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Canvas c = canvas_new(cases[i].w + 40, cases[i].h + 40);
        FigureFrame f = cases[i].prop == PROP_MAT ? fixture_quadruped() : fixture_standing(0.1f, -0.1f);
        f.prop = cases[i].prop;
        for (int k = 0; k < 3; k++)
            f.prop_at[k] = cases[i].at[k];
        f.floor = cases[i].prop != PROP_WATER;
        SDL_FRect box = { 20, 20, (float)cases[i].w, (float)cases[i].h };
        draw_into(&c, &f, box, (Vec2){ -0.9f, 0.0f }, (Vec2){ 0.7f, 1.75f }, NULL);
        int prop_px = 0, outside = 0;
        for (int y = 0; y < c.surface->h; y++)
            for (int x = 0; x < c.surface->w; x++) {
                SDL_Color p = render_pixel(c.surface, x, y);
                bool in = x >= 20 && y >= 20 && x < 20 + cases[i].w && y < 20 + cases[i].h;
                outside += !in && !is_black(p);
                prop_px += p.r == c.theme.prop.r && p.g == c.theme.prop.g && p.b == c.theme.prop.b;
            }
        assert_int_equal(outside, 0);
        if (cases[i].prop == PROP_WATER) {
            /* well below the surface the background is tinted blue */
            SDL_Color p = render_pixel(c.surface, 30, 20 + cases[i].h - 5);
            assert_true(p.b > c.theme.background.b + 30);
        } else {
            assert_true(prop_px > 50);
        }
        canvas_free(&c, cases[i].name);
    }
}

/* Buffers are reused: drawing the same frame again, after another draw,
 * gives the same pixels. */
static void test_repeatable(void **state)
{
    (void)state;
    Canvas a = canvas_new(320, 180), b = canvas_new(320, 180);
    FigureFrame f = fixture_quadruped();
    SDL_FRect box = { 0, 0, 320, 180 };
    draw_into(&a, &f, box, (Vec2){ -0.9f, 0.0f }, (Vec2){ 0.55f, 0.7f }, NULL);
    draw_into(&b, &f, box, (Vec2){ -0.9f, 0.0f }, (Vec2){ 0.55f, 0.7f }, NULL);
    draw_into(&b, &f, box, (Vec2){ -0.9f, 0.0f }, (Vec2){ 0.55f, 0.7f }, NULL);
    /* each draw repaints the box first, so a reused buffer changes nothing */
    assert_int_equal(pixels_differing(a.surface, b.surface, 320, 180), 0);
    canvas_free(&a, "quadruped-a");
    canvas_free(&b, "quadruped-b");
}

/* ---- Motion cues ------------------------------------------------------- */

/* The accent (amber) is the only colour this red and this little blue. */
static bool is_accent(SDL_Color p)
{
    return p.r > 150 && p.r > p.b + 100 && p.g > p.b + 50;
}

/* The focus and the arrow in the accent colour, only when cues are given;
 * every accent pixel inside the figure's box, and none on its edge, so
 * nothing of the arrow was cut off. */
static void test_cues(void **state)
{
    (void)state;
    FigureFrame now = fixture_quadruped(), before = now, after = now;
    before.joint[SKEL_LUMBAR].y -= 0.01f; /* the back rises: a cat-camel's round */
    after.joint[SKEL_LUMBAR].y += 0.01f;
    Vec2 min = { -0.9f, 0.0f }, max = { 0.5f, 0.75f };
    unsigned back = 0; /* what 'focus lumbar thoracic' names: every point of the spine */
    const SkelJoint spine[] = { SKEL_PELVIS, SKEL_L4, SKEL_L2, SKEL_LUMBAR,
                                SKEL_T9,     SKEL_T5, SKEL_CHEST };
    for (size_t i = 0; i < sizeof spine / sizeof spine[0]; i++)
        back |= SKEL_JOINT_BIT(spine[i]);
    DrawCues focus_only = { .focus = back, .arrow = { .joint = -1 } };
    DrawCues arrow_only = { .arrow = cue_arrow(&before, &now, &after, 0.4f, back, min, max) };
    DrawCues both = { .focus = back, .arrow = arrow_only.arrow };
    assert_int_equal(arrow_only.arrow.joint, SKEL_LUMBAR);
    const struct { const char *name; const DrawCues *cues; bool focus, arrow; } cases[] = {
        { "cues-none", NULL, false, false },
        { "cues-focus", &focus_only, true, false },
        { "cues-arrow", &arrow_only, false, true },
        { "cues-both", &both, true, true },
    };
    SDL_FRect box = { 40, 30, 320, 180 };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        print_message("%s\n", cases[i].name);
        Canvas c = canvas_new(400, 240);
        paint_box(&c, box);
        DrawFit fit = draw_fit(min, max, box);
        assert_int_equal(draw_figure_cued(c.buffers, &now, fit, box, &c.theme, c.theme.background,
                                          cases[i].cues),
                         0);
        SDL_RenderFlush(c.renderer);
        /* the focus is the back itself; the arrow is beside it, above or
         * below, not off by the head or the feet */
        Vec2 lumbar = mesh_to_px((MeshXform){ fit.scale, fit.x0, fit.y0 }, now.joint[SKEL_LUMBAR]);
        int on_back = 0, by_back = 0, on_edge = 0, outside = 0;
        for (int y = 0; y < c.surface->h; y++)
            for (int x = 0; x < c.surface->w; x++) {
                if (!is_accent(render_pixel(c.surface, x, y)))
                    continue;
                bool in = x >= box.x && x < box.x + box.w && y >= box.y && y < box.y + box.h;
                outside += !in;
                on_edge += in && (x == (int)box.x || x == (int)(box.x + box.w) - 1 ||
                                  y == (int)box.y || y == (int)(box.y + box.h) - 1);
                float dx = fabsf((float)x - lumbar.x), dy = fabsf((float)y - lumbar.y);
                on_back += dy < 0.05f * fit.scale;
                by_back += dy > 0.08f * fit.scale && dx < 0.3f * fit.scale;
            }
        canvas_free(&c, cases[i].name);
        assert_int_equal(outside, 0);
        assert_int_equal(on_edge, 0);
        assert_int_equal(on_back > 50, cases[i].focus);
        assert_int_equal(by_back > 30, cases[i].arrow);
    }
}

/* A frame drawn over the last one with draw_limit_next has exactly the
 * pixels of the same frame drawn whole, and paints only around what
 * changed: when the back rises, not the legs, arms or mat; when nothing
 * changed, nothing. Cues too (the arrow moves with the figure). */
static int painted_area(const DrawBuffers *b, const SDL_Rect **rects)
{
    int n = draw_painted(b, rects), area = 0;
    for (int i = 0; i < n; i++)
        area += (*rects)[i].w * (*rects)[i].h;
    return area;
}

static void test_limited_equals_whole(void **state)
{
    (void)state;
    FigureFrame a = fixture_quadruped(), b = a;
    for (int j = SKEL_PELVIS; j <= SKEL_CHEST; j++)
        b.joint[j].y += 0.03f; /* the back rises */
    b.joint[SKEL_HEAD].y -= 0.02f;
    a.prop = b.prop = PROP_MAT;
    a.floor = b.floor = true;
    SDL_FRect box = { 10, 10, 620, 340 };
    Vec2 min = { -0.9f, 0.0f }, max = { 0.55f, 0.75f };
    DrawCues cues = { .focus = SKEL_JOINT_BIT(SKEL_LUMBAR) | SKEL_JOINT_BIT(SKEL_PELVIS),
                      .arrow = cue_arrow(&a, &b, &b, 0.4f, SKEL_JOINT_BIT(SKEL_LUMBAR), min,
                                         max) };
    Canvas whole = canvas_new(640, 360), limited = canvas_new(640, 360);
    DrawFit fit = draw_fit(min, max, box);
    const SDL_Rect *rects;
    assert_int_equal(draw_figure_cued(whole.buffers, &b, fit, box, &whole.theme,
                                      whole.theme.background, &cues), 0);
    assert_int_equal(painted_area(whole.buffers, &rects), 620 * 340); /* all of it */
    assert_int_equal(draw_figure_cued(limited.buffers, &a, fit, box, &limited.theme,
                                      limited.theme.background, &cues), 0);
    draw_limit_next(limited.buffers);
    assert_int_equal(draw_figure_cued(limited.buffers, &b, fit, box, &limited.theme,
                                      limited.theme.background, &cues), 0);
    int area = painted_area(limited.buffers, &rects), n = draw_painted(limited.buffers, &rects);
    SDL_RenderFlush(whole.renderer);
    SDL_RenderFlush(limited.renderer);
    assert_int_equal(pixels_differing(whole.surface, limited.surface, 640, 360), 0);
    /* a few rectangles round the back and its arrow, well inside the box,
     * not down to the mat */
    print_message("%d rectangles, %d of %d pixels\n", n, area, 620 * 340);
    assert_true(n >= 1 && n <= DAMAGE_MAX_RECTS);
    assert_true(area < 620 * 340 / 2);
    for (int i = 0; i < n; i++)
        assert_true(rects[i].y + rects[i].h < 10 + 340 - 10);
    /* the same frame again: nothing to paint */
    draw_limit_next(limited.buffers);
    assert_int_equal(draw_figure_cued(limited.buffers, &b, fit, box, &limited.theme,
                                      limited.theme.background, &cues), 0);
    assert_int_equal(draw_painted(limited.buffers, &rects), 0);
    canvas_free(&whole, "limited-whole");
    canvas_free(&limited, "limited");
}

/* A figure lying on its back along the floor: the standing fixture turned
 * a quarter, head to the left. */
static FigureFrame lying(float lift)
{
    FigureFrame s = fixture_standing(0.1f, -0.1f), f = s;
    for (int j = 0; j < SKEL_JOINT_COUNT; j++)
        f.joint[j] = (Vec2){ s.joint[j].y - 0.9f, 0.14f + s.joint[j].x };
    f.joint[SKEL_LUMBAR].y += lift; /* the low back arches off the mat */
    f.prop = PROP_MAT;
    f.floor = true;
    return f;
}

/* The detail: a magnified inset above a lying figure, framed, with the
 * figure in it; none without cues, none where a standing figure leaves no
 * room. Drawn over the last frame it matches a whole draw to the bit. */
static void test_detail(void **state)
{
    (void)state;
    SDL_FRect box = { 0, 0, 640, 360 };
    Vec2 min = { -1.0f, 0.0f }, max = { 0.95f, 0.45f };
    DrawFit fit = draw_fit(min, max, box);
    FigureFrame a = lying(0.0f), b = lying(0.03f);
    DrawCues cues = { .arrow = { .joint = -1 }, .detail = { 2.5f, a.joint[SKEL_PELVIS] } };
    SDL_FRect inset;
    DrawFit zoomed, low;
    assert_true(draw_detail_place(fit, box, &cues.detail, &low, &inset, &zoomed));
    /* the figure down on the floor margin, the detail above it, inside the
     * box, magnified */
    assert_true(low.y0 > fit.y0 + 10.0f);
    assert_float_equal(low.scale, fit.scale, 1e-6);
    float top = low.y0 - max.y * low.scale;
    assert_true(inset.y >= box.y && inset.y + inset.h <= top);
    assert_true(inset.x >= box.x && inset.x + inset.w <= box.x + box.w);
    assert_true(inset.h >= 0.25f * box.h);
    assert_float_equal(zoomed.scale, 2.5f * fit.scale, 1e-3);
    /* a standing figure fills the box's height: no room */
    DrawFit tall = draw_fit((Vec2){ -0.5f, 0.0f }, (Vec2){ 0.5f, 1.8f }, box);
    assert_false(draw_detail_place(tall, box, &cues.detail, &low, &inset, &zoomed));

    Canvas plain = canvas_new(640, 360), whole = canvas_new(640, 360), part = canvas_new(640, 360);
    assert_int_equal(draw_figure_cued(plain.buffers, &b, fit, box, &plain.theme,
                                      plain.theme.background, NULL), 0);
    assert_int_equal(draw_figure_cued(whole.buffers, &b, fit, box, &whole.theme,
                                      whole.theme.background, &cues), 0);
    assert_int_equal(draw_figure_cued(part.buffers, &a, fit, box, &part.theme,
                                      part.theme.background, &cues), 0);
    draw_limit_next(part.buffers);
    assert_int_equal(draw_figure_cued(part.buffers, &b, fit, box, &part.theme,
                                      part.theme.background, &cues), 0);
    SDL_RenderFlush(plain.renderer);
    SDL_RenderFlush(whole.renderer);
    SDL_RenderFlush(part.renderer);
    int differ = pixels_differing(whole.surface, part.surface, 640, 360);
    int in_inset = 0, in_inset_plain = 0;
    for (int y = 0; y < 360; y++)
        for (int x = 0; x < 640; x++) {
            SDL_Color p = render_pixel(whole.surface, x, y);
            bool inside = x > inset.x + 3 && x < inset.x + inset.w - 3 && y > inset.y + 3 &&
                          y < inset.y + inset.h - 3;
            in_inset += inside && is_figure(p);
            in_inset_plain += inside && is_figure(render_pixel(plain.surface, x, y));
        }
    assert_int_equal(differ, 0);
    assert_int_equal(in_inset_plain, 0);
    /* the trunk at 2.5 times: a band a dozen pixels thick across the inset */
    assert_true(in_inset > 1500);
    /* the frame round the inset, in the floor's colour */
    SDL_Color edge = render_pixel(whole.surface, (int)(inset.x + inset.w / 2), (int)inset.y);
    assert_true(edge.r == whole.theme.floor.r && edge.g == whole.theme.floor.g &&
                edge.b == whole.theme.floor.b);
    canvas_free(&plain, "detail-none");
    canvas_free(&whole, "detail");
    canvas_free(&part, "detail-limited");
}

int main(void)
{
    if (SDL_Init(0) != 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fit),
        cmocka_unit_test(test_clipped_to_box),
        cmocka_unit_test(test_nothing_below_floor),
        cmocka_unit_test(test_head_position),
        cmocka_unit_test(test_far_side_colour),
        cmocka_unit_test(test_widths_scale),
        cmocka_unit_test(test_props),
        cmocka_unit_test(test_repeatable),
        cmocka_unit_test(test_cues),
        cmocka_unit_test(test_limited_equals_whole),
        cmocka_unit_test(test_detail),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    SDL_Quit();
    return rc;
}
