/* Faults at run time, under SDL's offscreen driver: a missing or damaged
 * font, missing and broken pose files, an audio driver that does not exist,
 * and a window resized every frame, minimized, unfocused and told its
 * display is gone. Limber must say what is wrong or carry on; never crash,
 * never lose time. (Real windows: tests/window_faults.sh.) */
#define _XOPEN_SOURCE 700 /* P_tmpdir, nftw */
#include <ftw.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include <SDL.h>

#include "app.h"
#include "audio.h"
#include "layout.h"
#include "text.h"

#define EPS 1e-6

/* ------------------------------------------------------------------ */
/* A scratch assets directory: links to the real files, some replaced  */
/* ------------------------------------------------------------------ */

static char scratch[1024];

static void make_scratch(void)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(scratch, sizeof scratch, "%s/limber-faults-XXXXXX", tmp ? tmp : P_tmpdir);
    assert_non_null(mkdtemp(scratch));
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static void remove_scratch(void)
{
    nftw(scratch, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void path_in(char *buf, size_t size, const char *rel)
{
    int n = snprintf(buf, size, "%s/%s", scratch, rel);
    assert_true(n > 0 && (size_t)n < size);
}

static void write_bytes(const char *rel, const void *bytes, size_t len)
{
    char path[1200];
    path_in(path, sizeof path, rel);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(bytes, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

/* The first len bytes of a real asset (all of it when len is 0) at rel. */
static void copy_prefix(const char *asset, const char *rel, size_t len)
{
    char from[1200];
    snprintf(from, sizeof from, "%s/assets/%s", LIMBER_SOURCE_DIR, asset);
    FILE *f = fopen(from, "rb");
    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    size_t size = (size_t)ftell(f);
    rewind(f);
    if (len == 0 || len > size)
        len = size;
    char *buf = malloc(len ? len : 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, len, f), len);
    fclose(f);
    write_bytes(rel, buf, len);
    free(buf);
}

static void link_asset(const char *asset)
{
    char from[1200], to[1200];
    snprintf(from, sizeof from, "%s/assets/%s", LIMBER_SOURCE_DIR, asset);
    path_in(to, sizeof to, asset);
    assert_int_equal(symlink(from, to), 0);
}

static const char *const pose_ids[] = {
    "bird-dog",     "bridge",      "cat-camel",          "childs-pose",    "cobra",
    "cycling",      "dead-bug",    "forward-bend",       "hamstring-stretch",
    "hip-flexor-stretch",          "pelvic-tilt",        "pilates-swimming", "plank",
    "russian-twist", "spinal-twist", "superman",         "swimming",       "walking",
};
#define POSE_IDS (sizeof pose_ids / sizeof pose_ids[0])

/* A full assets tree of links; skip_pose and skip_font (may be NULL) are
 * left out for the caller to put something else there. */
static void make_assets(const char *skip_pose, const char *skip_font)
{
    make_scratch();
    char dir[1200];
    path_in(dir, sizeof dir, "fonts");
    assert_int_equal(mkdir(dir, 0755), 0);
    path_in(dir, sizeof dir, "poses");
    assert_int_equal(mkdir(dir, 0755), 0);
    static const char *const fonts[] = { "DejaVuSans.ttf", "DejaVuSans-Bold.ttf" };
    for (size_t i = 0; i < 2; i++) {
        if (skip_font && strcmp(fonts[i], skip_font) == 0)
            continue;
        char rel[128];
        snprintf(rel, sizeof rel, "fonts/%s", fonts[i]);
        link_asset(rel);
    }
    for (size_t i = 0; i < POSE_IDS; i++) {
        if (skip_pose && strstr(skip_pose, pose_ids[i]))
            continue;
        char rel[128];
        snprintf(rel, sizeof rel, "poses/%s.pose", pose_ids[i]);
        link_asset(rel);
    }
}

static Options options(const char *command)
{
    Options opt = { .command = command, .display = -1, .speed = 1.0, .window_w = 640,
                    .window_h = 360 };
    snprintf(opt.data_dir, sizeof opt.data_dir, "%s/data", LIMBER_SOURCE_DIR);
    snprintf(opt.assets_dir, sizeof opt.assets_dir, "%s", scratch);
    return opt;
}

/* ------------------------------------------------------------------ */
/* Fonts                                                               */
/* ------------------------------------------------------------------ */

typedef enum { FONT_GONE, FONT_EMPTY, FONT_JUNK, FONT_PREFIX, FONT_DIRECTORY } FontDamage;

static void test_font_faults(void **state)
{
    (void)state;
    /* Every damage is found when the font is opened: a clear message
     * naming the file, and exit 1, before any window is shown. */
    static const struct {
        const char *what, *file;
        FontDamage damage;
        size_t prefix;
    } cases[] = {
        { "regular missing", "DejaVuSans.ttf", FONT_GONE, 0 },
        { "bold missing", "DejaVuSans-Bold.ttf", FONT_GONE, 0 },
        { "empty file", "DejaVuSans.ttf", FONT_EMPTY, 0 },
        { "text instead of a font", "DejaVuSans.ttf", FONT_JUNK, 0 },
        { "first 12 bytes (the header only)", "DejaVuSans.ttf", FONT_PREFIX, 12 },
        { "first kB", "DejaVuSans-Bold.ttf", FONT_PREFIX, 1024 },
        { "first half (the glyphs cut)", "DejaVuSans.ttf", FONT_PREFIX, 380000 },
        { "a directory", "DejaVuSans.ttf", FONT_DIRECTORY, 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        print_message("font: %s\n", cases[i].what);
        make_assets(NULL, cases[i].file);
        char rel[128], path[1200];
        snprintf(rel, sizeof rel, "fonts/%s", cases[i].file);
        path_in(path, sizeof path, rel);
        switch (cases[i].damage) {
        case FONT_GONE: break;
        case FONT_EMPTY: write_bytes(rel, "", 0); break;
        case FONT_JUNK: write_bytes(rel, "not a font\n", 11); break;
        case FONT_PREFIX: copy_prefix(rel, rel, cases[i].prefix); break;
        case FONT_DIRECTORY: assert_int_equal(mkdir(path, 0755), 0); break;
        }

        Options opt = options("play");
        int code = -1;
        App *app = app_new(&opt, APP_PLAY, NULL, &code);
        assert_null(app);
        assert_int_equal(code, 1);

        /* the message SDL_GetError carries names the file */
        SDL_Surface *surface = SDL_CreateRGBSurfaceWithFormat(0, 64, 64, 32,
                                                              SDL_PIXELFORMAT_RGBA32);
        assert_non_null(surface);
        SDL_Renderer *r = SDL_CreateSoftwareRenderer(surface);
        assert_non_null(r);
        Text *text = text_open(r, scratch);
        assert_null(text);
        const char *err = SDL_GetError();
        if (!strstr(err, path) || !strstr(err, "cannot open font"))
            fail_msg("%s: message '%s' does not name %s", cases[i].what, err, path);
        SDL_DestroyRenderer(r);
        SDL_FreeSurface(surface);
        remove_scratch();
    }
}

/* ------------------------------------------------------------------ */
/* Poses                                                               */
/* ------------------------------------------------------------------ */

typedef enum { IN_FIGURE, IN_NEXT } ScreenPart;

/* Pixels of the warning colour in a part of the play screen: in the
 * figure's box, the error card's outline and text (the figure itself is
 * never drawn in it); in the "next" line, the data-error warning. */
static int warn_pixels(App *app, ScreenPart part)
{
    int w = 0, h = 0;
    assert_int_equal(SDL_GetRendererOutputSize(app_renderer(app), &w, &h), 0);
    LayoutPlayer L;
    layout_player(w, h, &L);
    LayoutRect box = part == IN_FIGURE ? L.figure : L.next;
    SDL_Rect r = { box.x, box.y, box.w, box.h };
    Uint32 *px = malloc((size_t)r.w * (size_t)r.h * sizeof *px);
    assert_non_null(px);
    assert_int_equal(
        SDL_RenderReadPixels(app_renderer(app), &r, SDL_PIXELFORMAT_RGBA32, px, r.w * 4), 0);
    int n = 0;
    for (int i = 0; i < r.w * r.h; i++) {
        const Uint8 *c = (const Uint8 *)&px[i];
        n += c[0] == 255 && c[1] == 120 && c[2] == 90;
    }
    free(px);
    return n;
}

static void test_pose_faults(void **state)
{
    (void)state;
    /* five exercises of the full routine lose their pose, each a
     * different way; the other thirteen must still play */
    static const struct {
        const char *id, *content; /* content NULL: missing; "/": a directory */
    } broken[] = {
        { "cat-camel", NULL },
        { "bridge", "\x7f" "ELF\x02\x01\x01\0\0\0 binary junk" },
        { "plank", "camera side\nkey 0\n  lumbar flex\n" },
        { "bird-dog", "" },
        { "walking", "/" },
    };
    char skip[256] = "";
    for (size_t i = 0; i < sizeof broken / sizeof broken[0]; i++) {
        strcat(skip, broken[i].id);
        strcat(skip, " ");
    }
    make_assets(skip, NULL);
    for (size_t i = 0; i < sizeof broken / sizeof broken[0]; i++) {
        char rel[128], path[1200];
        snprintf(rel, sizeof rel, "poses/%s.pose", broken[i].id);
        path_in(path, sizeof path, rel);
        if (broken[i].content && strcmp(broken[i].content, "/") == 0)
            assert_int_equal(mkdir(path, 0755), 0);
        else if (broken[i].content)
            write_bytes(rel, broken[i].content, strlen(broken[i].content) + (i == 1 ? 4 : 0));
    }

    Options opt = options("play");
    opt.exit_when_done = true;
    int code = -1;
    App *app = app_new(&opt, APP_PLAY, "full", &code);
    assert_non_null(app);
    assert_int_equal(code, 0);

    DiagList diags = { 0 };
    Catalog *cat = catalog_load(opt.data_dir, &diags);
    assert_non_null(cat);

    /* play it all, a frame a second; look at the first work frame of
     * every step: an error card exactly for the broken ones */
    PlayerState s;
    assert_true(app_frame(app, 0.0));
    assert_true(app_player_state(app, &s));
    double total = s.total;
    int seen_step = -1, cards = 0, figures = 0;
    double t = 0.0;
    while (app_frame(app, t)) {
        assert_true(app_player_state(app, &s));
        if (s.kind == PLAYER_WORK && s.step != seen_step) {
            seen_step = s.step;
            const char *id = catalog_exercise(cat, (size_t)s.exercise)->id;
            bool is_broken = strstr(skip, id) != NULL;
            int n = warn_pixels(app, IN_FIGURE);
            if (is_broken != (n > 100))
                fail_msg("step %d (%s): %d pixels of the warning colour", s.step, id, n);
            cards += is_broken;
            figures += !is_broken;
        }
        t += 1.0;
        assert_true(t < total + 10.0);
    }
    /* it ran to the end on time, every step shown */
    assert_true(t >= total && t < total + 1.0 + EPS);
    assert_int_equal(app_run(app), 0);
    assert_int_equal(seen_step, s.step_count - 1);
    assert_int_equal(cards, 5);
    assert_int_equal(figures, s.step_count - 5);

    catalog_free(cat);
    diag_free(&diags);
    app_free(app);
    remove_scratch();
}

/* ------------------------------------------------------------------ */
/* A routine naming an exercise that is not there                      */
/* ------------------------------------------------------------------ */

static void test_routine_unknown_exercise(void **state)
{
    (void)state;
    /* the shipped daily routine, then with a step naming no exercise */
    static const struct {
        const char *extra;
        size_t errors;
        bool warned;
    } cases[] = { { "", 0, false }, { "no-such-exercise,,1,,\n", 1, true } };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        make_assets(NULL, NULL);
        char dir[1200];
        path_in(dir, sizeof dir, "data");
        assert_int_equal(mkdir(dir, 0755), 0);
        path_in(dir, sizeof dir, "data/routines");
        assert_int_equal(mkdir(dir, 0755), 0);
        char from[1200], to[1200];
        snprintf(from, sizeof from, "%s/data/exercises.csv", LIMBER_SOURCE_DIR);
        path_in(to, sizeof to, "data/exercises.csv");
        assert_int_equal(symlink(from, to), 0);
        static const char daily[] = "exercise,seconds,reps,rest_s,side\n"
                                    "cat-camel,,2,3,\npelvic-tilt,,2,3,\n";
        char routine[256];
        snprintf(routine, sizeof routine, "%s%s", daily, cases[i].extra);
        write_bytes("data/routines/daily.csv", routine, strlen(routine));

        Options opt = options("play");
        path_in(opt.data_dir, sizeof opt.data_dir, "data");
        int code = -1;
        App *app = app_new(&opt, APP_PLAY, "daily", &code);
        assert_non_null(app);
        assert_int_equal(app_data_errors(app), cases[i].errors);
        PlayerState s;
        assert_true(app_frame(app, 0.5));
        assert_true(app_player_state(app, &s));
        assert_int_equal(s.kind, PLAYER_GET_READY);
        assert_int_equal(s.step_count, 2); /* the good steps all play */
        assert_int_equal(warn_pixels(app, IN_NEXT) > 50, cases[i].warned);
        /* a work step is not cluttered with it */
        assert_true(app_frame(app, 6.0));
        assert_true(app_player_state(app, &s));
        assert_int_equal(s.kind, PLAYER_WORK);
        assert_int_equal(warn_pixels(app, IN_NEXT), 0);
        /* at the end it is said again */
        assert_true(app_frame(app, s.total + 1.0));
        assert_true(app_player_state(app, &s));
        assert_true(s.finished);
        assert_int_equal(warn_pixels(app, IN_NEXT) > 50, cases[i].warned);
        app_free(app);
        remove_scratch();
    }
}

/* ------------------------------------------------------------------ */
/* Audio                                                               */
/* ------------------------------------------------------------------ */

static void test_no_audio_device(void **state)
{
    (void)state;
    static const char *const drivers[] = { "no-such-audio-driver", "disk-does-not-exist" };
    const char *saved = getenv("SDL_AUDIODRIVER");
    char keep[64] = "";
    if (saved)
        snprintf(keep, sizeof keep, "%s", saved);
    for (size_t i = 0; i < sizeof drivers / sizeof drivers[0]; i++) {
        print_message("audio driver: %s\n", drivers[i]);
        setenv("SDL_AUDIODRIVER", drivers[i], 1);
        Audio *a = audio_new(false);
        assert_non_null(a);
        audio_set_enabled(a, true);
        assert_true(audio_enabled(a)); /* sound is wanted, there is just none */
        assert_false(audio_has_device(a));
        audio_tone(a, 880.0, 0.3);
        audio_set_enabled(a, false);
        audio_set_enabled(a, true); /* tried once: no second attempt, no crash */
        assert_false(audio_has_device(a));
        audio_free(a);

        /* a whole app with --sound plays on, silently */
        make_assets(NULL, NULL);
        Options opt = options("play");
        opt.sound = true;
        int code = -1;
        App *app = app_new(&opt, APP_PLAY, "daily", &code);
        assert_non_null(app);
        assert_true(app_sound_on(app));
        PlayerState s;
        for (double t = 0.0; t <= 20.0; t += 0.5)
            assert_true(app_frame(app, t));
        assert_true(app_player_state(app, &s));
        assert_float_equal(s.elapsed, 20.0, EPS);
        app_free(app);
        remove_scratch();
    }
    if (saved)
        setenv("SDL_AUDIODRIVER", keep, 1);
    else
        unsetenv("SDL_AUDIODRIVER");
}

/* ------------------------------------------------------------------ */
/* The window                                                          */
/* ------------------------------------------------------------------ */

static void push_window_event(SDL_Window *w, Uint8 event, int a, int b)
{
    SDL_Event e = { .type = SDL_WINDOWEVENT };
    e.window.windowID = SDL_GetWindowID(w);
    e.window.event = event;
    e.window.data1 = a;
    e.window.data2 = b;
    assert_int_equal(SDL_PushEvent(&e), 1);
}

static void test_window_abuse(void **state)
{
    (void)state;
    make_assets(NULL, NULL);
    Options opt = options("play");
    int code = -1;
    App *app = app_new(&opt, APP_PLAY, "daily", &code);
    assert_non_null(app);
    SDL_Window *w = SDL_RenderGetWindow(app_renderer(app));
    assert_non_null(w);
    /* sizes down to one pixel, tall, wide and large */
    static const int sizes[][2] = { { 640, 360 }, { 1, 1 },    { 2, 900 }, { 900, 2 },
                                    { 333, 77 },  { 17, 401 }, { 1920, 1080 }, { 3, 3 } };
    const int n_sizes = (int)(sizeof sizes / sizeof sizes[0]);
    PlayerState s;
    int frames = 0;
    double t = 0.0;
    for (; t <= 300.0; t += 0.25, frames++) {
        const int *sz = sizes[frames % n_sizes];
        SDL_SetWindowSize(w, sz[0], sz[1]);
        push_window_event(w, SDL_WINDOWEVENT_SIZE_CHANGED, sz[0], sz[1]);
        switch (frames % 16) {
        case 3: /* minimized, its surface gone */
            SDL_MinimizeWindow(w);
            push_window_event(w, SDL_WINDOWEVENT_MINIMIZED, 0, 0);
            push_window_event(w, SDL_WINDOWEVENT_HIDDEN, 0, 0);
            break;
        case 5:
            SDL_RestoreWindow(w);
            push_window_event(w, SDL_WINDOWEVENT_RESTORED, 0, 0);
            push_window_event(w, SDL_WINDOWEVENT_SHOWN, 0, 0);
            break;
        case 7:
            push_window_event(w, SDL_WINDOWEVENT_FOCUS_LOST, 0, 0);
            push_window_event(w, SDL_WINDOWEVENT_LEAVE, 0, 0);
            break;
        case 9: { /* a display unplugged that SDL still lists, or never had */
            SDL_Event e = { .type = SDL_DISPLAYEVENT };
            e.display.event = SDL_DISPLAYEVENT_DISCONNECTED;
            e.display.display = (Uint32)(frames % 3);
            assert_int_equal(SDL_PushEvent(&e), 1);
            break;
        }
        case 11:
            push_window_event(w, SDL_WINDOWEVENT_FOCUS_GAINED, 0, 0);
            break;
        default:
            break;
        }
        assert_true(app_frame(app, t));
    }
    /* 300 s of abuse and not a moment lost or gained: the daily routine
     * is where its clock says */
    assert_true(app_player_state(app, &s));
    assert_float_equal(s.elapsed, t - 0.25, EPS);
    assert_false(s.paused);
    assert_true(app_frames_drawn(app) >= frames / 2);
    app_free(app);
    remove_scratch();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_font_faults),
        cmocka_unit_test(test_pose_faults),
        cmocka_unit_test(test_routine_unknown_exercise),
        cmocka_unit_test(test_no_audio_device),
        cmocka_unit_test(test_window_abuse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
