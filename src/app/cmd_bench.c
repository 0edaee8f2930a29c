/* bench: headless frame timings of the real screens, drawn by the software
 * renderer into memory. The scenarios run interleaved, one frame of each
 * per round in a rotating order, so a noisy machine slows them all alike
 * and their ratios to `floor` hold even when the milliseconds do not. */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h> /* getrusage: peak RSS */

#include <SDL.h>

#include "anim.h"
#include "app.h"
#include "cli.h"
#include "draw.h"
#include "pose.h"
#include "text.h"

#define BENCH_DEFAULT_W 1920
#define BENCH_DEFAULT_H 1080
#define BENCH_DEFAULT_FRAMES 300
#define BENCH_FPS 60.0
/* The play screen is timed from the first exercise on, past "get ready". */
#define BENCH_PLAY_START_S 5.0
#define BENCH_FIGURE_ID "cat-camel"

enum { FLOOR, FIGURE, PLAY, HOME, CAPTION, SCENARIO_COUNT };

static const char *const scenario_names[SCENARIO_COUNT] = {
    "floor", "figure", "play", "home", "caption",
};

typedef struct {
    const Options *opt;
    int w, h, frames;
    App *play, *home;      /* floor, figure and caption draw on play's renderer */
    Text *caption_text;    /* caption: a font cache of its own, as a new caption would have */
    const Exercise *figure_ex;
    PoseClip *clip;
    AnimTiming timing;
    DrawFit fit;
    DrawBuffers *buffers;
    DrawTheme theme;
    double *ms[SCENARIO_COUNT];
    double startup_ms;
} Bench;

typedef struct {
    double median, p99;
} Stats;

/* ---------------------------------------------------------------------------
 * The scenarios: one frame each, at frame i of the run
 * ------------------------------------------------------------------------- */

static void clear(SDL_Renderer *r, SDL_Color c)
{
    SDL_SetRenderDrawColor(r, c.r, c.g, c.b, 255);
    SDL_RenderClear(r);
}

static void frame_floor(Bench *b, int i)
{
    (void)i;
    SDL_Renderer *r = app_renderer(b->play);
    clear(r, b->theme.background);
    SDL_RenderFlush(r);
}

static void frame_figure(Bench *b, int i)
{
    SDL_Renderer *r = app_renderer(b->play);
    FigureFrame f;
    anim_frame(b->clip, b->timing, i / BENCH_FPS, false, &f);
    SDL_FRect box = { 0, 0, (float)b->w, (float)b->h };
    draw_figure(b->buffers, &f, b->fit, box, &b->theme, b->theme.background);
    SDL_RenderFlush(r);
}

static void frame_play(Bench *b, int i)
{
    app_render(b->play, BENCH_PLAY_START_S + i / BENCH_FPS);
}

static void frame_home(Bench *b, int i)
{
    app_render(b->home, i / BENCH_FPS);
}

/* The play screen with one caption whose text is new every frame: what a
 * frame costs when a caption changes (a second ticking, a new step). */
static void frame_caption(Bench *b, int i)
{
    app_render(b->play, BENCH_PLAY_START_S + i / BENCH_FPS);
    SDL_Renderer *r = app_renderer(b->play);
    char caption[96];
    snprintf(caption, sizeof caption, "Caption %d: breathe out as you lift", i);
    int w = 0, h = 0;
    /* on the background, as the screens draw their captions */
    SDL_Texture *t = text_texture_on(b->caption_text, caption, b->h / 18, TEXT_REGULAR,
                                     (SDL_Color){ 240, 242, 245, 255 }, b->theme.background, 0,
                                     &w, &h);
    if (t)
        SDL_RenderCopy(r, t, NULL, &(SDL_Rect){ b->h / 20, b->h * 17 / 20, w, h });
    text_end_frame(b->caption_text);
    SDL_RenderFlush(r);
}

static void (*const scenario_frame[SCENARIO_COUNT])(Bench *, int) = {
    frame_floor, frame_figure, frame_play, frame_home, frame_caption,
};

/* ---------------------------------------------------------------------------
 * Setting up and timing
 * ------------------------------------------------------------------------- */

static double ms_since(Uint64 start)
{
    return (double)(SDL_GetPerformanceCounter() - start) * 1000.0 /
           (double)SDL_GetPerformanceFrequency();
}

/* The figure scenario's exercise: cat-camel when it has a pose, else the
 * first exercise that has one. */
static bool load_figure(Bench *b, const Catalog *cat)
{
    int want = catalog_find_exercise(cat, BENCH_FIGURE_ID);
    for (size_t k = 0; k <= catalog_exercise_count(cat) && !b->clip; k++) {
        int i = k == 0 ? want : (int)k - 1;
        if (i < 0)
            continue;
        const Exercise *e = catalog_exercise(cat, (size_t)i);
        char *path = NULL;
        if (SDL_asprintf(&path, "%s/poses/%s.pose", b->opt->assets_dir, e->id) < 0)
            return false;
        DiagList diags = { 0 };
        b->clip = pose_load(path, &diags);
        diag_free(&diags);
        SDL_free(path);
        b->figure_ex = e;
    }
    if (!b->clip) {
        fprintf(stderr, "limber: bench: no exercise has a pose in %s/poses\n",
                b->opt->assets_dir);
        return false;
    }
    b->timing = anim_timing(b->figure_ex);
    Vec2 min, max;
    anim_bounds(b->clip, b->timing, &min, &max);
    b->fit = draw_fit(min, max, (SDL_FRect){ 0, 0, (float)b->w, (float)b->h });
    return true;
}

