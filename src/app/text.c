/* text: the bundled font, and captions as cached textures. */
#include "text.h"

#include "csv.h" /* csv_read_file */
#include "render.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL_ttf.h>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* Enough for every caption of a busy screen for many frames; more than
 * this in one frame grows the cache rather than evict what is on screen. */
#define TEXT_CACHE_START 128
/* Text not on screen is kept up to this many screens of pixels, the least
 * recently used going first. With only the entry count as a limit, every
 * new caption took fresh memory until the cache was full (128 captions of
 * a 1080p screen are 34 MB), and on this machine class each fresh page
 * faults for ~10 us: caption / play in the bench was 1.19-1.43, with this
 * limit 1.10-1.27, and the bench's peak RSS fell from 71 to 43 MB. */
#define TEXT_KEPT_SCREENS 1
#define TEXT_BYTES_PER_PIXEL 4 /* of a cached texture, as the budget counts */
#define TEXT_MIN_PX 4
/* Sizes of text measured, remembered: SDL_ttf allocates a HarfBuzz buffer
 * for every measurement, and screens measure to fit and break lines in
 * every frame. Full, the least recently used goes. */
#define TEXT_MEASURE_CACHE 256
#define TEXT_MAX_PX 1024
#define TEXT_UNHINTED_PX 24

static const char *const font_files[2] = { "DejaVuSans.ttf", "DejaVuSans-Bold.ttf" };

typedef struct {
    int px;
    TextWeight weight;
    TTF_Font *font;
} FontSlot;

typedef struct {
    char *utf8;             /* NULL: a free slot */
    int px, wrap_w;
    TextWeight weight;
    SDL_Color color, under;
    SDL_Texture *texture;
    int w, h;
    uint64_t stamp;         /* the frame it was last returned in */
} CacheEntry;

typedef struct {
    char *utf8;             /* NULL: a free slot */
    uint64_t hash;
    int px, wrap_w;
    TextWeight weight;
    int w, h;
    uint64_t stamp;
} MeasureEntry;

struct Text {
    SDL_Renderer *renderer;
    MeasureEntry measures[TEXT_MEASURE_CACHE];
    char *path[2];          /* by TextWeight */
    void *file[2];          /* the font files' bytes, mapped or read once */
    size_t file_size[2];
    bool file_mapped[2];    /* munmap, not free */
    FontSlot *fonts;
    int font_count;
    CacheEntry *cache;
    int cache_cap;
    uint64_t frame;
    int renders;
    /* The last wrapped text measured, as SDL_ttf drew it to measure it
     * (shaded: each pixel its coverage). Screens measure a caption to fit
     * and then draw it at the size that fits: that draw takes this render
     * instead of rendering the glyphs again. */
    struct {
        char *utf8;
        int px, wrap_w;
        TextWeight weight;
        SDL_Surface *coverage;
    } measured;
};

/* ---------------------------------------------------------------------------
 * Fonts: one TTF_Font per (size, weight), opened when first asked for and
 * kept, because TTF_SetFontSize would flush a shared font's glyph cache.
 * Every size opens from the file's bytes in memory: from the file, FreeType
 * seeks and reads a few bytes at a time through SDL_RWops, two system calls
 * each, and the first frame opens eight sizes.
 * ------------------------------------------------------------------------- */

static void forget_measured(Text *text)
{
    free(text->measured.utf8);
    SDL_FreeSurface(text->measured.coverage);
    text->measured.utf8 = NULL;
    text->measured.coverage = NULL;
}

/* The font file mapped, not read: FreeType touches only the tables and
 * glyphs it needs, so the first frame faults in a few dozen pages of the
 * page cache instead of copying 1.4 MB into fresh memory (about 1 ms of
 * the first frame here, docs/performance.md). NULL when it cannot be
 * mapped (not a regular file, empty, no mmap): the caller reads it and
 * reports why. The fonts are installed files, replaced by rename, so the
 * mapping keeps the old file's pages if one is updated while Limber runs. */
static void *map_font(const char *path, size_t *size)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    struct stat st;
    void *p = MAP_FAILED;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 && st.st_size <= INT32_MAX)
        p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (p == MAP_FAILED)
        return NULL;
    *size = (size_t)st.st_size;
    return p;
}

