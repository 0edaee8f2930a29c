/* The app's frame under SDL's offscreen driver, with a simulated clock and
 * synthetic input: keys and clicks do what the help says, frames render. */
#include <math.h> /* isinf */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <SDL.h>

#include "app.h"
#include "audio.h"
#include "display.h"
#include "draw.h"
#include "layout.h"
#include "app_fixture.h"
#include "app_internal.h" /* app_item_rect: where the home screen put a button */

#define EPS 1e-6

static Options options(void)
{
    Options opt = { .command = "play", .display = -1, .speed = 1.0, .window_w = 640,
                    .window_h = 360 };
    snprintf(opt.data_dir, sizeof opt.data_dir, "%s/data", LIMBER_SOURCE_DIR);
    snprintf(opt.assets_dir, sizeof opt.assets_dir, "%s/assets", LIMBER_SOURCE_DIR);
    return opt;
}

static void click(int x, int y)
{
    SDL_Event e = { .type = SDL_MOUSEBUTTONDOWN };
    e.button.button = SDL_BUTTON_LEFT;
    e.button.state = SDL_PRESSED;
    e.button.x = x;
    e.button.y = y;
    assert_int_equal(SDL_PushEvent(&e), 1);
}

/* ------------------------------------------------------------------ */

static void test_play_keys(void **state)
{
    (void)state;
    Options opt = options();
    App *app = open_app(&opt, APP_PLAY, "daily");
    PlayerState s = frame(app, 0.0);
    assert_int_equal(app_screen(app), APP_PLAY);
    assert_int_equal(s.kind, PLAYER_GET_READY);
    assert_true(app_frames_drawn(app) >= 1);

    /* Space pauses: the countdown stops while time goes on */
    s = frame(app, 1.0);
    key(SDLK_SPACE);
    s = frame(app, 1.0);
    assert_true(s.paused);
    s = frame(app, 30.0);
    assert_float_equal(s.elapsed, 1.0, EPS);
    assert_float_equal(s.segment_left, 4.0, EPS);
    /* nothing changed on screen: nothing is drawn */
    int drawn = app_frames_drawn(app);
    frame(app, 31.0);
    assert_int_equal(app_frames_drawn(app), drawn);
    key(SDLK_SPACE);
    s = frame(app, 31.0);
    assert_false(s.paused);
    s = frame(app, 32.0);
    assert_float_equal(s.elapsed, 2.0, EPS);

    /* Right skips to the first step, then the second */
    key(SDLK_RIGHT);
    s = frame(app, 32.0);
    assert_int_equal(s.kind, PLAYER_WORK);
    assert_int_equal(s.step, 0);
    key(SDLK_PAGEDOWN);
    s = frame(app, 32.5);
    assert_int_equal(s.kind, PLAYER_WORK);
    assert_int_equal(s.step, 1);
    /* Left early in a step goes back one */
    key(SDLK_LEFT);
    s = frame(app, 33.0);
    assert_int_equal(s.step, 0);

    /* M mirrors, H shows help, S sound, Esc closes help then goes home */
    bool mirrored = s.mirror_view;
    key(SDLK_m);
    s = frame(app, 33.0);
    assert_int_equal(s.mirror_view, !mirrored);
    key(SDLK_h);
    frame(app, 33.0);
    assert_true(app_help_shown(app));
    key(SDLK_s);
    frame(app, 33.0);
    assert_true(app_sound_on(app));
    key(SDLK_ESCAPE);
    frame(app, 33.0);
    assert_false(app_help_shown(app));
    assert_int_equal(app_screen(app), APP_PLAY);
    key(SDLK_ESCAPE);
    frame(app, 33.0);
    assert_int_equal(app_screen(app), APP_HOME);
    /* Esc on the home screen quits */
    key(SDLK_ESCAPE);
    assert_false(app_frame(app, 34.0));
    app_free(app);
}

/* Pixels of exactly the figure's accent (the theme's, not the screens'
 * own amber), as the renderer holds them now. */
static int figure_accent_pixels(App *app)
{
    SDL_Renderer *r = app_renderer(app);
    int w = 0, h = 0;
    assert_int_equal(SDL_GetRendererOutputSize(r, &w, &h), 0);
    Uint32 *px = SDL_malloc((size_t)w * (size_t)h * 4);
    assert_non_null(px);
    assert_int_equal(SDL_RenderReadPixels(r, NULL, SDL_PIXELFORMAT_ARGB8888, px, w * 4), 0);
    SDL_Color a = draw_theme_default().accent;
    Uint32 want = 0xff000000u | (Uint32)a.r << 16 | (Uint32)a.g << 8 | a.b;
    int n = 0;
    for (int i = 0; i < w * h; i++)
        n += (px[i] | 0xff000000u) == want;
    SDL_free(px);
    return n;
}

