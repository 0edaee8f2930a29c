/* app: the window, the renderer and the event loop of show, play and the
 * home screen. One frame is one function (app_frame): drain events, move
 * the player to now, draw if anything visible changed, present. */
#ifndef LIMBER_APP_H
#define LIMBER_APP_H

#include <stdbool.h>

#include <SDL.h>

#include "cli.h"
#include "player.h"

typedef enum { APP_HOME, APP_SHOW, APP_PLAY } AppScreen;

typedef struct App App;

/* Opens the catalogue, poses, fonts, window and renderer for a command and
 * starts on screen (arg: the exercise id for show, the routine for play,
 * NULL for the default). Returns NULL and sets *exit_code (1 missing data or
 * font, 2 bad display/exercise/routine) after printing why. Free with
 * app_free. */
App *app_new(const Options *opt, AppScreen screen, const char *arg, int *exit_code);
void app_free(App *app);

/* The same App drawing into a w x h memory surface through the software
 * renderer (render_offscreen_new): no window, no video driver, no events.
 * For bench and tests; free with app_free. */
App *app_new_offscreen(const Options *opt, AppScreen screen, const char *arg, int w, int h,
                       int *exit_code);

/* Moves the player to now and draws the screen whether or not it changed,
 * then flushes the renderer: no events, no present. One bench frame. */
void app_render(App *app, double now);

/* Runs frames until a quit; returns the exit code. */
int app_run(App *app);

/* One frame at time now (seconds on the app's clock): events, update,
 * draw when needed, present. Returns false once the app should quit. */
bool app_frame(App *app, double now);

/* Seconds since the app started: the one place the clock is read. */
double app_now(const App *app);

/* When app_run sleeps until after this frame, on app_now's clock: the next
 * frame, a note going, the pointer or the controls hiding; INFINITY to sleep until an
 * event comes (paused, with everything hidden that hides). */
double app_wake_time(const App *app);

/* SDL_Init's start-up work Limber never uses, switched off: call before
 * SDL_Init(SDL_INIT_VIDEO). */
void app_skip_unused_services(void);

/* For tests and the loop. */
AppScreen app_screen(const App *app);
bool app_player_state(const App *app, PlayerState *out); /* false on home */
int app_frames_drawn(const App *app);
/* Texts of the last whole frame too long for their box even at the
 * smallest size, and so cut at its edge: 0 when every text fits. */
int app_texts_cut(const App *app);
bool app_help_shown(const App *app);
/* False while the buttons and key hints are hidden (fullscreen, no mouse
 * or key for APP_CURSOR_IDLE_S). */
bool app_controls_shown(const App *app);
bool app_cues_shown(const App *app); /* the motion cues of show and play (key C) */
bool app_sound_on(const App *app);
const char *app_note(const App *app); /* the key's short answer on screen, "" for none */
/* K: "phase · key 2 of 4 (line 34) · beat 2.50" under the figure, "" when hidden. */
const char *app_key_info(const App *app);
SDL_Renderer *app_renderer(const App *app); /* owned by the app */
SDL_Surface *app_surface(const App *app);   /* an offscreen app's surface, else NULL */
/* --sync's clock: seconds since the Unix epoch; the system's real-time
 * clock unless a test sets its own. */
void app_set_wall_clock(App *app, double (*wall)(void *ctx), void *ctx);
/* Reloads of the files that changed what is shown, and the fault that
 * keeps the last good version in use ("" for none). */
int app_reloads(const App *app);
const char *app_banner(const App *app);
Logo *app_logo(const App *app);             /* the logo in use, owned by the app; NULL none */
/* Errors in the tables at start (their rows or files were skipped); the
 * play screen shows the first while it gets ready and when finished. */
size_t app_data_errors(const App *app);

#endif
