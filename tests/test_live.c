/* live: reloading under a running app (offscreen, the real watcher thread
 * and inotify, or polling): each way a file is written while `show` runs,
 * the place kept through new tables, the banner outside the figure and the
 * countdown, and --sync screens that agree at the same wall time. */
#include <math.h>
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

#include "scratch.h"

#include <SDL.h>

#include "app.h"
#include "app_internal.h" /* the clips and the layout, to look at */
#include "app_fixture.h"
#include "lang.h" /* lang_init: the German key line */

#define EPS 1e-6

typedef struct {
    char root[64];
    char pose[256], table[256];
    char *good;       /* the cat-camel pose as shipped */
    Options opt;
} Fixture;

/* The pose text of version K (scratch.h): one to tell by its loop beat. */
static char *version(const Fixture *fx, int k)
{
    return pose_version(fx->good, k);
}

static int setup(void **state)
{
    Fixture *fx = calloc(1, sizeof *fx);
    snprintf(fx->root, sizeof fx->root, "/tmp/limber-live-XXXXXX");
    if (!fx || !mkdtemp(fx->root))
        return -1;
    char cmd[768];
    snprintf(cmd, sizeof cmd,
             "cp -r '%s/data' '%s'/ && mkdir '%s/assets' && cp -r '%s/assets/poses' '%s/assets'/ "
             "&& ln -s '%s/assets/fonts' '%s/assets/fonts'",
             LIMBER_SOURCE_DIR, fx->root, fx->root, LIMBER_SOURCE_DIR, fx->root,
             LIMBER_SOURCE_DIR, fx->root);
    if (system(cmd) != 0)
        return -1;
    snprintf(fx->pose, sizeof fx->pose, "%s/assets/poses/cat-camel.pose", fx->root);
    snprintf(fx->table, sizeof fx->table, "%s/data/exercises.csv", fx->root);
    fx->good = read_all(fx->pose);
    fx->opt = (Options){ .command = "show", .display = -1, .speed = 1.0, .window_w = 640,
                         .window_h = 360, .sync_epoch = CLI_SYNC_EPOCH };
    snprintf(fx->opt.data_dir, sizeof fx->opt.data_dir, "%s/data", fx->root);
    snprintf(fx->opt.assets_dir, sizeof fx->opt.assets_dir, "%s/assets", fx->root);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    Fixture *fx = *state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", fx->root);
    int rc = system(cmd);
    free(fx->good);
    free(fx);
    unsetenv("LIMBER_WATCH");
    return rc == 0 ? 0 : -1;
}

static double loop_beat(const App *app)
{
    int i = catalog_find_exercise(app->cat, "cat-camel");
    return i >= 0 && app->ex[i].clip ? pose_loop_beat(app->ex[i].clip) : -1.0;
}

/* Runs frames in real time (the app's clock keeps pace) until the clip's
 * loop beat is want and the banner is (or is not) up, for at most 2 s;
 * returns the seconds it took. */
static double wait_for(App *app, double *t, double want, bool banner)
{
    for (int i = 0; i < 200; i++) {
        SDL_Delay(10);
        *t += 0.01;
        frame(app, *t);
        if (fabs(loop_beat(app) - want) < 1e-9 && (app_banner(app)[0] != '\0') == banner)
            return (i + 1) * 0.01;
    }
    print_error("waited 2 s: loop beat %g (want %g), banner '%s'\n", loop_beat(app), want,
                app_banner(app));
    fail();
    return 0;
}

/* Runs frames until the banner says something new; that is returned. */
static const char *wait_for_new_banner(App *app, double *t, const char *was)
{
    char old[512];
    snprintf(old, sizeof old, "%s", was);
    for (int i = 0; i < 200; i++) {
        SDL_Delay(10);
        *t += 0.01;
        frame(app, *t);
        if (app_banner(app)[0] && strcmp(app_banner(app), old) != 0)
            return app_banner(app);
    }
    print_error("waited 2 s: the banner still says '%s'\n", old);
    fail();
    return NULL;
}

/* ------------------------------------------------------------------ */

