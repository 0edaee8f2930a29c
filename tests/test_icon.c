/* icon: the bundled icon loads at 256x256 with see-through corners; a
 * missing, empty or non-image icon loads as NULL and leaves the window as it
 * was, without an error. */
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

#include "icon.h"

#define ASSETS LIMBER_SOURCE_DIR "/assets"

/* A scratch directory in the build tree, made once per run. */
static char scratch[1024];

/* scratch/<name>, an assets directory whose icon/limber.png holds `bytes`. */
static void write_fake_icon(char *dir, size_t size, const char *name, const char *bytes)
{
    char path[1200];
    snprintf(dir, size, "%s/%s", scratch, name);
    assert_int_equal(mkdir(dir, 0700), 0);
    snprintf(path, sizeof path, "%s/icon", dir);
    assert_int_equal(mkdir(path, 0700), 0);
    snprintf(path, sizeof path, "%s/%s", dir, ICON_PATH);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(bytes, f);
    fclose(f);
}

static void remove_fake_icon(const char *dir)
{
    char path[1200];
    snprintf(path, sizeof path, "%s/%s", dir, ICON_PATH);
    remove(path);
    snprintf(path, sizeof path, "%s/icon", dir);
    rmdir(path);
    rmdir(dir);
}

static Uint8 alpha_at(SDL_Surface *s, int x, int y)
{
    Uint32 pixel;
    Uint8 r, g, b, a;
    SDL_LockSurface(s);
    memcpy(&pixel, (Uint8 *)s->pixels + y * s->pitch + x * s->format->BytesPerPixel,
           s->format->BytesPerPixel);
    SDL_UnlockSurface(s);
    SDL_GetRGBA(pixel, s->format, &r, &g, &b, &a);
    return a;
}

static void test_bundled_icon(void **state)
{
    (void)state;
    SDL_Surface *s = icon_load(ASSETS);
    assert_non_null(s);
    assert_int_equal(s->w, 256);
    assert_int_equal(s->h, 256);
    /* the rounded square: corners transparent, middle opaque */
    assert_int_equal(alpha_at(s, 0, 0), 0);
    assert_int_equal(alpha_at(s, 255, 255), 0);
    assert_int_equal(alpha_at(s, 128, 128), 255);
    SDL_FreeSurface(s);
}

static void test_bad_icons(void **state)
{
    (void)state;
    static const struct {
        const char *name, *bytes; /* bytes NULL: no directory at all */
    } cases[] = {
        { "missing", NULL },
        { "empty", "" },
        { "text", "not a png\n" },
        { "truncated", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR" },
    };
    SDL_Window *window = SDL_CreateWindow("icon", 0, 0, 64, 64, SDL_WINDOW_HIDDEN);
    assert_non_null(window);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char dir[1100];
        if (cases[i].bytes)
            write_fake_icon(dir, sizeof dir, cases[i].name, cases[i].bytes);
        else
            snprintf(dir, sizeof dir, "%s/no-such-dir", scratch);
        SDL_Surface *s = icon_load(dir);
        if (s)
            fprintf(stderr, "case %s loaded\n", cases[i].name);
        assert_null(s);
        assert_false(icon_set(window, dir));
        if (cases[i].bytes)
            remove_fake_icon(dir);
    }
    assert_true(icon_set(window, ASSETS));
    SDL_DestroyWindow(window);
}

static int setup(void **state)
{
    (void)state;
    char *base = SDL_GetBasePath();
    if (!base)
        return -1;
    snprintf(scratch, sizeof scratch, "%slimber-icon-XXXXXX", base);
    SDL_free(base);
    if (!mkdtemp(scratch))
        return -1;
    return SDL_Init(SDL_INIT_VIDEO) == 0 ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    SDL_Quit();
    rmdir(scratch);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bundled_icon),
        cmocka_unit_test(test_bad_icons),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
