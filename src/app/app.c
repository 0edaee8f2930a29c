/* app: window, renderer, events, pacing; one frame in app_frame. */
#include "app.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h> /* stat: is there a session bus socket */
#include <time.h>     /* clock_gettime(CLOCK_REALTIME): --sync's wall clock */

#include "app_internal.h"
#include "icon.h"
#include "lang.h"
#include "render.h" /* app_new_offscreen */
#include "x11.h"

/* ------------------------------------------------------------------ */
/* Screens                                                             */
/* ------------------------------------------------------------------ */

static void go_home(App *app)
{
    voice_cut(app->voice);
    player_free(app->player);
    app->player = NULL;
    app->screen = APP_HOME;
    app->have_state = false;
    app->dirty = true;
}

static bool go_show(App *app, int exercise)
{
    Player *p = player_new_exercise(catalog_exercise(app->cat, (size_t)exercise), exercise);
    if (!p)
        return false;
    player_free(app->player);
    app->player = p;
    player_start(p, app->now);
    player_set_speed(p, app->now, app->opt.speed);
    app->screen = APP_SHOW;
    app->selection = exercise;
    app->have_state = false;
    app->dirty = true;
    return true;
}

static bool go_play(App *app, int routine)
{
    if (routine < 0)
        return false;
    Player *p = player_new_routine(app->cat, catalog_routine(app->cat, (size_t)routine));
    if (!p)
        return false;
    player_free(app->player);
    app->player = p;
    player_set_loop(p, app->opt.loop || app->opt.sync);
    player_start(p, app->now);
    app->screen = APP_PLAY;
    app->routine = routine;
    app->have_state = false;
    app->dirty = true;
    return true;
}

/* ------------------------------------------------------------------ */
/* Creating and freeing                                                */
/* ------------------------------------------------------------------ */

/* SDL ignores a render driver hint it does not know; we say so instead. */
static bool renderer_exists(const char *name)
{
    for (int i = 0; i < SDL_GetNumRenderDrivers(); i++) {
        SDL_RendererInfo info;
        if (SDL_GetRenderDriverInfo(i, &info) == 0 && strcmp(info.name, name) == 0)
            return true;
    }
    return false;
}

/* The renderer for this machine. Unless the person names one: the software
 * renderer onto the window's own surface, because without a GPU SDL would
 * draw through OpenGL on llvmpipe at five times the CPU (sdl-notes.md), and
 * with a GPU one figure costs the software path little. Where the video
 * driver has no window surface (KMSDRM on a Pi without a desktop) there is
 * always a real GPU behind it: then SDL's own choice, GLES2. */
static SDL_Renderer *create_renderer(SDL_Window *window, const Options *opt)
{
    SDL_Renderer *r = SDL_CreateRenderer(window, -1, SDL_RENDERER_PRESENTVSYNC);
    if (!r)
        r = SDL_CreateRenderer(window, -1, 0);
    if (r || opt->renderer)
        return r;
    if (opt->verbose)
        fprintf(stderr, "limber: no software renderer on %s (%s); letting SDL choose\n",
                SDL_GetCurrentVideoDriver(), SDL_GetError());
    SDL_SetHint(SDL_HINT_RENDER_DRIVER, NULL);
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "1");
    r = SDL_CreateRenderer(window, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    return r ? r : SDL_CreateRenderer(window, -1, 0);
}

/* The GL driver under an OpenGL renderer ("llvmpipe" is Mesa's software
 * rasteriser), or NULL for a renderer that is not GL. */
static const char *gl_renderer_name(SDL_Renderer *renderer)
{
    SDL_RendererInfo info;
    if (SDL_GetRendererInfo(renderer, &info) != 0 || strncmp(info.name, "opengl", 6) != 0)
        return NULL;
    typedef const unsigned char *(*GetString)(unsigned int);
    GetString get = (GetString)(uintptr_t)SDL_GL_GetProcAddress("glGetString");
    const unsigned int gl_renderer = 0x1F01; /* GL_RENDERER */
    return get ? (const char *)get(gl_renderer) : NULL;
}

static void print_renderer(SDL_Renderer *renderer)
{
    SDL_RendererInfo info;
    SDL_GetRendererInfo(renderer, &info);
    const char *gl = gl_renderer_name(renderer);
    fprintf(stderr, "limber: video driver %s, renderer %s%s%s%s\n", SDL_GetCurrentVideoDriver(),
            info.name, gl ? " on " : "", gl ? gl : "",
            (info.flags & SDL_RENDERER_PRESENTVSYNC) ? " (vsync)" : "");
    if (gl && (strstr(gl, "llvmpipe") || strstr(gl, "softpipe") || strstr(gl, "swrast")))
        fprintf(stderr, "limber: %s is a software rasteriser; --renderer software costs "
                        "a fifth of the CPU\n", gl);
}

/* Start-up work SDL 2.26 does for services Limber never uses, skipped
 * before SDL_Init (measured under Xvfb on this project's 2-core machine):
 * - libdbus, asked for the session bus, forks and runs dbus-launch to
 *   "autolaunch" one when none is known (6 ms of CPU and a fork; a new
 *   bus per process where dbus-launch exists). SDL wants the bus only to
 *   inhibit a screensaver and to reach an input method, and a bus started
 *   for Limber alone has neither. So only when there is no bus to find
 *   (no DBUS_SESSION_BUS_ADDRESS, no $XDG_RUNTIME_DIR/bus, which is where
 *   systemd's user bus lives), the address is set to one that fails at
 *   once. X11's own screensaver suspension still runs.
 * - Xlib parses the locale's whole compose table (~14 ms of CPU) for
 *   composing typed text; Limber reads keys, never text. An XCOMPOSEFILE
 *   the person set is kept. */
void app_skip_unused_services(void)
{
    if (!getenv("DBUS_SESSION_BUS_ADDRESS")) {
        const char *runtime = getenv("XDG_RUNTIME_DIR");
        char *bus = NULL;
        struct stat st;
        bool have_bus = runtime && runtime[0] && SDL_asprintf(&bus, "%s/bus", runtime) > 0 &&
                        stat(bus, &st) == 0 && S_ISSOCK(st.st_mode);
        SDL_free(bus);
        if (!have_bus)
            setenv("DBUS_SESSION_BUS_ADDRESS", "disabled:", 0);
    }
    setenv("XCOMPOSEFILE", "/dev/null", 0);
}

