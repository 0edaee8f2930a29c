/* text: fonts open or fail clearly, the texture cache hits, measure agrees
 * with the textures, and nothing used this frame is evicted. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include <SDL.h>

#include "render.h"
#include "text.h"

#define ASSETS LIMBER_SOURCE_DIR "/assets"

static const SDL_Color WHITE = { 255, 255, 255, 255 };
static const SDL_Color AMBER = { 255, 190, 60, 255 };

typedef struct {
    SDL_Surface *surface;
    SDL_Renderer *renderer;
    Text *text;
} Fixture;

static int setup(void **state)
{
    static Fixture f;
    f.renderer = render_offscreen_new(320, 200, &f.surface);
    if (!f.renderer)
        return -1;
    f.text = text_open(f.renderer, ASSETS);
    if (!f.text)
        return -1;
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    text_close(f->text);
    render_offscreen_free(f->renderer, f->surface);
    return 0;
}

/* ---- Opening ------------------------------------------------------------- */

static char *make_dir_with_font(const char *content, size_t len)
{
    const char *tmp = getenv("TMPDIR");
    char *dir = malloc(1024);
    assert_non_null(dir);
    snprintf(dir, 1024, "%s/limber-text-XXXXXX", tmp ? tmp : ".");
    assert_non_null(mkdtemp(dir));
    char path[1200];
    snprintf(path, sizeof path, "%s/fonts", dir);
    assert_int_equal(mkdir(path, 0755), 0);
    if (content) {
        snprintf(path, sizeof path, "%s/fonts/DejaVuSans.ttf", dir);
        FILE *f = fopen(path, "wb");
        assert_non_null(f);
        fwrite(content, 1, len, f);
        fclose(f);
    }
    return dir;
}

static void remove_dir(char *dir)
{
    char path[1200];
    snprintf(path, sizeof path, "%s/fonts/DejaVuSans.ttf", dir);
    remove(path);
    snprintf(path, sizeof path, "%s/fonts", dir);
    rmdir(path);
    rmdir(dir);
    free(dir);
}

static void test_open_failures(void **state)
{
    (void)state;
    static const struct { const char *content; size_t len; } cases[] = {
        { NULL, 0 },                                     /* no font file at all */
        { "not a font at all, just text\n", 29 },        /* damaged */
        { "\0\1\0\0\0\x0c\0\x80\0\3\0\x40", 12 },       /* a TrueType header, cut off */
    };
    SDL_Surface *s;
    SDL_Renderer *r = render_offscreen_new(64, 64, &s);
    assert_non_null(r);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *dir = make_dir_with_font(cases[i].content, cases[i].len);
        SDL_ClearError();
        Text *t = text_open(r, dir);
        assert_null(t);
        /* the message names the file it could not use */
        assert_non_null(strstr(SDL_GetError(), "DejaVuSans.ttf"));
        remove_dir(dir);
    }
    render_offscreen_free(r, s);
}

/* ---- The cache ------------------------------------------------------------ */

static void test_cache_hits(void **state)
{
    Fixture *f = *state;
    int w, h, w2, h2;
    SDL_Texture *a = text_texture(f->text, "Cat-Camel", 32, TEXT_BOLD, WHITE, 0, &w, &h);
    assert_non_null(a);
    int renders = text_render_count(f->text);
    static const struct {
        const char *s;
        int px;
        TextWeight weight;
        SDL_Color color;
        int wrap;
        bool same;
    } cases[] = {
        { "Cat-Camel", 32, TEXT_BOLD, { 255, 255, 255, 255 }, 0, true },
        { "Cat-Camel", 32, TEXT_REGULAR, { 255, 255, 255, 255 }, 0, false },
        { "Cat-Camel", 33, TEXT_BOLD, { 255, 255, 255, 255 }, 0, false },
        { "Cat-Camel", 32, TEXT_BOLD, { 255, 190, 60, 255 }, 0, false },
        { "Cat-Camel", 32, TEXT_BOLD, { 255, 255, 255, 255 }, 400, false },
        { "Cat-camel", 32, TEXT_BOLD, { 255, 255, 255, 255 }, 0, false },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int before = text_render_count(f->text);
        SDL_Texture *t = text_texture(f->text, cases[i].s, cases[i].px, cases[i].weight,
                                      cases[i].color, cases[i].wrap, &w2, &h2);
        assert_non_null(t);
        assert_int_equal(t == a, cases[i].same);
        assert_int_equal(text_render_count(f->text) - before, cases[i].same ? 0 : 1);
        /* asked again: always a hit */
        SDL_Texture *again = text_texture(f->text, cases[i].s, cases[i].px, cases[i].weight,
                                          cases[i].color, cases[i].wrap, &w2, &h2);
        assert_ptr_equal(again, t);
        assert_int_equal(text_render_count(f->text) - before, cases[i].same ? 0 : 1);
    }
    assert_int_equal(text_render_count(f->text), renders + 5);
}