/* Show starts with the motion cues on; C turns them off and on again. The
 * home grid has none. */
static void test_cues_key(void **state)
{
    (void)state;
    Options opt = options();
    opt.command = "show";
    App *app = open_app(&opt, APP_SHOW, "pelvic-tilt");
    frame(app, 0.6); /* flattening the back: the focus and the arrow */
    assert_true(app_cues_shown(app));
    assert_true(figure_accent_pixels(app) > 50);
    key(SDLK_c);
    frame(app, 0.6);
    assert_false(app_cues_shown(app));
    assert_int_equal(figure_accent_pixels(app), 0);
    key(SDLK_c);
    frame(app, 0.7);
    assert_true(app_cues_shown(app));
    assert_true(figure_accent_pixels(app) > 50);
    key(SDLK_ESCAPE);
    frame(app, 0.8);
    assert_int_equal(app_screen(app), APP_HOME);
    assert_int_equal(figure_accent_pixels(app), 0);
    app_free(app);
}

static void test_home_and_show(void **state)
{
    (void)state;
    Options opt = options();
    opt.command = "home";
    App *app = open_app(&opt, APP_HOME, NULL);
    frame(app, 0.0);
    int drawn = app_frames_drawn(app);
    frame(app, 0.1);
    assert_int_equal(app_frames_drawn(app), drawn + 1); /* the grid animates */
    /* Enter watches the chosen exercise; + speeds it up */
    key(SDLK_RIGHT); /* the cell to the right of the first: bridge at 640x360 */
    key(SDLK_RETURN);
    PlayerState s = frame(app, 1.0);
    assert_int_equal(app_screen(app), APP_SHOW);
    assert_int_equal(s.exercise, 3);
    key(SDLK_PLUS);
    s = frame(app, 1.0);
    assert_float_equal(s.speed, 1.25, EPS);
    key(SDLK_MINUS);
    key(SDLK_MINUS);
    s = frame(app, 1.0);
    assert_float_equal(s.speed, 0.75, EPS);
    /* Right in show: the next exercise */
    key(SDLK_RIGHT);
    s = frame(app, 2.0);
    assert_int_equal(s.exercise, 4);
    /* Esc home, P plays the default routine, Q quits */
    key(SDLK_ESCAPE);
    frame(app, 3.0);
    assert_int_equal(app_screen(app), APP_HOME);
    key(SDLK_p);
    s = frame(app, 3.0);
    assert_int_equal(app_screen(app), APP_PLAY);
    assert_int_equal(s.kind, PLAYER_GET_READY);
    key(SDLK_q);
    assert_false(app_frame(app, 4.0));
    app_free(app);
}

/* Pixels of the accent colour (the side's words) inside r. */
static int accent_pixels(App *app, LayoutRect r)
{
    static Uint32 px[640 * 360];
    SDL_Rect sr = { r.x, r.y, r.w, r.h };
    assert_true((size_t)r.w * r.h <= sizeof px / sizeof px[0]);
    assert_int_equal(SDL_RenderReadPixels(app_renderer(app), &sr, SDL_PIXELFORMAT_RGBA32, px,
                                          r.w * 4),
                     0);
    int n = 0;
    for (int i = 0; i < r.w * r.h; i++) {
        const Uint8 *c = (const Uint8 *)&px[i];
        n += c[0] > 200 && c[1] > 150 && c[1] < 230 && c[2] < 100;
    }
    return n;
}

/* The home screen offers every routine: Down from the grid reaches the
 * routine buttons, Right the next one, Enter plays it; a two-sided step
 * names its side in the side box, a one-sided step leaves it empty. */