/* SDL's video, before the window; why stays empty, or holds SDL's reason
 * it could not start (said by open_window, after any fault in the tables,
 * as before). */
static void start_video(const Options *opt, char *why, size_t why_size)
{
    app_skip_unused_services();
    if (!opt->renderer) {
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
        SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
    } else {
        SDL_SetHint(SDL_HINT_RENDER_DRIVER, opt->renderer);
    }
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    x11_guard_install();
    if (SDL_Init(SDL_INIT_VIDEO) != 0)
        snprintf(why, why_size, "%s", SDL_GetError()[0] ? SDL_GetError() : "unknown error");
}

/* The window and its renderer on the video start_video started (or not:
 * why); false after printing why. */
static bool open_window(App *app, const Options *opt, const char *why, int *exit_code)
{
    if (why[0]) {
        fprintf(stderr, "limber: cannot start the video: %s\n", why);
        if (strstr(why, "kmsdrm"))
            fprintf(stderr, "limber: KMSDRM needs a screen device (/dev/dri/card*) and a "
                            "user in the video and render groups\n");
        return false;
    }
    /* With no display SDL falls back to a driver that shows nothing: a
     * window nobody can see is an error, unless asked for (tests) */
    const char *driver = SDL_GetCurrentVideoDriver();
    if (!getenv("SDL_VIDEODRIVER") && driver &&
        (strcmp(driver, "offscreen") == 0 || strcmp(driver, "dummy") == 0)) {
        fprintf(stderr, "limber: no display to show a window on (is DISPLAY or "
                        "WAYLAND_DISPLAY set? without a desktop use SDL_VIDEODRIVER=kmsdrm)\n");
        SDL_Quit();
        return false;
    }
    if (opt->renderer && !renderer_exists(opt->renderer)) {
        fprintf(stderr, "limber: no renderer '%s'; the renderers are:\n", opt->renderer);
        for (int i = 0; i < SDL_GetNumRenderDrivers(); i++) {
            SDL_RendererInfo info;
            if (SDL_GetRenderDriverInfo(i, &info) == 0)
                fprintf(stderr, "  %s\n", info.name);
        }
        *exit_code = 2;
        return false;
    }
    if (opt->display >= SDL_GetNumVideoDisplays()) {
        if (!opt->loop) {
            fprintf(stderr, "limber: there is no display %d; the displays are:\n", opt->display);
            display_print_list(stderr, "  ");
            *exit_code = 2;
            return false;
        }
        /* A kiosk started before its TV: wait on the first display, and
         * keep_display moves there when it comes. Until then the window is
         * placed as if no display had been asked for. */
        fprintf(stderr, "limber: display %d is not there yet; showing on display 0 until it "
                        "appears\n", opt->display);
        app->opt.display = -1;
    }
    opt = &app->opt;

    int display = opt->display >= 0 ? opt->display : 0;
    int pos = opt->display >= 0 ? (int)SDL_WINDOWPOS_CENTERED_DISPLAY(display)
                                : (int)SDL_WINDOWPOS_CENTERED;
    app->windowed_w = opt->window_w ? opt->window_w : 1280;
    app->windowed_h = opt->window_h ? opt->window_h : 720;
    SDL_Rect r = { pos, pos, app->windowed_w, app->windowed_h };
    Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
    /* Fullscreen: the window is born covering the display, without a
     * title bar, so the first frame is drawn as it will stay; asking the
     * window manager for fullscreen waits until after that frame
     * (place_window), and leaving fullscreen gives the border back. */
    SDL_Rect bounds;
    if (opt->fullscreen && SDL_GetDisplayBounds(display, &bounds) == 0) {
        r = bounds;
        flags |= SDL_WINDOW_BORDERLESS;
    }
    app->window = SDL_CreateWindow("Limber", r.x, r.y, r.w, r.h, flags);
    if (!app->window) {
        fprintf(stderr, "limber: cannot open a window: %s\n", SDL_GetError());
        return false;
    }
    app->renderer = create_renderer(app->window, opt);
    SDL_RendererInfo info;
    app->keeps_back_buffer = app->renderer && SDL_GetRendererInfo(app->renderer, &info) == 0 &&
                             strcmp(info.name, "software") == 0;
    if (!app->renderer) {
        fprintf(stderr, "limber: cannot create a renderer: %s\n", SDL_GetError());
        return false;
    }
    return true;
}

/* Puts the new window where it was asked for, and remembers the display:
 * after the first frame, because going fullscreen through the window
 * manager makes SDL 2.26 wait up to 100 ms for the window to change, and
 * with no window manager (a kiosk's bare X) it never does. */
static void place_window(App *app, const Options *opt)
{
    int display = opt->display >= 0 ? opt->display : 0;
    /* Window managers may place a new window where they like; check. */
    if (app->fullscreen ||
        (opt->display >= 0 && SDL_GetWindowDisplayIndex(app->window) != display))
        display_move_window(app->window, opt->display >= 0 ? display
                                                           : SDL_GetWindowDisplayIndex(app->window),
                            app->fullscreen);
    int at = SDL_GetWindowDisplayIndex(app->window);
    app->memo = display_remember(at >= 0 ? at : display);
}

static double wall_clock(void *ctx);

/* --verbose: the logo in use, or where one would go. */
static void print_logo(const Logo *logo, const Options *opt)
{
    int w = 0, h = 0;
    if (logo) {
        logo_size(logo, &w, &h);
        fprintf(stderr, "limber: logo %s (%s, %dx%d)\n", logo_path(logo), logo_kind(logo), w, h);
    } else if (!opt->logo && opt->user_dir[0]) {
        fprintf(stderr, "limber: no logo (none of logo.png, logo.jpg, logo.svg in %s)\n",
                opt->user_dir);
    } else if (!opt->logo) {
        fprintf(stderr, "limber: no logo (no --logo, and no user data directory)\n");
    }
}