/* Everything the scenarios need; the first play frame is the start-up. */
static int bench_open(Bench *b, const Options *opt)
{
    int code = 1;
    Catalog *cat = NULL;
    b->play = app_new_offscreen(opt, APP_PLAY, NULL, b->w, b->h, &code);
    if (!b->play)
        return code;
    app_render(b->play, 0.0);
    b->startup_ms = opt->start_counter ? ms_since(opt->start_counter) : 0.0;

    b->home = app_new_offscreen(opt, APP_HOME, NULL, b->w, b->h, &code);
    if (!b->home)
        return code;
    code = 1;
    b->caption_text = text_open(app_renderer(b->play), opt->assets_dir);
    b->buffers = draw_buffers_new(app_renderer(b->play), app_surface(b->play));
    b->theme = draw_theme_default();
    DiagList diags = { 0 };
    cat = cli_load_catalog(opt, &diags);
    diag_free(&diags);
    if (!b->caption_text || !b->buffers || !cat || !load_figure(b, cat))
        goto fail;
    for (int s = 0; s < SCENARIO_COUNT; s++) {
        b->ms[s] = calloc((size_t)b->frames, sizeof *b->ms[s]);
        if (!b->ms[s])
            goto fail;
    }
    code = 0;
fail:
    if (code)
        fprintf(stderr, "limber: bench: cannot set up: %s\n", SDL_GetError());
    catalog_free(cat);
    return code;
}

static void bench_close(Bench *b)
{
    for (int s = 0; s < SCENARIO_COUNT; s++)
        free(b->ms[s]);
    pose_free(b->clip);
    draw_buffers_free(b->buffers);
    text_close(b->caption_text);
    app_free(b->home);
    app_free(b->play);
}

/* One warm-up round (fonts, caption textures, buffers), then the timed
 * rounds, each starting one scenario later than the last. */
static void bench_run(Bench *b)
{
    for (int s = 0; s < SCENARIO_COUNT; s++)
        scenario_frame[s](b, 0);
    for (int i = 0; i < b->frames; i++)
        for (int k = 0; k < SCENARIO_COUNT; k++) {
            int s = (i + k) % SCENARIO_COUNT;
            Uint64 start = SDL_GetPerformanceCounter();
            scenario_frame[s](b, i + 1);
            b->ms[s][i] = ms_since(start);
        }
}

static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Nearest-rank percentiles of n samples (sorted in place). */
static Stats stats(double *ms, int n)
{
    qsort(ms, (size_t)n, sizeof *ms, compare_double);
    int p50 = (int)ceil(0.50 * n) - 1, p99 = (int)ceil(0.99 * n) - 1;
    return (Stats){ ms[p50 < 0 ? 0 : p50], ms[p99 < 0 ? 0 : p99] };
}

static double peak_rss_mb(void)
{
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0)
        return 0.0;
    return (double)ru.ru_maxrss / 1024.0; /* Linux: kilobytes */
}

/* ---------------------------------------------------------------------------
 * Output
 * ------------------------------------------------------------------------- */

static void print_text(const Bench *b, const Stats *st)
{
    printf("limber bench: %dx%d, %d frames per scenario, interleaved; software renderer "
           "into memory\n\n",
           b->w, b->h, b->frames);
    printf("%-10s %10s %10s %8s\n", "scenario", "median ms", "p99 ms", "x floor");
    for (int s = 0; s < SCENARIO_COUNT; s++)
        printf("%-10s %10.3f %10.3f %8.2f\n", scenario_names[s], st[s].median, st[s].p99,
               st[s].median / st[FLOOR].median);
    printf("\ncaption / play: %.2f\n", st[CAPTION].median / st[PLAY].median);
    printf("start-up to the first frame: %.1f ms from the start of main()\n", b->startup_ms);
    printf("peak RSS: %.1f MB\n", peak_rss_mb());
}

static void print_json(const Bench *b, const Stats *st)
{
    printf("{\"size\": \"%dx%d\", \"frames\": %d, \"scenarios\": [", b->w, b->h, b->frames);
    for (int s = 0; s < SCENARIO_COUNT; s++)
        printf("%s{\"name\": \"%s\", \"median_ms\": %.4f, \"p99_ms\": %.4f, \"ratio\": %.3f}",
               s ? ", " : "", scenario_names[s], st[s].median, st[s].p99,
               st[s].median / st[FLOOR].median);
    printf("], \"startup_ms\": %.2f, \"startup_from\": \"main\", \"peak_rss_mb\": %.2f}\n",
           b->startup_ms, peak_rss_mb());
}

int cmd_bench(const Options *opt)
{
    if (opt->arg_count > 0) {
        fprintf(stderr,
                "limber: bench takes no arguments, only options such as --size 1920x1080\n"
                CLI_HELP_HINT);
        return 2;
    }
    Bench b = {
        .opt = opt,
        .w = opt->size_w ? opt->size_w : BENCH_DEFAULT_W,
        .h = opt->size_h ? opt->size_h : BENCH_DEFAULT_H,
        .frames = opt->frames ? opt->frames : BENCH_DEFAULT_FRAMES,
    };
    int code = bench_open(&b, opt);
    if (code == 0) {
        bench_run(&b);
        Stats st[SCENARIO_COUNT];
        for (int s = 0; s < SCENARIO_COUNT; s++)
            st[s] = stats(b.ms[s], b.frames);
        if (opt->json)
            print_json(&b, st);
        else
            print_text(&b, st);
    }
    bench_close(&b);
    return code;
}