static void test_home_routines_and_side_words(void **state)
{
    (void)state;
    Options opt = options();
    opt.command = "home";
    App *app = open_app(&opt, APP_HOME, NULL);
    frame(app, 0.0);
    for (int i = 0; i < 4; i++)
        key(SDLK_DOWN);
    key(SDLK_RIGHT); /* daily, then full */
    key(SDLK_RETURN);
    PlayerState s = frame(app, 1.0);
    assert_int_equal(app_screen(app), APP_PLAY);
    assert_float_equal(s.total, 2310.0, EPS); /* full: 38:30 */
    LayoutPlayer L;
    layout_player(640, 360, &L);
    key(SDLK_RIGHT); /* the first step: hamstring stretch, left leg first */
    s = frame(app, 2.0);
    assert_int_equal(s.working, STEP_SIDE_LEFT);
    assert_true(accent_pixels(app, L.side) > 30);
    key(SDLK_RIGHT); /* cat-camel: no sides, no words */
    s = frame(app, 3.0);
    assert_int_equal(s.working, STEP_SIDE_BOTH);
    assert_int_equal(accent_pixels(app, L.side), 0);
    app_free(app);

    /* the mouse reaches them too: a click on full's button plays it */
    app = open_app(&opt, APP_HOME, NULL);
    frame(app, 0.0);
    int items = app_item_count(app);
    assert_int_equal(items, 18 + 2); /* every exercise, then daily and full */
    LayoutRect full = app_item_rect(app, items - 1);
    assert_true(full.w > 0 && full.h > 0);
    click(full.x + full.w / 2, full.y + full.h / 2);
    s = frame(app, 1.0);
    assert_int_equal(app_screen(app), APP_PLAY);
    assert_float_equal(s.total, 2310.0, EPS);
    app_free(app);
}

/* S, M and the speed keys answer with a short note that goes by itself. */
static void test_key_notes(void **state)
{
    (void)state;
    Options opt = options();
    opt.command = "show";
    App *app = open_app(&opt, APP_SHOW, "cat-camel");
    frame(app, 0.0);
    assert_string_equal(app_note(app), "");
    key(SDLK_s);
    frame(app, 1.0);
    assert_string_equal(app_note(app), "Sound on");
    key(SDLK_m);
    frame(app, 1.2);
    assert_string_equal(app_note(app), "Mirrored");
    key(SDLK_PLUS);
    frame(app, 1.4);
    assert_string_equal(app_note(app), "Speed 1.25x");
    frame(app, 2.0);
    assert_string_equal(app_note(app), "Speed 1.25x");
    frame(app, 3.0); /* 1.5 s after the last key */
    assert_string_equal(app_note(app), "");
    app_free(app);
}

static void test_controls_bar_clicks(void **state)
{
    (void)state;
    Options opt = options();
    App *app = open_app(&opt, APP_PLAY, NULL);
    frame(app, 0.0);
    LayoutPlayer L;
    layout_player(640, 360, &L);
    LayoutRect pause = L.button[LAYOUT_BUTTON_PAUSE], next = L.button[LAYOUT_BUTTON_NEXT];
    click(pause.x + pause.w / 2, pause.y + pause.h / 2);
    PlayerState s = frame(app, 1.0);
    assert_true(s.paused);
    click(next.x + next.w / 2, next.y + next.h / 2);
    s = frame(app, 2.0);
    assert_int_equal(s.kind, PLAYER_WORK);
    assert_true(s.paused); /* skipping does not resume */
    /* a click outside the bar does nothing */
    click(L.figure.x + 5, L.figure.y + 5);
    s = frame(app, 3.0);
    assert_true(s.paused);
    app_free(app);
}

static void test_exit_when_done_and_loop(void **state)
{
    (void)state;
    Options opt = options();
    opt.exit_when_done = true;
    App *app = open_app(&opt, APP_PLAY, "daily");
    PlayerState s = frame(app, 0.0);
    double total = s.total;
    frame(app, total - 0.5);
    assert_false(app_frame(app, total + 0.01));
    assert_int_equal(app_run(app), 0); /* exits at once: it is done */
    app_free(app);

    opt.exit_when_done = false;
    opt.loop = true;
    app = open_app(&opt, APP_PLAY, "daily");
    frame(app, 0.0);
    s = frame(app, total + 1.0);
    assert_false(s.finished);
    assert_int_equal(s.kind, PLAYER_GET_READY);
    app_free(app);
}

