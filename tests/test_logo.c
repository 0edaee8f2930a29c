/* logo: every bad logo refused with its own error and reason; the good
 * ones (tests/logos: a 2:1 magenta PNG, a 1:2 green JPEG, a 3:1 cyan SVG)
 * drawn inside their box, aspect kept, on the home, show and play screens
 * at 16:9, 4:3, 9:16 and 640x360, from a texture made once per size. */
#include <setjmp.h>
#include <stdarg.h>
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
#include "layout.h"
#include "logo.h"
#include "render.h"
#include "app_fixture.h"
#include "png_bytes.h"

#define LOGOS LIMBER_SOURCE_DIR "/tests/logos/"

/* A scratch directory in the build tree, made once per run. */
static char scratch[1024];

static char *scratch_path(const char *name)
{
    static char path[1200];
    snprintf(path, sizeof path, "%s/%s", scratch, name);
    return path;
}

/* The test logo `name` as bytes, *len long; free with SDL_free. */
static unsigned char *logo_bytes(const char *name, size_t *len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s%s", LOGOS, name);
    unsigned char *b = SDL_LoadFile(path, len);
    assert_non_null(b);
    return b;
}

static void write_file(const char *path, const void *bytes, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(bytes, 1, len, f), len);
    fclose(f);
}

/* ------------------------------------------------------------------ */
/* Refused                                                             */
/* ------------------------------------------------------------------ */

typedef enum { WHOLE, CUT_40, CUT_TO_100, BOMB, TEXT } Make;