static void test_empty_string(void **state)
{
    Fixture *f = *state;
    int w = -1, h = -1;
    assert_null(text_texture(f->text, "", 20, TEXT_REGULAR, WHITE, 0, &w, &h));
    assert_int_equal(w, 0);
    assert_int_equal(h, 0);
}

/* A whole frame's worth of captions beyond the cache's size stays valid
 * (never evicted in the frame it was used); later frames evict the oldest. */
static void test_eviction(void **state)
{
    Fixture *f = *state;
    char s[32];
    int w, h;
    SDL_Texture *first[300];
    text_end_frame(f->text);
    for (int i = 0; i < 300; i++) {
        snprintf(s, sizeof s, "caption %d", i);
        first[i] = text_texture(f->text, s, 14, TEXT_REGULAR, AMBER, 0, &w, &h);
        assert_non_null(first[i]);
    }
    int renders = text_render_count(f->text);
    for (int i = 0; i < 300; i++) {
        snprintf(s, sizeof s, "caption %d", i);
        assert_ptr_equal(text_texture(f->text, s, 14, TEXT_REGULAR, AMBER, 0, &w, &h), first[i]);
    }
    assert_int_equal(text_render_count(f->text), renders);
    /* Many frames later, with many other captions, "caption 0" was evicted
     * and is rendered again when asked for. */
    for (int frame = 0; frame < 4; frame++) {
        text_end_frame(f->text);
        for (int i = 0; i < 300; i++) {
            snprintf(s, sizeof s, "other %d", i);
            assert_non_null(text_texture(f->text, s, 14, TEXT_REGULAR, AMBER, 0, &w, &h));
        }
    }
    renders = text_render_count(f->text);
    assert_non_null(text_texture(f->text, "caption 0", 14, TEXT_REGULAR, AMBER, 0, &w, &h));
    assert_int_equal(text_render_count(f->text), renders + 1);
}

/* Text off screen is kept up to about a screen of pixels (320x200 here),
 * long before the cache runs out of entries: an old caption is rendered
 * again, while one shown in every frame, or in the last one, is not. */
