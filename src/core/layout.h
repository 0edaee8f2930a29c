/* layout: where things go on the screen for an output size, pure (no SDL),
 * so every aspect ratio can be tested without a window. Text sizes come
 * from the shorter side, so captions stay readable from three metres on a
 * TV and still fit a portrait screen; text that is too long for its rect is
 * shrunk or wrapped at draw time, never spilled. */
#ifndef LIMBER_LAYOUT_H
#define LIMBER_LAYOUT_H

#include <stdbool.h>

#include "catalog.h"

typedef struct {
    int x, y, w, h;
} LayoutRect;

typedef enum {
    LAYOUT_BUTTON_PREVIOUS,
    LAYOUT_BUTTON_PAUSE,
    LAYOUT_BUTTON_NEXT,
    LAYOUT_BUTTON_FULLSCREEN,
    LAYOUT_BUTTON_COUNT
} LayoutButton;

/* The show and play screens. */
typedef struct {
    int w, h;
    bool portrait;
    LayoutRect title;        /* the exercise name */
    LayoutRect cue;          /* one short line under it */
    LayoutRect instructions; /* the numbered steps */
    LayoutRect figure;       /* the stick figure: the biggest share */
    LayoutRect timer;        /* the big countdown */
    LayoutRect reps;         /* "3 / 10", set */
    LayoutRect side;         /* "Left leg": the side at work, in words */
    LayoutRect next;         /* "Next: ..." */
    LayoutRect progress;     /* the bar of the whole routine */
    LayoutRect remaining;    /* "12:34 left", beside the bar */
    LayoutRect controls;     /* the clickable bar */
    LayoutRect button[LAYOUT_BUTTON_COUNT]; /* inside controls */
    LayoutRect help;         /* the key overlay: drawn over everything else */
    LayoutRect logo;         /* the clinic's logo, top left; zero size without one */
    int title_px, cue_px, body_px, timer_px, reps_px, small_px;
} LayoutPlayer;

/* The home screen: a title, the six category groups with headings and
 * their cells, a hint line. */
typedef struct {
    int w, h;
    LayoutRect title, hint, help;
    LayoutRect routines;     /* the band of routine buttons above the hint */
    LayoutRect logo;         /* the clinic's logo, top left; zero size without one */
    LayoutRect heading[CATEGORY_COUNT]; /* zero size for an empty category */
    int title_px, heading_px, label_px, small_px;
    int label_h;             /* the caption band at the bottom of each cell */
} LayoutHome;

/* The logo's box is a square this share of the shorter side, in the top
 * left corner; the title (and the cue) start to its right. */
#define LAYOUT_LOGO_SHARE 0.12

/* Lays out the show/play screen for an output of w x h pixels. */
void layout_player(int w, int h, LayoutPlayer *out);
/* The same with room for a logo when logo is true. */
void layout_player_ex(int w, int h, bool logo, LayoutPlayer *out);

/* Lays out the home screen; counts[c] exercises in category c. cells must
 * hold the sum of counts: they are filled category by category, in order. */
void layout_home(int w, int h, const int counts[CATEGORY_COUNT], LayoutHome *out,
                 LayoutRect *cells);
/* The same with room for a logo when logo is true. */
void layout_home_ex(int w, int h, bool logo, const int counts[CATEGORY_COUNT], LayoutHome *out,
                    LayoutRect *cells);

/* The routines band's label (out[0]) and n buttons (out[1..n]), left to
 * right; a button never grows past a readable width. */
void layout_routine_buttons(const LayoutHome *L, int n, LayoutRect *out);

bool layout_contains(LayoutRect r, int x, int y);
bool layout_overlap(LayoutRect a, LayoutRect b);
LayoutRect layout_inset(LayoutRect r, int by);

#endif