static void run_write_patterns(Fixture *fx)
{
    App *app = open_app(&fx->opt, APP_SHOW, "cat-camel");
    double t = 0.0;
    frame(app, t); /* the first frame starts the watcher */
    char tmp[300];
    snprintf(tmp, sizeof tmp, "%s.tmp", fx->pose);
    char *v;

    /* in place */
    v = version(fx, 1);
    write_file(fx->pose, "r+", v, strlen(v));
    free(v);
    print_message("in place: %.2f s\n", wait_for(app, &t, V(1), false));
    /* truncate, then write */
    write_file(fx->pose, "w", "", 0);
    SDL_Delay(30);
    v = version(fx, 2);
    write_file(fx->pose, "a", v, strlen(v));
    free(v);
    print_message("truncate and write: %.2f s\n", wait_for(app, &t, V(2), false));
    /* to a temporary, renamed over */
    v = version(fx, 3);
    write_file(tmp, "w", v, strlen(v));
    free(v);
    assert_int_equal(rename(tmp, fx->pose), 0);
    print_message("rename over: %.2f s\n", wait_for(app, &t, V(3), false));
    /* deleted, then created */
    assert_int_equal(unlink(fx->pose), 0);
    SDL_Delay(30);
    v = version(fx, 4);
    write_file(fx->pose, "w", v, strlen(v));
    free(v);
    print_message("delete and create: %.2f s\n", wait_for(app, &t, V(4), false));
    /* half-written, the rest a while later: no banner for the half */
    v = version(fx, 5);
    size_t half = strlen(v) / 2;
    write_file(fx->pose, "w", v, half);
    for (int i = 0; i < 15; i++) { /* 0.15 s: read, and retried, not said */
        SDL_Delay(10);
        frame(app, t += 0.01);
    }
    assert_string_equal(app_banner(app), "");
    assert_float_equal(loop_beat(app), V(4), 1e-9);
    write_file(fx->pose, "a", v + half, strlen(v) - half);
    free(v);
    print_message("half, then whole: %.2f s\n", wait_for(app, &t, V(5), false));
    /* a fault: the last good and the banner, then fixed */
    write_file(fx->pose, "a", "key\n", 4);
    print_message("a fault: %.2f s\n", wait_for(app, &t, V(5), true));
    assert_non_null(strstr(app_banner(app), "cat-camel.pose:"));
    v = version(fx, 6);
    write_file(fx->pose, "w", v, strlen(v));
    free(v);
    print_message("fixed: %.2f s\n", wait_for(app, &t, V(6), false));
    /* huge */
    char *junk = malloc(POSE_MAX_FILE_BYTES + 10);
    memset(junk, '#', POSE_MAX_FILE_BYTES + 10);
    write_file(fx->pose, "w", junk, POSE_MAX_FILE_BYTES + 10);
    free(junk);
    wait_for(app, &t, V(6), true);
    assert_non_null(strstr(app_banner(app), "larger than the limit"));
    /* a directory in its place */
    assert_int_equal(unlink(fx->pose), 0);
    assert_int_equal(mkdir(fx->pose, 0700), 0);
    const char *said = wait_for_new_banner(app, &t, app_banner(app));
    print_message("a directory: %s\n", said);
    assert_non_null(strstr(said, fx->pose));
    assert_float_equal(loop_beat(app), V(6), 1e-9);
    assert_int_equal(rmdir(fx->pose), 0);
    /* a dangling link in its place */
    assert_int_equal(symlink("/nonexistent/x.pose", fx->pose), 0);
    said = wait_for_new_banner(app, &t, app_banner(app));
    print_message("a dangling link: %s\n", said);
    assert_non_null(strstr(said, "cannot open"));
    assert_float_equal(loop_beat(app), V(6), 1e-9);
    assert_int_equal(unlink(fx->pose), 0);
    write_file(fx->pose, "w", fx->good, strlen(fx->good));
    wait_for(app, &t, 6.0, false);
    /* never a crash, and the screen still runs */
    PlayerState s = frame(app, t + 0.5);
    assert_int_equal(s.exercise, catalog_find_exercise(app->cat, "cat-camel"));
    app_free(app);
}

static void test_write_patterns_inotify(void **state)
{
    run_write_patterns(*state);
}

