/* image: surfaces written as PNG read back pixel for pixel (alpha kept,
 * any source format converted); what is not a whole PNG, or is larger than
 * IMAGE_MAX_SIDE, reads as NULL with a reason, never a crash. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <SDL.h>

#include "image.h"

/* A scratch file in the build tree, made once per run. */
static char scratch[1024];

/* The pixel at x, y of any surface, as RGBA. */
static SDL_Color pixel_at(SDL_Surface *s, int x, int y)
{
    Uint32 v = 0;
    SDL_Color c;
    memcpy(&v, (Uint8 *)s->pixels + y * s->pitch + x * s->format->BytesPerPixel,
           s->format->BytesPerPixel);
    SDL_GetRGBA(v, s->format, &c.r, &c.g, &c.b, &c.a);
    return c;
}

/* A w x h surface of format whose every pixel differs from its neighbours
 * (alpha too, where the format has it). */
static SDL_Surface *pattern(int w, int h, Uint32 format)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, format);
    assert_non_null(s);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            Uint32 v = SDL_MapRGBA(s->format, (Uint8)(x * 7 + y), (Uint8)(y * 13 + x * 3),
                                   (Uint8)(x ^ y), (Uint8)(255 - ((x + y) & 127)));
            memcpy((Uint8 *)s->pixels + y * s->pitch + x * 4, &v, 4);
        }
    return s;
}

static void test_round_trip(void **state)
{
    (void)state;
    static const struct {
        int w, h;
        Uint32 format;
    } cases[] = {
        { 1, 1, SDL_PIXELFORMAT_RGBA32 },
        { 3, 2, SDL_PIXELFORMAT_RGBA32 },
        { 256, 256, SDL_PIXELFORMAT_RGBA32 },
        { 17, 5, SDL_PIXELFORMAT_ARGB8888 }, /* converted on the way out */
        { 9, 9, SDL_PIXELFORMAT_RGB888 },    /* no alpha: read back opaque */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        SDL_Surface *out = pattern(cases[i].w, cases[i].h, cases[i].format);
        assert_int_equal(image_write_png(out, scratch), 0);
        SDL_Surface *in = image_read_png(scratch);
        assert_non_null(in);
        assert_int_equal(in->format->format, SDL_PIXELFORMAT_RGBA32);
        assert_int_equal(in->w, cases[i].w);
        assert_int_equal(in->h, cases[i].h);
        for (int y = 0; y < in->h; y++)
            for (int x = 0; x < in->w; x++) {
                SDL_Color a = pixel_at(out, x, y), b = pixel_at(in, x, y);
                if (a.r != b.r || a.g != b.g || a.b != b.b || a.a != b.a)
                    fail_msg("case %zu: pixel %d,%d was %d,%d,%d,%d, read %d,%d,%d,%d", i, x,
                             y, a.r, a.g, a.b, a.a, b.r, b.g, b.b, b.a);
            }
        SDL_FreeSurface(in);
        SDL_FreeSurface(out);
    }
}

static void test_not_a_png(void **state)
{
    (void)state;
    /* a whole PNG, to cut short */
    SDL_Surface *out = pattern(64, 64, SDL_PIXELFORMAT_RGBA32);
    assert_int_equal(image_write_png(out, scratch), 0);
    SDL_FreeSurface(out);
    size_t len = 0;
    char *png = SDL_LoadFile(scratch, &len);
    assert_non_null(png);
    assert_true(len > 100);
    static const struct {
        const char *name, *bytes;
        size_t len; /* 0: strlen(bytes); bytes NULL: the first len bytes of the PNG */
    } cases[] = {
        { "empty", "", 0 },
        { "text", "not a png\n", 0 },
        { "signature only", "\x89PNG\r\n\x1a\n", 8 },
        { "header cut", NULL, 20 },
        { "pixels cut", NULL, 90 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *bytes = cases[i].bytes ? cases[i].bytes : png;
        size_t n = cases[i].len ? cases[i].len : strlen(bytes);
        SDL_ClearError();
        SDL_Surface *in = image_load_png(bytes, n);
        if (in)
            fail_msg("case %s loaded", cases[i].name);
        assert_true(strlen(SDL_GetError()) > 0);
    }
    SDL_free(png);
    assert_null(image_read_png("no/such/file.png"));
}

/* One pixel wider than allowed: refused before its pixels are allocated. */
static void test_too_large(void **state)
{
    (void)state;
    static const int sides[][2] = { { IMAGE_MAX_SIDE + 1, 1 }, { 1, IMAGE_MAX_SIDE + 1 } };
    for (size_t i = 0; i < sizeof sides / sizeof sides[0]; i++) {
        SDL_Surface *out = pattern(sides[i][0], sides[i][1], SDL_PIXELFORMAT_RGBA32);
        assert_int_equal(image_write_png(out, scratch), 0);
        SDL_FreeSurface(out);
        assert_null(image_read_png(scratch));
        assert_non_null(strstr(SDL_GetError(), "at most"));
    }
}

static void test_unwritable(void **state)
{
    (void)state;
    SDL_Surface *out = pattern(4, 4, SDL_PIXELFORMAT_RGBA32);
    SDL_ClearError();
    assert_int_equal(image_write_png(out, "no/such/dir/x.png"), -1);
    assert_true(strlen(SDL_GetError()) > 0);
    SDL_FreeSurface(out);
}

static int setup(void **state)
{
    (void)state;
    char *base = SDL_GetBasePath();
    if (!base)
        return -1;
    snprintf(scratch, sizeof scratch, "%slimber-image-XXXXXX", base);
    SDL_free(base);
    int fd = mkstemp(scratch);
    if (fd < 0)
        return -1;
    close(fd);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    remove(scratch);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_not_a_png),
        cmocka_unit_test(test_too_large),
        cmocka_unit_test(test_unwritable),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
