/* export: PNG frames of one cycle per exercise, and a contact sheet, drawn
 * by a software renderer into memory: no window, no display, no driver. */
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <SDL.h>

#include "anim.h"
#include "catalog.h"
#include "cli.h"
#include "draw.h"
#include "image.h"
#include "pose.h"
#include "render.h"
#include "text.h"

#define EXPORT_DEFAULT_W 640
#define EXPORT_DEFAULT_H 360
#define EXPORT_DEFAULT_FPS 10
#define SHEET_COLUMNS 6

/* One exercise ready to draw. */
typedef struct {
    const Exercise *ex;
    PoseClip *clip;
    AnimTiming timing;
    Vec2 min, max;
} Job;

typedef struct {
    const Options *opt;
    int w, h, fps;
    DrawTheme theme;
    DrawBuffers *buffers;
    bool failed;
} Export;

/* ---------------------------------------------------------------------------
 * Files
 * ------------------------------------------------------------------------- */

static bool file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* mkdir -p: every missing directory on the way. */
static bool make_dirs(const char *path)
{
    char *p = strdup(path);
    bool ok = p != NULL;
    for (char *s = p ? p + 1 : NULL; ok && s && *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        ok = mkdir(p, 0777) == 0 || errno == EEXIST;
        *s = '/';
    }
    ok = ok && (mkdir(p, 0777) == 0 || errno == EEXIST);
    if (!ok)
        fprintf(stderr, "limber: cannot create directory '%s': %s\n", path, strerror(errno));
    free(p);
    return ok;
}

static char *frame_path(const char *dir, const char *id, int i)
{
    char *path = NULL;
    if (SDL_asprintf(&path, "%s/%s/%04d.png", dir, id, i) < 0)
        return NULL;
    return path;
}

static bool refuse_overwrite(const Export *e, const char *path)
{
    if (e->opt->force || !file_exists(path))
        return false;
    fprintf(stderr, "limber: '%s' exists; use --force to overwrite it\n", path);
    return true;
}

static bool save_png(SDL_Renderer *renderer, SDL_Surface *surface, const char *path)
{
    SDL_RenderFlush(renderer);
    if (image_write_png(surface, path) == 0)
        return true;
    fprintf(stderr, "limber: cannot write '%s': %s\n", path, SDL_GetError());
    return false;
}

static void clear(SDL_Renderer *renderer, SDL_Color c)
{
    SDL_SetRenderDrawColor(renderer, c.r, c.g, c.b, 255);
    SDL_RenderClear(renderer);
}

/* ---------------------------------------------------------------------------
 * Frames of one cycle
 * ------------------------------------------------------------------------- */

/* Frames of one cycle at fps: t = 0, 1/fps, ... up to but not including the
 * cycle's end, which is the next cycle's first frame. */
static int cycle_frames(AnimTiming timing, int fps)
{
    int n = (int)ceil(anim_cycle_seconds(timing) * fps - 1e-6);
    return n < 1 ? 1 : n;
}

static bool export_frames(Export *e, const Job *job, SDL_Renderer *renderer,
                          SDL_Surface *surface)
{
    const char *id = job->ex->id;
    int n = cycle_frames(job->timing, e->fps);
    bool ok = true;
    char *dir = NULL;
    if (SDL_asprintf(&dir, "%s/%s", e->opt->out_dir, id) < 0)
        return false;
    /* Check every file first, so a refusal leaves nothing half written. */
    for (int i = 0; i < n && ok; i++) {
        char *path = frame_path(e->opt->out_dir, id, i);
        ok = path && !refuse_overwrite(e, path);
        SDL_free(path);
    }
    ok = ok && make_dirs(dir);
    SDL_FRect box = { 0, 0, (float)e->w, (float)e->h };
    DrawFit fit = draw_fit(job->min, job->max, box);
    for (int i = 0; i < n && ok; i++) {
        FigureFrame frame;
        anim_frame(job->clip, job->timing, (double)i / e->fps, false, &frame);
        char *path = frame_path(e->opt->out_dir, id, i);
        ok = path && draw_figure(e->buffers, &frame, fit, box, &e->theme, e->theme.background) == 0 &&
             save_png(renderer, surface, path);
        SDL_free(path);
    }
    if (ok)
        printf("%s: %d frames in %s\n", id, n, dir);
    SDL_free(dir);
    return ok;
}

/* ---------------------------------------------------------------------------
 * Contact sheet: a row per exercise, its key moments side by side
 * ------------------------------------------------------------------------- */