static void test_bad_logos(void **state)
{
    (void)state;
    static const struct {
        const char *name;   /* the file written in scratch */
        const char *from;   /* a test logo, or NULL for text */
        Make make;
        const char *text;   /* TEXT: the bytes */
        LogoError want;
        const char *why;    /* the start of the reason */
    } cases[] = {
        { "empty.png", NULL, TEXT, "", LOGO_EMPTY, "the file is empty" },
        { "words.png", NULL, TEXT, "Our clinic\n", LOGO_BAD_IMAGE, "not a PNG image" },
        { "words.jpg", NULL, TEXT, "Our clinic\n", LOGO_BAD_IMAGE, "not a JPEG image" },
        { "words.svg", NULL, TEXT, "Our clinic\n", LOGO_BAD_IMAGE, "not an SVG image" },
        { "cut.png", "logo.png", CUT_TO_100, NULL, LOGO_BAD_IMAGE,
          "a PNG cut short: the file ends inside the image" },
        { "cut.jpg", "logo.jpg", CUT_40, NULL, LOGO_BAD_IMAGE, "a JPEG cut short" },
        { "cut.svg", "logo.svg", CUT_40, NULL, LOGO_BAD_IMAGE, "an SVG cut short" },
        { "jpeg.png", "logo.jpg", WHOLE, NULL, LOGO_WRONG_KIND,
          "holds a JPEG image, not a PNG one as its name says" },
        { "svg.jpg", "logo.svg", WHOLE, NULL, LOGO_WRONG_KIND,
          "holds an SVG image, not a JPEG one" },
        { "logo.gif", "logo.png", WHOLE, NULL, LOGO_EXTENSION,
          "a logo's name ends in .png, .jpg, .jpeg or .svg" },
        { "logo", "logo.png", WHOLE, NULL, LOGO_EXTENSION, "a logo's name ends in" },
        { "bomb.png", "logo.png", BOMB, NULL, LOGO_TOO_LARGE,
          "30000x30000 pixels; a logo is at most 4096x4096" },
        { "clear.svg", NULL, TEXT,
          "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'>"
          "<rect width='10' height='10' fill='none'/></svg>",
          LOGO_INVISIBLE, "every pixel is transparent" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *path = scratch_path(cases[i].name);
        if (cases[i].from) {
            size_t len = 0;
            unsigned char *b = logo_bytes(cases[i].from, &len);
            if (cases[i].make == CUT_40)
                len -= 40;
            else if (cases[i].make == CUT_TO_100)
                len = 100;
            else if (cases[i].make == BOMB) {
                put_be32(b + 16, 30000);
                put_be32(b + 20, 30000);
                put_be32(b + 29, crc32_bitwise(b + 12, 17));
            }
            write_file(path, b, len);
            SDL_free(b);
        } else {
            write_file(path, cases[i].text, strlen(cases[i].text));
        }
        LogoError e = LOGO_OK;
        char why[600] = "unchanged";
        Logo *logo = logo_load(path, &e, why, sizeof why);
        if (logo || e != cases[i].want || strncmp(why, cases[i].why, strlen(cases[i].why)) != 0)
            fail_msg("%s: %s, error %d (%s), '%s'; wanted error %d, '%s'", cases[i].name,
                     logo ? "loaded" : "refused", e, logo_message(e), why, cases[i].want,
                     cases[i].why);
        remove(path);
    }
}

/* What is no file at all: missing, a directory, more than 4 MB. */
static void test_not_files(void **state)
{
    (void)state;
    char why[600];
    LogoError e;
    assert_null(logo_load(scratch_path("nothing.png"), &e, why, sizeof why));
    assert_int_equal(e, LOGO_MISSING);
    assert_string_equal(why, "no such file");

    char *dir = scratch_path("folder.png");
    assert_int_equal(mkdir(dir, 0700), 0);
    assert_null(logo_load(dir, &e, why, sizeof why));
    assert_int_equal(e, LOGO_NOT_A_FILE);
    assert_string_equal(why, "a directory, not a file");
    rmdir(dir);

    /* a sparse file: big on paper, refused before a byte is read */
    char *big = scratch_path("big.svg");
    FILE *f = fopen(big, "wb");
    assert_non_null(f);
    assert_int_equal(ftruncate(fileno(f), LOGO_MAX_BYTES + 1), 0);
    fclose(f);
    assert_null(logo_load(big, &e, why, sizeof why));
    assert_int_equal(e, LOGO_FILE_TOO_BIG);
    assert_string_equal(why, "the file is larger than 4 MB, the most a logo may be");
    remove(big);
}

/* ------------------------------------------------------------------ */
/* Found, loaded, fitted                                               */
/* ------------------------------------------------------------------ */

static void test_find(void **state)
{
    (void)state;
    char out[1200];
    assert_true(logo_find("mine.svg", scratch, out, sizeof out));
    assert_string_equal(out, "mine.svg"); /* --logo wins */
    assert_false(logo_find(NULL, scratch, out, sizeof out));
    assert_false(logo_find(NULL, "", out, sizeof out));
    assert_false(logo_find(NULL, NULL, out, sizeof out));
    /* logo.png before logo.jpg before logo.svg */
    static const char *const order[] = { "logo.svg", "logo.jpg", "logo.png" };
    for (size_t i = 0; i < 3; i++) {
        write_file(scratch_path(order[i]), "x", 1);
        assert_true(logo_find(NULL, scratch, out, sizeof out));
        assert_string_equal(out, scratch_path(order[i]));
    }
    for (size_t i = 0; i < 3; i++)
        remove(scratch_path(order[i]));
}

static void test_good_logos_fit(void **state)
{
    (void)state;
    static const struct {
        const char *name, *kind;
        int w, h;            /* logo_size */
        int box_w, box_h;    /* a box, and the texture fitted to it */
        int fit_w, fit_h;
    } cases[] = {
        { "logo.png", "PNG", 200, 100, 130, 130, 130, 65 },
        { "logo.png", "PNG", 200, 100, 40, 100, 40, 20 },
        { "logo.png", "PNG", 200, 100, 1000, 300, 600, 300 }, /* grown */
        { "logo.jpg", "JPEG", 100, 200, 130, 130, 65, 130 },
        { "logo.svg", "SVG", 256, 85, 130, 130, 130, 43 },
        { "logo.svg", "SVG", 256, 85, 600, 600, 600, 200 },
    };
    SDL_Surface *surface = NULL;
    SDL_Renderer *r = render_offscreen_new(64, 64, &surface);
    assert_non_null(r);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        LogoError e;
        char why[600];
        char path[1024];
        snprintf(path, sizeof path, "%s%s", LOGOS, cases[i].name);
        Logo *logo = logo_load(path, &e, why, sizeof why);
        if (!logo)
            fail_msg("%s: %s", cases[i].name, why);
        assert_int_equal(e, LOGO_OK);
        assert_string_equal(logo_kind(logo), cases[i].kind);
        assert_string_equal(logo_path(logo), path);
        int w, h;
        logo_size(logo, &w, &h);
        assert_int_equal(w, cases[i].w);
        assert_in_range(h, cases[i].h, cases[i].h + 1);
        SDL_Texture *t = logo_texture(logo, r, cases[i].box_w, cases[i].box_h, &w, &h);
        assert_non_null(t);
        assert_int_equal(w, cases[i].fit_w);
        assert_in_range(h, cases[i].fit_h - 1, cases[i].fit_h + 1);
        int tw, th;
        assert_int_equal(SDL_QueryTexture(t, NULL, NULL, &tw, &th), 0);
        assert_int_equal(tw, w);
        assert_int_equal(th, h);
        /* the same box again: the same texture, none made */
        assert_ptr_equal(logo_texture(logo, r, cases[i].box_w, cases[i].box_h, &w, &h), t);
        assert_int_equal(logo_textures_made(logo), 1);
        /* another size: a new one */
        assert_non_null(logo_texture(logo, r, cases[i].box_w + 10, cases[i].box_h, &w, &h));
        assert_int_equal(logo_textures_made(logo), 2);
        assert_null(logo_texture(logo, r, 0, 10, &w, &h));
        logo_free(logo);
    }
    render_offscreen_free(r, surface);
}