/* The same with the once-a-second look that stands in for inotify. */
static void test_write_patterns_polling(void **state)
{
    Fixture *fx = *state;
    setenv("LIMBER_WATCH", "poll", 1);
    App *app = open_app(&fx->opt, APP_SHOW, "cat-camel");
    double t = 0.0;
    frame(app, t);
    assert_false(watch_uses_inotify(app->watch));
    char *v = version(fx, 7);
    SDL_Delay(20);
    write_file(fx->pose, "w", v, strlen(v));
    free(v);
    double took = wait_for(app, &t, V(7), false);
    print_message("polling: %.2f s\n", took);
    assert_true(took <= 1.5); /* one look a second, and a loaded machine */
    app_free(app);
}

/* A table changed under a routine: the step and its seconds stay, and a
 * paused routine stays paused. */
static void test_reload_keeps_the_step(void **state)
{
    Fixture *fx = *state;
    fx->opt.command = "play";
    App *app = open_app(&fx->opt, APP_PLAY, "daily");
    double t = 0.0;
    frame(app, t);
    SDL_Event e = { .type = SDL_KEYDOWN };
    e.key.keysym.sym = SDLK_RIGHT;
    SDL_PushEvent(&e);
    SDL_PushEvent(&e);
    frame(app, t);
    t = 3.0;
    PlayerState before = frame(app, t);
    assert_int_equal(before.step, 1);
    e.key.keysym.sym = SDLK_SPACE;
    SDL_PushEvent(&e);
    before = frame(app, t);
    assert_true(before.paused);
    int reloads = app_reloads(app);

    /* a new cue for the exercise on screen: the row changes, the plan not */
    char *table = read_all(fx->table);
    const Exercise *ex = catalog_exercise(app->cat, (size_t)before.exercise);
    char *cue = strstr(table, ex->cue);
    assert_non_null(cue);
    cue[0] = cue[0] == 'X' ? 'Y' : 'X';
    char new_first = cue[0];
    char tmp[300];
    snprintf(tmp, sizeof tmp, "%s.new", fx->table);
    write_file(tmp, "w", table, strlen(table));
    assert_int_equal(rename(tmp, fx->table), 0);
    free(table);
    for (int i = 0; i < 200 && app_reloads(app) == reloads; i++) {
        SDL_Delay(10);
        frame(app, t += 0.01);
    }
    assert_int_equal(app_reloads(app), reloads + 1);
    PlayerState after = frame(app, t);
    assert_true(after.paused);
    assert_int_equal(after.step, before.step);
    assert_int_equal(after.segment, before.segment);
    assert_float_equal(after.elapsed, before.elapsed, EPS);
    assert_float_equal(after.segment_left, before.segment_left, EPS);
    assert_int_equal(catalog_exercise(app->cat, (size_t)after.exercise)->cue[0], new_first);
    app_free(app);
}

/* The home screen takes a user's new row and pose, and a user's pose of a
 * bundled id, as they are saved. */
static void test_home_takes_user_rows(void **state)
{
    Fixture *fx = *state;
    char cmd[1200], path[1200];
    snprintf(fx->opt.user_dir, sizeof fx->opt.user_dir, "%s/user", fx->root);
    snprintf(cmd, sizeof cmd, "mkdir -p '%s/poses'", fx->opt.user_dir);
    assert_int_equal(system(cmd), 0);
    fx->opt.command = "home";
    App *app = open_app(&fx->opt, APP_HOME, NULL);
    double t = 0.0;
    frame(app, t);
    size_t n = app->ex_count;
    snprintf(path, sizeof path, "%s/poses/my-cat.pose", fx->opt.user_dir);
    write_file(path, "w", fx->good, strlen(fx->good));
    char *v = version(fx, 3);
    snprintf(path, sizeof path, "%s/poses/cat-camel.pose", fx->opt.user_dir);
    write_file(path, "w", v, strlen(v));
    free(v);
    snprintf(path, sizeof path, "%s/exercises.csv", fx->opt.user_dir);
    const char *rows = "id,name,category,cue,instructions,hold_s,reps,rep_s,sides,sets,rest_s\n"
                       "my-cat,My Cat,mobility,Round and sag,Kneel.,0,5,6,none,1,10\n";
    write_file(path, "w", rows, strlen(rows));
    for (int i = 0; i < 200 && app->ex_count == n; i++) {
        SDL_Delay(10);
        frame(app, t += 0.01);
    }
    assert_int_equal(app->ex_count, n + 1);
    int mine = catalog_find_exercise(app->cat, "my-cat");
    assert_int_equal(mine, (int)n);
    assert_non_null(app->ex[mine].clip);
    assert_float_equal(loop_beat(app), V(3), 1e-9);
    assert_string_equal(app_banner(app), "");
    frame(app, t += 0.1); /* the grid draws the new cell */
    app_free(app);
}