static int by_time(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The start of the cycle and the middle of each phase (mid-hold for a
 * hold), topped up with moments spread evenly over the cycle until there
 * are max, so a two-phase exercise still shows its whole movement. */
static int key_moments(const Job *job, double *t, int max)
{
    enum { STEPS = 240 };
    double cycle = anim_cycle_seconds(job->timing);
    double start[STEPS + 1];
    int phases = 0;
    const char *last = NULL;
    for (int i = 0; i < STEPS; i++) {
        double ti = cycle * i / STEPS;
        const char *p = anim_phase(job->clip, job->timing, ti);
        if (!last || !p || strcmp(p, last) != 0)
            start[phases++] = ti;
        last = p;
    }
    start[phases] = cycle;
    int n = 0;
    t[n++] = 0.0;
    for (int i = 0; i < phases && n < max; i++)
        t[n++] = (start[i] + start[i + 1]) * 0.5;
    /* Fill the widest gap (to the cycle's end, too) with its middle. */
    qsort(t, (size_t)n, sizeof *t, by_time);
    while (n < max) {
        int widest = 0;
        double gap = -1.0;
        for (int i = 0; i < n; i++) {
            double g = (i + 1 < n ? t[i + 1] : cycle) - t[i];
            if (g > gap) {
                gap = g;
                widest = i;
            }
        }
        t[n++] = t[widest] + gap * 0.5;
        qsort(t, (size_t)n, sizeof *t, by_time);
    }
    return n;
}

static void blit_text(SDL_Renderer *renderer, Text *text, const char *s, int px,
                      TextWeight weight, SDL_Color color, int x, int y, int max_w)
{
    int w, h;
    SDL_Texture *t = text_texture(text, s, px, weight, color, 0, &w, &h);
    if (!t)
        return;
    /* Too long for its place: shrink to fit rather than spill into the next. */
    SDL_Rect src = { 0, 0, w, h }, dst = { x, y, w, h };
    if (w > max_w) {
        dst.w = max_w;
        dst.h = h * max_w / w;
    }
    SDL_RenderCopy(renderer, t, &src, &dst);
}

static bool export_sheet(Export *e, const Job *jobs, int job_count)
{
    SDL_Surface *surface = NULL;
    SDL_Renderer *renderer = NULL;
    DrawBuffers *buffers = NULL;
    Text *text = NULL;
    bool ok = false;
    if (job_count == 0)
        return true;
    /* Cells half the frame size, so six of them make a readable row. */
    int cw = e->w / 2 < 200 ? 200 : e->w / 2;
    int ch = cw * e->h / e->w;
    int pad = cw / 20;
    int title_px = cw / 9 < 12 ? 12 : cw / 9;
    int caption_px = cw / 14 < 10 ? 10 : cw / 14;
    int title_h = title_px * 3 / 2, caption_h = caption_px * 3 / 2;
    int row_h = title_h + ch + caption_h + pad;
    int sheet_w = pad + SHEET_COLUMNS * (cw + pad);
    long sheet_h = pad + (long)job_count * row_h;
    if (sheet_h > 32000) {
        fprintf(stderr, "limber: the contact sheet would be %ld pixels high; "
                        "use a smaller --size or fewer exercises\n", sheet_h);
        return false;
    }
    renderer = render_offscreen_new(sheet_w, (int)sheet_h, &surface);
    if (!renderer)
        goto sdl_fail;
    text = text_open(renderer, e->opt->assets_dir);
    buffers = draw_buffers_new(renderer, surface);
    if (!text || !buffers)
        goto sdl_fail;
    clear(renderer, e->theme.background);
    SDL_Color ink = e->theme.figure, quiet = e->theme.figure_far;
    for (int r = 0; r < job_count; r++) {
        const Job *job = &jobs[r];
        int y = pad + r * row_h;
        blit_text(renderer, text, job->ex->name, title_px, TEXT_BOLD, ink, pad, y, sheet_w - 2 * pad);
        double t[SHEET_COLUMNS];
        int n = key_moments(job, t, SHEET_COLUMNS);
        for (int c = 0; c < n; c++) {
            SDL_FRect box = { (float)(pad + c * (cw + pad)), (float)(y + title_h), (float)cw,
                              (float)ch };
            FigureFrame frame;
            anim_frame(job->clip, job->timing, t[c], false, &frame);
            if (draw_figure(buffers, &frame, draw_fit(job->min, job->max, box), box, &e->theme,
                            (SDL_Color){ 32, 38, 47, 255 }) != 0)
                goto sdl_fail;
            char caption[160];
            const char *phase = anim_phase(job->clip, job->timing, t[c]);
            snprintf(caption, sizeof caption, "%.40s  %.1f s", phase ? phase : "", t[c]);
            blit_text(renderer, text, caption, caption_px, TEXT_REGULAR, quiet, (int)box.x,
                      (int)box.y + ch + caption_px / 4, cw);
        }
        text_end_frame(text);
    }
    ok = save_png(renderer, surface, e->opt->sheet);
    if (ok)
        printf("contact sheet: %s\n", e->opt->sheet);
    goto done;
sdl_fail:
    fprintf(stderr, "limber: cannot draw the contact sheet: %s\n", SDL_GetError());
done:
    text_close(text);
    draw_buffers_free(buffers);
    render_offscreen_free(renderer, surface);
    return ok;
}

/* ---------------------------------------------------------------------------
 * The command
 * ------------------------------------------------------------------------- */

/* Loads the pose of every exercise asked for; a missing or broken one is
 * reported and skipped, and marks the export failed. */
static int load_jobs(Export *e, const Catalog *cat, Job *jobs)
{
    const Options *opt = e->opt;
    int count = 0;
    size_t n = opt->arg_count > 0 ? (size_t)opt->arg_count : catalog_exercise_count(cat);
    for (size_t i = 0; i < n; i++) {
        int idx = opt->arg_count > 0 ? catalog_find_exercise(cat, opt->args[i]) : (int)i;
        if (idx < 0) {
            fprintf(stderr, "limber: unknown exercise '%s' (see limber list)\n", opt->args[i]);
            e->failed = true;
            continue;
        }
        const Exercise *ex = catalog_exercise(cat, (size_t)idx);
        char *path = NULL;
        DiagList diags = { 0 };
        PoseClip *clip = NULL;
        if (SDL_asprintf(&path, "%s/poses/%s.pose", opt->assets_dir, ex->id) >= 0)
            clip = pose_load(path, &diags);
        diag_print_all(&diags, stderr);
        diag_free(&diags);
        SDL_free(path);
        if (!clip) {
            e->failed = true;
            continue;
        }
        Job *job = &jobs[count++];
        job->ex = ex;
        job->clip = clip;
        job->timing = anim_timing(ex);
        anim_bounds(clip, job->timing, &job->min, &job->max);
    }
    return count;
}

int cmd_export(const Options *opt)
{
    Export e = { .opt = opt };
    Catalog *cat = NULL;
    Job *jobs = NULL;
    int job_count = 0;
    SDL_Surface *surface = NULL;
    SDL_Renderer *renderer = NULL;

    if (!opt->out_dir) {
        fprintf(stderr, "limber: export needs --out DIR\n" CLI_HELP_HINT);
        return 2;
    }
    e.w = opt->size_w > 0 ? opt->size_w : EXPORT_DEFAULT_W;
    e.h = opt->size_h > 0 ? opt->size_h : EXPORT_DEFAULT_H;
    e.fps = opt->fps > 0 ? opt->fps : EXPORT_DEFAULT_FPS;
    e.theme = draw_theme_default();

    /* Only what drawing into memory needs: no video subsystem, no display. */
    if (SDL_Init(0) != 0) {
        fprintf(stderr, "limber: cannot start SDL: %s\n", SDL_GetError());
        return 1;
    }
    if (opt->sheet && refuse_overwrite(&e, opt->sheet)) {
        e.failed = true;
        goto done;
    }

    DiagList diags = { 0 };
    cat = catalog_load(opt->data_dir, &diags);
    diag_print_all(&diags, stderr);
    e.failed = diags.count > 0;
    diag_free(&diags);
    if (!cat)
        goto oom;
    jobs = calloc(catalog_exercise_count(cat) + (size_t)opt->arg_count + 1, sizeof *jobs);
    if (!jobs)
        goto oom;
    job_count = load_jobs(&e, cat, jobs);

    renderer = render_offscreen_new(e.w, e.h, &surface);
    if (!renderer) {
        fprintf(stderr, "limber: cannot create a %dx%d picture: %s\n", e.w, e.h, SDL_GetError());
        e.failed = true;
        goto done;
    }
    e.buffers = draw_buffers_new(renderer, surface);
    if (!e.buffers)
        goto oom;
    if (job_count > 0 && !make_dirs(opt->out_dir)) {
        e.failed = true;
        goto done;
    }
    for (int i = 0; i < job_count; i++)
        if (!export_frames(&e, &jobs[i], renderer, surface))
            e.failed = true;
    if (opt->sheet && !export_sheet(&e, jobs, job_count))
        e.failed = true;
    goto done;
oom:
    fprintf(stderr, "limber: out of memory\n");
    e.failed = true;
done:
    draw_buffers_free(e.buffers);
    render_offscreen_free(renderer, surface);
    for (int i = 0; i < job_count; i++)
        pose_free(jobs[i].clip);
    free(jobs);
    catalog_free(cat);
    SDL_Quit();
    return e.failed ? 1 : 0;
}