/* What app_open loads beside SDL_Init: touches only app->lib, app->cat,
 * app->ex and app->logo until it is joined. */
typedef struct {
    App *app;
    DiagList *diags;
    bool tables_ok;
} DataLoad;

static int load_data(void *arg)
{
    DataLoad *load = arg;
    load->tables_ok = app_live_open(load->app, load->diags);
    bool logo_refused; /* said on stderr; the screens go on without it */
    if (load->tables_ok)
        load->app->logo = cli_load_logo(&load->app->opt, &logo_refused);
    return 0;
}

static App *app_open(const Options *opt, AppScreen screen, const char *arg, int off_w, int off_h,
                     int *exit_code)
{
    DiagList diags = { 0 };
    *exit_code = 1;
    App *app = calloc(1, sizeof *app);
    if (!app)
        goto fail;
    app->opt = *opt;
    app->wall = wall_clock;
    app->hover = -1;
    app->last_segment = app->last_second = -1;

    /* A window's SDL_Init waits on the X server (25-30 round trips); the
     * tables, poses and logo load meanwhile in a thread of their own
     * (docs/performance.md). The window itself opens only after them, so
     * a fault in the tables still stops Limber before any window shows. */
    DataLoad load = { .app = app, .diags = &diags };
    SDL_Thread *loader =
        off_w > 0 ? NULL : SDL_CreateThread(load_data, "limber-load", &load);
    if (!loader)
        load_data(&load);
    char video_fault[512] = "";
    if (off_w <= 0)
        start_video(opt, video_fault, sizeof video_fault);
    if (loader)
        SDL_WaitThread(loader, NULL);
    if (!load.tables_ok)
        goto fail;
    diag_print_all(&diags, stderr); /* bad rows are skipped; say which */
    app->data_errors = diags.count;
    if (diags.count) {
        /* the screen names where, briefly: the whole message is on stderr
         * and in `limber check`, and would be too small to read on a TV */
        const Diag *d = &diags.items[0];
        const char *base = strrchr(d->file, '/');
        snprintf(app->data_error, sizeof app->data_error, "%s, line %d", base ? base + 1 : d->file,
                 d->line);
    }
    if (catalog_exercise_count(app->cat) == 0) {
        fprintf(stderr, "limber: no exercises in %s/exercises.csv\n", opt->data_dir);
        goto fail;
    }
    if (opt->verbose)
        print_logo(app->logo, opt);
    app->default_routine = catalog_find_routine(app->cat, "daily");
    if (app->default_routine < 0 && catalog_routine_count(app->cat) > 0)
        app->default_routine = 0;

    int start_item = 0;
    if (screen == APP_SHOW) {
        start_item = catalog_find_exercise(app->cat, arg ? arg : "");
        if (start_item < 0) {
            fprintf(stderr, "limber: unknown exercise '%s'; 'limber list' shows them\n",
                    arg ? arg : "");
            *exit_code = 2;
            goto fail;
        }
    } else if (screen == APP_PLAY) {
        start_item = arg ? catalog_find_routine(app->cat, arg) : app->default_routine;
        if (start_item < 0) {
            /* a file with errors is data to fix (1), no such file a typo (2) */
            *exit_code = cli_missing_routine(app->cat, arg ? arg : "daily") ? 1 : 2;
            goto fail;
        }
    }

    /* espeak-ng loads in the voice's thread while the window opens; the
     * device waits for the first frame (after_first_frame) */
    app->audio = audio_new(opt->verbose);
    app->voice = app->audio ? voice_new(app->audio, lang_code(), NULL, opt->verbose) : NULL;
    if (!app->voice)
        goto fail;
    if (opt->voice)
        voice_set_enabled(app->voice, true);

    if (off_w > 0) {
        /* SDL_INIT_EVENTS only: app_frame's SDL_PollEvent needs a queue */
        if (SDL_InitSubSystem(SDL_INIT_EVENTS) != 0)
            goto fail;
        app->offscreen = true;
        app->renderer = render_offscreen_new(off_w, off_h, &app->surface);
        if (!app->renderer) {
            fprintf(stderr, "limber: cannot create a %dx%d surface: %s\n", off_w, off_h,
                    SDL_GetError());
            goto fail;
        }
        app->windowed_w = off_w;
        app->windowed_h = off_h;
    } else if (!open_window(app, opt, video_fault, exit_code)) {
        goto fail;
    }
    app->stamp_window = SDL_GetPerformanceCounter();
    SDL_SetRenderDrawBlendMode(app->renderer, SDL_BLENDMODE_BLEND);
    app->text = text_open(app->renderer, opt->assets_dir);
    if (!app->text) {
        fprintf(stderr, "limber: cannot load the font from %s/fonts: %s\n", opt->assets_dir,
                SDL_GetError());
        goto fail;
    }
    app->buffers = draw_buffers_new(app->renderer, app->surface);
    if (!app->buffers)
        goto fail;
    app->theme = draw_theme_default();
    app->cues = true;

    if (app->window) {
        /* place_window moves it after the first frame; until then this is
         * what the display checks compare with */
        app->fullscreen = opt->fullscreen;
        app->memo = display_remember(app->opt.display >= 0 ? app->opt.display : 0);
        if (opt->loop && opt->display >= 0)
            app->want = display_want(opt->display);
        else
            app->want = display_want(-1);
    }
    if (opt->sound)
        audio_enable_deferred(app->audio);
    if (opt->verbose)
        print_renderer(app->renderer);

    app->freq = (double)SDL_GetPerformanceFrequency();
    app->t0 = SDL_GetPerformanceCounter();
    app->stamp_ready = app->t0;
    app->now = 0.0;
    app_layout(app);
    if ((screen == APP_SHOW && !go_show(app, start_item)) ||
        (screen == APP_PLAY && !go_play(app, start_item)))
        goto fail;
    if (screen == APP_HOME)
        go_home(app);
    diag_free(&diags);
    *exit_code = 0;
    return app;
fail:
    diag_free(&diags);
    app_free(app);
    return NULL;
}