static void test_bad_arguments(void **state)
{
    (void)state;
    static const struct {
        AppScreen screen;
        const char *arg;
        int display;
        const char *assets;
        int code;
        const char *renderer;
    } cases[] = {
        { APP_PLAY, NULL, -1, NULL, 2, "no-such-renderer" },
        { APP_SHOW, "no-such-exercise", -1, NULL, 2, NULL },
        { APP_PLAY, "no-such-routine", -1, NULL, 2, NULL },
        { APP_PLAY, NULL, 5, NULL, 2, NULL },           /* offscreen has one display */
        { APP_HOME, NULL, -1, "no-such-assets", 1, NULL }, /* no font */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Options opt = options();
        opt.display = cases[i].display;
        opt.renderer = cases[i].renderer;
        if (cases[i].assets)
            snprintf(opt.assets_dir, sizeof opt.assets_dir, "%s", cases[i].assets);
        int code = -1;
        App *app = app_new(&opt, cases[i].screen, cases[i].arg, &code);
        assert_null(app);
        assert_int_equal(code, cases[i].code);
    }
}

/* Displays are found again by name and bounds; a gone one sends the window
 * to one that remains. */
static void test_display_memo(void **state)
{
    (void)state;
    assert_int_equal(SDL_Init(SDL_INIT_VIDEO), 0);
    assert_true(SDL_GetNumVideoDisplays() >= 1);
    DisplayMemo here = display_remember(0);
    DisplayMemo renamed = here, moved = here, gone = here;
    snprintf(renamed.name, sizeof renamed.name, "%s", "no such display");
    moved.bounds.x += 10000;
    snprintf(gone.name, sizeof gone.name, "%s", "no such display");
    gone.bounds.x += 10000;
    static const struct {
        const char *what;
        int expect;
    } names[] = { { "same", 0 }, { "renamed, same bounds", 0 }, { "moved, same name", 0 },
                  { "gone", -1 } };
    const DisplayMemo *memos[] = { &here, &renamed, &moved, &gone };
    for (size_t i = 0; i < 4; i++) {
        print_message("memo: %s\n", names[i].what);
        assert_int_equal(display_find(memos[i]), names[i].expect);
    }
    SDL_Window *w = SDL_CreateWindow("t", 0, 0, 64, 64, 0);
    assert_non_null(w);
    DisplayMemo m = gone;
    assert_true(display_keep(w, &m, false));
    assert_int_equal(display_find(&m), 0); /* it now remembers where it went */
    assert_false(display_keep(w, &m, false));
    SDL_DestroyWindow(w);
    SDL_Quit();
}

/* A kiosk's --display N: waited for by number until first seen, then found
 * by name and bounds as it goes, comes back, and shifts place. */
static void test_display_want(void **state)
{
    (void)state;
    const DisplayMemo desk = { .name = "DP-1", .bounds = { 0, 0, 1920, 1080 } };
    const DisplayMemo tv = { .name = "HDMI-1", .bounds = { 1920, 0, 1280, 720 } };
    const DisplayMemo tv_4k = { .name = "HDMI-1", .bounds = { 1920, 0, 3840, 2160 } };
    static const struct {
        const char *what;
        int n;
        int expect; /* the index to move to, -1 for none */
    } steps[] = {
        { "only the desk: wait", 1, -1 },
        { "the TV comes as display 1: go", 2, 1 },
        { "still there: stay", 2, -1 },
        { "the TV goes", 1, -1 },
        { "it comes back first in the list: go to 0", 2, 0 },
        { "in another mode, the same TV: stay", 2, -1 },
        { "another display at index 1 after the TV goes: not it", 2, -1 },
    };
    const DisplayMemo lists[][2] = {
        { desk }, { desk, tv }, { desk, tv }, { desk }, { tv, desk }, { tv_4k, desk },
        { desk, { .name = "DP-2", .bounds = { 0, 1080, 800, 600 } } },
    };
    DisplayWant w = { .index = 1 };
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        print_message("want: %s\n", steps[i].what);
        assert_int_equal(display_want_update(&w, lists[i], steps[i].n), steps[i].expect);
    }
    /* nothing asked for: never moves */
    DisplayWant none = { .index = -1 };
    assert_int_equal(display_want_update(&none, lists[1], 2), -1);
    /* there from the start is not an arrival (the offscreen driver has one) */
    assert_int_equal(SDL_Init(SDL_INIT_VIDEO), 0);
    DisplayWant here = display_want(0);
    assert_true(here.present);
    assert_int_equal(display_want_arrived(&here), -1);
    SDL_Quit();
}

