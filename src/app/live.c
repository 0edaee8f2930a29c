/* live: the app's side of reloading. The library (core) reads the files
 * and keeps the last good; this file wakes it when the watcher says a
 * file moved, puts what it loaded on the screen without losing the
 * viewer's place, and keeps the banner that says what was kept. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h> /* --verbose: when a reloaded frame is up, on the wall clock */

#include "app_internal.h"
#include "lang.h" /* lang_code: the tables' language */

#define LIVE_MAX_DIRS 10

/* app->ex from the library's catalogue and clips. */
static bool rebuild_exercises(App *app)
{
    size_t n = catalog_exercise_count(app->cat);
    AppExercise *ex = calloc(n ? n : 1, sizeof *ex);
    if (!ex)
        return false;
    for (size_t i = 0; i < n; i++) {
        ex[i].clip = library_pose(app->lib, i);
        ex[i].timing = anim_timing(catalog_exercise(app->cat, i));
        snprintf(ex[i].error, sizeof ex[i].error, "%s", library_pose_error(app->lib, i));
        if (!ex[i].clip && app->opt.verbose)
            fprintf(stderr, "limber: %s\n", ex[i].error);
    }
    free(app->ex);
    app->ex = ex;
    app->ex_count = n;
    return true;
}

bool app_live_open(App *app, DiagList *diags)
{
    const Options *o = &app->opt;
    LibraryDirs dirs = { o->data_dir, o->assets_dir, o->user_dir[0] ? o->user_dir : NULL,
                         lang_code() };
    app->reload_due = INFINITY;
    app->lib = library_open(&dirs, diags);
    if (!app->lib)
        return false;
    app->cat = library_catalog(app->lib);
    return rebuild_exercises(app);
}

void app_live_watch(App *app)
{
    const char *dirs[LIVE_MAX_DIRS];
    size_t n = library_watch_dirs(app->lib, dirs, LIVE_MAX_DIRS);
    Uint32 type = SDL_RegisterEvents(1);
    if (type == (Uint32)-1)
        return;
    app->watch_event = type;
    app->watch = watch_start(dirs, n, type);
    if (app->opt.verbose)
        fprintf(stderr, "limber: watching %zu directories for changes %s\n", n,
                !app->watch                    ? "(cannot: no thread)"
                : watch_uses_inotify(app->watch) ? "(inotify)"
                                                 : "(looking once a second)");
}

void app_live_close(App *app)
{
    watch_stop(app->watch);
    app->watch = NULL;
    free(app->ex);
    app->ex = NULL;
    app->ex_count = 0;
    library_free(app->lib);
    app->lib = NULL;
    app->cat = NULL;
}

bool app_live_event(App *app, const SDL_Event *e)
{
    if (!app->watch_event || e->type != app->watch_event)
        return false;
    watch_ack(app->watch);
    if (isinf(app->reload_due))
        app->reload_first = app->now;
    /* a save is often several writes: read once they are done */
    app->reload_due = fmin(app->now + APP_RELOAD_SETTLE_S,
                           app->reload_first + APP_RELOAD_MAX_WAIT_S);
    return true;
}

/* A new player for the screen's exercise or routine in the new catalogue,
 * at the old one's place, paused if it was, mirrored if it was. */
static void replace_player(App *app, const char *id)
{
    PlayerState was;
    player_state(app->player, &was);
    PlayerPlace place = player_place(app->player);
    Player *p = NULL;
    if (app->screen == APP_SHOW) {
        int i = catalog_find_exercise(app->cat, id);
        if (i < 0)
            return; /* the library keeps the catalogue while it lacks it */
        p = player_new_exercise(catalog_exercise(app->cat, (size_t)i), i);
        app->selection = i;
    } else {
        int r = catalog_find_routine(app->cat, id);
        if (r < 0)
            return;
        p = player_new_routine(app->cat, catalog_routine(app->cat, (size_t)r));
        app->routine = r;
    }
    if (!p)
        return; /* out of memory: the old player goes on */
    player_free(app->player);
    app->player = p;
    player_set_loop(p, was.looping || app->opt.loop || app->opt.sync);
    player_start(p, app->now);
    player_set_speed(p, app->now, was.speed);
    if (was.mirror_view)
        player_toggle_mirror_view(p);
    player_set_paused(p, app->now, was.paused);
    player_set_place(p, app->now, place);
}

void app_live_update(App *app)
{
    if (!app->lib || app->now < app->reload_due)
        return;
    app->reload_due = INFINITY;
    /* the names on screen, copied: the old catalogue may go */
    char id[CATALOG_MAX_ID + 8] = "";
    LibraryNeed need = { 0 };
    if (app->player && app->screen == APP_SHOW)
        snprintf(id, sizeof id, "%s", catalog_exercise(app->cat, (size_t)app->selection)->id);
    else if (app->player && app->screen == APP_PLAY)
        snprintf(id, sizeof id, "%s", catalog_routine(app->cat, (size_t)app->routine)->name);
    if (id[0] && app->screen == APP_SHOW)
        need.exercise = id;
    else if (id[0])
        need.routine = id;

    int did = library_reload(app->lib, &need);
    if (did & LIBRARY_UPDATED) {
        app->cat = library_catalog(app->lib);
        if (!rebuild_exercises(app)) {
            app->quit = true; /* out of memory, with clips already gone */
            app->exit_code = 1;
            return;
        }
        if (app->player && id[0])
            replace_player(app, id);
        int items = (int)app->ex_count + (int)catalog_routine_count(app->cat);
        if (app->selection >= items)
            app->selection = items - 1;
        app->default_routine = catalog_find_routine(app->cat, "daily");
        if (app->default_routine < 0 && catalog_routine_count(app->cat) > 0)
            app->default_routine = 0;
        /* the home grid's cells are per exercise and routine: made anew */
        free(app->cells);
        free(app->cell_of);
        free(app->routine_cells);
        app->cells = NULL;
        app->cell_of = NULL;
        app->routine_cells = NULL;
        app_layout(app);
        app->reloads++;
        app->reload_shown = false;
        app->dirty = true;
    }
    if (did & LIBRARY_RETRY)
        app->reload_due = app->now + APP_RELOAD_RETRY_S;
    if (did & LIBRARY_ERROR) {
        snprintf(app->banner, sizeof app->banner, "%s", library_error(app->lib));
        /* once per fault: the banner stays while it lasts */
        if (app->banner[0])
            fprintf(stderr, "limber: %s (the last good version stays in use)\n", app->banner);
        else if (app->opt.verbose)
            fprintf(stderr, "limber: the files load again\n");
        app->dirty = true;
    }
}

/* For measuring reload latency: the wall clock when the frame that shows a
 * reload was presented, to compare with when the file was saved. */
void app_live_presented(App *app)
{
    if (app->reload_shown || !app->opt.verbose || app->reloads == 0)
        return;
    app->reload_shown = true;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    fprintf(stderr, "limber: reload %d on screen at %.3f\n", app->reloads,
            (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9);
}
