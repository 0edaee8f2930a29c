/* lang: every screen in every shipped language, offscreen at the four
 * sizes issue 18 names, keeps each text inside its box: it wraps or
 * shrinks, and is never cut at the box's edge (app_texts_cut, counted by
 * the text fitter where it gives up at its smallest size). German and
 * French run 20-40 % longer than English, so this is where a translation
 * too long for its place shows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include <SDL.h>

#include "app.h"
#include "app_internal.h" /* the catalogue, to show each exercise */
#include "app_fixture.h"
#include "lang.h"
#include "scratch.h"

static const char *const langs[] = { "en", "de", "fr", "es" };
static const int sizes[][2] = { { 1920, 1080 }, { 1280, 720 }, { 1080, 1920 }, { 640, 360 } };

/* A short routine that passes every kind of screen: get ready, work, a
 * rest between sets and after a step, an alternating side line, switch
 * sides, the finished screen. */
static const char short_routine[] = "exercise,seconds,reps,rest_s,side\n"
                                    "bridge,,1,4,\n"
                                    "bird-dog,,1,3,\n"
                                    "hip-flexor-stretch,6,,,\n";

typedef struct {
    char user[64];
} Fixture;

static int setup(void **state)
{
    Fixture *fx = calloc(1, sizeof *fx);
    if (!fx)
        return -1;
    snprintf(fx->user, sizeof fx->user, "/tmp/limber-lang-XXXXXX");
    if (!mkdtemp(fx->user))
        return -1;
    char path[160];
    snprintf(path, sizeof path, "%s/routines", fx->user);
    if (mkdir(path, 0700) != 0)
        return -1;
    snprintf(path, sizeof path, "%s/routines/short.csv", fx->user);
    FILE *f = fopen(path, "w");
    if (!f || fputs(short_routine, f) < 0 || fclose(f) != 0)
        return -1;
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    Fixture *fx = *state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", fx->user);
    int rc = system(cmd);
    free(fx);
    lang_init("en");
    return rc == 0 ? 0 : -1;
}

static Options options(const Fixture *fx, const char *command, const int size[2])
{
    Options opt = { .command = command, .display = -1, .speed = 1.0, .window_w = size[0],
                    .window_h = size[1] };
    snprintf(opt.data_dir, sizeof opt.data_dir, "%s/data", LIMBER_SOURCE_DIR);
    snprintf(opt.assets_dir, sizeof opt.assets_dir, "%s/assets", LIMBER_SOURCE_DIR);
    snprintf(opt.user_dir, sizeof opt.user_dir, "%s", fx->user);
    return opt;
}

/* The last whole frame had every text inside its box. */
static void fits(const App *app, const char *lang, const int size[2], const char *screen)
{
    if (app_texts_cut(app) != 0)
        fail_msg("%s at %dx%d, %s: %d text(s) cut at their box's edge", lang, size[0], size[1],
                 screen, app_texts_cut(app));
}

static void test_every_screen_fits(void **state)
{
    Fixture *fx = *state;
    int frames = 0;
    for (size_t l = 0; l < sizeof langs / sizeof langs[0]; l++) {
        assert_int_equal(lang_init(langs[l]), 1);
        for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++) {
            const int *size = sizes[z];
            char what[96];

            /* home, and its help */
            Options opt = options(fx, "home", size);
            App *app = open_app(&opt, APP_HOME, NULL);
            frame(app, 0.0);
            fits(app, langs[l], size, "home");
            key(SDLK_h);
            frame(app, 0.1);
            assert_true(app_help_shown(app));
            fits(app, langs[l], size, "home's help");
            app_free(app);

            /* every exercise as show draws it, key frames shown (their
             * line under the figure, and the note) */
            opt = options(fx, "show", size);
            app = open_app(&opt, APP_SHOW, "hamstring-stretch");
            key(SDLK_k);
            PlayerState s = frame(app, 0.0);
            size_t n = catalog_exercise_count(app->cat);
            for (size_t i = 0; i < n; i++) {
                snprintf(what, sizeof what, "show %s",
                         catalog_exercise(app->cat, (size_t)s.exercise)->id);
                fits(app, langs[l], size, what);
                key(SDLK_RIGHT);
                s = frame(app, 0.1 * (double)(i + 1));
                frames++;
            }
            app_free(app);

            /* the short routine from get ready to finished, a frame a
             * second, with the help over it once */
            opt = options(fx, "play", size);
            app = open_app(&opt, APP_PLAY, "short");
            bool kinds[PLAYER_FINISHED + 1] = { false };
            for (int t = 0; t < 400; t++) {
                s = frame(app, t + 0.5);
                snprintf(what, sizeof what, "play, %d s (kind %d, step %d)", t, (int)s.kind,
                         s.step);
                fits(app, langs[l], size, what);
                kinds[s.kind] = true;
                frames++;
                if (t == 8) {
                    key(SDLK_h);
                    frame(app, t + 0.6);
                    fits(app, langs[l], size, "play's help");
                    key(SDLK_h);
                }
                if (s.finished)
                    break;
            }
            assert_true(s.finished);
            for (int k = 0; k <= PLAYER_FINISHED; k++)
                if (!kinds[k])
                    fail_msg("the short routine never showed screen kind %d", k);
            app_free(app);
        }
    }
    print_message("%d frames, every text inside its box\n", frames);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_every_screen_fits, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
