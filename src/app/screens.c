/* screens: drawing the home, show and play screens. Drawing reads the App
 * and never changes what is played; only the layout and the text-fit cache
 * are written here. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_internal.h"
#include "lang.h"

static const SDL_Color ink = { 240, 242, 245, 255 };
static const SDL_Color dim = { 165, 175, 190, 255 };
static const SDL_Color accent = { 255, 196, 40, 255 };
static const SDL_Color panel = { 255, 255, 255, 24 };
static const SDL_Color warn = { 255, 120, 90, 255 };
static const SDL_Color CLEAR = { 0, 0, 0, 0 };

/* A no-break space: a wrapped line never parts a key from what it does. */
#define KEY_NEXT N_("Right:\xc2\xa0" "next\xc2\xa0" "exercise")

/* ------------------------------------------------------------------ */
/* Layout                                                              */
/* ------------------------------------------------------------------ */

void app_layout(App *app)
{
    int w = 0, h = 0;
    if (SDL_GetRendererOutputSize(app->renderer, &w, &h) != 0 || w <= 0 || h <= 0)
        SDL_GetWindowSize(app->window, &w, &h);
    app->out_w = w;
    app->out_h = h;
    layout_player_ex(w, h, app->logo != NULL, &app->lp);

    int counts[CATEGORY_COUNT] = { 0 };
    for (size_t i = 0; i < app->ex_count; i++)
        counts[catalog_exercise(app->cat, i)->category]++;
    if (!app->cells) {
        app->cells = calloc(app->ex_count, sizeof *app->cells);
        app->cell_of = calloc(app->ex_count, sizeof *app->cell_of);
        if (!app->cells || !app->cell_of) {
            free(app->cells);
            free(app->cell_of);
            app->cells = NULL;
            app->cell_of = NULL;
            return;
        }
        /* cells come category by category; remember where each exercise is */
        int k = 0;
        for (int c = 0; c < CATEGORY_COUNT; c++)
            for (size_t i = 0; i < app->ex_count; i++)
                if ((int)catalog_exercise(app->cat, i)->category == c)
                    app->cell_of[i] = k++;
    }
    layout_home_ex(w, h, app->logo != NULL, counts, &app->lh, app->cells);
    size_t routines = catalog_routine_count(app->cat);
    if (!app->routine_cells)
        app->routine_cells = calloc(routines + 1, sizeof *app->routine_cells);
    if (app->routine_cells)
        layout_routine_buttons(&app->lh, (int)routines, app->routine_cells);
    memset(app->fit_cache, 0, sizeof app->fit_cache);
    app->dirty = true;
}

int app_button_at(const App *app, int x, int y)
{
    for (int b = 0; b < LAYOUT_BUTTON_COUNT; b++)
        if (layout_contains(app->lp.button[b], x, y))
            return b;
    return -1;
}

int app_item_count(const App *app)
{
    if (!app->cells)
        return 0;
    return (int)app->ex_count + (app->routine_cells ? (int)catalog_routine_count(app->cat) : 0);
}

LayoutRect app_item_rect(const App *app, int item)
{
    if (item < (int)app->ex_count)
        return app->cells[app->cell_of[item]];
    return app->routine_cells[1 + item - (int)app->ex_count];
}

int app_item_at(const App *app, int x, int y)
{
    for (int i = 0; i < app_item_count(app); i++)
        if (layout_contains(app_item_rect(app, i), x, y))
            return i;
    return -1;
}

/* ------------------------------------------------------------------ */
/* Primitives                                                          */
/* ------------------------------------------------------------------ */

/* c seen over the plain background, as one opaque colour. */
static SDL_Color on_background(const App *app, SDL_Color c)
{
    SDL_Color bg = app->theme.background;
    return (SDL_Color){ (Uint8)((c.r * c.a + bg.r * (255 - c.a) + 127) / 255),
                        (Uint8)((c.g * c.a + bg.g * (255 - c.a) + 127) / 255),
                        (Uint8)((c.b * c.a + bg.b * (255 - c.a) + 127) / 255), 255 };
}

static void fill_blended(App *app, LayoutRect r, SDL_Color c, SDL_BlendMode mode)
{
    SDL_SetRenderDrawBlendMode(app->renderer, mode);
    SDL_SetRenderDrawColor(app->renderer, c.r, c.g, c.b, c.a);
    SDL_RenderFillRect(app->renderer, &(SDL_Rect){ r.x, r.y, r.w, r.h });
    SDL_SetRenderDrawBlendMode(app->renderer, SDL_BLENDMODE_BLEND);
}

/* Every panel lies on the plain background (the help overlay, which does
 * not, blends), so a translucent colour is filled as the opaque colour it
 * makes there: SDL's software renderer fills an opaque rectangle several
 * times faster than a blended one. */
static void fill(App *app, LayoutRect r, SDL_Color c)
{
    fill_blended(app, r, on_background(app, c), SDL_BLENDMODE_NONE);
}

/* outer, but for hole (which the caller paints in full): a figure's box
 * paints itself, so the pixels under it are not painted twice. */
static void fill_around(App *app, LayoutRect outer, LayoutRect hole, SDL_Color c)
{
    int top = hole.y - outer.y, bottom = outer.y + outer.h - (hole.y + hole.h);
    int left = hole.x - outer.x, right = outer.x + outer.w - (hole.x + hole.w);
    if (hole.w <= 0 || hole.h <= 0 || top < 0 || bottom < 0 || left < 0 || right < 0) {
        fill(app, outer, c); /* not inside: paint it all */
        return;
    }
    fill(app, (LayoutRect){ outer.x, outer.y, outer.w, top }, c);
    fill(app, (LayoutRect){ outer.x, hole.y + hole.h, outer.w, bottom }, c);
    fill(app, (LayoutRect){ outer.x, hole.y, left, hole.h }, c);
    fill(app, (LayoutRect){ hole.x + hole.w, hole.y, right, hole.h }, c);
}