/* An SVG that declares 30000x30000, or a sliver 1 x 10000, is no bomb:
 * it is drawn at the box's size, never at its own. */
static void test_huge_svg_drawn_small(void **state)
{
    (void)state;
    static const struct {
        const char *svg;
        int w, h, box_w, box_h; /* probed at, and fitted into a 50x50 box */
    } cases[] = {
        { "<svg xmlns='http://www.w3.org/2000/svg' width='30000' height='30000'><rect "
          "width='30000' height='30000' fill='#f0f'/></svg>",
          256, 256, 50, 50 },
        { "<svg xmlns='http://www.w3.org/2000/svg' width='1' height='10000'><rect width='1' "
          "height='10000' fill='#f0f'/></svg>",
          1, 256, 1, 50 },
    };
    SDL_Surface *surface = NULL;
    SDL_Renderer *r = render_offscreen_new(64, 64, &surface);
    assert_non_null(r);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *path = scratch_path("huge.svg");
        write_file(path, cases[i].svg, strlen(cases[i].svg));
        LogoError e;
        char why[600];
        Logo *logo = logo_load(path, &e, why, sizeof why);
        if (!logo)
            fail_msg("case %zu refused: %s", i, why);
        int w, h;
        logo_size(logo, &w, &h);
        assert_int_equal(w, cases[i].w);
        assert_int_equal(h, cases[i].h);
        assert_non_null(logo_texture(logo, r, 50, 50, &w, &h));
        assert_int_equal(w, cases[i].box_w);
        assert_int_equal(h, cases[i].box_h);
        logo_free(logo);
        remove(path);
    }
    render_offscreen_free(r, surface);
}

/* ------------------------------------------------------------------ */
/* On the screens                                                      */
/* ------------------------------------------------------------------ */

typedef bool (*IsLogo)(const Uint8 *p); /* p: R, G, B of an RGB pixel */

static bool magenta(const Uint8 *p) { return p[0] > 200 && p[1] < 60 && p[2] > 200; }
static bool green(const Uint8 *p) { return p[0] < 60 && p[1] > 150 && p[2] < 60; }
static bool cyan(const Uint8 *p) { return p[0] < 60 && p[1] > 200 && p[2] > 200; }

/* Pixels of the logo's colour inside box and outside it; the bounds of
 * those inside. */
