/* export: file counts for one cycle, picture sizes, refusing to overwrite,
 * a missing pose skipped with exit 1, all with no video driver at all. */
#include <dirent.h>
#include <math.h>
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
#include "image.h"

#include "anim.h"
#include "catalog.h"
#include "cli.h"

#define DATA LIMBER_SOURCE_DIR "/data"
#define ASSETS LIMBER_SOURCE_DIR "/assets"

/* ---- Scratch directories, under the test binary's own directory --------- */

static char *scratch_dir(void)
{
    char *base = SDL_GetBasePath();
    assert_non_null(base);
    char *dir = NULL;
    assert_true(SDL_asprintf(&dir, "%slimber-export-XXXXXX", base) > 0);
    SDL_free(base);
    assert_non_null(mkdtemp(dir));
    return dir;
}

static void remove_tree(const char *path)
{
    DIR *d = opendir(path);
    if (d) {
        struct dirent *ent;
        while ((ent = readdir(d))) {
            if (strcmp(ent->d_name, ".") == 0 || strcmp(ent->d_name, "..") == 0)
                continue;
            char *child = NULL;
            if (SDL_asprintf(&child, "%s/%s", path, ent->d_name) > 0)
                remove_tree(child);
            SDL_free(child);
        }
        closedir(d);
        rmdir(path);
    } else {
        remove(path);
    }
}

static int count_pngs(const char *dir)
{
    DIR *d = opendir(dir);
    int n = 0;
    if (!d)
        return -1;
    struct dirent *ent;
    while ((ent = readdir(d))) {
        size_t len = strlen(ent->d_name);
        n += len > 4 && strcmp(ent->d_name + len - 4, ".png") == 0;
    }
    closedir(d);
    return n;
}

static Options options(const char *out, const char *assets)
{
    Options opt;
    memset(&opt, 0, sizeof opt);
    opt.command = "export";
    opt.display = -1;
    opt.speed = 1.0;
    opt.out_dir = out;
    snprintf(opt.data_dir, sizeof opt.data_dir, "%s", DATA);
    snprintf(opt.assets_dir, sizeof opt.assets_dir, "%s", assets);
    return opt;
}

/* Frames of one cycle, from the table's timing, as export should count. */
static int expected_frames(const char *id, int fps)
{
    DiagList diags = { 0 };
    Catalog *cat = catalog_load(DATA, &diags);
    assert_non_null(cat);
    int i = catalog_find_exercise(cat, id);
    assert_true(i >= 0);
    double cycle = anim_cycle_seconds(anim_timing(catalog_exercise(cat, (size_t)i)));
    catalog_free(cat);
    diag_free(&diags);
    return (int)ceil(cycle * fps - 1e-6);
}

static void assert_png_size(const char *path, int w, int h)
{
    SDL_Surface *s = image_read_png(path);
    assert_non_null(s);
    assert_int_equal(s->w, w);
    assert_int_equal(s->h, h);
    SDL_FreeSurface(s);
}

/* ---- Tests ------------------------------------------------------------------ */