/* True when any pixel of r differs from the background. */
static bool drawn_in(App *app, LayoutRect r)
{
    SDL_Color bg = draw_theme_default().background;
    Uint32 px[64 * 64];
    SDL_Rect box = { r.x, r.y, r.w < 64 ? r.w : 64, r.h < 64 ? r.h : 64 };
    assert_int_equal(SDL_RenderReadPixels(app_renderer(app), &box, SDL_PIXELFORMAT_RGBA32, px,
                                          box.w * 4), 0);
    for (int i = 0; i < box.w * box.h; i++) {
        const Uint8 *c = (const Uint8 *)&px[i];
        if (c[0] != bg.r || c[1] != bg.g || c[2] != bg.b)
            return true;
    }
    return false;
}

static void motion(int x, int y)
{
    SDL_Event e = { .type = SDL_MOUSEMOTION };
    e.motion.x = x;
    e.motion.y = y;
    assert_int_equal(SDL_PushEvent(&e), 1);
}

/* Fullscreen, the buttons hide 3 s after the last mouse movement or key,
 * the frame is drawn again without them, and they come back on a key or
 * the mouse. Paused, the app wakes once to hide them, then sleeps. In a
 * window they stay. */
static void test_controls_hide(void **state)
{
    (void)state;
    Options opt = options();
    opt.fullscreen = true;
    App *app = open_app(&opt, APP_PLAY, "daily");
    frame(app, 0.0);
    int w = 0, h = 0;
    assert_int_equal(SDL_GetRendererOutputSize(app_renderer(app), &w, &h), 0);
    LayoutPlayer L;
    layout_player(w, h, &L);
    LayoutRect pause = L.button[LAYOUT_BUTTON_PAUSE];
    assert_true(app_controls_shown(app));
    assert_true(drawn_in(app, pause));

    key(SDLK_SPACE); /* pause at 1 s: shown until 4 s */
    PlayerState s = frame(app, 1.0);
    assert_true(s.paused);
    frame(app, 3.0); /* the pointer hides at 3 s (no mouse since 0) */
    assert_float_equal(app_wake_time(app), 4.0, EPS);
    frame(app, 3.99);
    assert_true(app_controls_shown(app));
    int drawn = app_frames_drawn(app);
    frame(app, 4.0);
    assert_false(app_controls_shown(app));
    assert_int_equal(app_frames_drawn(app), drawn + 1);
    assert_false(drawn_in(app, pause));
    assert_true(isinf(app_wake_time(app))); /* asleep until an event */
    frame(app, 100.0);
    assert_int_equal(app_frames_drawn(app), drawn + 1);

    /* any key brings them back, for 3 s */
    key(SDLK_LSHIFT);
    frame(app, 101.0);
    assert_true(app_controls_shown(app));
    assert_true(drawn_in(app, pause));
    assert_float_equal(app_wake_time(app), 104.0, EPS);
    frame(app, 104.0);
    assert_false(app_controls_shown(app));
    /* a click where a hidden button is only shows them */
    click(pause.x + pause.w / 2, pause.y + pause.h / 2);
    s = frame(app, 105.0);
    assert_true(app_controls_shown(app));
    assert_true(s.paused);
    frame(app, 108.0);
    assert_false(app_controls_shown(app));
    /* the mouse moving brings them back */
    motion(10, 10);
    frame(app, 109.0);
    assert_true(app_controls_shown(app));
    assert_true(drawn_in(app, pause));

    /* F: out of fullscreen they stay, and a paused app sleeps */
    key(SDLK_f);
    frame(app, 110.0);
    frame(app, 200.0);
    assert_true(app_controls_shown(app));
    assert_true(isinf(app_wake_time(app)));
    app_free(app);
}

/* While the figure moves, the next frame is due in 1/60 s when it moves
 * fast and in 1/30 s when it moves slowly: the cycling's feet at the fast
 * rate, the pelvic tilt never, and at well under half the frames over the
 * same two seconds (its holds draw nothing). */
static int frames_while_moving(const char *id, double *shortest, double *longest)
{
    Options opt = options();
    opt.command = "show";
    App *app = open_app(&opt, APP_SHOW, id);
    frame(app, 0.0);
    int first = app_frames_drawn(app);
    *shortest = 1e9;
    *longest = 0.0;
    double t = 0.0;
    while (t < 2.0) {
        double wake = app_wake_time(app);
        assert_false(isinf(wake));
        *shortest = fmin(*shortest, wake - t);
        *longest = fmax(*longest, wake - t);
        t = wake;
        frame(app, t);
    }
    int n = app_frames_drawn(app) - first;
    app_free(app);
    return n;
}