App *app_new(const Options *opt, AppScreen screen, const char *arg, int *exit_code)
{
    return app_open(opt, screen, arg, 0, 0, exit_code);
}

App *app_new_offscreen(const Options *opt, AppScreen screen, const char *arg, int w, int h,
                       int *exit_code)
{
    return app_open(opt, screen, arg, w, h, exit_code);
}

void app_free(App *app)
{
    if (!app)
        return;
    player_free(app->player);
    app_live_close(app);
    free(app->cells);
    free(app->cell_of);
    free(app->routine_cells);
    voice_free(app->voice);
    audio_free(app->audio);
    logo_free(app->logo); /* its texture before the renderer */
    draw_buffers_free(app->buffers);
    text_close(app->text);
    if (app->surface)
        render_offscreen_free(app->renderer, app->surface);
    else if (app->renderer)
        SDL_DestroyRenderer(app->renderer);
    if (app->window)
        SDL_DestroyWindow(app->window);
    if (app->offscreen)
        SDL_QuitSubSystem(SDL_INIT_EVENTS);
    else if (SDL_WasInit(SDL_INIT_VIDEO))
        SDL_Quit();
    free(app);
}

/* ------------------------------------------------------------------ */
/* Input                                                               */
/* ------------------------------------------------------------------ */

static void toggle_fullscreen(App *app)
{
    int at = SDL_GetWindowDisplayIndex(app->window);
    app->fullscreen = !app->fullscreen;
    display_move_window(app->window, at >= 0 ? at : 0, app->fullscreen);
    if (!app->fullscreen) {
        SDL_SetWindowBordered(app->window, SDL_TRUE); /* born fullscreen: borderless */
        /* back to the window size asked for, if the display has room for it */
        SDL_Rect b;
        int w = app->windowed_w, h = app->windowed_h;
        if (SDL_GetDisplayUsableBounds(at >= 0 ? at : 0, &b) == 0 && (w > b.w || h > b.h)) {
            double f = fmin(0.9 * b.w / w, 0.9 * b.h / h);
            w = (int)(w * f);
            h = (int)(h * f);
        }
        SDL_SetWindowSize(app->window, w, h);
        display_move_window(app->window, at >= 0 ? at : 0, false);
    }
    app->dirty = true;
}

/* + and - step through the speeds a person can tell apart. */
/* A short answer to a key, shown for APP_NOTE_S: keys that change
 * nothing else on screen must still be seen to work. */
static void flash(App *app, const char *note)
{
    snprintf(app->note, sizeof app->note, "%s", note);
    app->note_until = app->now + APP_NOTE_S;
}

static void change_speed(App *app, int dir)
{
    static const double ladder[] = { 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0 };
    const int n = (int)(sizeof ladder / sizeof ladder[0]);
    if (app->screen != APP_SHOW) {
        flash(app, _("A routine keeps real time"));
        return;
    }
    PlayerState s;
    player_state(app->player, &s); /* not app->state: two keys may come in one frame */
    int i = 0;
    while (i < n - 1 && ladder[i] < s.speed - 1e-9)
        i++;
    /* i: the first step at or above the speed now */
    if (dir > 0)
        i = ladder[i] > s.speed + 1e-9 ? i : i + 1;
    else
        i = i - 1;
    i = i < 0 ? 0 : (i >= n ? n - 1 : i);
    player_set_speed(app->player, app->now, ladder[i]);
    char note[48], speed[16];
    lang_number(speed, sizeof speed, ladder[i]);
    snprintf(note, sizeof note, _("Speed %sx"), speed);
    flash(app, note);
}

/* Enter or a click on a home item: watch the exercise, play the routine. */
static void open_item(App *app, int item)
{
    if (item < (int)app->ex_count)
        go_show(app, item);
    else
        go_play(app, item - (int)app->ex_count);
}

/* The next cell on the home grid in a direction: the nearest centre whose
 * offset points that way. */
static int home_move(const App *app, int dx, int dy)
{
    int from = app->selection;
    if (!app->cells)
        return from;
    LayoutRect a = app_item_rect(app, from);
    int ax = a.x + a.w / 2, ay = a.y + a.h / 2;
    int best = from;
    long best_d = -1;
    for (int i = 0; i < app_item_count(app); i++) {
        LayoutRect b = app_item_rect(app, i);
        int ox = b.x + b.w / 2 - ax, oy = b.y + b.h / 2 - ay;
        int along = dx ? ox * dx : oy * dy;
        int across = dx ? oy : ox;
        if (along <= 0)
            continue;
        long d = (long)along * along + 4L * across * across;
        if (best_d < 0 || d < best_d) {
            best_d = d;
            best = i;
        }
    }
    return best;
}

/* In step with other screens, a screen that paused or skipped on its own
 * would show another moment than the screens beside it, the one thing
 * --sync promises not to do: the keys say so instead. */
static bool sync_refuses(App *app)
{
    if (!app->opt.sync)
        return false;
    flash(app, _("In step with other screens"));
    return true;
}

static void press_button(App *app, int button)
{
    if (button != LAYOUT_BUTTON_FULLSCREEN && sync_refuses(app)) {
        app->dirty = true;
        return;
    }
    switch (button) {
    case LAYOUT_BUTTON_PREVIOUS:
        if (app->screen == APP_SHOW)
            go_show(app, (app->selection + (int)app->ex_count - 1) % (int)app->ex_count);
        else
            player_previous(app->player, app->now);
        break;
    case LAYOUT_BUTTON_PAUSE:
        if (app->state.finished)
            player_restart(app->player, app->now);
        else
            player_toggle_pause(app->player, app->now);
        break;
    case LAYOUT_BUTTON_NEXT:
        if (app->screen == APP_SHOW)
            go_show(app, (app->selection + 1) % (int)app->ex_count);
        else
            player_next(app->player, app->now);
        break;
    case LAYOUT_BUTTON_FULLSCREEN:
        toggle_fullscreen(app);
        break;
    }
    app->dirty = true;
}

