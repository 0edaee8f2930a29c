/* display: which screen the window is on. Displays are remembered by name
 * and bounds, because SDL's indices shift when one goes away. */
#ifndef LIMBER_DISPLAY_H
#define LIMBER_DISPLAY_H

#include <stdbool.h>
#include <stdio.h>

#include <SDL.h>

/* Displays looked at; more than a kiosk ever has. */
#define DISPLAY_MAX 16

typedef struct {
    char name[128];   /* SDL_GetDisplayName, truncated */
    SDL_Rect bounds;
    int index;        /* where it was when remembered */
} DisplayMemo;

/* A display asked for (--display N in a kiosk) that may not be there yet,
 * or may go and come back: a TV switched on after the login. */
typedef struct {
    int index;        /* as asked, -1 for none: what finds it until first seen */
    bool seen;        /* memo holds it: from then on found by name and bounds */
    bool present;     /* there at the last look */
    DisplayMemo memo;
} DisplayWant;

/* Prints every display as "N: name WxH at X,Y", one a line after indent. */
void display_print_list(FILE *out, const char *indent);

/* The same as one JSON object: {"displays": [{"index", "name", "x", "y",
 * "w", "h"}, ...]} and a newline. */
void display_print_json(FILE *out);

/* What display index looks like now. */
DisplayMemo display_remember(int index);

/* The index the remembered display has now: same name and bounds, else same
 * name, else same bounds; -1 when it is gone. */
int display_find(const DisplayMemo *memo);

/* Puts the window on display index, fullscreen (desktop mode) or centred.
 * Going through windowed mode is what makes X11 window managers move a
 * fullscreen window (SDL issues #1388, #3192). */
void display_move_window(SDL_Window *window, int index, bool fullscreen);

/* Called about once a second and on SDL_DISPLAYEVENT: if the remembered
 * display is gone, moves the window to one that remains; follows the
 * window when a person drags it elsewhere. Returns true if it moved. */
bool display_keep(SDL_Window *window, DisplayMemo *memo, bool fullscreen);

/* Starts waiting for display index (-1: for none); present at once if it
 * is there now, which is not an arrival. */
DisplayWant display_want(int index);

/* Looks at the n displays there now: the index of the wanted display if it
 * has just arrived (absent at the last look), else -1. Pure, for tests. */
int display_want_update(DisplayWant *want, const DisplayMemo *now, int n);

/* display_want_update with SDL's displays now. */
int display_want_arrived(DisplayWant *want);

#endif