/* The banner sits where the figure and the countdown are not. */
static void test_banner_place(void **state)
{
    Fixture *fx = *state;
    static const int sizes[][2] = { { 640, 360 }, { 1920, 1080 }, { 720, 1280 }, { 800, 600 } };
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        fx->opt.window_w = sizes[i][0];
        fx->opt.window_h = sizes[i][1];
        App *app = open_app(&fx->opt, APP_SHOW, "cat-camel");
        frame(app, 0.0);
        const LayoutPlayer *L = &app->lp;
        assert_false(layout_overlap(L->next, L->figure));
        assert_false(layout_overlap(L->next, L->timer));
        assert_false(layout_overlap(L->next, L->reps));
        app_free(app);
    }
}

/* K: the key, its phase and line, and the beat, for a pose's author. */
static void test_key_frames_shown(void **state)
{
    Fixture *fx = *state;
    App *app = open_app(&fx->opt, APP_SHOW, "cat-camel");
    frame(app, 0.0);
    assert_string_equal(app_key_info(app), "");
    SDL_Event e = { .type = SDL_KEYDOWN };
    e.key.keysym.sym = SDLK_k;
    SDL_PushEvent(&e);
    frame(app, 0.0);
    assert_string_equal(app_note(app), "Key frames shown");
    /* cat-camel: key 0 round, key 2 release, loop 6, one rep 6 s: a beat
     * a second; the lines are the 'key' lines of the file */
    const PoseClip *clip = app->ex[catalog_find_exercise(app->cat, "cat-camel")].clip;
    char want[160];
    snprintf(want, sizeof want, "round  \xc2\xb7  key 1 of 4 (line %d)  \xc2\xb7  beat 0.00",
             pose_key(clip, 0)->line);
    assert_string_equal(app_key_info(app), want);
    frame(app, 2.5);
    snprintf(want, sizeof want, "release  \xc2\xb7  key 2 of 4 (line %d)  \xc2\xb7  beat 2.50",
             pose_key(clip, 1)->line);
    assert_string_equal(app_key_info(app), want);
    SDL_PushEvent(&e);
    frame(app, 2.6);
    assert_string_equal(app_key_info(app), "");
    app_free(app);
}

/* K in German: the words of the po file, and the beat with a decimal
 * comma like every other number on a German screen. */
static void test_key_frames_in_german(void **state)
{
    Fixture *fx = *state;
    assert_int_equal(lang_init("de"), 1);
    App *app = open_app(&fx->opt, APP_SHOW, "cat-camel");
    frame(app, 0.0);
    key(SDLK_k);
    frame(app, 2.5);
    const PoseClip *clip = app->ex[catalog_find_exercise(app->cat, "cat-camel")].clip;
    char want[160];
    snprintf(want, sizeof want,
             "release  \xc2\xb7  Schl\xc3\xbcsselbild 2 von 4 (Zeile %d)  \xc2\xb7  Takt 2,50",
             pose_key(clip, 1)->line);
    assert_string_equal(app_key_info(app), want);
    app_free(app);
    lang_init("en");
}

/* ------------------------------------------------------------------ */
/* --sync                                                              */
/* ------------------------------------------------------------------ */

static double test_wall(void *ctx)
{
    return *(const double *)ctx;
}