static void test_frame_rate_follows_speed(void **state)
{
    (void)state;
    double lo, hi;
    int cycling = frames_while_moving("cycling", &lo, &hi);
    print_message("cycling: %d frames in 2 s, %.4f to %.4f s apart\n", cycling, lo, hi);
    assert_true(cycling >= 110);
    assert_float_equal(lo, 1.0 / 60, 1e-3);
    int tilt = frames_while_moving("pelvic-tilt", &lo, &hi);
    print_message("pelvic tilt: %d frames in 2 s, %.4f to %.4f s apart\n", tilt, lo, hi);
    assert_true(tilt <= 65);
    assert_float_equal(lo, 1.0 / 30, 1e-3); /* never at the fast rate */
}

/* Sound is off until asked for; on, it opens the (dummy) device once. */
static void test_audio(void **state)
{
    (void)state;
    Audio *a = audio_new(false);
    assert_non_null(a);
    assert_false(audio_enabled(a));
    audio_tone(a, 440.0, 0.1); /* off: nothing, and no device opened */
    assert_false(audio_has_device(a));
    audio_set_enabled(a, true);
    assert_true(audio_enabled(a));
    assert_true(audio_has_device(a)); /* CTest sets SDL_AUDIODRIVER=dummy */
    audio_tone(a, 440.0, 0.1);
    audio_tone(a, 880.0, 5.0); /* longer than a tone may be: cut, not overflowed */
    audio_set_enabled(a, false);
    assert_false(audio_enabled(a));
    audio_free(a);
}

/* Every caption of every exercise, on a screen far too small for them,
 * shrinks or is cut inside its rect: the gaps between the rects stay the
 * background colour. */
static void test_text_never_spills(void **state)
{
    (void)state;
    Options opt = options();
    opt.window_w = 320;
    opt.window_h = 180;
    opt.command = "show";
    App *app = open_app(&opt, APP_SHOW, "hamstring-stretch");
    SDL_Color bg = draw_theme_default().background;
    LayoutPlayer L;
    layout_player(320, 180, &L);
    /* the gutter between the figure and the right column, and the one
     * between the cue and the figure */
    SDL_Rect gutters[] = {
        { L.figure.x + L.figure.w, 0, L.timer.x - (L.figure.x + L.figure.w), L.progress.y },
        { 0, L.cue.y + L.cue.h, L.figure.x + L.figure.w, L.figure.y - (L.cue.y + L.cue.h) },
    };
    PlayerState s = frame(app, 0.0);
    int first = s.exercise;
    int shown = 0;
    do {
        for (size_t g = 0; g < 2; g++) {
            assert_true(gutters[g].w > 0 && gutters[g].h > 0);
            Uint32 px[4096];
            assert_true((size_t)gutters[g].w * gutters[g].h <= sizeof px / sizeof px[0]);
            assert_int_equal(SDL_RenderReadPixels(app_renderer(app), &gutters[g],
                                                  SDL_PIXELFORMAT_RGBA32, px, gutters[g].w * 4),
                             0);
            for (int i = 0; i < gutters[g].w * gutters[g].h; i++) {
                const Uint8 *c = (const Uint8 *)&px[i];
                if (c[0] != bg.r || c[1] != bg.g || c[2] != bg.b)
                    fail_msg("exercise %d: gutter %zu pixel %d is %d,%d,%d", s.exercise, g, i,
                             c[0], c[1], c[2]);
            }
        }
        key(SDLK_RIGHT);
        s = frame(app, 1.0 + shown);
        shown++;
    } while (s.exercise != first && shown < 100);
    assert_true(shown >= 18);
    app_free(app);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_play_keys),
        cmocka_unit_test(test_cues_key),
        cmocka_unit_test(test_home_and_show),
        cmocka_unit_test(test_home_routines_and_side_words),
        cmocka_unit_test(test_key_notes),
        cmocka_unit_test(test_controls_bar_clicks),
        cmocka_unit_test(test_exit_when_done_and_loop),
        cmocka_unit_test(test_bad_arguments),
        cmocka_unit_test(test_display_memo),
        cmocka_unit_test(test_display_want),
        cmocka_unit_test(test_controls_hide),
        cmocka_unit_test(test_frame_rate_follows_speed),
        cmocka_unit_test(test_audio),
        cmocka_unit_test(test_text_never_spills),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