static TTF_Font *open_font(Text *text, TextWeight weight, int px)
{
    const char *path = text->path[weight];
    if (!text->file[weight]) {
        text->file[weight] = map_font(path, &text->file_size[weight]);
        text->file_mapped[weight] = text->file[weight] != NULL;
    }
    if (!text->file[weight]) {
        /* not SDL_LoadFile: SDL 2.26 crashes in it on a directory */
        DiagList diags = { 0 };
        text->file[weight] = csv_read_file(path, &text->file_size[weight], &diags);
        if (!text->file[weight]) {
            const Diag *d = diags.count > 0 ? &diags.items[0] : NULL;
            SDL_SetError("cannot open font '%s': %s%s%s", path,
                         d ? diag_message(d->kind) : "out of memory",
                         d && d->detail[0] ? ": " : "", d ? d->detail : "");
            diag_free(&diags);
            return NULL;
        }
    }
    if (text->file_size[weight] == 0) {
        SDL_SetError("cannot open font '%s': the file is empty, expected a TrueType font", path);
        return NULL;
    }
    SDL_RWops *rw = SDL_RWFromConstMem(text->file[weight], (int)text->file_size[weight]);
    TTF_Font *font = rw ? TTF_OpenFontRW(rw, 1, px) : NULL;
    if (!font) {
        SDL_SetError("cannot open font '%s': %s", path, TTF_GetError());
        return NULL;
    }
    TTF_SetFontWrappedAlign(font, TTF_WRAPPED_ALIGN_LEFT);
    /* DejaVu's hinting runs its TrueType program for every size and glyph
     * (2 of the first frame's ms here); from this size on its grid-fitting
     * changes no stroke a person can see, and small text keeps it. */
    if (px >= TEXT_UNHINTED_PX)
        TTF_SetFontHinting(font, TTF_HINTING_NONE);
    return font;
}

static int clamp_px(int px)
{
    return px < TEXT_MIN_PX ? TEXT_MIN_PX : px > TEXT_MAX_PX ? TEXT_MAX_PX : px;
}

static TTF_Font *font_for(Text *text, int px, TextWeight weight)
{
    px = clamp_px(px);
    if (weight != TEXT_BOLD)
        weight = TEXT_REGULAR;
    for (int i = 0; i < text->font_count; i++)
        if (text->fonts[i].px == px && text->fonts[i].weight == weight)
            return text->fonts[i].font;
    FontSlot *fonts = realloc(text->fonts, (size_t)(text->font_count + 1) * sizeof *fonts);
    if (!fonts) {
        SDL_OutOfMemory();
        return NULL;
    }
    text->fonts = fonts;
    TTF_Font *font = open_font(text, weight, px);
    if (!font)
        return NULL;
    fonts[text->font_count++] = (FontSlot){ px, weight, font };
    return font;
}

/* ---------------------------------------------------------------------------
 * Open and close
 * ------------------------------------------------------------------------- */

Text *text_open(SDL_Renderer *renderer, const char *assets_dir)
{
    Text *text = NULL;
    if (TTF_Init() != 0) {
        SDL_SetError("cannot start SDL_ttf: %s", TTF_GetError());
        return NULL;
    }
    text = calloc(1, sizeof *text);
    if (!text)
        goto oom;
    text->renderer = renderer;
    text->cache = calloc(TEXT_CACHE_START, sizeof *text->cache);
    if (!text->cache)
        goto oom;
    text->cache_cap = TEXT_CACHE_START;
    for (int w = 0; w < 2; w++) {
        size_t n = strlen(assets_dir) + strlen(font_files[w]) + 8;
        text->path[w] = malloc(n);
        if (!text->path[w])
            goto oom;
        snprintf(text->path[w], n, "%s/fonts/%s", assets_dir, font_files[w]);
        /* Open one size now, so a missing or damaged font is reported here
         * and not in the middle of a frame. */
        if (!font_for(text, 16, (TextWeight)w))
            goto fail;
    }
    return text;
oom:
    SDL_OutOfMemory();
fail:
    {
        /* text_close would overwrite the message with nothing, but keep it
         * safe to read after the cleanup. */
        char msg[512];
        snprintf(msg, sizeof msg, "%s", SDL_GetError());
        if (text)
            text_close(text);
        else
            TTF_Quit();
        SDL_SetError("%s", msg);
    }
    return NULL;
}