static void count_logo(App *app, IsLogo is, LayoutRect box, int *inside, int *outside,
                       SDL_Rect *bounds)
{
    SDL_Surface *s = app_surface(app);
    SDL_Surface *rgb = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_RGB24, 0);
    assert_non_null(rgb);
    int x0 = s->w, y0 = s->h, x1 = -1, y1 = -1;
    *inside = *outside = 0;
    for (int y = 0; y < rgb->h; y++)
        for (int x = 0; x < rgb->w; x++) {
            if (!is((const Uint8 *)rgb->pixels + y * rgb->pitch + x * 3))
                continue;
            if (layout_contains(box, x, y)) {
                (*inside)++;
                x0 = x < x0 ? x : x0;
                y0 = y < y0 ? y : y0;
                x1 = x > x1 ? x : x1;
                y1 = y > y1 ? y : y1;
            } else {
                (*outside)++;
            }
        }
    *bounds = (SDL_Rect){ x0, y0, x1 - x0 + 1, y1 - y0 + 1 };
    SDL_FreeSurface(rgb);
}

static Options options(const char *logo)
{
    Options opt = { .command = "play", .display = -1, .speed = 1.0 };
    snprintf(opt.data_dir, sizeof opt.data_dir, "%s/data", LIMBER_SOURCE_DIR);
    snprintf(opt.assets_dir, sizeof opt.assets_dir, "%s/assets", LIMBER_SOURCE_DIR);
    opt.logo = logo;
    return opt;
}

/* The logo drawn whole, centred in its box, aspect kept (aspect = w / h),
 * and nowhere else. */
static void assert_logo_drawn(App *app, IsLogo is, double aspect, int w, int h,
                              const char *where)
{
    LayoutPlayer L; /* the box is the same on every screen */
    layout_player_ex(w, h, true, &L);
    LayoutRect box = L.logo;
    int fit_w = box.w, fit_h = (int)(box.w / aspect + 0.5);
    if (fit_h > box.h) {
        fit_h = box.h;
        fit_w = (int)(box.h * aspect + 0.5);
    }
    int inside, outside;
    SDL_Rect b;
    count_logo(app, is, box, &inside, &outside, &b);
    print_message("%s %dx%d: box %d,%d %dx%d, logo %d,%d %dx%d, %d in, %d out\n", where, w, h,
                  box.x, box.y, box.w, box.h, b.x, b.y, b.w, b.h, inside, outside);
    if (outside != 0 || inside < fit_w * fit_h * 9 / 10 || abs(b.w - fit_w) > 1 ||
        abs(b.h - fit_h) > 1 || abs(b.x - (box.x + (box.w - fit_w) / 2)) > 1 ||
        abs(b.y - (box.y + (box.h - fit_h) / 2)) > 1)
        fail_msg("%s at %dx%d: the logo is not where it belongs (see above)", where, w, h);
}

static App *open_offscreen(const Options *opt, AppScreen screen, const char *arg, int w, int h)
{
    int code = -1;
    App *app = app_new_offscreen(opt, screen, arg, w, h, &code);
    assert_non_null(app);
    assert_int_equal(code, 0);
    return app;
}

/* A frame of a show or play screen, whose player state must be there. */
static PlayerState frame_playing(App *app, double t)
{
    PlayerState s = { 0 };
    assert_true(app_frame(app, t));
    assert_true(app_player_state(app, &s));
    return s;
}

static const struct {
    int w, h;
} shapes[] = { { 1920, 1080 }, { 1024, 768 }, { 1080, 1920 }, { 640, 360 } };

