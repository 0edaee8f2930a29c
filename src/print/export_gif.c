/* export_gif: one cycle of an exercise as a looping animated GIF, through
 * giflib.
 *
 * The palette is the theme's: its five colours (seven with --cues: the
 * accents of docs/cues.md; and, for a figure in
 * water, each of them under the water and under its surface line), and the
 * blends between every two of them, evenly spaced, in what is left of 255
 * entries. The figure is
 * flat colours whose anti-aliased edges are blends of two of them, so a
 * pixel is always near an entry: no dithering is needed and none is done
 * (dither noise is what makes a GIF large), and the edges do not band.
 *
 * Each frame after the first is only the rectangle that changed, with
 * pixels that did not change inside it transparent (index 255), so the
 * encoder sees long runs; a frame that changed nothing is one transparent
 * pixel, kept so that the frame count and delays stay those of the cycle. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gif_lib.h>

#include "export.h"

#define GIF_TRANSPARENT 255
#define GIF_MAX_BASES 14

typedef struct {
    GifColorType color[256];
    int count;
    /* nearest palette entry + 1 for every 24-bit colour met so far; 0 = not
     * looked up yet. 32 MB of address space, of which only the pages that
     * hold colours in use are ever touched. */
    uint16_t *nearest;
} GifPalette;

static SDL_Color blend(SDL_Color over, SDL_Color under)
{
    int a = over.a;
    return (SDL_Color){ (Uint8)((over.r * a + under.r * (255 - a) + 127) / 255),
                        (Uint8)((over.g * a + under.g * (255 - a) + 127) / 255),
                        (Uint8)((over.b * a + under.b * (255 - a) + 127) / 255), 255 };
}

static void palette_add(GifPalette *p, SDL_Color c)
{
    for (int i = 0; i < p->count; i++)
        if (p->color[i].Red == c.r && p->color[i].Green == c.g && p->color[i].Blue == c.b)
            return;
    if (p->count < GIF_TRANSPARENT)
        p->color[p->count++] = (GifColorType){ c.r, c.g, c.b };
}

static void palette_build(GifPalette *p, const DrawTheme *theme, bool water, bool cues)
{
    SDL_Color base[GIF_MAX_BASES];
    int n = 0;
    /* with --cues, the two accents (docs/cues.md) are colours of their own */
    SDL_Color plain[] = { theme->background, theme->figure,  theme->figure_far, theme->floor,
                          theme->prop,       theme->accent, theme->accent_far };
    size_t plains = sizeof plain / sizeof plain[0] - (cues ? 0 : 2);
    for (size_t i = 0; i < plains; i++)
        base[n++] = plain[i];
    if (water)
        for (size_t i = 0; i < plains; i++)
            base[n++] = blend(theme->water, plain[i]);
    p->count = 0;
    for (int i = 0; i < n; i++)
        palette_add(p, base[i]);
    if (water) {
        /* the surface line, a stronger water drawn over each (draw.c) */
        SDL_Color line = theme->water;
        line.a = 220;
        for (size_t i = 0; i < plains; i++)
            palette_add(p, blend(line, plain[i]));
    }
    int pairs = n * (n - 1) / 2;
    int steps = (GIF_TRANSPARENT - p->count) / pairs; /* blends between each two */
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++)
            for (int s = 1; s <= steps; s++) {
                SDL_Color c = base[j];
                c.a = (Uint8)(255 * s / (steps + 1));
                palette_add(p, blend(c, base[i]));
            }
    /* the transparent entry: never chosen as a nearest colour */
    for (int i = p->count; i < 256; i++)
        p->color[i] = (GifColorType){ 0, 0, 0 };
}

static uint8_t palette_index(GifPalette *p, uint32_t rgb)
{
    uint16_t known = p->nearest[rgb];
    if (known)
        return (uint8_t)(known - 1);
    int r = (int)(rgb >> 16 & 255), g = (int)(rgb >> 8 & 255), b = (int)(rgb & 255);
    int best = 0, best_d = 1 << 30;
    for (int i = 0; i < p->count; i++) {
        int dr = r - p->color[i].Red, dg = g - p->color[i].Green, db = b - p->color[i].Blue;
        /* green counts most and blue least, as the eye weighs them */
        int d = 3 * dr * dr + 4 * dg * dg + 2 * db * db;
        if (d < best_d) {
            best_d = d;
            best = i;
        }
    }
    p->nearest[rgb] = (uint16_t)(best + 1);
    return (uint8_t)best;
}

/* The canvas's pixels (RENDER_OFFSCREEN_FORMAT: 0x00RRGGBB words) as
 * palette indices. */
static void quantise(GifPalette *p, SDL_Surface *s, uint8_t *out)
{
    for (int y = 0; y < s->h; y++) {
        const uint32_t *row = (const uint32_t *)((const uint8_t *)s->pixels + (size_t)y * s->pitch);
        for (int x = 0; x < s->w; x++)
            out[(size_t)y * s->w + x] = palette_index(p, row[x] & 0xFFFFFFu);
    }
}

static bool in_water(const ExportJob *job)
{
    FigureFrame frame;
    anim_frame(job->clip, job->timing, 0.0, false, &frame);
    return frame.prop == PROP_WATER;
}

static int write_bytes(GifFileType *gif, const GifByteType *data, int len)
{
    return export_bytes_append(gif->UserData, data, (size_t)len) ? len : 0;
}