void text_close(Text *text)
{
    if (!text)
        return;
    for (int i = 0; i < text->cache_cap; i++) {
        free(text->cache[i].utf8);
        if (text->cache[i].texture)
            SDL_DestroyTexture(text->cache[i].texture);
    }
    free(text->cache);
    for (int i = 0; i < TEXT_MEASURE_CACHE; i++)
        free(text->measures[i].utf8);
    forget_measured(text);
    for (int i = 0; i < text->font_count; i++)
        TTF_CloseFont(text->fonts[i].font);
    free(text->fonts);
    for (int w = 0; w < 2; w++) {
        free(text->path[w]);
        /* after the fonts that read it */
        if (text->file_mapped[w])
            munmap(text->file[w], text->file_size[w]);
        else
            free(text->file[w]);
    }
    free(text);
    TTF_Quit();
}

/* ---------------------------------------------------------------------------
 * The cache
 * ------------------------------------------------------------------------- */

static bool same_color(SDL_Color a, SDL_Color b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a;
}

static CacheEntry *lookup(Text *text, const char *utf8, int px, TextWeight weight,
                          SDL_Color color, SDL_Color under, int wrap_w)
{
    for (int i = 0; i < text->cache_cap; i++) {
        CacheEntry *e = &text->cache[i];
        if (e->utf8 && e->px == px && e->weight == weight && e->wrap_w == wrap_w &&
            same_color(e->color, color) && same_color(e->under, under) &&
            strcmp(e->utf8, utf8) == 0)
            return e;
    }
    return NULL;
}

static size_t entry_bytes(const CacheEntry *e)
{
    return (size_t)e->w * (size_t)e->h * TEXT_BYTES_PER_PIXEL;
}

static void entry_clear(CacheEntry *e)
{
    free(e->utf8);
    if (e->texture)
        SDL_DestroyTexture(e->texture);
    memset(e, 0, sizeof *e);
}

/* The least recently used entry not shown in this frame, or NULL. */
static CacheEntry *least_recent(Text *text)
{
    CacheEntry *lru = NULL;
    for (int i = 0; i < text->cache_cap; i++) {
        CacheEntry *e = &text->cache[i];
        if (e->utf8 && e->stamp < text->frame && (!lru || e->stamp < lru->stamp))
            lru = e;
    }
    return lru;
}

/* Room for a texture of the given bytes: older text goes while the cache
 * would hold more than a screen of pixels; then a free slot, else the
 * least recently used one from an earlier frame, else (everything is on
 * screen now) a bigger cache. */
static CacheEntry *slot_for_new(Text *text, size_t bytes)
{
    int out_w = 0, out_h = 0;
    if (SDL_GetRendererOutputSize(text->renderer, &out_w, &out_h) != 0)
        out_w = out_h = 0;
    size_t budget = (size_t)out_w * (size_t)out_h * TEXT_BYTES_PER_PIXEL * TEXT_KEPT_SCREENS;
    size_t kept = bytes;
    for (int i = 0; i < text->cache_cap; i++)
        kept += entry_bytes(&text->cache[i]); /* 0 for a free slot */
    CacheEntry *lru;
    while (kept > budget && (lru = least_recent(text))) {
        kept -= entry_bytes(lru);
        entry_clear(lru);
    }
    for (int i = 0; i < text->cache_cap; i++)
        if (!text->cache[i].utf8)
            return &text->cache[i];
    if ((lru = least_recent(text))) {
        entry_clear(lru);
        return lru;
    }
    int cap = text->cache_cap * 2;
    CacheEntry *cache = realloc(text->cache, (size_t)cap * sizeof *cache);
    if (!cache) {
        SDL_OutOfMemory();
        return NULL;
    }
    memset(cache + text->cache_cap, 0, (size_t)(cap - text->cache_cap) * sizeof *cache);
    text->cache = cache;
    CacheEntry *e = &cache[text->cache_cap];
    text->cache_cap = cap;
    return e;
}

/* The kept measuring render of utf8, if it is that text, coloured as
 * TTF_RenderUTF8_Shaded_Wrapped colours it (its palette runs from the
 * ground to the colour in 256 steps); NULL otherwise. The caller owns it. */