static void test_on_every_screen(void **state)
{
    (void)state;
    Options opt = options(LOGOS "logo.png");
    for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++) {
        int w = shapes[i].w, h = shapes[i].h;
        App *app = open_offscreen(&opt, APP_HOME, NULL, w, h);
        app_render(app, 0.0);
        assert_logo_drawn(app, magenta, 2.0, w, h, "home");
        app_free(app);

        app = open_offscreen(&opt, APP_SHOW, "cat-camel", w, h);
        app_render(app, 0.5);
        assert_logo_drawn(app, magenta, 2.0, w, h, "show");
        app_free(app);

        app = open_offscreen(&opt, APP_PLAY, "daily", w, h);
        double t = 0.0;
        PlayerState s = frame_playing(app, t);
        assert_int_equal(s.kind, PLAYER_GET_READY);
        assert_logo_drawn(app, magenta, 2.0, w, h, "get ready");
        key(SDLK_RIGHT);
        s = frame_playing(app, t);
        assert_int_equal(s.kind, PLAYER_WORK);
        assert_logo_drawn(app, magenta, 2.0, w, h, "exercise");
        /* to the end of the step: a rest, a change of side or a set rest */
        for (int k = 0; k < 20 && s.kind != PLAYER_STEP_REST && s.kind != PLAYER_SET_REST; k++) {
            t += s.segment_left + 0.01;
            s = frame_playing(app, t);
        }
        assert_true(s.kind == PLAYER_STEP_REST || s.kind == PLAYER_SET_REST);
        assert_logo_drawn(app, magenta, 2.0, w, h, "rest");
        for (int k = 0; k < 40 && !s.finished; k++) {
            key(SDLK_RIGHT);
            s = frame_playing(app, t);
        }
        assert_int_equal(s.kind, PLAYER_FINISHED);
        assert_logo_drawn(app, magenta, 2.0, w, h, "finished");
        app_free(app);
    }
}

/* The JPEG and the SVG too, in both orientations; one texture for a size
 * however many frames are drawn; nothing drawn while paused. */
static void test_other_kinds_and_costs(void **state)
{
    (void)state;
    static const struct {
        const char *file;
        IsLogo is;
        double aspect;
    } kinds[] = { { "logo.jpg", green, 0.5 }, { "logo.svg", cyan, 3.0 } };
    for (size_t k = 0; k < 2; k++)
        for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i += 2) {
            char path[1024];
            snprintf(path, sizeof path, "%s%s", LOGOS, kinds[k].file);
            Options opt = options(path);
            App *app = open_offscreen(&opt, APP_PLAY, "daily", shapes[i].w, shapes[i].h);
            PlayerState s = frame_playing(app, 0.0);
            assert_logo_drawn(app, kinds[k].is, kinds[k].aspect, shapes[i].w, shapes[i].h,
                              kinds[k].file);
            for (int f = 1; f <= 10; f++)
                s = frame_playing(app, f * 0.1);
            key(SDLK_SPACE);
            s = frame_playing(app, 1.1);
            assert_true(s.paused);
            int drawn = app_frames_drawn(app);
            frame_playing(app, 2.0);
            frame_playing(app, 3.0);
            assert_int_equal(app_frames_drawn(app), drawn);
            assert_logo_drawn(app, kinds[k].is, kinds[k].aspect, shapes[i].w, shapes[i].h,
                              "paused");
            assert_int_equal(logo_textures_made(app_logo(app)), 1);
            app_free(app);
        }
}

/* A bad logo: the screen opens and draws, with no logo and no room kept. */
static void test_bad_logo_no_stop(void **state)
{
    (void)state;
    char *path = scratch_path("broken.png");
    write_file(path, "\x89PNG\r\n\x1a\n", 8);
    Options opt = options(path);
    App *app = open_offscreen(&opt, APP_SHOW, "cat-camel", 640, 360);
    assert_null(app_logo(app));
    app_render(app, 0.5);
    assert_true(app_frames_drawn(app) >= 1);
    app_free(app);
    remove(path);
}

static int setup(void **state)
{
    (void)state;
    char *base = SDL_GetBasePath();
    if (!base)
        return -1;
    snprintf(scratch, sizeof scratch, "%slimber-logo-XXXXXX", base);
    SDL_free(base);
    return mkdtemp(scratch) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    rmdir(scratch);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bad_logos),
        cmocka_unit_test(test_not_files),
        cmocka_unit_test(test_find),
        cmocka_unit_test(test_good_logos_fit),
        cmocka_unit_test(test_huge_svg_drawn_small),
        cmocka_unit_test(test_on_every_screen),
        cmocka_unit_test(test_other_kinds_and_costs),
        cmocka_unit_test(test_bad_logo_no_stop),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
