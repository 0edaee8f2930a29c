/* export: PNG frames of one cycle per exercise (or SVG frames, or one
 * animated GIF or WebP each: export_*.c), and a contact sheet, drawn by a
 * software renderer into memory: no window, no display, no driver. */
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
#include "cue.h"
#include "draw.h"
#include "export.h"
#include "image.h"
#include "lang.h" /* lang_decimal_comma */
#include "pose.h"
#include "print.h"
#include "render.h"
#include "text.h"

#define EXPORT_DEFAULT_W 640
#define EXPORT_DEFAULT_H 360
#define EXPORT_DEFAULT_FPS 10
#define SHEET_COLUMNS 6

enum { FORMAT_PNG, FORMAT_SVG, FORMAT_GIF, FORMAT_WEBP };

typedef ExportJob Job;

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

static char *frame_path(const char *dir, const char *id, int i)
{
    char *path = NULL;
    if (SDL_asprintf(&path, "%s/%s/%04d.png", dir, id, i) < 0)
        return NULL;
    return path;
}

static bool refuse_overwrite(const Export *e, const char *path)
{
    return export_refuse_overwrite(e->opt->force, path);
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

static bool export_frames(Export *e, const Job *job, SDL_Renderer *renderer,
                          SDL_Surface *surface)
{
    const char *id = job->ex->id;
    int n = export_cycle_frames(job, e->fps);
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
    ok = ok && export_make_dirs(dir);
    SDL_FRect box = { 0, 0, (float)e->w, (float)e->h };
    DrawFit fit = draw_fit(job->min, job->max, box);
    for (int i = 0; i < n && ok; i++) {
        FigureFrame frame;
        DrawCues cues;
        double t = (double)i / e->fps;
        export_figure(job, t, &frame);
        char *path = frame_path(e->opt->out_dir, id, i);
        ok = path &&
             draw_figure_cued(e->buffers, &frame, fit, box, &e->theme, e->theme.background,
                              export_cues(e->opt->cues, job, t, &frame, box, &cues)) == 0 &&
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
        int n = export_key_moments(job, t, SHEET_COLUMNS);
        for (int c = 0; c < n; c++) {
            SDL_FRect box = { (float)(pad + c * (cw + pad)), (float)(y + title_h), (float)cw,
                              (float)ch };
            FigureFrame frame;
            DrawCues cues;
            anim_frame(job->clip, job->timing, t[c], false, &frame);
            if (draw_figure_cued(buffers, &frame, draw_fit(job->min, job->max, box), box,
                                 &e->theme, (SDL_Color){ 32, 38, 47, 255 },
                                 export_cues(e->opt->cues, job, t[c], &frame, box, &cues)) != 0)
                goto sdl_fail;
            /* the phase as the pose file names it, as K shows it: the sheet
             * is the author's view; the seconds as the language writes them */
            char caption[160], at[32];
            const char *phase = anim_phase(job->clip, job->timing, t[c]);
            snprintf(at, sizeof at, "%.1f", t[c]);
            lang_decimal_comma(at);
            snprintf(caption, sizeof caption, "%.40s  %s s", phase ? phase : "", at);
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
        if (export_load_job_in_use(opt, catalog_exercise(cat, (size_t)idx), &jobs[count]))
            count++;
        else
            e->failed = true;
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
    static const char *const formats[] = { "png", "svg", "gif", "webp" };
    int format = opt->format ? -1 : FORMAT_PNG;
    for (int i = 0; format < 0 && i < (int)(sizeof formats / sizeof formats[0]); i++)
        if (strcmp(opt->format, formats[i]) == 0)
            format = i;
    if (format < 0) {
        fprintf(stderr, "limber: --format takes png, svg, gif or webp, not '%s'\n" CLI_HELP_HINT,
                opt->format);
        return 2;
    }
    /* GIF delays are hundredths, and viewers slow any under two to ten */
    if (format == FORMAT_GIF && opt->fps > 50) {
        fprintf(stderr, "limber: a GIF plays at most 50 frames a second, not %d\n" CLI_HELP_HINT,
                opt->fps);
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
    /* the user's own rows too, and the texts in the language in use, as on
     * the screens (the sheet's names) */
    cat = cli_load_catalog(opt, &diags);
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
    if (job_count > 0 && !export_make_dirs(opt->out_dir)) {
        e.failed = true;
        goto done;
    }
    ExportCanvas canvas = { opt->out_dir, opt->force, e.w, e.h, e.fps, e.theme,
                            e.buffers, renderer, surface, opt->cues };
    const PrintApi *print = format == FORMAT_PNG ? NULL : print_load();
    if (format != FORMAT_PNG && !print) {
        e.failed = true;
        goto done;
    }
    for (int i = 0; i < job_count; i++) {
        bool ok = format == FORMAT_GIF    ? print->export_gif(&canvas, &jobs[i])
                  : format == FORMAT_WEBP ? print->export_webp(&canvas, &jobs[i])
                  : format == FORMAT_SVG  ? print->export_svg(&canvas, &jobs[i])
                                          : export_frames(&e, &jobs[i], renderer, surface);
        if (!ok)
            e.failed = true;
    }
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