static void key_down(App *app, const SDL_KeyboardEvent *k)
{
    SDL_Keycode key = k->keysym.sym;
    bool shift = (k->keysym.mod & KMOD_SHIFT) != 0;
    /* A held key repeats; only moving around the grid should. */
    bool arrow = key == SDLK_LEFT || key == SDLK_RIGHT || key == SDLK_UP || key == SDLK_DOWN;
    if (k->repeat && !arrow)
        return;
    app->dirty = true;
    /* keys every screen shares */
    switch (key) {
    case SDLK_q:
        app->quit = true;
        return;
    case SDLK_f:
    case SDLK_F11:
        toggle_fullscreen(app);
        return;
    case SDLK_s:
        audio_set_enabled(app->audio, !audio_enabled(app->audio));
        flash(app, audio_enabled(app->audio) ? _("Sound on") : _("Sound off"));
        return;
    case SDLK_v:
        voice_set_enabled(app->voice, !voice_enabled(app->voice));
        flash(app, voice_enabled(app->voice) ? _("Voice on") : _("Voice off"));
        return;
    case SDLK_h:
    case SDLK_QUESTION:
        app->help = !app->help;
        return;
    case SDLK_SLASH:
        if (shift)
            app->help = !app->help;
        return;
    case SDLK_ESCAPE:
        if (app->help)
            app->help = false;
        else if (app->screen == APP_HOME)
            app->quit = true;
        else
            go_home(app);
        return;
    default:
        break;
    }
    if (app->screen == APP_HOME) {
        switch (key) {
        case SDLK_LEFT: app->selection = home_move(app, -1, 0); break;
        case SDLK_RIGHT: app->selection = home_move(app, 1, 0); break;
        case SDLK_UP: app->selection = home_move(app, 0, -1); break;
        case SDLK_DOWN: app->selection = home_move(app, 0, 1); break;
        case SDLK_RETURN:
        case SDLK_KP_ENTER:
        case SDLK_SPACE: open_item(app, app->selection); break;
        case SDLK_p: go_play(app, app->default_routine); break;
        default: break;
        }
        return;
    }
    switch (key) {
    case SDLK_SPACE: press_button(app, LAYOUT_BUTTON_PAUSE); break;
    case SDLK_RIGHT:
    case SDLK_PAGEDOWN: press_button(app, LAYOUT_BUTTON_NEXT); break;
    case SDLK_LEFT:
    case SDLK_PAGEUP: press_button(app, LAYOUT_BUTTON_PREVIOUS); break;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
    case SDLK_r:
        if (!sync_refuses(app))
            player_restart(app->player, app->now);
        break;
    case SDLK_m: {
        player_toggle_mirror_view(app->player);
        PlayerState s;
        player_state(app->player, &s);
        flash(app, s.mirror_view ? _("Mirrored") : _("Not mirrored"));
        break;
    }
    case SDLK_k:
        app->keys_shown = !app->keys_shown;
        flash(app, app->keys_shown ? _("Key frames shown") : _("Key frames hidden"));
        break;
    case SDLK_c:
        app->cues = !app->cues;
        flash(app, app->cues ? _("Motion cues on") : _("Motion cues off"));
        break;
    case SDLK_PLUS:
    case SDLK_KP_PLUS:
    case SDLK_EQUALS: change_speed(app, 1); break;
    case SDLK_MINUS:
    case SDLK_KP_MINUS: change_speed(app, -1); break;
    default: break;
    }
}

/* Window coordinates to output pixels (they differ on high-DPI screens). */
static void to_output(const App *app, int *x, int *y)
{
    int ww = 0, wh = 0;
    if (app->window)
        SDL_GetWindowSize(app->window, &ww, &wh);
    if (ww > 0 && wh > 0) {
        *x = (int)((long)*x * app->out_w / ww);
        *y = (int)((long)*y * app->out_h / wh);
    }
}

/* A kiosk's display that has just come (or come back) gets the window;
 * else display_keep's rules. Returns true if the window moved. */
static bool keep_display(App *app)
{
    int to = display_want_arrived(&app->want);
    if (to < 0)
        return display_keep(app->window, &app->memo, app->fullscreen);
    if (app->opt.verbose)
        fprintf(stderr, "limber: display %d is there; moving to it\n", to);
    display_move_window(app->window, to, app->fullscreen);
    app->memo = display_remember(to);
    return true;
}

static void mouse_seen(App *app)
{
    app->last_input = app->now;
    if (app->cursor_hidden) {
        SDL_ShowCursor(SDL_ENABLE);
        app->cursor_hidden = false;
    }
}

static void handle_event(App *app, const SDL_Event *e)
{
    if (app_live_event(app, e))
        return;
    switch (e->type) {
    case SDL_QUIT:
        app->quit = true;
        break;
    case SDL_KEYDOWN:
        app->last_key = app->now;
        key_down(app, &e->key);
        break;
    case SDL_MOUSEMOTION: {
        mouse_seen(app);
        int x = e->motion.x, y = e->motion.y;
        to_output(app, &x, &y);
        if (app->screen == APP_HOME) {
            int cell = app_item_at(app, x, y);
            if (cell >= 0 && cell != app->selection) {
                app->selection = cell;
                app->dirty = true;
            }
        } else {
            int b = app_button_at(app, x, y);
            if (b != app->hover) {
                app->hover = b;
                app->dirty = true;
            }
        }
        break;
    }
    case SDL_MOUSEBUTTONDOWN: {
        /* a click on buttons nobody sees only brings them back */
        bool unseen = app->controls_hidden;
        mouse_seen(app);
        if (e->button.button != SDL_BUTTON_LEFT)
            break;
        int x = e->button.x, y = e->button.y;
        to_output(app, &x, &y);
        if (app->help) {
            app->help = false;
            app->dirty = true;
        } else if (app->screen == APP_HOME) {
            int cell = app_item_at(app, x, y);
            if (cell >= 0)
                open_item(app, cell);
        } else if (!unseen) {
            int b = app_button_at(app, x, y);
            if (b >= 0)
                press_button(app, b);
        }
        break;
    }
    case SDL_WINDOWEVENT:
        if (e->window.event == SDL_WINDOWEVENT_SIZE_CHANGED)
            app_layout(app);
        app->dirty = true;
        break;
    case SDL_DISPLAYEVENT:
        keep_display(app);
        app->dirty = true;
        break;
    default:
        break;
    }
}