static void outline(App *app, LayoutRect r, SDL_Color c, int width)
{
    for (int i = 0; i < width; i++) {
        LayoutRect in = layout_inset(r, i);
        SDL_SetRenderDrawColor(app->renderer, c.r, c.g, c.b, c.a);
        SDL_RenderDrawRect(app->renderer, &(SDL_Rect){ in.x, in.y, in.w, in.h });
    }
}

static void triangle(App *app, float x1, float y1, float x2, float y2, float x3, float y3,
                     SDL_Color c)
{
    SDL_Vertex v[3] = {
        { { x1, y1 }, c, { 0, 0 } }, { { x2, y2 }, c, { 0, 0 } }, { { x3, y3 }, c, { 0, 0 } },
    };
    /* opaque unblended: SDL 2.26's software renderer allocates a temporary
     * surface for every blended triangle */
    if (c.a == 255)
        SDL_SetRenderDrawBlendMode(app->renderer, SDL_BLENDMODE_NONE);
    SDL_RenderGeometry(app->renderer, NULL, v, 3, NULL, 0);
    SDL_SetRenderDrawBlendMode(app->renderer, SDL_BLENDMODE_BLEND);
}

static uint64_t fnv(const char *s, uint64_t h)
{
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

enum { LEFT, CENTRE, RIGHT };

/* Draws one line centred at y, cut at r's edges; returns its height. */
static int centred_line(App *app, const char *line, LayoutRect r, int y, int size,
                        TextWeight weight, SDL_Color c, SDL_Color under)
{
    int w = 0, h = 0;
    SDL_Texture *t = text_texture_on(app->text, line, size, weight, c, under, 0, &w, &h);
    if (!t)
        return size;
    SDL_Rect src = { 0, 0, w < r.w ? w : r.w, h < r.y + r.h - y ? h : r.y + r.h - y };
    SDL_Rect dst = { r.x + (r.w - src.w) / 2, y, src.w, src.h };
    if (src.h > 0)
        SDL_RenderCopy(app->renderer, t, &src, &dst);
    return h;
}

/* The height of one line, and its width in *w, drawn centred when draw. */
static int one_line(App *app, const char *line, LayoutRect r, int y, int size,
                    TextWeight weight, SDL_Color c, SDL_Color under, bool draw, int *w)
{
    int h = 0;
    text_measure(app->text, line, size, weight, 0, w, &h);
    if (draw && y < r.y + r.h)
        centred_line(app, line, r, y, size, weight, c, under);
    return h;
}

/* Wrapped text from SDL_ttf is left-aligned; a centred caption is broken
 * into lines here, greedily at spaces, and each line is centred (draw) or
 * only measured. Returns the height of all lines, *widest the widest. */
static int centred_lines(App *app, const char *s, LayoutRect r, int size, TextWeight weight,
                         SDL_Color c, SDL_Color under, bool draw, int *widest)
{
    size_t len = strlen(s);
    int y = r.y, w = 0;
    *widest = 0;
    /* a caption is short: the stack, so a frame allocates nothing; the heap
     * for a long one */
    char line_stack[256], words_stack[256];
    bool heap = len >= sizeof line_stack;
    char *line = heap ? malloc(len + 1) : line_stack;
    char *words = heap ? malloc(len + 1) : words_stack;
    if (!line || !words)
        goto done;
    memcpy(words, s, len + 1);
    line[0] = '\0';
    char *save = NULL;
    for (char *word = strtok_r(words, " ", &save); word; word = strtok_r(NULL, " ", &save)) {
        size_t n = strlen(line);
        if (n) {
            line[n] = ' ';
            memcpy(line + n + 1, word, strlen(word) + 1);
            int h = 0;
            text_measure(app->text, line, size, weight, 0, &w, &h);
            if (w <= r.w)
                continue;
            line[n] = '\0'; /* too long with this word: the line ends before it */
            y += one_line(app, line, r, y, size, weight, c, under, draw, &w);
            *widest = w > *widest ? w : *widest;
        }
        memcpy(line, word, strlen(word) + 1);
    }
    if (line[0]) {
        y += one_line(app, line, r, y, size, weight, c, under, draw, &w);
        *widest = w > *widest ? w : *widest;
    }
done:
    if (heap) {
        free(line);
        free(words);
    }
    return y - r.y;
}

/* The largest size up to px at which s fits r (wrapped to r.w when wrap,
 * line by line when centred), found by stepping down; cached because
 * measuring is not free. */
static int fit_px_cut(App *app, const char *s, LayoutRect r, int px, TextWeight weight,
                      bool wrap, bool centred, bool *cut)
{
    uint64_t key = fnv(s, 14695981039346656037ull);
    key = (key ^ (uint64_t)px) * 1099511628211ull;
    key = (key ^ ((uint64_t)r.w << 32 | (uint64_t)r.h)) * 1099511628211ull;
    key = (key ^ (uint64_t)(weight * 4 + wrap * 2 + centred)) * 1099511628211ull;
    key |= 1; /* 0 marks an empty slot */
    /* Set-associative: two captions on screen that met in one slot would
     * evict each other and be measured (allocating) in every frame. */
    size_t set = (size_t)(key >> 1) % (APP_FIT_CACHE / APP_FIT_WAYS) * APP_FIT_WAYS;
    size_t slot = set; /* where a miss goes: an empty way, else the least recently used */
    for (size_t k = set; k < set + APP_FIT_WAYS; k++) {
        if (app->fit_cache[k].key == key) {
            app->fit_cache[k].stamp = app->frames_drawn;
            *cut = app->fit_cache[k].cut;
            return app->fit_cache[k].px;
        }
        if (app->fit_cache[slot].key &&
            (!app->fit_cache[k].key || app->fit_cache[k].stamp < app->fit_cache[slot].stamp))
            slot = k;
    }
    int size = px;
    for (;;) {
        int w = 0, h = 0;
        if (wrap && centred)
            h = centred_lines(app, s, r, size, weight, CLEAR, CLEAR, false, &w);
        else
            text_measure(app->text, s, size, weight, wrap ? r.w : 0, &w, &h);
        *cut = w > r.w || h > r.h;
        if (!*cut || size <= 8)
            break;
        int next = size * 9 / 10;
        size = next < size ? next : size - 1;
    }
    app->fit_cache[slot].key = key;
    app->fit_cache[slot].stamp = app->frames_drawn;
    app->fit_cache[slot].px = size;
    app->fit_cache[slot].cut = *cut;
    return size;
}

static int fit_px(App *app, const char *s, LayoutRect r, int px, TextWeight weight, bool wrap,
                  bool centred)
{
    bool cut;
    return fit_px_cut(app, s, r, px, weight, wrap, centred, &cut);
}

/* Draws s inside r, shrunk until it fits; whatever still does not fit at
 * the smallest size is cut at r's edge, never spilled. under is the opaque
 * colour under r (see text_texture_on), or CLEAR to blend. */
static void text_in(App *app, const char *s, LayoutRect r, int px, TextWeight weight,
                    SDL_Color c, SDL_Color under, int align, bool wrap)
{
    if (!s || !s[0] || r.w <= 0 || r.h <= 0)
        return;
    bool centred = wrap && align == CENTRE && !strchr(s, '\n');
    bool cut;
    int size = fit_px_cut(app, s, r, px, weight, wrap, centred, &cut);
    app->texts_cut += cut;
    if (centred) {
        int widest;
        centred_lines(app, s, r, size, weight, c, under, true, &widest);
        return;
    }
    int w = 0, h = 0;
    SDL_Texture *t = text_texture_on(app->text, s, size, weight, c, under, wrap ? r.w : 0, &w, &h);
    if (!t)
        return;
    SDL_Rect src = { 0, 0, w < r.w ? w : r.w, h < r.h ? h : r.h };
    SDL_Rect dst = { r.x, r.y, src.w, src.h };
    if (align == CENTRE)
        dst.x = r.x + (r.w - src.w) / 2;
    else if (align == RIGHT)
        dst.x = r.x + r.w - src.w;
    if (!wrap)
        dst.y = r.y + (r.h - src.h) / 2;
    SDL_RenderCopy(app->renderer, t, &src, &dst);
}

static void format_clock(char *buf, size_t size, double seconds)
{
    /* clamped to 999:59 so the text always fits its box and buffer */
    double c = ceil(seconds - 1e-9);
    int s = c < 0 ? 0 : c > 59999 ? 59999 : (int)c;
    snprintf(buf, size, "%d:%02d", s / 60, s % 60);
}

/* ------------------------------------------------------------------ */
/* Figures                                                             */
/* ------------------------------------------------------------------ */

bool app_exercise_frame(const App *app, int i, const AnimTiming *timing, double t,
                        StepSide working, bool mirror_view, FigureFrame *out)
{
    if (i < 0 || (size_t)i >= app->ex_count || !app->ex[i].clip)
        return false;
    const PoseClip *clip = app->ex[i].clip;
    bool mirrored = pose_mirror_for(clip, working);
    anim_frame(clip, timing ? *timing : app->ex[i].timing, t, mirrored, out);
    /* The other side is seen from the other side of the body, so its
     * working limb is near the camera as on the first side. Alternating
     * reps keep the camera: a figure turning round every rep would be hard
     * to follow. */
    if (mirrored && catalog_exercise(app->cat, (size_t)i)->sides != SIDES_ALTERNATE)
        skel_flip(out);
    if (mirror_view)
        skel_mirror_view(out);
    return true;
}

/* The box of exercise i's figure over a cycle (both sides), seen flipped
 * or not: found once, when first needed (96 poses a side). */
static void exercise_bounds(App *app, int i, bool flipped, Vec2 *min, Vec2 *max)
{
    AppExercise *ex = &app->ex[i];
    if (!ex->bounded) {
        anim_bounds(ex->clip, ex->timing, &ex->min, &ex->max);
        ex->bounded = true;
    }
    *min = ex->min;
    *max = ex->max;
    if (flipped)
        skel_flip_bounds(min, max);
}

/* An exercise as app_exercise_frame poses it, for the arrow. */
typedef struct {
    const App *app;
    int i;
    const AnimTiming *timing;
    StepSide working;
    bool mirror_view;
} CueFigure;

static void cue_figure_pose(const void *ctx, double t, FigureFrame *out)
{
    const CueFigure *c = ctx;
    app_exercise_frame(c->app, c->i, c->timing, t, c->working, c->mirror_view, out);
}

bool app_exercise_cues(App *app, int i, const AnimTiming *timing, double t, StepSide working,
                       bool mirror_view, const FigureFrame *now, DrawCues *out)
{
    if (i < 0 || (size_t)i >= app->ex_count || !app->ex[i].clip)
        return false;
    CueFigure figure = { app, i, timing, working, mirror_view };
    double from, to;
    anim_segment(app->ex[i].clip, timing ? *timing : app->ex[i].timing, t, &from, &to);
    /* the other side works the other limb */
    unsigned focus = pose_focus(app->ex[i].clip);
    out->focus = pose_mirror_for(app->ex[i].clip, working) ? cue_mirror_joints(focus) : focus;
    out->above = draw_turns_above(focus);
    /* the arrow may go anywhere the figure's box shows */
    const LayoutRect *r = &app->lp.figure;
    SDL_FRect box = { (float)r->x, (float)r->y, (float)r->w, (float)r->h };
    Vec2 min, max;
    exercise_bounds(app, i, now->flipped, &min, &max);
    draw_fit_visible(draw_fit(min, max, box), box, &min, &max);
    out->arrow = cue_arrow_between(cue_figure_pose, &figure, t, from, to, now, out->focus, min, max);
    /* the detail stays on where its joint rests at the start */
    FigureFrame rest;
    out->detail = (DrawDetail){ 0.0f, { 0.0f, 0.0f } };
    SkelJoint j;
    float zoom;
    if (pose_detail(app->ex[i].clip, &j, &zoom) &&
        app_exercise_frame(app, i, timing, 0.0, working, mirror_view, &rest))
        out->detail = draw_detail_at(&rest, j, pose_mirror_for(app->ex[i].clip, working), zoom);
    return true;
}

/* A card in place of a figure whose pose could not be loaded. */
static void error_card(App *app, int i, LayoutRect box, int px)
{
    LayoutRect card = layout_inset(box, box.h / 12);
    fill(app, card, panel);
    outline(app, card, warn, 2);
    const Exercise *e = catalog_exercise(app->cat, (size_t)i);
    char buf[800];
    snprintf(buf, sizeof buf, _("Cannot show %s\n%s"), e->name, app->ex[i].error);
    text_in(app, buf, layout_inset(card, px), px, TEXT_REGULAR, warn, on_background(app, panel),
            LEFT, true);
}

/* The figure, or its error card, on box painted in the opaque colour under,
 * with cues (NULL: none). */
static void draw_exercise(App *app, int i, const FigureFrame *frame, LayoutRect box, int px,
                          SDL_Color under, const DrawCues *cues)
{
    if (!frame) {
        fill(app, box, under);
        error_card(app, i, box, px);
        return;
    }
    SDL_FRect fbox = { (float)box.x, (float)box.y, (float)box.w, (float)box.h };
    Vec2 min, max;
    exercise_bounds(app, i, frame->flipped, &min, &max);
    DrawFit fit = draw_fit(min, max, fbox);
    draw_figure_cued(app->buffers, frame, fit, fbox, &app->theme, under, cues);
}

/* ------------------------------------------------------------------ */
/* Controls, progress, help                                            */
/* ------------------------------------------------------------------ */

static void button_icon(App *app, int b, LayoutRect r, bool paused)
{
    float cx = r.x + r.w / 2.0f, cy = r.y + r.h / 2.0f, s = r.h * 0.28f;
    SDL_Color c = ink;
    switch (b) {
    case LAYOUT_BUTTON_PREVIOUS:
        fill(app, (LayoutRect){ (int)(cx - s), (int)(cy - s), (int)(s * 0.35f), (int)(2 * s) }, c);
        triangle(app, cx + s, cy - s, cx + s, cy + s, cx - s * 0.6f, cy, c);
        break;
    case LAYOUT_BUTTON_NEXT:
        triangle(app, cx - s, cy - s, cx - s, cy + s, cx + s * 0.6f, cy, c);
        fill(app, (LayoutRect){ (int)(cx + s * 0.65f), (int)(cy - s), (int)(s * 0.35f), (int)(2 * s) }, c);
        break;
    case LAYOUT_BUTTON_PAUSE:
        if (paused) {
            triangle(app, cx - s * 0.8f, cy - s, cx - s * 0.8f, cy + s, cx + s, cy, c);
        } else {
            fill(app, (LayoutRect){ (int)(cx - s * 0.8f), (int)(cy - s), (int)(s * 0.55f), (int)(2 * s) }, c);
            fill(app, (LayoutRect){ (int)(cx + s * 0.25f), (int)(cy - s), (int)(s * 0.55f), (int)(2 * s) }, c);
        }
        break;
    case LAYOUT_BUTTON_FULLSCREEN: {
        int t = r.h / 12 > 1 ? r.h / 12 : 2;
        int x0 = (int)(cx - s * 1.2f), y0 = (int)(cy - s), x1 = (int)(cx + s * 1.2f), y1 = (int)(cy + s);
        int l = (int)(s * 0.7f);
        fill(app, (LayoutRect){ x0, y0, l, t }, c);
        fill(app, (LayoutRect){ x0, y0, t, l }, c);
        fill(app, (LayoutRect){ x1 - l, y0, l, t }, c);
        fill(app, (LayoutRect){ x1 - t, y0, t, l }, c);
        fill(app, (LayoutRect){ x0, y1 - t, l, t }, c);
        fill(app, (LayoutRect){ x0, y1 - l, t, l }, c);
        fill(app, (LayoutRect){ x1 - l, y1 - t, l, t }, c);
        fill(app, (LayoutRect){ x1 - t, y1 - l, t, l }, c);
        break;
    }
    }
}

static void controls(App *app, bool paused)
{
    const LayoutPlayer *L = &app->lp;
    if (app->controls_hidden)
        return; /* the background is already painted there */
    for (int b = 0; b < LAYOUT_BUTTON_COUNT; b++) {
        SDL_Color bg = b == app->hover ? (SDL_Color){ 255, 255, 255, 60 } : panel;
        fill(app, L->button[b], bg);
        button_icon(app, b, L->button[b], paused);
    }
}

static void progress(App *app, const PlayerState *s)
{
    const LayoutPlayer *L = &app->lp;
    fill(app, L->progress, panel);
    double f = s->total > 0 ? s->elapsed / s->total : 0;
    LayoutRect done = L->progress;
    done.w = (int)lround(done.w * fmin(1.0, fmax(0.0, f)));
    fill(app, done, accent);
    /* a tick where each step begins */
    for (size_t i = 0; i < player_segment_count(app->player); i++) {
        if (player_segment_kind(app->player, i) != PLAYER_STEP_REST)
            continue;
        int x = L->progress.x + (int)lround(L->progress.w * player_segment_start(app->player, i) /
                                            s->total);
        fill(app, (LayoutRect){ x, L->progress.y, 2, L->progress.h },
             (SDL_Color){ 16, 20, 28, 255 });
    }
    char buf[32], clock[16];
    format_clock(clock, sizeof clock, s->total - s->elapsed);
    /* show loops: its bar is one pass through the exercise */
    snprintf(buf, sizeof buf, app->screen == APP_SHOW ? _("%s to loop") : _("%s left"), clock);
    text_in(app, buf, L->remaining, L->small_px, TEXT_REGULAR, dim, app->theme.background, RIGHT,
            false);
}

/* The help: a key and what it does, row by row. */
static const char *const help_rows[][2] = {
    { N_("Space"), N_("pause / resume") },
    { N_("Right, PageDown"), N_("next: step, set, or end a rest") },
    { N_("Left, PageUp"), N_("previous, or restart this step") },
    { N_("Enter, R"), N_("start again") },
    { N_("F, F11"), N_("fullscreen") },
    { N_("Esc"), N_("back to the home screen; quit from it") },
    { N_("Q"), N_("quit") },
    { N_("+"), N_("faster (one exercise)") },
    { N_("-"), N_("slower (one exercise)") },
    { N_("M"), N_("mirror the picture") },
    { N_("C"), N_("motion cues on / off") },
    { N_("K"), N_("key frames: phase, key, beat") },
    { N_("S"), N_("sound on / off") },
    { N_("V"), N_("voice on / off") },
    { N_("H, ?"), N_("this help") },
};
#define HELP_ROWS ((int)(sizeof help_rows / sizeof help_rows[0]))

static void help_overlay(App *app, LayoutRect box, int px)
{
    fill_blended(app, (LayoutRect){ 0, 0, app->out_w, app->out_h }, (SDL_Color){ 0, 0, 0, 150 },
                 SDL_BLENDMODE_BLEND);
    /* rows of one line each, so a key and its meaning always pair up; the
     * box shrinks round them and stays centred on the screen */
    int row_h = (box.h - px * 7) / HELP_ROWS;
    row_h = row_h < px * 3 / 2 ? row_h : px * 3 / 2;
    int fit_h = px * 7 + row_h * HELP_ROWS;
    if (fit_h < box.h) {
        box.y += (box.h - fit_h) / 2;
        box.h = fit_h;
    }
    fill_blended(app, box, (SDL_Color){ 28, 34, 46, 250 }, SDL_BLENDMODE_BLEND);
    outline(app, box, accent, 2);
    LayoutRect in = layout_inset(box, px);
    LayoutRect head = { in.x, in.y, in.w, px * 2 };
    text_in(app, _("Keys"), head, px * 3 / 2, TEXT_BOLD, accent, CLEAR, LEFT, false);
    int key_w = in.w * 35 / 100, size = row_h * 4 / 5;
    /* one size for every row, the largest at which all fit */
    for (int i = 0; i < HELP_ROWS; i++) {
        LayoutRect key = { 0, 0, key_w, row_h }, what = { 0, 0, in.w - key_w, row_h };
        int k = fit_px(app, _(help_rows[i][0]), key, size, TEXT_BOLD, false, false);
        int w = fit_px(app, _(help_rows[i][1]), what, size, TEXT_REGULAR, false, false);
        size = k < size ? k : size;
        size = w < size ? w : size;
    }
    for (int i = 0; i < HELP_ROWS; i++) {
        LayoutRect key = { in.x, in.y + px * 2 + i * row_h, key_w, row_h };
        LayoutRect what = { in.x + key_w, key.y, in.w - key_w, row_h };
        text_in(app, _(help_rows[i][0]), key, size, TEXT_BOLD, ink, CLEAR, LEFT, false);
        text_in(app, _(help_rows[i][1]), what, size, TEXT_REGULAR, ink, CLEAR, LEFT, false);
    }
    LayoutRect foot = { in.x, in.y + in.h - px * 2, in.w, px * 2 };
    text_in(app, _("Home: arrows or the mouse choose, Enter watches or plays, P plays the daily routine"),
            foot, px * 8 / 10, TEXT_REGULAR, dim, CLEAR, LEFT, false);
}

/* The logo, fitted and centred in its box: a texture made once per size,
 * copied here. */
static void draw_logo(App *app, LayoutRect box)
{
    int w = 0, h = 0;
    SDL_Texture *t = app->logo ? logo_texture(app->logo, app->renderer, box.w, box.h, &w, &h)
                               : NULL;
    if (t)
        SDL_RenderCopy(app->renderer, t, NULL,
                       &(SDL_Rect){ box.x + (box.w - w) / 2, box.y + (box.h - h) / 2, w, h });
}

/* ------------------------------------------------------------------ */
/* Home                                                                */
/* ------------------------------------------------------------------ */

/* Every routine, bundled and the user's, as a button: its name and length. */
static void routine_buttons(App *app)
{
    if (!app->routine_cells)
        return;
    SDL_Color ground = app->theme.background;
    const LayoutHome *L = &app->lh;
    text_in(app, _("Routines"), app->routine_cells[0], L->small_px, TEXT_BOLD, accent, ground, LEFT,
            false);
    for (size_t k = 0; k < catalog_routine_count(app->cat); k++) {
        LayoutRect r = app->routine_cells[1 + k];
        const Routine *rt = catalog_routine(app->cat, k);
        bool chosen = app->selection == (int)(app->ex_count + k);
        SDL_Color bg = on_background(app, chosen ? (SDL_Color){ 255, 255, 255, 40 } : panel);
        fill(app, r, bg);
        if (chosen)
            outline(app, r, accent, 2);
        char label[96], clock[16];
        format_clock(clock, sizeof clock, catalog_routine_seconds(app->cat, rt));
        snprintf(label, sizeof label, "%s  %s", rt->name, clock);
        text_in(app, label, layout_inset(r, L->small_px / 4), L->small_px, TEXT_REGULAR,
                chosen ? accent : ink, bg, CENTRE, false);
    }
}

static void draw_home(App *app)
{
    const LayoutHome *L = &app->lh;
    SDL_Color ground = app->theme.background;
    text_in(app, _("Limber  \xc2\xb7  exercises for a healthy back"), L->title, L->title_px,
            TEXT_BOLD, ink, ground, LEFT, false);
    /* One size for all headings and one for all names, the largest at which
     * every one fits, so the grid reads as one table. */
    int heading_px = L->heading_px, label_px = L->label_px;
    for (int c = 0; c < CATEGORY_COUNT; c++)
        if (L->heading[c].w > 0) {
            int px = fit_px(app, _(category_title((Category)c)), L->heading[c], L->heading_px,
                            TEXT_BOLD, false, false);
            heading_px = px < heading_px ? px : heading_px;
        }
    for (size_t i = 0; app->cells && i < app->ex_count; i++) {
        LayoutRect cell = app->cells[app->cell_of[i]];
        LayoutRect label = { cell.x + 4, cell.y + cell.h - L->label_h, cell.w - 8, L->label_h };
        int px = fit_px(app, catalog_exercise(app->cat, i)->name, label, L->label_px, TEXT_BOLD,
                        true, true);
        label_px = px < label_px ? px : label_px;
    }
    for (int c = 0; c < CATEGORY_COUNT; c++)
        if (L->heading[c].w > 0)
            text_in(app, _(category_title((Category)c)), L->heading[c], heading_px, TEXT_BOLD,
                    accent, ground, LEFT, false);
    for (size_t i = 0; app->cells && i < app->ex_count; i++) {
        LayoutRect cell = app->cells[app->cell_of[i]];
        bool chosen = (int)i == app->selection;
        SDL_Color cell_bg = on_background(app, chosen ? (SDL_Color){ 255, 255, 255, 40 } : panel);
        LayoutRect fig = { cell.x + 4, cell.y + 4, cell.w - 8, cell.h - L->label_h - 4 };
        fill_around(app, cell, fig, cell_bg);
        if (chosen)
            outline(app, cell, accent, 3);
        LayoutRect label = { cell.x + 4, cell.y + cell.h - L->label_h, cell.w - 8, L->label_h };
        FigureFrame f;
        double t = app->now * app->opt.speed;
        bool ok = app_exercise_frame(app, (int)i, NULL, t, STEP_SIDE_BOTH, false, &f);
        if (ok) {
            draw_exercise(app, (int)i, &f, fig, L->label_px, cell_bg, NULL); /* no cues */
        } else {
            fill(app, fig, cell_bg);
            text_in(app, _("(no pose)"), fig, L->label_px, TEXT_REGULAR, warn, cell_bg, CENTRE,
                    false);
        }
        text_in(app, catalog_exercise(app->cat, i)->name, label, label_px, TEXT_BOLD,
                chosen ? accent : ink, cell_bg, CENTRE, true);
    }
    routine_buttons(app);
    char hint[160];
    snprintf(hint, sizeof hint,
             _("Arrows choose  \xc2\xb7  Enter watch or play  \xc2\xb7  P play %s  \xc2\xb7  "
               "F fullscreen  \xc2\xb7  H help  \xc2\xb7  Q quit"),
             app->default_routine >= 0
                 ? catalog_routine(app->cat, (size_t)app->default_routine)->name
                 : _("(no routine)"));
    if (app->note[0])
        text_in(app, app->note, L->hint, L->small_px, TEXT_BOLD, accent, ground, CENTRE, false);
    else if (app->banner[0])
        app_draw_banner(app, L->hint, L->small_px);
    else if (!app->controls_hidden)
        text_in(app, hint, L->hint, L->small_px, TEXT_REGULAR, dim, ground, CENTRE, false);
    draw_logo(app, L->logo);
    if (app->help)
        help_overlay(app, L->help, L->small_px * 13 / 10);
}

/* ------------------------------------------------------------------ */
/* Show and play                                                       */
/* ------------------------------------------------------------------ */

/* The instructions as numbered lines. */
static void instructions_text(const Exercise *e, char *buf, size_t size)
{
    size_t n = 0;
    buf[0] = '\0';
    for (int i = 0; i < e->instruction_count && n < size; i++) {
        int k = snprintf(buf + n, size - n, "%s%d. %s", i ? "\n" : "", i + 1, e->instructions[i]);
        if (k < 0)
            break;
        n += (size_t)k;
    }
}

/* Seconds left in the hold phase of this rep, or -1 outside a hold: found
 * by looking ahead, since the clip names phases but the table sets times. */
double app_hold_left(const App *app, int i, AnimTiming timing, double t)
{
    const AppExercise *v = &app->ex[i];
    if (!v->clip || timing.hold_s <= 0)
        return -1;
    const char *phase = anim_phase(v->clip, timing, t);
    if (!phase || strcmp(phase, "hold") != 0)
        return -1;
    const double step = 0.05;
    double dt = step;
    while (dt < timing.hold_s + step) {
        const char *p = anim_phase(v->clip, timing, t + dt);
        if (!p || strcmp(p, "hold") != 0)
            break;
        dt += step;
    }
    return dt - step / 2;
}

/* A step lighter than the background: the stage the figure is on. */
static SDL_Color stage_of(const App *app)
{
    return on_background(app, (SDL_Color){ 255, 255, 255, 10 });
}

/* The figure's box: its panel, and the figure or its error card. */
static void note_pill(App *app, LayoutRect box, int px);

/* The figure's box; with only_changed, only the pixels that changed since
 * the last frame, over it. Returns how many rectangles it painted, in
 * *rects (valid until the next draw). */
static int figure_box(App *app, bool only_changed, const SDL_Rect **rects)
{
    const LayoutPlayer *L = &app->lp;
    int ex = app->state.exercise;
    SDL_Color stage = stage_of(app);
    app->figure_whole = (SDL_Rect){ L->figure.x, L->figure.y, L->figure.w, L->figure.h };
    *rects = &app->figure_whole;
    int n = 1;
    if (ex >= 0 && app->figure_valid) {
        if (only_changed)
            draw_limit_next(app->buffers);
        draw_exercise(app, ex, &app->figure, L->figure, L->body_px, stage,
                      app->cues ? &app->cue_now : NULL);
        n = draw_painted(app->buffers, rects);
    } else if (ex >= 0) {
        draw_exercise(app, ex, NULL, L->figure, L->body_px, stage, NULL);
    } else {
        fill(app, L->figure, stage);
    }
    /* what is drawn over the figure, in each painted part (drawn twice
     * over itself, its soft edges would darken) */
    for (int i = 0; i < n && (app->key_info[0] || app->note[0]); i++) {
        SDL_RenderSetClipRect(app->renderer, &(*rects)[i]);
        if (app->key_info[0]) {
            /* the band under the floor line, below the figure's feet */
            int h = L->small_px * 3 / 2;
            LayoutRect band = { L->figure.x, L->figure.y + L->figure.h - h, L->figure.w, h };
            text_in(app, app->key_info, band, L->small_px, TEXT_BOLD, accent, stage, CENTRE,
                    false);
        }
        note_pill(app, L->figure, L->body_px);
    }
    SDL_RenderSetClipRect(app->renderer, NULL);
    return n;
}

int app_draw_figure(App *app, const SDL_Rect **rects)
{
    return figure_box(app, true, rects);
}

/* A key's short answer, in a pill at the top of box: drawn with the
 * figure so a figure-only frame keeps it. */
static void note_pill(App *app, LayoutRect box, int px)
{
    if (!app->note[0])
        return;
    int w = px * 12 < box.w ? px * 12 : box.w, h = px * 2;
    LayoutRect pill = { box.x + (box.w - w) / 2, box.y + px / 2, w, h };
    SDL_Color bg = on_background(app, (SDL_Color){ 255, 255, 255, 60 });
    fill(app, pill, bg);
    outline(app, pill, accent, 2);
    text_in(app, app->note, layout_inset(pill, px / 4), px, TEXT_BOLD, ink, bg, CENTRE, false);
}

/* A file that was saved with a fault, and that the last good version is
 * on screen: in r, which is never the figure's or the countdown's. */
void app_draw_banner(App *app, LayoutRect r, int px)
{
    char text[640];
    snprintf(text, sizeof text, _("Kept the last good version: %s"), app->banner);
    SDL_Color bg = on_background(app, (SDL_Color){ 255, 120, 90, 40 });
    fill(app, r, bg);
    outline(app, r, warn, 2);
    text_in(app, text, layout_inset(r, px / 3), px * 3 / 4, TEXT_REGULAR, ink, bg, LEFT, true);
}

static void draw_player(App *app)
{
    const LayoutPlayer *L = &app->lp;
    const PlayerState *s = &app->state;
    int ex = s->exercise;
    const Exercise *e = ex >= 0 ? catalog_exercise(app->cat, (size_t)ex) : NULL;
    char title[256], cue[320], big[32], line[160], next[256], steps[1600];
    title[0] = cue[0] = big[0] = line[0] = next[0] = steps[0] = '\0';

    /* the side at work (or coming), in the words of the pose's side line */
    const PoseClip *clip = ex >= 0 ? app->ex[ex].clip : NULL;
    const char *side = clip ? pose_side_label(pose_side(clip).what, s->working) : "";
    side = side[0] ? _(side) : side;

    /* the title names the exercise while it is done, else the segment */
    bool named = s->kind == PLAYER_WORK;
    snprintf(title, sizeof title, "%s", named ? e->name : _(player_kind_title(s->kind)));
    if (s->kind == PLAYER_WORK)
        snprintf(cue, sizeof cue, "%s", e->cue);
    else if (s->kind == PLAYER_SWITCH)
        snprintf(cue, sizeof cue, _("%s, now: %s"), e->name, side);
    else if (s->kind == PLAYER_GET_READY)
        snprintf(cue, sizeof cue, _("First: %s"), e->name);
    else if (s->kind == PLAYER_SET_REST)
        snprintf(cue, sizeof cue, _("Next: %s, set %d of %d"), e->name, s->set, s->sets);
    else if (s->kind == PLAYER_STEP_REST)
        snprintf(cue, sizeof cue, _("Next: %s"), e->name);
    else {
        /* what it really took, and the plan beside it when they differ */
        char took[16], planned[16];
        format_clock(took, sizeof took, s->taken);
        format_clock(planned, sizeof planned, s->total);
        const char *name = catalog_routine(app->cat, (size_t)app->routine)->name;
        if (strcmp(took, planned) != 0)
            snprintf(cue, sizeof cue,
                     _("Routine \xe2\x80\x9c%s\xe2\x80\x9d done in %s (planned %s)"), name, took,
                     planned);
        else
            snprintf(cue, sizeof cue, _("Routine \xe2\x80\x9c%s\xe2\x80\x9d done in %s"), name,
                     took);
    }
    if (e)
        instructions_text(e, steps, sizeof steps);

    /* the big number: the hold countdown while holding, reps while counting
     * reps, else the segment's countdown */
    double hold = app->hold_left;
    if (hold >= 0) {
        format_clock(big, sizeof big, hold);
        if (s->reps > 1)
            snprintf(line, sizeof line, _("hold  \xc2\xb7  rep %d / %d"), s->rep, s->reps);
        else
            snprintf(line, sizeof line, "%s", _("hold"));
    } else if (s->kind == PLAYER_WORK && s->reps > 1) {
        snprintf(big, sizeof big, "%d / %d", s->rep, s->reps);
    } else if (s->kind != PLAYER_FINISHED) {
        format_clock(big, sizeof big, s->segment_left);
    }
    /* the set; the side has its own line */
    size_t n = strlen(line);
    if (s->kind == PLAYER_WORK && s->sets > 1)
        snprintf(line + n, sizeof line - n, _("%sset %d / %d"), n ? "  \xc2\xb7  " : "", s->set,
                 s->sets);

    /* hints go one to a line: a separator wrapped to a line's end hangs */
    bool hints = !app->controls_hidden; /* key hints go with the buttons */
    if (app->screen == APP_SHOW) {
        char speed[16];
        lang_number(speed, sizeof speed, s->speed);
        if (fabs(s->speed - 1.0) > 1e-6 && hints)
            snprintf(next, sizeof next, _("Speed %sx\n%s"), speed, _(KEY_NEXT));
        else if (fabs(s->speed - 1.0) > 1e-6)
            snprintf(next, sizeof next, _("Speed %sx"), speed);
        else if (hints)
            snprintf(next, sizeof next, "%s\n%s", _(KEY_NEXT), _("H:\xc2\xa0" "keys"));
    } else if (s->kind == PLAYER_WORK || s->kind == PLAYER_SWITCH) {
        if (s->next_exercise >= 0)
            snprintf(next, sizeof next, _("Next: %s"),
                     catalog_exercise(app->cat, (size_t)s->next_exercise)->name);
        else
            snprintf(next, sizeof next, "%s", _("Last exercise"));
    } else if (s->kind == PLAYER_FINISHED) {
        if (hints)
            snprintf(next, sizeof next, "%s", _("Enter:\xc2\xa0" "again\nEsc:\xc2\xa0" "home"));
    } else {
        snprintf(next, sizeof next, _("Step %d of %d"), s->step + 1, s->step_count);
    }
    if (s->paused) {
        snprintf(cue, sizeof cue, "%s", hints ? _("Paused  \xc2\xb7  Space to go on") : _("Paused"));
    }
    /* a skipped row or routine file is said where the next step would be */
    char warning[700];
    bool warned = app->data_errors > 0 && app->screen == APP_PLAY &&
                  (s->kind == PLAYER_GET_READY || s->kind == PLAYER_FINISHED);
    if (warned)
        snprintf(warning, sizeof warning,
                 ngettext("%zu table error, rows skipped: %s. Run limber check.",
                          "%zu table errors, rows skipped: %s. Run limber check.",
                          app->data_errors),
                 app->data_errors, app->data_error);

    SDL_Color ground = app->theme.background;
    /* a long name wraps to a second line before it shrinks below readable */
    text_in(app, title, L->title, L->title_px, TEXT_BOLD, ink, ground, LEFT, true);
    text_in(app, cue, L->cue, L->cue_px, TEXT_REGULAR, s->paused ? accent : dim, ground, LEFT,
            false);
    const SDL_Rect *painted;
    figure_box(app, false, &painted);
    if (ex < 0)
        text_in(app, "\xe2\x9c\x93", L->figure, L->figure.h / 2, TEXT_BOLD, accent, stage_of(app),
                CENTRE, false);
    text_in(app, big, L->timer, L->timer_px, TEXT_BOLD, s->kind == PLAYER_WORK ? accent : ink,
            ground, CENTRE, false);
    text_in(app, line, L->reps, L->reps_px, TEXT_REGULAR, ink, ground, CENTRE, false);
    if (s->kind != PLAYER_FINISHED)
        text_in(app, side, L->side, L->reps_px, TEXT_BOLD, accent, ground, CENTRE, false);
    text_in(app, steps, L->instructions, L->body_px, TEXT_REGULAR, ink, ground, LEFT, true);
    if (app->banner[0])
        app_draw_banner(app, L->next, L->body_px);
    else
        text_in(app, warned ? warning : next, L->next, L->body_px, TEXT_BOLD,
                warned ? warn : dim, ground, LEFT, true);
    progress(app, s);
    controls(app, s->paused || s->finished);
    draw_logo(app, L->logo);
    if (app->help)
        help_overlay(app, L->help, L->body_px);
}

void app_draw(App *app)
{
    LayoutRect screen = { 0, 0, app->out_w, app->out_h };
    if (app->screen == APP_HOME || !app->have_state) {
        fill(app, screen, app->theme.background);
        draw_home(app);
    } else {
        fill_around(app, screen, app->lp.figure, app->theme.background); /* figure_box paints it */
        draw_player(app);
    }
}