/* The NETSCAPE2.0 block: loop for ever. */
static int put_loop(GifFileType *gif)
{
    static const unsigned char forever[3] = { 1, 0, 0 };
    return EGifPutExtensionLeader(gif, APPLICATION_EXT_FUNC_CODE) == GIF_OK &&
                   EGifPutExtensionBlock(gif, 11, "NETSCAPE2.0") == GIF_OK &&
                   EGifPutExtensionBlock(gif, 3, forever) == GIF_OK &&
                   EGifPutExtensionTrailer(gif) == GIF_OK
               ? GIF_OK
               : GIF_ERROR;
}

/* One frame: the part of cur that differs from prev (all of it when prev is
 * NULL), unchanged pixels transparent, shown for delay hundredths. */
static int put_frame(GifFileType *gif, const uint8_t *cur, const uint8_t *prev, int w, int h,
                     int delay, uint8_t *row)
{
    int x0 = 0, y0 = 0, x1 = w - 1, y1 = h - 1;
    if (prev) {
        x0 = w, y0 = h, x1 = -1, y1 = -1;
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                if (cur[(size_t)y * w + x] != prev[(size_t)y * w + x]) {
                    x0 = x < x0 ? x : x0;
                    x1 = x > x1 ? x : x1;
                    y0 = y < y0 ? y : y0;
                    y1 = y;
                }
        if (x1 < 0)
            x0 = x1 = y0 = y1 = 0; /* nothing changed: one clear pixel */
    }
    GraphicsControlBlock gcb = { .DisposalMode = DISPOSE_DO_NOT, .UserInputFlag = false,
                                 .DelayTime = delay,
                                 .TransparentColor = prev ? GIF_TRANSPARENT : NO_TRANSPARENT_COLOR };
    GifByteType ext[4];
    size_t ext_len = EGifGCBToExtension(&gcb, ext);
    if (EGifPutExtension(gif, GRAPHICS_EXT_FUNC_CODE, (int)ext_len, ext) != GIF_OK ||
        EGifPutImageDesc(gif, x0, y0, x1 - x0 + 1, y1 - y0 + 1, false, NULL) != GIF_OK)
        return GIF_ERROR;
    for (int y = y0; y <= y1; y++) {
        for (int x = x0; x <= x1; x++) {
            size_t i = (size_t)y * w + x;
            row[x - x0] = prev && cur[i] == prev[i] ? GIF_TRANSPARENT : cur[i];
        }
        if (EGifPutLine(gif, row, x1 - x0 + 1) != GIF_OK)
            return GIF_ERROR;
    }
    return GIF_OK;
}

bool export_gif(const ExportCanvas *c, const ExportJob *job)
{
    char *path = NULL;
    GifPalette palette = { .nearest = NULL };
    uint8_t *cur = NULL, *prev = NULL, *row = NULL;
    ExportBytes bytes = { 0 };
    GifFileType *gif = NULL;
    ColorMapObject *map = NULL;
    bool ok = false;
    int err = 0;
    int n = export_cycle_frames(job, c->fps);
    size_t pixels = (size_t)c->w * (size_t)c->h;

    if (SDL_asprintf(&path, "%s/%s.gif", c->out_dir, job->ex->id) < 0)
        goto oom;
    if (export_refuse_overwrite(c->force, path))
        goto done;
    palette.nearest = calloc((size_t)1 << 24, sizeof *palette.nearest);
    cur = malloc(pixels);
    prev = malloc(pixels);
    row = malloc((size_t)c->w);
    if (!palette.nearest || !cur || !prev || !row)
        goto oom;
    palette_build(&palette, &c->theme, in_water(job), c->cues);
    map = GifMakeMapObject(256, palette.color);
    gif = EGifOpen(&bytes, write_bytes, &err);
    if (!map || !gif)
        goto gif_fail;
    EGifSetGifVersion(gif, true);
    if (EGifPutScreenDesc(gif, c->w, c->h, 8, 0, map) != GIF_OK || put_loop(gif) != GIF_OK)
        goto gif_fail;
    for (int i = 0; i < n; i++) {
        if (!export_draw(c, job, export_frame_start(job, c->fps, i)))
            goto done;
        quantise(&palette, c->surface, cur);
        /* hundredths, rounded at both ends: the delays add up to the cycle */
        int delay = (int)(export_frame_start(job, c->fps, i + 1) * 100.0 + 0.5) -
                    (int)(export_frame_start(job, c->fps, i) * 100.0 + 0.5);
        if (put_frame(gif, cur, i > 0 ? prev : NULL, c->w, c->h, delay, row) != GIF_OK)
            goto gif_fail;
        uint8_t *t = prev;
        prev = cur;
        cur = t;
    }
    int close_rc = EGifCloseFile(gif, &err);
    gif = NULL;
    if (close_rc != GIF_OK)
        goto gif_fail;
    ok = export_write_file(path, &bytes);
    if (ok)
        printf("%s: %d frames, %.2f s, in %s\n", job->ex->id, n,
               export_loop_seconds(job), path);
    goto done;
oom:
    fprintf(stderr, "limber: out of memory\n");
    goto done;
gif_fail:
    fprintf(stderr, "limber: cannot make '%s': %s\n", path ? path : job->ex->id,
            bytes.failed ? "out of memory" : GifErrorString(gif ? gif->Error : err));
done:
    if (gif)
        EGifCloseFile(gif, &err);
    GifFreeMapObject(map);
    export_bytes_free(&bytes);
    free(row);
    free(prev);
    free(cur);
    free(palette.nearest);
    SDL_free(path);
    return ok;
}