static void test_frame_count_and_size(void **state)
{
    (void)state;
    static const struct { int fps, w, h; } cases[] = {
        { 0, 0, 0 },        /* the defaults: 10 fps, 640x360 */
        { 4, 160, 90 },
        { 25, 100, 100 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *dir = scratch_dir();
        char *out = NULL;
        assert_true(SDL_asprintf(&out, "%s/new/frames", dir) > 0); /* created with parents */
        Options opt = options(out, ASSETS);
        opt.args[opt.arg_count++] = "cat-camel";
        opt.fps = cases[i].fps;
        opt.size_w = cases[i].w;
        opt.size_h = cases[i].h;
        assert_int_equal(cmd_export(&opt), 0);
        char *frames = NULL, *first = NULL;
        assert_true(SDL_asprintf(&frames, "%s/cat-camel", out) > 0);
        assert_true(SDL_asprintf(&first, "%s/cat-camel/0000.png", out) > 0);
        int fps = cases[i].fps ? cases[i].fps : 10;
        assert_int_equal(count_pngs(frames), expected_frames("cat-camel", fps));
        assert_png_size(first, cases[i].w ? cases[i].w : 640, cases[i].h ? cases[i].h : 360);
        SDL_free(first);
        SDL_free(frames);
        SDL_free(out);
        remove_tree(dir);
        SDL_free(dir);
    }
}

/* A second export into the same place is refused (exit 1, file named)
 * unless --force; the sheet is guarded the same way. */
static void test_refuses_overwrite(void **state)
{
    (void)state;
    static const struct { bool sheet_only; bool force; int rc; } cases[] = {
        { false, false, 1 },
        { true, false, 1 },
        { false, true, 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *dir = scratch_dir();
        char *sheet = NULL, *other = NULL;
        assert_true(SDL_asprintf(&sheet, "%s/sheet.png", dir) > 0);
        assert_true(SDL_asprintf(&other, "%s/elsewhere", dir) > 0);
        Options opt = options(dir, ASSETS);
        opt.args[opt.arg_count++] = "cat-camel";
        opt.fps = 2;
        opt.size_w = 64;
        opt.size_h = 36;
        opt.sheet = sheet;
        assert_int_equal(cmd_export(&opt), 0);
        assert_int_equal(access(sheet, F_OK), 0);
        if (cases[i].sheet_only)
            opt.out_dir = other; /* frames somewhere new, but the same sheet */
        opt.force = cases[i].force;
        assert_int_equal(cmd_export(&opt), cases[i].rc);
        if (cases[i].sheet_only) /* refused before anything was written */
            assert_int_equal(access(other, F_OK), -1);
        SDL_free(sheet);
        SDL_free(other);
        remove_tree(dir);
        SDL_free(dir);
    }
}

/* A missing pose and an unknown id are reported and skipped: the others are
 * still written, and the exit status is 1. */
static void test_missing_pose(void **state)
{
    (void)state;
    char *dir = scratch_dir();
    char *assets = NULL, *poses = NULL, *src = NULL, *dst = NULL, *frames = NULL;
    assert_true(SDL_asprintf(&assets, "%s/assets", dir) > 0);
    assert_true(SDL_asprintf(&poses, "%s/assets/poses", dir) > 0);
    assert_true(SDL_asprintf(&src, "%s/poses/cat-camel.pose", ASSETS) > 0);
    assert_true(SDL_asprintf(&dst, "%s/cat-camel.pose", poses) > 0);
    assert_true(SDL_asprintf(&frames, "%s/out/cat-camel", dir) > 0);
    assert_int_equal(mkdir(assets, 0777), 0);
    assert_int_equal(mkdir(poses, 0777), 0);
    size_t len = 0;
    void *buf = SDL_LoadFile(src, &len);
    assert_non_null(buf);
    FILE *f = fopen(dst, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(buf, 1, len, f), len);
    fclose(f);
    SDL_free(buf);

    char *out = NULL;
    assert_true(SDL_asprintf(&out, "%s/out", dir) > 0);
    static const char *const ids[][3] = {
        { "hamstring-stretch", "cat-camel", NULL },   /* no pose file for the first */
        { "no-such-exercise", "cat-camel", NULL },
    };
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        Options opt = options(out, assets);
        for (int k = 0; ids[i][k]; k++)
            opt.args[opt.arg_count++] = ids[i][k];
        opt.fps = 1;
        opt.size_w = 64;
        opt.size_h = 36;
        opt.force = true;
        assert_int_equal(cmd_export(&opt), 1);
        assert_int_equal(count_pngs(frames), expected_frames("cat-camel", 1));
    }
    SDL_free(out);
    SDL_free(frames);
    SDL_free(dst);
    SDL_free(src);
    SDL_free(poses);
    SDL_free(assets);
    remove_tree(dir);
    SDL_free(dir);
}

/* Pixels of the cues' amber in a PNG: red and green well above blue. */
static int accent_pixels(const char *path)
{
    SDL_Surface *s = image_read_png(path);
    assert_non_null(s);
    int n = 0;
    assert_int_equal(SDL_LockSurface(s), 0);
    for (int y = 0; y < s->h; y++)
        for (int x = 0; x < s->w; x++) {
            int bpp = s->format->BytesPerPixel;
            const Uint8 *at = (const Uint8 *)s->pixels + y * s->pitch + x * bpp;
            Uint32 px = 0;
            SDL_memcpy(&px, at, (size_t)bpp);
            Uint8 r, g, b;
            SDL_GetRGB(px, s->format, &r, &g, &b);
            n += r > 150 && r > b + 100 && g > b + 50;
        }
    SDL_UnlockSurface(s);
    SDL_FreeSurface(s);
    return n;
}

/* Motion cues only with --cues: then the focus (the pelvic tilt's low
 * back) in every frame, and the arrow in the moving ones, not in the hold. */
static void test_cues_only_when_asked(void **state)
{
    (void)state;
    for (int cues = 0; cues <= 1; cues++) {
        char *dir = scratch_dir();
        Options opt = options(dir, ASSETS);
        opt.args[opt.arg_count++] = "pelvic-tilt";
        opt.fps = 4;
        opt.size_w = 320;
        opt.size_h = 180;
        opt.cues = cues;
        assert_int_equal(cmd_export(&opt), 0);
        int n = expected_frames("pelvic-tilt", 4), least = -1, most = 0;
        for (int i = 0; i < n; i++) {
            char *path = NULL;
            assert_true(SDL_asprintf(&path, "%s/pelvic-tilt/%04d.png", dir, i) > 0);
            int a = accent_pixels(path);
            least = least < 0 || a < least ? a : least;
            most = a > most ? a : most;
            SDL_free(path);
        }
        print_message("cues %d: %d to %d accent pixels a frame\n", cues, least, most);
        if (cues) {
            assert_true(least > 20);        /* the focus, always */
            assert_true(most > least + 40); /* and an arrow, sometimes */
        } else {
            assert_int_equal(most, 0);
        }
        remove_tree(dir);
        SDL_free(dir);
    }
}

static void test_needs_out(void **state)
{
    (void)state;
    Options opt = options(NULL, ASSETS);
    assert_int_equal(cmd_export(&opt), 2);
}

int main(void)
{
    /* Export must not need a display: take the video driver away. */
    unsetenv("SDL_VIDEODRIVER");
    unsetenv("DISPLAY");
    unsetenv("WAYLAND_DISPLAY");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_frame_count_and_size),
        cmocka_unit_test(test_refuses_overwrite),
        cmocka_unit_test(test_missing_pose),
        cmocka_unit_test(test_needs_out),
        cmocka_unit_test(test_cues_only_when_asked),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