static void test_sync_screens_agree(void **state)
{
    Fixture *fx = *state;
    fx->opt.command = "play";
    fx->opt.sync = true;
    double wall = CLI_SYNC_EPOCH + 26.0 * 365 * 86400 + 1234.5;
    /* screen A starts; screen B three seconds later, its own clock at 0 */
    App *a = open_app(&fx->opt, APP_PLAY, "daily");
    app_set_wall_clock(a, test_wall, &wall);
    frame(a, 0.0);
    wall += 3.0;
    frame(a, 3.0);
    App *b = open_app(&fx->opt, APP_PLAY, "daily");
    app_set_wall_clock(b, test_wall, &wall);
    frame(b, 0.0);
    double total = 0;
    for (int i = 0; i < 40; i++) {
        wall += 7.3;
        PlayerState sa = frame(a, 3.0 + 7.3 * (i + 1));
        PlayerState sb = frame(b, 7.3 * (i + 1) + 0.0125 * i); /* its clock drifts */
        assert_int_equal(sa.step, sb.step);
        assert_int_equal(sa.segment, sb.segment);
        assert_int_equal(sa.rep, sb.rep);
        assert_float_equal(sa.segment_left, sb.segment_left, EPS);
        assert_int_equal((int)ceil(sa.segment_left), (int)ceil(sb.segment_left));
        total = sa.total;
        assert_float_equal(sa.elapsed, fmod(wall - CLI_SYNC_EPOCH, total), 1e-6);
    }
    /* a clock step (NTP, a resume): the next frame is in step again */
    wall += 3600.0 * 5 + 17.25;
    PlayerState sa = frame(a, 400.0);
    assert_float_equal(sa.elapsed, fmod(wall - CLI_SYNC_EPOCH, total), 1e-6);
    wall -= 86400.0 + 0.5;
    sa = frame(a, 400.1);
    assert_float_equal(sa.elapsed, fmod(wall - CLI_SYNC_EPOCH, total), 1e-6);
    /* pause and skip would leave the others: refused, and said */
    SDL_Event e = { .type = SDL_KEYDOWN };
    e.key.keysym.sym = SDLK_SPACE;
    SDL_PushEvent(&e);
    e.key.keysym.sym = SDLK_RIGHT;
    SDL_PushEvent(&e);
    sa = frame(a, 400.2);
    assert_false(sa.paused);
    assert_float_equal(sa.elapsed, fmod(wall - CLI_SYNC_EPOCH, total), 1e-6);
    assert_string_equal(app_note(a), "In step with other screens");
    app_free(a);
    app_free(b);
}

/* A table change re-aligns at once: the new length, the same wall clock. */
static void test_sync_after_table_change(void **state)
{
    Fixture *fx = *state;
    fx->opt.command = "play";
    fx->opt.sync = true;
    double wall = CLI_SYNC_EPOCH + 1e8;
    App *a = open_app(&fx->opt, APP_PLAY, "daily");
    app_set_wall_clock(a, test_wall, &wall);
    double t = 0.0;
    PlayerState s = frame(a, t);
    double old_total = s.total;
    char path[300];
    snprintf(path, sizeof path, "%s/data/routines/daily.csv", fx->root);
    char *text = read_all(path);
    /* one step more: the first step again */
    char *nl = strchr(text, '\n');
    char *first = strndup(nl + 1, (size_t)(strchr(nl + 1, '\n') - nl));
    write_file(path, "a", first, strlen(first));
    free(first);
    int reloads = app_reloads(a);
    for (int i = 0; i < 200 && app_reloads(a) == reloads; i++) {
        SDL_Delay(10);
        s = frame(a, t += 0.01);
    }
    assert_int_equal(app_reloads(a), reloads + 1);
    assert_true(s.total > old_total);
    assert_float_equal(s.elapsed, fmod(wall - CLI_SYNC_EPOCH, s.total), 1e-6);
    free(text);
    app_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_write_patterns_inotify, setup, teardown),
        cmocka_unit_test_setup_teardown(test_write_patterns_polling, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reload_keeps_the_step, setup, teardown),
        cmocka_unit_test_setup_teardown(test_home_takes_user_rows, setup, teardown),
        cmocka_unit_test_setup_teardown(test_banner_place, setup, teardown),
        cmocka_unit_test_setup_teardown(test_key_frames_shown, setup, teardown),
        cmocka_unit_test_setup_teardown(test_key_frames_in_german, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sync_screens_agree, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sync_after_table_change, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
