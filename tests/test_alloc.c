/* No allocation in the steady frame loop: malloc and friends are replaced
 * in this executable (so every library's calls land here too: SDL, SDL_ttf,
 * FreeType, ours) and counted while a few hundred frames of the real play,
 * show and home screens run through app_frame under the offscreen driver.
 *
 * One thing may allocate: a caption whose text changed becomes a new
 * texture (the clock ticking once a second). Such frames are allowed, but
 * only a few per second; every other frame must allocate nothing. (SDL
 * 2.26's software renderer would allocate for every blended triangle;
 * draw.c fills the figure itself, and screens.c draws no blended triangle.) */
#define _GNU_SOURCE /* RTLD_NEXT */
#include <dlfcn.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <SDL.h>
#include <SDL_ttf.h>

#include "app.h"

#if defined(__SANITIZE_ADDRESS__)
#define ALLOC_COUNTING 0 /* ASan owns malloc */
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ALLOC_COUNTING 0
#endif
#endif
#if !defined(ALLOC_COUNTING) && defined(__GLIBC__)
#define ALLOC_COUNTING 1
#endif
#ifndef ALLOC_COUNTING
#define ALLOC_COUNTING 0
#endif

/* ------------------------------------------------------------------ */
/* Counting                                                            */
/* ------------------------------------------------------------------ */

static struct {
    int on; /* count only inside the measured frames */
    long allocs, captions;
} count;

#if ALLOC_COUNTING
/* glibc's own allocator under its internal names. */
extern void *__libc_malloc(size_t n);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t n);
extern void *__libc_memalign(size_t align, size_t n);
extern void __libc_free(void *p);

static void counted(void)
{
    count.allocs += count.on;
}

void *malloc(size_t n)
{
    counted();
    return __libc_malloc(n);
}

void *calloc(size_t n, size_t size)
{
    counted();
    return __libc_calloc(n, size);
}

void *realloc(void *p, size_t n)
{
    counted();
    return __libc_realloc(p, n);
}

void *aligned_alloc(size_t align, size_t n)
{
    counted();
    return __libc_memalign(align, n);
}

int posix_memalign(void **out, size_t align, size_t n)
{
    counted();
    *out = __libc_memalign(align, n);
    return *out ? 0 : 12; /* ENOMEM */
}

void free(void *p)
{
    __libc_free(p);
}

/* The library's own functions, found past this executable. */
static void *next_symbol(const char *name)
{
    void *f = dlsym(RTLD_NEXT, name);
    assert_non_null(f);
    return f;
}

/* text.c renders a caption with one of these; each is a new texture. */
#define COUNT_CAPTION(name, params, args)                                                      \
    SDL_Surface *name params                                                                   \
    {                                                                                          \
        static SDL_Surface *(*real) params;                                                    \
        if (!real)                                                                             \
            *(void **)&real = next_symbol(#name);                                              \
        count.captions += count.on;                                                            \
        return real args;                                                                      \
    }
COUNT_CAPTION(TTF_RenderUTF8_Blended, (TTF_Font * f, const char *s, SDL_Color c), (f, s, c))
COUNT_CAPTION(TTF_RenderUTF8_Blended_Wrapped, (TTF_Font * f, const char *s, SDL_Color c, Uint32 w),
              (f, s, c, w))
COUNT_CAPTION(TTF_RenderUTF8_Shaded, (TTF_Font * f, const char *s, SDL_Color c, SDL_Color bg),
              (f, s, c, bg))
COUNT_CAPTION(TTF_RenderUTF8_Shaded_Wrapped,
              (TTF_Font * f, const char *s, SDL_Color c, SDL_Color bg, Uint32 w), (f, s, c, bg, w))
#endif

/* ------------------------------------------------------------------ */
/* The screens                                                         */
/* ------------------------------------------------------------------ */

typedef struct {
    const char *what;
    AppScreen screen;
    const char *arg;
    double start_s, fps;
    int min_drawn;        /* of ALLOC_FRAMES: proves the frames were drawn */
} AllocCase;

#define ALLOC_WARMUP 120
#define ALLOC_FRAMES 300

static const AllocCase cases[] = {
    /* the daily routine from its first exercise on, at the display's rate */
    { "play", APP_PLAY, "daily", 5.0, 60.0, 60 },
    /* one exercise looping: moving phases draw every few pixels moved */
    { "show", APP_SHOW, "cat-camel", 0.0, 60.0, 60 },
    /* every exercise at once, drawn every frame */
    { "home", APP_HOME, NULL, 0.0, 30.0, ALLOC_FRAMES },
};

static void run_case(const AllocCase *c)
{
    Options opt = { .command = "play", .display = -1, .speed = 1.0, .window_w = 1280,
                    .window_h = 720 };
    snprintf(opt.data_dir, sizeof opt.data_dir, "%s/data", LIMBER_SOURCE_DIR);
    snprintf(opt.assets_dir, sizeof opt.assets_dir, "%s/assets", LIMBER_SOURCE_DIR);
    int code = -1;
    App *app = app_new(&opt, c->screen, c->arg, &code);
    assert_non_null(app);
    assert_int_equal(code, 0);

    double t = c->start_s;
    for (int i = 0; i < ALLOC_WARMUP; i++, t += 1.0 / c->fps)
        assert_true(app_frame(app, t));

    int drawn = app_frames_drawn(app), caption_frames = 0;
    long allocs = 0;
    for (int i = 0; i < ALLOC_FRAMES; i++, t += 1.0 / c->fps) {
        memset(&count, 0, sizeof count);
        count.on = 1;
        bool more = app_frame(app, t);
        count.on = 0;
        assert_true(more);
        if (count.captions > 0) {
            caption_frames++;
            continue;
        }
        if (count.allocs != 0)
            print_error("%s: frame %d at %.3f s: %ld allocations\n", c->what, i, t,
                        count.allocs);
        allocs += count.allocs;
    }
    drawn = app_frames_drawn(app) - drawn;
    print_message("%s: %d frames drawn of %d, %d with a new caption\n", c->what, drawn,
                  ALLOC_FRAMES, caption_frames);
    assert_true(drawn >= c->min_drawn);
    assert_int_equal(allocs, 0);
    /* captions change with the clock: a few a second, never every frame */
    double seconds = ALLOC_FRAMES / c->fps;
    assert_true(caption_frames <= (int)(3 * seconds) + 1);
    app_free(app);
}

static void test_steady_frames_allocate_nothing(void **state)
{
    (void)state;
    if (!ALLOC_COUNTING)
        skip();
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        run_case(&cases[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_steady_frames_allocate_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