/* ------------------------------------------------------------------ */
/* The frame                                                           */
/* ------------------------------------------------------------------ */

double app_now(const App *app)
{
    return (double)(SDL_GetPerformanceCounter() - app->t0) / app->freq;
}

/* Seconds since the Unix epoch, for --sync; tests set their own clock. */
static double wall_clock(void *ctx)
{
    (void)ctx;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void update(App *app)
{
    if (!app->player)
        return;
    if (app->opt.sync)
        player_sync(app->player, app->now, app->wall(app->wall_ctx) - app->opt.sync_epoch);
    else
        player_advance(app->player, app->now);
    PlayerState s;
    player_state(app->player, &s);
    int second = (int)ceil(s.segment_left - 1e-9);
    guide_update(app, &s, second);
    app->state = s;
    app->have_state = true;
    app->last_segment = s.segment;
    app->last_second = second;
    AnimTiming timing = { s.rep_s, s.hold_s };
    /* a timed step counts the step down, never a hold inside it */
    app->hold_left = s.kind == PLAYER_WORK && s.reps > 0
                         ? app_hold_left(app, s.exercise, timing, s.anim_t)
                         : -1.0;
    app->figure_valid = s.exercise >= 0 &&
                        app_exercise_frame(app, s.exercise, &timing, s.anim_t, s.working,
                                           s.mirror_view, &app->figure);
    if (!app->figure_valid || !app->cues ||
        !app_exercise_cues(app, s.exercise, &timing, s.anim_t, s.working, s.mirror_view,
                           &app->figure, &app->cue_now))
        app->cue_now = (DrawCues){ .arrow = { .joint = -1 } };
    app->key_info[0] = '\0';
    if (app->keys_shown && app->figure_valid && s.kind == PLAYER_WORK) {
        const PoseClip *clip = app->ex[s.exercise].clip;
        AnimPlace at = anim_place(clip, timing, s.anim_t);
        char beat[32];
        snprintf(beat, sizeof beat, "%.2f", at.beat);
        lang_decimal_comma(beat); /* "2,50" on a German screen, as its other numbers */
        snprintf(app->key_info, sizeof app->key_info,
                 /* TRANSLATORS: the phase's name, as in the pose file, stays */
                 _("%s  \xc2\xb7  key %zu of %zu (line %d)  \xc2\xb7  beat %s"), at.phase,
                 at.key + 1, pose_key_count(clip), at.line, beat);
    }
    /* the voice says the routine is done before Limber goes */
    if (s.finished && app->screen == APP_PLAY && app->opt.exit_when_done && !guide_speaking(app)) {
        app->quit = true;
        app->exit_code = 0;
    }
}

static AppSignature signature(const App *app)
{
    AppSignature g = {
        .screen = (int)app->screen, .help = app->help, .sound = audio_enabled(app->audio),
        .selection = app->selection, .hover = app->hover, .fullscreen = app->fullscreen,
        .note = app->note[0] != '\0', .keys_shown = app->keys_shown,
        .w = app->out_w, .h = app->out_h, .segment = -1, .exercise = -1, .cues = app->cues,
        .controls_hidden = app->controls_hidden,
    };
    if (app->screen != APP_HOME && app->have_state) {
        const PlayerState *s = &app->state;
        g.segment = s->segment;
        g.exercise = s->exercise;
        g.second = (int)ceil(s->segment_left - 1e-9);
        g.rep = s->rep;
        g.set = s->set;
        g.side = s->side;
        g.paused = s->paused;
        g.mirrored = s->mirror_view;
        g.working = (int)s->working;
        g.speed_x100 = (int)lround(s->speed * 100);
        g.hold_left = (int)ceil(app->hold_left);
        g.elapsed = (int)floor(s->elapsed); /* the remaining-time caption */
    }
    return g;
}

/* Pixels per metre of the figure, generously counted (the box's height
 * taken as a metre), magnified in the detail's inset. */
static float figure_scale(const App *app)
{
    float scale = (float)app->lp.figure.h;
    return app->cue_now.detail.zoom > 1.0f ? scale * app->cue_now.detail.zoom : scale;
}

/* How far the furthest joint is from a to b, in pixels at scale. */
static float joint_step(const FigureFrame *a, const FigureFrame *b, float scale)
{
    float step = 0.0f;
    for (int j = 0; j < SKEL_JOINT_COUNT; j++)
        step = fmaxf(step, fmaxf(fabsf(a->joint[j].x - b->joint[j].x),
                                 fabsf(a->joint[j].y - b->joint[j].y)));
    return step * scale;
}

/* True when the figure moved by more than a fraction of a pixel since the
 * frame drawn, or its arrow faded or moved (it fades out for a moment
 * after the figure stops). */
static bool figure_moved(const App *app)
{
    if (app->figure_valid != app->figure_drawn_valid)
        return true;
    if (!app->figure_valid)
        return false;
    float scale = figure_scale(app);
    const CueArrow *a = &app->cue_now.arrow, *b = &app->cue_drawn.arrow;
    if (fabsf(a->alpha - b->alpha) > 1.0f / 64 ||
        (a->alpha > 0.0f && (fabsf(a->centre.x - b->centre.x) * scale > 0.25f ||
                             fabsf(a->centre.y - b->centre.y) * scale > 0.25f ||
                             fabsf(a->from - b->from) > 0.01f)))
        return true;
    return joint_step(&app->figure, &app->figure_drawn, scale) > 0.25f;
}

/* When the figure's next frame is due: the first of the coming frame
 * times (APP_FPS) at which its furthest joint will be APP_STEP_PX from
 * where it was drawn, looking ahead in its animation, so that a movement
 * starting or speeding up is caught as it does; at the latest
 * 1/APP_MIN_FPS after the frame drawn, 1/30 while the arrow fades. */
static double figure_due(const App *app, double now)
{
    const PlayerState *s = &app->state;
    const CueArrow *a = &app->cue_now.arrow;
    double wait = a->alpha > 0.0f && a->alpha < 1.0f ? 1.0 / 30.0 : 1.0 / APP_MIN_FPS;
    double latest = app->figure_drawn_at + wait;
    if (latest <= now) /* still since: look again then */
        latest = now + wait;
    if (!app->figure_valid || !app->figure_drawn_valid)
        return latest;
    AnimTiming timing = { s->rep_s, s->hold_s };
    float scale = figure_scale(app);
    for (double dt = 1.0 / APP_FPS; now + dt < latest; dt += 1.0 / APP_FPS) {
        FigureFrame f;
        if (!app_exercise_frame(app, s->exercise, &timing, s->anim_t + dt * s->speed, s->working,
                                s->mirror_view, &f))
            break;
        if (joint_step(&f, &app->figure_drawn, scale) >= APP_STEP_PX)
            return now + dt;
    }
    return latest;
}

/* Fullscreen, the controls hide APP_CURSOR_IDLE_S after the last mouse
 * movement, click or key. The signature has the result, so the frame is
 * drawn again when they go or come back. */
static bool controls_hide(const App *app, double now)
{
    return app->fullscreen && now - fmax(app->last_input, app->last_key) >= APP_CURSOR_IDLE_S;
}

/* When the shown controls will hide; INFINITY when they are hidden or
 * never hide, so a paused app wakes once to hide them, then sleeps. */
static double controls_wake(const App *app)
{
    if (!app->fullscreen || app->controls_hidden)
        return INFINITY;
    return fmax(app->last_input, app->last_key) + APP_CURSOR_IDLE_S;
}

/* When the next frame is due: the figure's frame (figure_due) or the next
 * second of a countdown, whichever comes first; never (an event wakes us)
 * while paused or finished. */
static double next_wake(const App *app, double frame_start)
{
    if (app->screen == APP_HOME)
        return frame_start + 1.0 / APP_HOME_FPS;
    const PlayerState *s = &app->state;
    if (s->finished && app->opt.exit_when_done && app->screen == APP_PLAY)
        return app->now + 0.1; /* to quit once the voice has finished */
    if (s->paused || s->finished)
        return INFINITY;
    double to_second = s->segment_left - floor(s->segment_left);
    if (to_second <= 1e-6)
        to_second = 1.0;
    if (app->hold_left >= 0) {
        double h = app->hold_left - floor(app->hold_left);
        to_second = fmin(to_second, h > 1e-6 ? h : 1.0);
    }
    to_second /= s->speed > 0 ? s->speed : 1.0;
    /* a hold may end between seconds: look again at 10 Hz */
    double wake = app->now + fmin(to_second + 1e-3, 0.1);
    return fmin(wake, fmax(app->figure_due, frame_start + 1e-3));
}

/* Draws and presents (offscreen: flushes into the surface), and remembers
 * what was shown. figure_only: only the figure moved; where the previous
 * frame stays in the back buffer (the software renderer draws into the
 * window's own surface), redraw just the part of the figure's box that can
 * have changed and update only that part of the window. Other renderers do
 * not keep the back buffer after a present: they draw it all. */
/* The window's surface, if it is still the one the last whole frame was
 * drawn into, at the same size: after a resize SDL makes a new one, blank,
 * and only a whole frame may go into that. */
static SDL_Surface *kept_surface(const App *app)
{
    SDL_Surface *s = SDL_GetWindowSurface(app->window);
    return s && s == app->whole_surface && s->w == app->whole_w && s->h == app->whole_h ? s
                                                                                        : NULL;
}

static void draw_frame(App *app, AppSignature sig, bool figure_only)
{
    SDL_Surface *kept = figure_only && app->keeps_back_buffer && !app->help && app->window
                            ? kept_surface(app)
                            : NULL;
    if (kept) {
        /* Only what moved, and only that sent to the screen: at 1080p
         * copying the whole window cost the X server as much CPU as all
         * of Limber's drawing (docs/performance.md). */
        const SDL_Rect *painted;
        int n = app_draw_figure(app, &painted);
        text_end_frame(app->text);
        SDL_RenderFlush(app->renderer);
        SDL_Rect all = { 0, 0, kept->w, kept->h }, on_screen[DRAW_MAX_PAINTED];
        int shown = 0;
        for (int i = 0; i < n && shown < DRAW_MAX_PAINTED; i++)
            if (SDL_IntersectRect(&painted[i], &all, &on_screen[shown]))
                shown++;
        if (shown > 0)
            SDL_UpdateWindowSurfaceRects(app->window, on_screen, shown);
        app->partial_frames++;
        for (int i = 0; i < shown; i++)
            app->partial_px += (double)on_screen[i].w * on_screen[i].h;
    } else {
        app->texts_cut = 0;
        app_draw(app);
        text_end_frame(app->text);
        SDL_RenderPresent(app->renderer);
        SDL_Surface *s = app->keeps_back_buffer && app->window ? SDL_GetWindowSurface(app->window)
                                                               : NULL;
        app->whole_surface = s;
        app->whole_w = s ? s->w : 0;
        app->whole_h = s ? s->h : 0;
    }
    app_live_presented(app);
    app->drawn = sig;
    app->figure_drawn = app->figure;
    app->figure_drawn_valid = app->figure_valid;
    app->cue_drawn = app->cue_now;
    app->dirty = false;
    app->frames_drawn++;
}

/* Milliseconds between two performance counter readings. */
static double ms_between(const App *app, Uint64 from, Uint64 to)
{
    return (double)(to - from) * 1000.0 / app->freq;
}

/* --verbose: how long the first frame took to reach the screen, and where
 * the time went. */
static void print_startup(const App *app, Uint64 presented)
{
    const Options *o = &app->opt;
    double from_main = ms_between(app, o->start_counter, presented);
    if (o->before_main_ms >= 0.0)
        fprintf(stderr, "limber: first frame %.1f ms after the process started: %.0f ms "
                        "before main() (in 10 ms ticks), then ", o->before_main_ms + from_main,
                o->before_main_ms);
    else
        fprintf(stderr, "limber: first frame %.1f ms after main() began: ", from_main);
    fprintf(stderr, "%.1f ms for the tables, SDL and the window, %.1f ms for fonts and poses, "
                    "%.1f ms to draw and present it\n",
            ms_between(app, o->start_counter, app->stamp_window),
            ms_between(app, app->stamp_window, app->stamp_ready),
            ms_between(app, app->stamp_ready, presented));
}

/* What start-up leaves until the first frame is on the screen: none of it
 * changes that frame, and each waits on the X server, a file or a sound
 * server. */
static void after_first_frame(App *app)
{
    Uint64 presented = SDL_GetPerformanceCounter();
    app->started = true;
    if (app->opt.verbose && app->opt.start_counter)
        print_startup(app, presented);
    audio_open_deferred(app->audio);
    app_live_watch(app);
    if (app->opt.verbose && audio_has_device(app->audio))
        fprintf(stderr, "limber: sound device open at %.3f s\n", app_now(app));
    if (!app->window)
        return;
    icon_set(app->window, app->opt.assets_dir); /* no icon file: the default icon, no error */
    place_window(app, &app->opt);
}

bool app_frame(App *app, double now)
{
    app->now = now;
    SDL_Event e;
    while (!app->quit && SDL_PollEvent(&e))
        handle_event(app, &e);
    if (app->quit)
        return false;

    if (app->window && now - app->last_display_poll >= APP_DISPLAY_POLL_S) {
        app->last_display_poll = now;
        if (keep_display(app))
            app->dirty = true;
    }
    if (app->window && !app->cursor_hidden && now - app->last_input >= APP_CURSOR_IDLE_S) {
        SDL_ShowCursor(SDL_DISABLE);
        app->cursor_hidden = true;
    }
    app->controls_hidden = controls_hide(app, now);

    if (app->note[0] && now >= app->note_until)
        app->note[0] = '\0';
    app_live_update(app);
    if (app->quit)
        return false;
    update(app);
    if (app->quit)
        return false;
    AppSignature sig = signature(app);
    bool changed = app->dirty || app->screen == APP_HOME || app->frames_drawn == 0 ||
                   memcmp(&sig, &app->drawn, sizeof sig) != 0;
    /* a moving figure waits for its frame (2 ms early: waits are whole
     * milliseconds) */
    bool due = figure_moved(app) && now >= app->figure_due - 2e-3;
    if (changed || due) {
        app->figure_drawn_at = now;
        draw_frame(app, sig, !changed);
    }
    if (!app->started)
        after_first_frame(app);
    app->figure_due = figure_due(app, now);
    app->next_wake = next_wake(app, now);
    return true;
}

void app_render(App *app, double now)
{
    app->now = now;
    update(app);
    draw_frame(app, signature(app), false);
}

double app_wake_time(const App *app)
{
    double wake = fmin(fmin(app->next_wake, controls_wake(app)), app->reload_due);
    if (app->note[0])
        wake = fmin(wake, app->note_until); /* one wake to take it away */
    if (app->window && !app->cursor_hidden)
        wake = fmin(wake, app->last_input + APP_CURSOR_IDLE_S);
    return wake;
}

/* Sleeps in the event queue until the next frame is due or an event comes. */
static void wait_for_frame(App *app)
{
    double wake = app_wake_time(app);
    if (isinf(wake)) {
        SDL_WaitEvent(NULL);
        return;
    }
    if (app->screen != APP_HOME && !app->state.paused)
        wake = fmin(wake, app->last_display_poll + APP_DISPLAY_POLL_S);
    double ms = ceil((wake - app_now(app)) * 1000.0);
    if (ms >= 1.0)
        SDL_WaitEventTimeout(NULL, (int)fmin(ms, 1000.0));
}

int app_run(App *app)
{
    bool more = app_frame(app, app_now(app));
    while (more) {
        wait_for_frame(app);
        more = app_frame(app, app_now(app));
    }
    if (app->opt.verbose)
        fprintf(stderr, "limber: %d frames drawn in %.2f s\n", app->frames_drawn, app_now(app));
    if (app->opt.verbose && app->partial_frames > 0 && app->out_w > 0 && app->out_h > 0)
        fprintf(stderr, "limber: %d of them only where the figure changed: %.1f %% of the "
                        "window a frame\n",
                app->partial_frames,
                100.0 * app->partial_px / app->partial_frames / ((double)app->out_w * app->out_h));
    return app->exit_code;
}

/* ------------------------------------------------------------------ */
/* Queries                                                             */
/* ------------------------------------------------------------------ */

void app_set_wall_clock(App *app, double (*wall)(void *ctx), void *ctx)
{
    app->wall = wall;
    app->wall_ctx = ctx;
}

int app_reloads(const App *app)
{
    return app->reloads;
}

const char *app_banner(const App *app)
{
    return app->banner;
}

AppScreen app_screen(const App *app)
{
    return app->screen;
}

bool app_player_state(const App *app, PlayerState *out)
{
    if (!app->player || !app->have_state)
        return false;
    *out = app->state;
    return true;
}

int app_frames_drawn(const App *app)
{
    return app->frames_drawn;
}

int app_texts_cut(const App *app)
{
    return app->texts_cut;
}

bool app_help_shown(const App *app)
{
    return app->help;
}

bool app_cues_shown(const App *app)
{
    return app->cues;
}

const char *app_key_info(const App *app)
{
    return app->key_info;
}

const char *app_note(const App *app)
{
    return app->note;
}

bool app_controls_shown(const App *app)
{
    return !app->controls_hidden;
}

bool app_sound_on(const App *app)
{
    return audio_enabled(app->audio);
}

SDL_Surface *app_surface(const App *app)
{
    return app->surface;
}

Logo *app_logo(const App *app)
{
    return app->logo;
}

SDL_Renderer *app_renderer(const App *app)
{
    return app->renderer;
}

size_t app_data_errors(const App *app)
{
    return app->data_errors;
}