static SDL_Surface *take_measured(Text *text, const char *utf8, int px, TextWeight weight,
                                  SDL_Color color, SDL_Color under, int wrap_w)
{
    SDL_Surface *s = text->measured.coverage;
    if (!s || wrap_w <= 0 || under.a != 255 || text->measured.px != px ||
        text->measured.weight != (weight == TEXT_BOLD ? TEXT_BOLD : TEXT_REGULAR) || text->measured.wrap_w != wrap_w ||
        strcmp(text->measured.utf8, utf8) != 0 || !s->format->palette ||
        s->format->palette->ncolors != 256)
        return NULL;
    SDL_Color ramp[256];
    for (int i = 0; i < 256; i++)
        ramp[i] = (SDL_Color){ (Uint8)(under.r + i * (color.r - under.r) / 255),
                               (Uint8)(under.g + i * (color.g - under.g) / 255),
                               (Uint8)(under.b + i * (color.b - under.b) / 255),
                               (Uint8)(under.a + i * (color.a - under.a) / 255) };
    if (SDL_SetPaletteColors(s->format->palette, ramp, 0, 256) != 0)
        return NULL;
    text->measured.coverage = NULL;
    forget_measured(text);
    return s;
}

/* Blended (alpha) on a clear ground; shaded (the same anti-aliasing, mixed
 * into the ground colour, 8 bits a pixel) on an opaque one, which
 * opaque_texture turns into a texture in the screen's own format. */
static SDL_Surface *render_surface(TTF_Font *font, const char *utf8, SDL_Color color,
                                   SDL_Color under, int wrap_w)
{
    if (under.a != 255)
        return wrap_w > 0 ? TTF_RenderUTF8_Blended_Wrapped(font, utf8, color, (Uint32)wrap_w)
                          : TTF_RenderUTF8_Blended(font, utf8, color);
    return wrap_w > 0 ? TTF_RenderUTF8_Shaded_Wrapped(font, utf8, color, under, (Uint32)wrap_w)
                      : TTF_RenderUTF8_Shaded(font, utf8, color, under);
}

/* A shaded (8-bit) surface straight into a texture in the screen's own
 * format: one conversion, where SDL_CreateTextureFromSurface converts into
 * a temporary surface and copies that. NULL if the renderer cannot, and
 * the caller falls back to SDL. */
static SDL_Texture *opaque_texture(SDL_Renderer *renderer, SDL_Surface *shaded)
{
    Uint32 format = render_target_format(renderer);
    if (SDL_BYTESPERPIXEL(format) != 4) /* RGB888 has 24 bits in 4 bytes */
        return NULL;
    SDL_Texture *texture =
        SDL_CreateTexture(renderer, format, SDL_TEXTUREACCESS_STREAMING, shaded->w, shaded->h);
    void *pixels;
    int pitch;
    if (!texture || SDL_LockTexture(texture, NULL, &pixels, &pitch) != 0) {
        if (texture)
            SDL_DestroyTexture(texture);
        return NULL;
    }
    SDL_Surface *view =
        SDL_CreateRGBSurfaceWithFormatFrom(pixels, shaded->w, shaded->h, 32, pitch, format);
    bool ok = view && SDL_BlitSurface(shaded, NULL, view, NULL) == 0;
    SDL_FreeSurface(view);
    SDL_UnlockTexture(texture);
    if (!ok) {
        SDL_DestroyTexture(texture);
        return NULL;
    }
    return texture;
}

SDL_Texture *text_texture(Text *text, const char *utf8, int px, TextWeight weight,
                          SDL_Color color, int wrap_w, int *w, int *h)
{
    return text_texture_on(text, utf8, px, weight, color, (SDL_Color){ 0, 0, 0, 0 }, wrap_w, w,
                           h);
}

