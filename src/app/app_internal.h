/* app_internal: the App struct, shared by app.c (window, loop, events) and
 * screens.c (drawing the three screens). Nothing else includes it. */
#ifndef LIMBER_APP_INTERNAL_H
#define LIMBER_APP_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include <SDL.h>

#include "anim.h"
#include "app.h"
#include "audio.h"
#include "catalog.h"
#include "display.h"
#include "draw.h"
#include "layout.h"
#include "library.h"
#include "logo.h"
#include "player.h"
#include "pose.h"
#include "text.h"
#include "watch.h"
#include "voice.h"

#define APP_CURSOR_IDLE_S 3.0  /* the pointer hides, and in fullscreen the controls */
#define APP_NOTE_S 1.5 /* how long "Sound on" and the like stay on screen */
#define APP_DISPLAY_POLL_S 1.0
#define APP_FPS 60.0
/* A moving figure is drawn again at the first frame time (APP_FPS) at
 * which its furthest joint has moved APP_STEP_PX pixels (counting the
 * figure's box height as a metre), and at least APP_MIN_FPS times a
 * second: steps of three or four pixels, anti-aliased to a fraction of
 * one, glide as smoothly as steps of one, for a fraction of the frames and
 * of the X server's copying (docs/performance.md). */
#define APP_STEP_PX 3.0f
#define APP_MIN_FPS 10.0
#define APP_HOME_FPS 30.0
#define APP_RELOAD_SETTLE_S 0.05 /* quiet after a change before reading: one read per save */
#define APP_RELOAD_MAX_WAIT_S 0.5 /* ... but a file written without pause is read anyway */
#define APP_RELOAD_RETRY_S 0.25 /* a fault is looked at again, in case the writer was not done */
#define APP_FIT_CACHE 128
#define APP_FIT_WAYS 4

/* One exercise as the screens need it: its clip, or why it has none. */
typedef struct {
    const PoseClip *clip; /* owned by the library; NULL: show error instead */
    char error[512];
    AnimTiming timing;
    Vec2 min, max;       /* anim_bounds: one scale per exercise, */
    bool bounded;        /* found when first drawn (96 poses a side) */
} AppExercise;

/* What is on screen; a frame is drawn only when this (or the figure) changed. */
typedef struct {
    int screen, segment, exercise, second, rep, set, side, hold_left, elapsed;
    int paused, help, mirrored, working, note, sound, speed_x100, selection, hover, fullscreen, w, h;
    int controls_hidden, keys_shown, cues;
} AppSignature;

struct App {
    Options opt;
    SDL_Window *window;        /* NULL offscreen */
    SDL_Renderer *renderer;
    SDL_Surface *surface;      /* offscreen: what the renderer draws into */
    bool offscreen;
    Text *text;
    DrawBuffers *buffers;
    DrawTheme theme;
    Audio *audio;
    Library *lib;         /* owns the catalogue and clips (live.c) */
    const Catalog *cat;   /* library_catalog, until the next reload */
    Logo *logo;           /* NULL: none, or it could not be used */
    Voice *voice;         /* speaks through audio */
    struct {
        bool spoke;       /* the voice spoke at the last update: on again, it starts afresh */
        bool reported;    /* a voice that cannot speak has said so */
    } guide;
    AppExercise *ex;
    size_t ex_count;

    /* live reload (live.c) */
    Watch *watch;         /* NULL: nothing watched */
    Uint32 watch_event;   /* the watcher's SDL event type; 0 none */
    double reload_due;    /* when to look at the files; INFINITY: no change seen */
    double reload_first;  /* the first change not yet looked at */
    int reloads;          /* reloads that changed what is shown */
    bool reload_shown;    /* --verbose: say when the reloaded frame is up */
    char banner[512];     /* library_error: a fault, the last good in use */

    AppScreen screen;
    Player *player;
    int routine;          /* play: routine index */
    int default_routine;  /* "daily", or the first; -1 if none */
    int selection;        /* home: cell, in catalogue order */
    int hover;            /* controls button under the mouse, -1 none */
    bool help, quit, fullscreen, dirty;
    bool keys_shown;      /* K: the pose's key, phase and beat under the figure */
    char key_info[160];   /* that line, "" when hidden or no clip */
    char note[48];        /* a key's short answer ("Sound on"), until note_until */
    double note_until;
    int windowed_w, windowed_h; /* the size to return to from fullscreen */
    int exit_code;
    /* Rows and files of the tables that were skipped, and the first one's
     * message: shown while a routine gets ready and when it is finished,
     * so a broken row is seen on the TV and not only in a terminal. */
    size_t data_errors;
    char data_error[512];

    /* layout, redone on every resize of the output */
    int out_w, out_h;
    LayoutPlayer lp;
    LayoutHome lh;
    LayoutRect *cells;    /* per exercise, catalogue order */
    int *cell_of;         /* exercise -> its cell (cells are by category) */
    LayoutRect *routine_cells; /* [0] the label, [1 + k] routine k's button */

