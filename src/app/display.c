/* display: which screen the window is on, kept there when displays change. */
#include "display.h"

#include <string.h>

#include "json.h"

/* ------------------------------------------------------------------ */
/* Listing                                                             */
/* ------------------------------------------------------------------ */

void display_print_list(FILE *out, const char *indent)
{
    int n = SDL_GetNumVideoDisplays();
    if (n < 1) {
        fprintf(out, "%sno displays: %s\n", indent, SDL_GetError());
        return;
    }
    for (int i = 0; i < n; i++) {
        DisplayMemo m = display_remember(i);
        fprintf(out, "%s%d: %s %dx%d at %d,%d\n", indent, i, m.name[0] ? m.name : "(unnamed)",
                m.bounds.w, m.bounds.h, m.bounds.x, m.bounds.y);
    }
}

void display_print_json(FILE *out)
{
    JsonWriter w;
    json_init(&w, out);
    json_begin_object(&w);
    json_key(&w, "displays");
    json_begin_array(&w);
    for (int i = 0; i < SDL_GetNumVideoDisplays(); i++) {
        DisplayMemo m = display_remember(i);
        json_begin_object(&w);
        json_member_int(&w, "index", i);
        json_member_string(&w, "name", m.name);
        json_member_int(&w, "x", m.bounds.x);
        json_member_int(&w, "y", m.bounds.y);
        json_member_int(&w, "w", m.bounds.w);
        json_member_int(&w, "h", m.bounds.h);
        json_end_object(&w);
    }
    json_end_array(&w);
    json_end_object(&w);
    fputc('\n', out);
}

/* ------------------------------------------------------------------ */
/* Remembering and finding                                             */
/* ------------------------------------------------------------------ */

DisplayMemo display_remember(int index)
{
    DisplayMemo m = { .index = index };
    const char *name = SDL_GetDisplayName(index);
    snprintf(m.name, sizeof m.name, "%s", name ? name : "");
    SDL_GetDisplayBounds(index, &m.bounds);
    return m;
}

static bool same_bounds(SDL_Rect a, SDL_Rect b)
{
    return a.x == b.x && a.y == b.y && a.w == b.w && a.h == b.h;
}

/* memo's index among the n displays now: see display_find. */
static int find_in(const DisplayMemo *memo, const DisplayMemo *now, int n)
{
    int by_name = -1, by_bounds = -1;
    for (int i = 0; i < n; i++) {
        bool name = strcmp(now[i].name, memo->name) == 0;
        bool bounds = same_bounds(now[i].bounds, memo->bounds);
        if (name && bounds)
            return i;
        if (name && by_name < 0)
            by_name = i;
        if (bounds && by_bounds < 0)
            by_bounds = i;
    }
    return by_name >= 0 ? by_name : by_bounds;
}

/* The displays there now, at most max of them; returns how many. */
static int displays_now(DisplayMemo *now, int max)
{
    int n = SDL_GetNumVideoDisplays();
    n = n < 0 ? 0 : n > max ? max : n;
    for (int i = 0; i < n; i++)
        now[i] = display_remember(i);
    return n;
}

int display_find(const DisplayMemo *memo)
{
    DisplayMemo now[DISPLAY_MAX];
    int n = displays_now(now, DISPLAY_MAX);
    return find_in(memo, now, n);
}

/* ------------------------------------------------------------------ */
/* Moving the window                                                   */
/* ------------------------------------------------------------------ */

void display_move_window(SDL_Window *window, int index, bool fullscreen)
{
    Uint32 flags = SDL_GetWindowFlags(window);
    if (flags & SDL_WINDOW_FULLSCREEN)
        SDL_SetWindowFullscreen(window, 0);
    if (fullscreen) {
        /* Cover the display's bounds before asking for fullscreen: without a
         * window manager (a kiosk's bare X) that is all the fullscreen there
         * is, and with one the window is already on the right display. */
        SDL_Rect b;
        if (SDL_GetDisplayBounds(index, &b) == 0) {
            SDL_SetWindowPosition(window, b.x, b.y);
            SDL_SetWindowSize(window, b.w, b.h);
        }
        SDL_SetWindowFullscreen(window, SDL_WINDOW_FULLSCREEN_DESKTOP);
    } else {
        SDL_SetWindowPosition(window, SDL_WINDOWPOS_CENTERED_DISPLAY(index),
                              SDL_WINDOWPOS_CENTERED_DISPLAY(index));
    }
}

bool display_keep(SDL_Window *window, DisplayMemo *memo, bool fullscreen)
{
    int found = display_find(memo);
    int at = SDL_GetWindowDisplayIndex(window);
    if (found < 0) {
        /* Gone: the window goes to the first display that remains. */
        int to = at >= 0 ? at : 0;
        display_move_window(window, to, fullscreen);
        *memo = display_remember(to);
        return true;
    }
    if (fullscreen && at >= 0 && at != found) {
        display_move_window(window, found, fullscreen);
        *memo = display_remember(found);
        return true;
    }
    /* Windowed, the person decides: remember where they put it. */
    *memo = display_remember(at >= 0 ? at : found);
    return false;
}

/* ------------------------------------------------------------------ */
/* A display asked for that comes and goes                             */
/* ------------------------------------------------------------------ */

DisplayWant display_want(int index)
{
    DisplayWant w = { .index = index };
    DisplayMemo now[DISPLAY_MAX];
    int n = displays_now(now, DISPLAY_MAX);
    display_want_update(&w, now, n); /* there from the start: not an arrival */
    return w;
}

int display_want_update(DisplayWant *want, const DisplayMemo *now, int n)
{
    if (want->index < 0)
        return -1;
    /* Until it is first seen, the number asked for is all there is to go
     * by; then its name and bounds, since numbers shift. */
    int at = want->seen ? find_in(&want->memo, now, n) : want->index < n ? want->index : -1;
    bool arrived = at >= 0 && !want->present;
    want->present = at >= 0;
    if (at >= 0) {
        want->memo = now[at]; /* a new mode or position is still this display */
        want->seen = true;
    }
    return arrived ? at : -1;
}

int display_want_arrived(DisplayWant *want)
{
    DisplayMemo now[DISPLAY_MAX];
    int n = displays_now(now, DISPLAY_MAX);
    return display_want_update(want, now, n);
}