SDL_Texture *text_texture_on(Text *text, const char *utf8, int px, TextWeight weight,
                             SDL_Color color, SDL_Color under, int wrap_w, int *w, int *h)
{
    SDL_Surface *surface = NULL;
    SDL_Texture *texture = NULL;
    CacheEntry *e = NULL;
    *w = *h = 0;
    px = clamp_px(px);
    if (wrap_w < 0)
        wrap_w = 0;
    if (!utf8[0]) /* SDL_ttf refuses empty text; nothing to draw is not an error */
        return NULL;

    if (under.a != 255)
        under = (SDL_Color){ 0, 0, 0, 0 }; /* one key for every clear ground */
    e = lookup(text, utf8, px, weight, color, under, wrap_w);
    if (e) {
        e->stamp = text->frame;
        *w = e->w;
        *h = e->h;
        return e->texture;
    }
    TTF_Font *font = font_for(text, px, weight);
    if (!font)
        goto fail;
    surface = take_measured(text, utf8, px, weight, color, under, wrap_w);
    if (!surface)
        surface = render_surface(font, utf8, color, under, wrap_w);
    if (!surface) {
        SDL_SetError("cannot render text: %s", TTF_GetError());
        goto fail;
    }
    text->renders++;
    /* room first, so the new texture can take the memory of what goes */
    e = slot_for_new(text, (size_t)surface->w * (size_t)surface->h * TEXT_BYTES_PER_PIXEL);
    if (!e)
        goto fail;
    texture = under.a == 255 ? opaque_texture(text->renderer, surface) : NULL;
    if (!texture)
        texture = SDL_CreateTextureFromSurface(text->renderer, surface);
    if (!texture)
        goto fail;
    SDL_SetTextureBlendMode(texture, under.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    e->utf8 = strdup(utf8);
    if (!e->utf8) {
        SDL_OutOfMemory();
        goto fail;
    }
    e->px = px;
    e->weight = weight;
    e->color = color;
    e->under = under;
    e->wrap_w = wrap_w;
    e->texture = texture;
    e->w = surface->w;
    e->h = surface->h;
    e->stamp = text->frame;
    *w = e->w;
    *h = e->h;
    SDL_FreeSurface(surface);
    return texture;
fail:
    if (texture)
        SDL_DestroyTexture(texture);
    SDL_FreeSurface(surface);
    return NULL;
}

static uint64_t hash_text(const char *s)
{
    uint64_t h = 14695981039346656037ull; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

/* The remembered size of utf8, or the slot it should go in (*hit false). */
static MeasureEntry *measure_slot(Text *text, const char *utf8, uint64_t hash, int px,
                                  TextWeight weight, int wrap_w, bool *hit)
{
    MeasureEntry *victim = &text->measures[0];
    for (int i = 0; i < TEXT_MEASURE_CACHE; i++) {
        MeasureEntry *m = &text->measures[i];
        if (m->utf8 && m->hash == hash && m->px == px && m->weight == weight &&
            m->wrap_w == wrap_w && strcmp(m->utf8, utf8) == 0) {
            *hit = true;
            return m;
        }
        if (victim->utf8 && (!m->utf8 || m->stamp < victim->stamp))
            victim = m;
    }
    *hit = false;
    return victim;
}

static void measure_uncached(Text *text, const char *utf8, int px, TextWeight weight,
                             int wrap_w, int *w, int *h);

void text_measure(Text *text, const char *utf8, int px, TextWeight weight, int wrap_w, int *w,
                  int *h)
{
    px = clamp_px(px);
    weight = weight == TEXT_BOLD ? TEXT_BOLD : TEXT_REGULAR;
    wrap_w = wrap_w < 0 ? 0 : wrap_w;
    uint64_t hash = hash_text(utf8);
    bool hit;
    MeasureEntry *m = measure_slot(text, utf8, hash, px, weight, wrap_w, &hit);
    if (hit) {
        m->stamp = text->frame;
        *w = m->w;
        *h = m->h;
        return;
    }
    measure_uncached(text, utf8, px, weight, wrap_w, w, h);
    char *copy = strdup(utf8);
    if (!copy)
        return; /* measured, just not remembered */
    free(m->utf8);
    *m = (MeasureEntry){ copy, hash, px, wrap_w, weight, *w, *h, text->frame };
}

static void measure_uncached(Text *text, const char *utf8, int px, TextWeight weight,
                             int wrap_w, int *w, int *h)
{
    *w = *h = 0;
    TTF_Font *font = font_for(text, px, weight);
    if (!font)
        return;
    if (wrap_w <= 0 || !utf8[0]) {
        if (TTF_SizeUTF8(font, utf8, w, h) != 0)
            *w = *h = 0;
        return;
    }
    /* SDL_ttf 2.20 has no public wrapped measure; an 8-bit surface through
     * the same wrapping code always agrees with the texture, and is kept
     * for the draw that usually follows (take_measured). */
    SDL_Surface *s = TTF_RenderUTF8_Shaded_Wrapped(font, utf8, (SDL_Color){ 255, 255, 255, 255 },
                                                   (SDL_Color){ 0, 0, 0, 255 }, (Uint32)wrap_w);
    if (!s)
        return;
    *w = s->w;
    *h = s->h;
    char *copy = strdup(utf8);
    if (!copy) {
        SDL_FreeSurface(s);
        return;
    }
    forget_measured(text);
    text->measured.utf8 = copy;
    text->measured.px = px;
    text->measured.wrap_w = wrap_w;
    text->measured.weight = weight;
    text->measured.coverage = s;
}

void text_end_frame(Text *text)
{
    text->frame++;
}

int text_render_count(const Text *text)
{
    return text->renders;
}