static void test_cache_budget(void **state)
{
    Fixture *f = *state;
    char s[32];
    int w, h;
    text_end_frame(f->text);
    assert_non_null(text_texture(f->text, "old", 14, TEXT_REGULAR, AMBER, 0, &w, &h));
    assert_non_null(text_texture(f->text, "kept", 14, TEXT_REGULAR, AMBER, 0, &w, &h));
    int renders = text_render_count(f->text);
    int drawn = 0;
    for (int frame = 0; frame < 10; frame++) {
        text_end_frame(f->text);
        assert_non_null(text_texture(f->text, "kept", 14, TEXT_REGULAR, AMBER, 0, &w, &h));
        for (int i = 0; i < 10; i++, drawn++) {
            snprintf(s, sizeof s, "budget caption %d", drawn);
            assert_non_null(text_texture(f->text, s, 14, TEXT_REGULAR, AMBER, 0, &w, &h));
        }
    }
    /* 100 captions of ~110x17 pixels: twice the 320x200 budget, and fewer
     * than the cache's 128 entries */
    assert_true(drawn * w * h > 2 * 320 * 200);
    assert_int_equal(text_render_count(f->text), renders + drawn);
    assert_non_null(text_texture(f->text, "kept", 14, TEXT_REGULAR, AMBER, 0, &w, &h));
    assert_int_equal(text_render_count(f->text), renders + drawn);
    text_end_frame(f->text);
    snprintf(s, sizeof s, "budget caption %d", drawn - 1); /* shown in the last frame */
    assert_non_null(text_texture(f->text, s, 14, TEXT_REGULAR, AMBER, 0, &w, &h));
    assert_int_equal(text_render_count(f->text), renders + drawn);
    assert_non_null(text_texture(f->text, "old", 14, TEXT_REGULAR, AMBER, 0, &w, &h));
    assert_int_equal(text_render_count(f->text), renders + drawn + 1);
}

/* ---- Measure -------------------------------------------------------------- */

static void test_measure_matches_texture(void **state)
{
    Fixture *f = *state;
    static const struct {
        const char *s;
        int px;
        TextWeight weight;
        int wrap;
        int min_lines;
    } cases[] = {
        { "Knee to chest", 24, TEXT_REGULAR, 0, 1 },
        { "Knee to chest", 72, TEXT_BOLD, 0, 1 },
        { "Lie on your back, knees bent, feet flat on the floor, and draw one knee "
          "slowly toward your chest.", 20, TEXT_REGULAR, 240, 3 },
        { "Kräftigung — Übung für den Rücken: ruhig atmen", 28, TEXT_BOLD, 300, 2 },
        { "0:30", 96, TEXT_BOLD, 0, 1 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int mw, mh, tw, th;
        text_measure(f->text, cases[i].s, cases[i].px, cases[i].weight, cases[i].wrap, &mw, &mh);
        SDL_Texture *t = text_texture(f->text, cases[i].s, cases[i].px, cases[i].weight, WHITE,
                                      cases[i].wrap, &tw, &th);
        assert_non_null(t);
        int qw, qh;
        SDL_QueryTexture(t, NULL, NULL, &qw, &qh);
        assert_int_equal(qw, tw);
        assert_int_equal(qh, th);
        assert_int_equal(mw, tw);
        assert_int_equal(mh, th);
        if (cases[i].wrap > 0)
            assert_true(tw <= cases[i].wrap);
        /* a line is about px high: wrapped text is as many lines high */
        assert_true(th >= cases[i].min_lines * cases[i].px);
    }
}

/* On an opaque ground the texture is the text mixed into that colour: in
 * the offscreen surface's own format (so drawing it is a plain copy),
 * unblended, its corner the ground and its strokes the text colour; a
 * different ground is a different texture. */
static void test_opaque_ground(void **state)
{
    Fixture *f = *state;
    const SDL_Color ground = { 22, 27, 34, 255 };
    int w = 0, h = 0;
    SDL_Texture *t = text_texture_on(f->text, "Hold", 40, TEXT_BOLD, WHITE, ground, 0, &w, &h);
    assert_non_null(t);
    Uint32 format;
    assert_int_equal(SDL_QueryTexture(t, &format, NULL, NULL, NULL), 0);
    assert_int_equal(format, RENDER_OFFSCREEN_FORMAT);
    SDL_BlendMode mode;
    SDL_GetTextureBlendMode(t, &mode);
    assert_int_equal(mode, SDL_BLENDMODE_NONE);

    SDL_SetRenderDrawColor(f->renderer, 255, 0, 0, 255); /* red: must be covered */
    SDL_RenderClear(f->renderer);
    SDL_RenderCopy(f->renderer, t, NULL, &(SDL_Rect){ 0, 0, w, h });
    SDL_RenderFlush(f->renderer);
    SDL_Color corner = render_pixel(f->surface, 0, 0);
    assert_int_equal(corner.r, ground.r);
    assert_int_equal(corner.b, ground.b);
    int white = 0;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            SDL_Color p = render_pixel(f->surface, x, y);
            assert_false(p.r == 255 && p.g == 0); /* nothing of the red shows through */
            white += p.r == 255 && p.g == 255 && p.b == 255;
        }
    assert_true(white > 50);
    SDL_Texture *other = text_texture_on(f->text, "Hold", 40, TEXT_BOLD, WHITE, AMBER, 0, &w, &h);
    assert_ptr_not_equal(other, t);
}

