/* layout: rectangles for an output size, pure. */
#include "layout.h"

#include <math.h>

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

static int imax(int a, int b) { return a > b ? a : b; }
static int imin(int a, int b) { return a < b ? a : b; }

static int px(int base, double share, int floor_px)
{
    return imax(floor_px, (int)lround(base * share));
}

static LayoutRect rect(int x, int y, int w, int h)
{
    return (LayoutRect){ x, y, imax(0, w), imax(0, h) };
}

bool layout_contains(LayoutRect r, int x, int y)
{
    return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

bool layout_overlap(LayoutRect a, LayoutRect b)
{
    return a.w > 0 && a.h > 0 && b.w > 0 && b.h > 0 && a.x < b.x + b.w && b.x < a.x + a.w &&
           a.y < b.y + b.h && b.y < a.y + a.h;
}

LayoutRect layout_inset(LayoutRect r, int by)
{
    return rect(r.x + by, r.y + by, r.w - 2 * by, r.h - 2 * by);
}

/* The logo's square in the top left corner, at margin m. */
static LayoutRect logo_box(int base, int m)
{
    int side = (int)lround(base * LAYOUT_LOGO_SHARE);
    return rect(m, m, side, side);
}

/* r made to start right of the logo (and a margin), its right edge kept. */
static LayoutRect beside_logo(LayoutRect r, LayoutRect logo, int m)
{
    if (logo.w <= 0)
        return r;
    int x = logo.x + logo.w + m;
    return rect(x, r.y, r.x + r.w - x, r.h);
}

/* ------------------------------------------------------------------ */
/* Show and play                                                       */
/* ------------------------------------------------------------------ */

/* The controls bar and its buttons, and the progress bar above it. */
static void bottom_bars(LayoutPlayer *L, int m)
{
    int ch = L->small_px * 2;
    L->controls = rect(m, L->h - m - ch, L->w - 2 * m, ch);
    int bw = imin(ch * 3, (L->controls.w - (LAYOUT_BUTTON_COUNT - 1) * m) / LAYOUT_BUTTON_COUNT);
    int total = LAYOUT_BUTTON_COUNT * bw + (LAYOUT_BUTTON_COUNT - 1) * m;
    int x = L->controls.x + (L->controls.w - total) / 2;
    for (int i = 0; i < LAYOUT_BUTTON_COUNT; i++)
        L->button[i] = rect(x + i * (bw + m), L->controls.y, bw, ch);

    int ph = imax(8, (int)lround(L->small_px * 1.3));
    int rw = L->small_px * 6; /* "12:34 left" */
    int y = L->controls.y - m / 2 - ph;
    L->progress = rect(m, y, L->w - 3 * m - rw, ph);
    L->remaining = rect(L->w - m - rw, y, rw, ph);
}

void layout_player(int w, int h, LayoutPlayer *L)
{
    layout_player_ex(w, h, false, L);
}

void layout_player_ex(int w, int h, bool logo, LayoutPlayer *L)
{
    /* The shorter side sets the type: on a TV that is the height (the name
     * at 7.5% of 1080 is readable from 3 m); on a portrait screen the width,
     * so names still fit across. */
    int base = imin(w, h);
    int m = px(base, 0.02, 4);
    *L = (LayoutPlayer){
        .w = w, .h = h, .portrait = h > w,
        .title_px = px(base, 0.075, 12), .cue_px = px(base, 0.045, 11),
        .body_px = px(base, 0.034, 10), .timer_px = px(base, 0.15, 16),
        .reps_px = px(base, 0.06, 11), .small_px = px(base, 0.026, 9),
    };
    bottom_bars(L, m);
    int bottom = L->progress.y - m; /* everything else ends here */
    int title_h = (int)lround(L->title_px * 1.3);
    int cue_h = (int)lround(L->cue_px * 1.4);
    int timer_h = (int)lround(L->timer_px * 1.15);
    int reps_h = (int)lround(L->reps_px * 1.3);
    int next_h = (int)lround(L->body_px * 2.7);

    if (L->portrait) {
        /* A column: name, cue, timer beside the counter, figure, steps. */
        int fw = w - 2 * m;
        L->title = rect(m, m, fw, title_h);
        L->cue = rect(m, m + title_h, fw, cue_h);
        int y = L->cue.y + cue_h + m;
        L->timer = rect(m, y, (fw - m) / 2, timer_h);
        int cx = L->timer.x + L->timer.w + m, cw = fw - m - L->timer.w;
        L->reps = rect(cx, y, cw, reps_h);
        L->side = rect(cx, y + reps_h, cw, timer_h - reps_h);
        y += timer_h + m;
        int instr_h = (int)lround(L->body_px * 1.3 * 5);
        L->next = rect(m, bottom - next_h, fw, next_h);
        L->instructions = rect(m, L->next.y - m - instr_h, fw, instr_h);
        L->figure = rect(m, y, fw, L->instructions.y - m - y);
    } else {
        /* The figure on the left under the name; timer, counter, steps and
         * what comes next in a column on the right. */
        int rw = (int)lround(w * 0.32);
        int lw = w - 3 * m - rw;
        int rx = w - m - rw;
        L->title = rect(m, m, lw, title_h);
        L->cue = rect(m, m + title_h, lw, cue_h);
        int fy = L->cue.y + cue_h + m;
        L->figure = rect(m, fy, lw, bottom - fy);
        L->timer = rect(rx, m, rw, timer_h);
        L->reps = rect(rx, m + timer_h, rw, reps_h);
        L->side = rect(rx, L->reps.y + reps_h, rw, reps_h);
        L->next = rect(rx, bottom - next_h, rw, next_h);
        int iy = L->side.y + reps_h + m;
        L->instructions = rect(rx, iy, rw, L->next.y - m - iy);
    }
    /* the title and cue rows are taller than the logo's box: it takes
     * their left end, and nothing below them moves */
    if (logo) {
        L->logo = logo_box(base, m);
        L->title = beside_logo(L->title, L->logo, m);
        L->cue = beside_logo(L->cue, L->logo, m);
    }
    int hw = imin(w - 2 * m, imax(w * 7 / 10, L->body_px * 24));
    int hh = imin(h - 2 * m, imax(h * 8 / 10, L->body_px * 14));
    L->help = rect((w - hw) / 2, (h - hh) / 2, hw, hh);
}

/* ------------------------------------------------------------------ */
/* Home                                                                */
/* ------------------------------------------------------------------ */

void layout_routine_buttons(const LayoutHome *L, int n, LayoutRect *out)
{
    LayoutRect band = L->routines;
    int gap = imax(2, L->small_px / 2);
    int label_w = imin(band.w / 4, L->small_px * 6); /* "Routines" */
    out[0] = rect(band.x, band.y, label_w, band.h);
    if (n <= 0)
        return;
    int left = band.w - label_w - gap;
    int bw = imin(L->small_px * 12, (left - (n - 1) * gap) / n);
    for (int i = 0; i < n; i++)
        out[1 + i] = rect(band.x + label_w + gap + i * (bw + gap), band.y, bw, band.h);
}

/* The size of a cell when groups sit gc across and n cells sit in a grid of
 * cols within each group box of gw x gh: the figure wants a landscape-ish
 * box, so a cell's score is the smaller of its width and 1.3 x its height. */
static double cell_score(int gw, int gh, int n, int cols)
{
    int rows = (n + cols - 1) / cols;
    double cw = (double)gw / cols, ch = (double)gh / rows;
    return fmin(cw, ch * 1.3);
}

void layout_home(int w, int h, const int counts[CATEGORY_COUNT], LayoutHome *L,
                 LayoutRect *cells)
{
    layout_home_ex(w, h, false, counts, L, cells);
}

void layout_home_ex(int w, int h, bool logo, const int counts[CATEGORY_COUNT], LayoutHome *L,
                    LayoutRect *cells)
{
    int base = imin(w, h);
    int m = px(base, 0.02, 4);
    *L = (LayoutHome){
        .w = w, .h = h,
        .title_px = px(base, 0.06, 12), .heading_px = px(base, 0.036, 10),
        .label_px = px(base, 0.024, 9), .small_px = px(base, 0.024, 9),
    };
    L->label_h = (int)lround(L->label_px * 2.6); /* two lines */
    int title_h = (int)lround(L->title_px * 1.3);
    int hint_h = (int)lround(L->small_px * 1.6);
    L->title = rect(m, m, w - 2 * m, title_h);
    int top = L->title.y + title_h; /* where the groups may begin, less a margin */
    if (logo) {
        /* the logo is taller than the title row: the groups start below it */
        L->logo = logo_box(base, m);
        L->title = beside_logo(L->title, L->logo, m);
        top = imax(top, L->logo.y + L->logo.h);
    }
    L->hint = rect(m, h - m - hint_h, w - 2 * m, hint_h);
    int band_h = (int)lround(L->small_px * 2.2);
    L->routines = rect(m, L->hint.y - m / 2 - band_h, w - 2 * m, band_h);
    int hw = imin(w - 2 * m, imax(w * 7 / 10, L->small_px * 30));
    int hh = imin(h - 2 * m, imax(h * 8 / 10, L->small_px * 16));
    L->help = rect((w - hw) / 2, (h - hh) / 2, hw, hh);

    int groups = 0, most = 1;
    for (int c = 0; c < CATEGORY_COUNT; c++) {
        if (counts[c] > 0)
            groups++;
        most = imax(most, counts[c]);
    }
    if (groups == 0)
        return;
    LayoutRect area = rect(m, top + m, w - 2 * m, L->routines.y - m - (top + m));
    int heading_h = (int)lround(L->heading_px * 1.4);

    /* Try every arrangement of groups and of cells inside them; keep the
     * one that gives the biggest cells. */
    int best_gc = 1, best_cols = 1;
    double best = -1;
    for (int gc = 1; gc <= groups; gc++) {
        int gr = (groups + gc - 1) / gc;
        int gw = (area.w - (gc - 1) * 2 * m) / gc;
        int gh = (area.h - (gr - 1) * m) / gr - heading_h;
        for (int cols = 1; cols <= most; cols++) {
            double s = cell_score(gw - (cols - 1) * m / 2, gh, most, cols);
            if (s > best) {
                best = s;
                best_gc = gc;
                best_cols = cols;
            }
        }
    }
    int gc = best_gc, gr = (groups + gc - 1) / gc;
    int gw = (area.w - (gc - 1) * 2 * m) / gc;
    int gh = (area.h - (gr - 1) * m) / gr;
    int rows = (most + best_cols - 1) / best_cols;
    int gap = m / 2;
    int cw = (gw - (best_cols - 1) * gap) / best_cols;
    int ch = (gh - heading_h - (rows - 1) * gap) / rows;

    int g = 0, k = 0;
    for (int c = 0; c < CATEGORY_COUNT; c++) {
        if (counts[c] <= 0)
            continue;
        int gx = area.x + (g % gc) * (gw + 2 * m);
        int gy = area.y + (g / gc) * (gh + m);
        L->heading[c] = rect(gx, gy, gw, heading_h);
        for (int i = 0; i < counts[c]; i++, k++)
            cells[k] = rect(gx + (i % best_cols) * (cw + gap),
                            gy + heading_h + (i / best_cols) * (ch + gap), cw, ch);
        g++;
    }
}
