/* An all-day run in seconds: the full routine on loop for eight simulated
 * hours, an App under SDL's offscreen driver drawing a frame every simulated
 * second. After the first loop the heap must stay flat (no growth, so no
 * slow leak a clinic would meet in week two), and at the end the player's
 * clock must still agree exactly with a fresh player moved straight there. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <SDL.h>

#if defined(__SANITIZE_ADDRESS__)
#define SOAK_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SOAK_ASAN 1
#endif
#endif
#ifdef SOAK_ASAN
/* from <sanitizer/allocator_interface.h>, which gcc does not install */
size_t __sanitizer_get_current_allocated_bytes(void);
#else
#include <malloc.h>
#endif

#include "app.h"
#include "catalog.h"
#include "player.h"

#define EPS 1e-6
#define SOAK_SECONDS (8.0 * 3600.0)
/* The simulated frame step: every second of the countdowns is drawn, and
 * every loop sees exactly the same frames, so its memory can be compared
 * (the loop, 2310 s, is a whole number of steps). Under ASan a frame costs
 * six times as much: every fifth second keeps the run under half a minute
 * and still draws every segment, the shortest being 5 s. */
#ifdef SOAK_ASAN
#define SOAK_STEP 5.0
#else
#define SOAK_STEP 1.0
#endif
/* Measured: the heap at the start of loops 2 to 12 varies by under 500
 * bytes (malloc's bookkeeping of a few reused blocks), with no trend. */
#define SOAK_HEAP_SLACK 2048

static Options options(void)
{
    Options opt = { .command = "play", .display = -1, .speed = 1.0, .window_w = 320,
                    .window_h = 180, .loop = true };
    snprintf(opt.data_dir, sizeof opt.data_dir, "%s/data", LIMBER_SOURCE_DIR);
    snprintf(opt.assets_dir, sizeof opt.assets_dir, "%s/assets", LIMBER_SOURCE_DIR);
    return opt;
}

/* Live heap bytes: the allocator's own count (ASan's, or glibc's). Both
 * count every malloc of ours, SDL's, SDL_ttf's and FreeType's. */
static size_t heap_bytes(void)
{
#ifdef SOAK_ASAN
    return __sanitizer_get_current_allocated_bytes();
#else
    struct mallinfo2 mi = mallinfo2();
    return mi.uordblks + mi.hblkhd;
#endif
}

typedef struct {
    size_t heap;
    int sdl_allocations;
} Memory;

static Memory memory(void)
{
    return (Memory){ heap_bytes(), SDL_GetNumAllocations() };
}

static void soak_routine(const char *routine)
{
    Options opt = options();
    int code = -1;
    App *app = app_new(&opt, APP_PLAY, routine, &code);
    assert_non_null(app);
    assert_int_equal(code, 0);

    /* the plan, from the tables, as a fresh player we can move anywhere */
    DiagList diags = { 0 };
    Catalog *cat = catalog_load(opt.data_dir, &diags);
    assert_non_null(cat);
    assert_int_equal(diags.count, 0);
    int r = catalog_find_routine(cat, routine);
    assert_true(r >= 0);
    Player *fresh = player_new_routine(cat, catalog_routine(cat, (size_t)r));
    assert_non_null(fresh);
    player_set_loop(fresh, true);
    player_start(fresh, 0.0);

    assert_true(app_frame(app, 0.0));
    PlayerState s;
    assert_true(app_player_state(app, &s));
    double total = s.total;
    assert_float_equal(total, catalog_routine_seconds(cat, catalog_routine(cat, (size_t)r)),
                       EPS);
    assert_true(total > 60.0 && total < SOAK_SECONDS / 4);
    assert_float_equal(fmod(total, SOAK_STEP), 0.0, EPS); /* same frames every loop */

    /* the first loop fills every cache (text, glyphs, buffers) */
    double t = 0.0;
    int frames = 0;
    while (t + SOAK_STEP < total) {
        t += SOAK_STEP;
        assert_true(app_frame(app, t));
        frames++;
    }
    t += SOAK_STEP; /* the first frame of the second loop */
    assert_true(app_frame(app, t));
    frames++;
    Memory after_first = memory();
    int drawn_first = app_frames_drawn(app);

    /* Memory is compared at the same moment of every loop (the first frame
     * of it): the caption cache holds different textures mid-step than at
     * the start, but the same ones at the same moment of each loop. */
    int loops_seen = 0, last_segment = -1;
    Memory peak = after_first;
    while (t < SOAK_SECONDS) {
        t += SOAK_STEP;
        assert_true(app_frame(app, t));
        assert_true(app_player_state(app, &s));
        if (s.segment < last_segment) {
            loops_seen++;
            Memory m = memory();
            if (m.heap > peak.heap)
                peak.heap = m.heap;
            if (m.sdl_allocations > peak.sdl_allocations)
                peak.sdl_allocations = m.sdl_allocations;
        }
        last_segment = s.segment;
        frames++;
    }
    int drawn = app_frames_drawn(app) - drawn_first;

    print_message("%s: %.0f s a loop, %d frames, %d drawn after the first loop, %d loops; "
                  "heap at a loop's start %zu, at most %zu after; SDL allocations %d, at most "
                  "%d after\n",
                  routine, total, frames, drawn, loops_seen + 1, after_first.heap, peak.heap,
                  after_first.sdl_allocations, peak.sdl_allocations);

    /* it really played and drew all day: every loop, a frame nearly
     * every step (the countdown changes each second) */
    assert_int_equal(loops_seen, (int)floor(t / total) - 1);
    assert_true(drawn > (int)((SOAK_SECONDS - total) / SOAK_STEP * 0.9));

    /* Flat memory. SDL's allocations: exactly as many. The heap: within
     * SOAK_HEAP_SLACK of the first loop's; a leak of one caption string a
     * frame would be 40 kB a loop, one of a texture a step far more. */
    assert_true(peak.sdl_allocations <= after_first.sdl_allocations);
    assert_true(peak.heap <= after_first.heap + SOAK_HEAP_SLACK);

    /* timers exact after eight hours: the same state as a player moved
     * there in one step, and the position the loop arithmetic says */
    assert_true(app_player_state(app, &s));
    player_advance(fresh, t);
    PlayerState want;
    player_state(fresh, &want);
    assert_float_equal(s.elapsed, fmod(t, total), 1e-6);
    assert_float_equal(s.elapsed, want.elapsed, 1e-9);
    assert_float_equal(s.segment_left, want.segment_left, 1e-9);
    assert_float_equal(s.anim_t, want.anim_t, 1e-9);
    assert_int_equal(s.segment, want.segment);
    assert_int_equal(s.step, want.step);
    assert_int_equal(s.rep, want.rep);
    assert_int_equal(s.set, want.set);
    assert_int_equal(s.kind, want.kind);
    assert_false(s.finished);

    player_free(fresh);
    catalog_free(cat);
    diag_free(&diags);
    app_free(app);
}

static void test_soak_full(void **state)
{
    (void)state;
    soak_routine("full");
}

int main(int argc, char **argv)
{
    (void)argc;
    (void)argv;
#ifndef SOAK_ASAN
    /* glibc's per-thread cache counts freed blocks as in use, up to a few
     * kB that drift with the order of frees; without it the count is the
     * live heap. The tunable is read at start-up, so start again with it. */
    if (!getenv("GLIBC_TUNABLES")) {
        setenv("GLIBC_TUNABLES", "glibc.malloc.tcache_count=0", 1);
        execv("/proc/self/exe", argv);
        /* no /proc: measure with the cache; the slack may then be too tight */
    }
#endif
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_soak_full),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