    /* --sync: seconds since the Unix epoch (CLOCK_REALTIME, or a test's) */
    double (*wall)(void *ctx);
    void *wall_ctx;

    /* the clock: performance counter ticks, converted to seconds in app_now */
    Uint64 t0;
    double freq;
    double now, next_wake, last_input, last_display_poll;
    /* last_input is the mouse's; a key shows the controls but not the pointer */
    double last_key;
    bool cursor_hidden;
    /* Fullscreen: the buttons and key hints hide with the pointer, so a TV
     * shows only the exercise (decided in app_frame; drawing reads it). */
    bool controls_hidden;
    DisplayMemo memo;
    DisplayWant want;         /* a kiosk's --display N, followed as it comes and goes */

    /* what was shown, for redraw-on-change and the tones */
    PlayerState state;
    double hold_left;     /* seconds left in a hold, -1 when not holding */
    bool have_state;
    int last_segment, last_second;
    AppSignature drawn;
    FigureFrame figure, figure_drawn;
    bool figure_valid, figure_drawn_valid;
    /* motion cues (docs/cues.md) in show and play: on unless C turned them
     * off; those of the figure now and as last drawn */
    bool cues;
    DrawCues cue_now, cue_drawn;
    int frames_drawn;
    bool keeps_back_buffer; /* the last frame is still there: redraw only what moved */
    SDL_Rect figure_whole;      /* the figure's box, when painted whole */
    double figure_drawn_at;     /* when a frame was last drawn */
    int partial_frames;         /* --verbose: frames that painted only what */
    double partial_px;          /* changed, and how many pixels they sent */
    double figure_due;          /* when the moving figure's next frame is */
    SDL_Surface *whole_surface; /* the window surface the last whole frame */
    int whole_w, whole_h;       /* went into, and its size */

    /* start-up: when the window was up and everything loaded (performance
     * counter), and whether what waits for the first frame has run */
    Uint64 stamp_window, stamp_ready;
    bool started;

    struct {
        uint64_t key;
        int px;
        int stamp;        /* frames_drawn when last used: the oldest goes */
        bool cut;         /* too big for its box even at the smallest size */
    } fit_cache[APP_FIT_CACHE];
    /* Texts of the last whole frame cut at their box's edge: each had
     * shrunk to the smallest size and still did not fit (a translation too
     * long for its place). The layout tests want 0 in every language. */
    int texts_cut;
};

/* live.c */
/* The library, and app->ex from it; false after printing why (out of memory). */
bool app_live_open(App *app, DiagList *diags);
/* Starts the watcher: after the window, so the first frame waits for nothing. */
void app_live_watch(App *app);
/* True when e was the watcher's: a reload is then due shortly. */
bool app_live_event(App *app, const SDL_Event *e);
/* Reloads when due; the screen keeps its exercise or routine and place. */
void app_live_update(App *app);
void app_live_close(App *app);
/* After a present: --verbose says when a reload's first frame was up. */
void app_live_presented(App *app);

/* guide.c: the tones and the voice at the moments of s (second: its
 * countdown's whole seconds), before app->state becomes s. */
void guide_update(App *app, const PlayerState *s, int second);
/* True while the voice has words queued or on their way. */
bool guide_speaking(const App *app);

/* screens.c */
void app_draw(App *app);
/* The reload fault (app->banner) in r, drawn on the hint line of the home
 * screen and in the "Next" box of show and play. */
void app_draw_banner(App *app, LayoutRect r, int px);
/* Only what moved in the figure's box of the show or play screen, over the
 * last frame; returns how many rectangles it painted (perhaps none), in
 * *rects. */
int app_draw_figure(App *app, const SDL_Rect **rects);
void app_layout(App *app);
/* The figure of exercise i at t into *out, on the patient's side working
 * (BOTH: as the pose is written), as in a mirror when mirror_view; timing
 * NULL is the table's. False when it has no pose. */
bool app_exercise_frame(const App *app, int i, const AnimTiming *timing, double t,
                        StepSide working, bool mirror_view, FigureFrame *out);
/* The motion cues of exercise i at t around its frame now (posed by
 * app_exercise_frame with the same arguments); false when it has no pose. */
bool app_exercise_cues(App *app, int i, const AnimTiming *timing, double t, StepSide working,
                       bool mirror_view, const FigureFrame *now, DrawCues *out);
/* Seconds left in the hold phase of exercise i at t, -1 outside a hold. */
double app_hold_left(const App *app, int i, AnimTiming timing, double t);
/* The controls button at output pixel (x, y), -1 for none. */
int app_button_at(const App *app, int x, int y);
/* Home items: exercises 0 .. ex_count-1 (cells), then routines (buttons). */
int app_item_count(const App *app);
LayoutRect app_item_rect(const App *app, int item);
/* The home item at output pixel (x, y), -1 for none. */
int app_item_at(const App *app, int x, int y);

#endif