/* A wrapped caption measured first (screens measure to fit, then draw) is
 * drawn from the measuring render, recoloured: pixel for pixel what a
 * fresh render draws, in two colours on two grounds. */
static void draw_on(Fixture *f, Text *text, const char *s, SDL_Color color, SDL_Color ground,
                    Uint32 *out, int *w, int *h)
{
    SDL_Texture *t = text_texture_on(text, s, 30, TEXT_REGULAR, color, ground, 200, w, h);
    assert_non_null(t);
    assert_true(*w <= 320 && *h <= 200);
    SDL_SetRenderDrawColor(f->renderer, 255, 0, 0, 255);
    SDL_RenderClear(f->renderer);
    SDL_RenderCopy(f->renderer, t, NULL, &(SDL_Rect){ 0, 0, *w, *h });
    SDL_RenderFlush(f->renderer);
    for (int y = 0; y < *h; y++)
        for (int x = 0; x < *w; x++) {
            SDL_Color p = render_pixel(f->surface, x, y);
            out[y * 320 + x] = (Uint32)p.r << 16 | (Uint32)p.g << 8 | p.b;
        }
}

static void test_measured_then_drawn(void **state)
{
    Fixture *f = *state;
    static Uint32 fresh[320 * 200], reused[320 * 200];
    const char *s = "Breathe out and round your back up high.";
    const SDL_Color grounds[2] = { { 22, 27, 34, 255 }, { 240, 240, 235, 255 } };
    const SDL_Color colors[2] = { AMBER, { 20, 30, 200, 255 } };
    for (int k = 0; k < 2; k++) {
        Text *plain = text_open(f->renderer, ASSETS); /* nothing measured before */
        assert_non_null(plain);
        int fw, fh, rw, rh, mw, mh;
        draw_on(f, plain, s, colors[k], grounds[k], fresh, &fw, &fh);
        text_close(plain);
        Text *measured = text_open(f->renderer, ASSETS);
        assert_non_null(measured);
        text_measure(measured, s, 30, TEXT_REGULAR, 200, &mw, &mh);
        draw_on(f, measured, s, colors[k], grounds[k], reused, &rw, &rh);
        text_close(measured);
        assert_int_equal(mw, fw);
        assert_int_equal(mh, fh);
        assert_int_equal(rw, fw);
        assert_int_equal(rh, fh);
        int strokes = 0;
        for (int y = 0; y < fh; y++)
            for (int x = 0; x < fw; x++) {
                assert_int_equal(reused[y * 320 + x], fresh[y * 320 + x]);
                strokes += fresh[y * 320 + x] != ((Uint32)grounds[k].r << 16 |
                                                  (Uint32)grounds[k].g << 8 | grounds[k].b);
            }
        assert_true(strokes > 200); /* there is text to compare */
    }
}

int main(void)
{
    if (SDL_Init(0) != 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_open_failures),
        cmocka_unit_test_setup_teardown(test_cache_hits, setup, teardown),
        cmocka_unit_test_setup_teardown(test_empty_string, setup, teardown),
        cmocka_unit_test_setup_teardown(test_eviction, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cache_budget, setup, teardown),
        cmocka_unit_test_setup_teardown(test_measure_matches_texture, setup, teardown),
        cmocka_unit_test_setup_teardown(test_opaque_ground, setup, teardown),
        cmocka_unit_test_setup_teardown(test_measured_then_drawn, setup, teardown),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    SDL_Quit();
    return rc;
}
