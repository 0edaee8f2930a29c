/* logo: a picture from outside, judged, decoded once, fitted per size. */
#include "logo.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h> /* strcasecmp: LOGO.PNG is a PNG too */
#include <sys/stat.h>

#include <SDL_image.h>

#include "imagefile.h"

struct Logo {
    char *path;
    ImageFileKind kind;
    SDL_Surface *pixels; /* PNG, JPEG: the decoded image, RGBA32 */
    void *svg;           /* SVG: the file, drawn again for each size */
    size_t svg_len;
    int w, h;            /* the image's size; an SVG's at the probe size */
    /* the last texture made, and what it was made for */
    SDL_Texture *texture;
    SDL_Renderer *renderer;
    int box_w, box_h, tex_w, tex_h;
    int made;
};

/* An SVG is first drawn to fit a square this big, to learn its shape and
 * see that it draws something: never at the size it declares, which may
 * be anything (1 x 10000 drawn 256 wide would be 2.6 GB). */
#define LOGO_SVG_PROBE 256

/* ------------------------------------------------------------------ */
/* Finding and judging                                                 */
/* ------------------------------------------------------------------ */

bool logo_find(const char *explicit_path, const char *user_dir, char *out, size_t size)
{
    if (explicit_path) {
        snprintf(out, size, "%s", explicit_path);
        return true;
    }
    if (!user_dir || !user_dir[0])
        return false;
    static const char *const names[] = LOGO_NAMES;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        struct stat st;
        snprintf(out, size, "%s/%s", user_dir, names[i]);
        if (stat(out, &st) == 0) /* even a directory: it is refused with a reason */
            return true;
    }
    out[0] = '\0';
    return false;
}

const char *logo_message(LogoError e)
{
    static const char *const messages[] = {
#define LOGO_MESSAGE(code, message) message,
        LOGO_ERRORS(LOGO_MESSAGE)
#undef LOGO_MESSAGE
    };
    return (size_t)e < sizeof messages / sizeof messages[0] ? messages[e] : "unknown error";
}

/* The kind the file's name promises. */
static ImageFileKind kind_of_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(slash ? slash : path, '.');
    if (!dot)
        return IMAGEFILE_UNKNOWN;
    if (strcasecmp(dot, ".png") == 0)
        return IMAGEFILE_PNG;
    if (strcasecmp(dot, ".jpg") == 0 || strcasecmp(dot, ".jpeg") == 0)
        return IMAGEFILE_JPEG;
    if (strcasecmp(dot, ".svg") == 0)
        return IMAGEFILE_SVG;
    return IMAGEFILE_UNKNOWN;
}

/* "a PNG", "a JPEG", "an SVG": for messages. */
static const char *a_kind(ImageFileKind kind)
{
    switch (kind) {
    case IMAGEFILE_PNG:
        return "a PNG";
    case IMAGEFILE_JPEG:
        return "a JPEG";
    case IMAGEFILE_SVG:
        return "an SVG";
    default:
        return "an unknown";
    }
}

/* An RGBA32 surface (R, G, B, A bytes in memory) with at least one pixel
 * that is not fully transparent. */
static bool any_visible(const SDL_Surface *s)
{
    for (int y = 0; y < s->h; y++) {
        const Uint8 *row = (const Uint8 *)s->pixels + y * s->pitch;
        for (int x = 0; x < s->w; x++)
            if (row[x * 4 + 3])
                return true;
    }
    return false;
}

/* The SVG drawn to fit w x h, its shape kept (SDL_image 2.6 fits it into
 * both), as RGBA32. */
static SDL_Surface *draw_svg(const Logo *logo, int w, int h)
{
    SDL_RWops *rw = SDL_RWFromConstMem(logo->svg, (int)logo->svg_len);
    if (!rw)
        return NULL;
    SDL_Surface *drawn = IMG_LoadSizedSVG_RW(rw, w, h);
    SDL_RWclose(rw);
    if (!drawn)
        return NULL;
    SDL_Surface *s = SDL_ConvertSurfaceFormat(drawn, SDL_PIXELFORMAT_RGBA32, 0);
    SDL_FreeSurface(drawn);
    return s;
}

/* Decodes bytes (a whole image of logo->kind) into the logo. */
static LogoError decode(Logo *logo, void *bytes, size_t len, char *why, size_t why_size)
{
    SDL_Surface *probe = NULL;
    if (logo->kind == IMAGEFILE_SVG) {
        logo->svg = bytes; /* kept: each size is drawn from it */
        logo->svg_len = len;
        probe = draw_svg(logo, LOGO_SVG_PROBE, LOGO_SVG_PROBE);
    } else {
        SDL_RWops *rw = SDL_RWFromConstMem(bytes, (int)len);
        SDL_Surface *decoded = NULL;
        if (rw)
            decoded = logo->kind == IMAGEFILE_PNG ? IMG_LoadPNG_RW(rw) : IMG_LoadJPG_RW(rw);
        SDL_RWclose(rw);
        SDL_free(bytes);
        if (decoded)
            probe = SDL_ConvertSurfaceFormat(decoded, SDL_PIXELFORMAT_RGBA32, 0);
        SDL_FreeSurface(decoded);
    }
    if (!probe || probe->w <= 0 || probe->h <= 0) {
        snprintf(why, why_size, "%s: %s", logo_message(LOGO_UNDECODABLE), SDL_GetError());
        SDL_FreeSurface(probe);
        return LOGO_UNDECODABLE;
    }
    if (!any_visible(probe)) {
        snprintf(why, why_size, "%s", logo_message(LOGO_INVISIBLE));
        SDL_FreeSurface(probe);
        return LOGO_INVISIBLE;
    }
    logo->w = probe->w;
    logo->h = probe->h;
    if (logo->kind == IMAGEFILE_SVG)
        SDL_FreeSurface(probe);
    else
        logo->pixels = probe;
    return LOGO_OK;
}

Logo *logo_load(const char *path, LogoError *error, char *why, size_t why_size)
{
    Logo *logo = NULL;
    void *bytes = NULL;
    LogoError e = LOGO_OK;
    struct stat st;
    why[0] = '\0';
    if (stat(path, &st) != 0) {
        int err = errno;
        e = err == ENOENT ? LOGO_MISSING : LOGO_UNREADABLE;
        if (e == LOGO_MISSING)
            snprintf(why, why_size, "%s", logo_message(e));
        else
            snprintf(why, why_size, "%s: %s", logo_message(e), strerror(err));
        goto fail;
    }
    if (!S_ISREG(st.st_mode)) {
        e = LOGO_NOT_A_FILE;
        snprintf(why, why_size, "%s", S_ISDIR(st.st_mode) ? "a directory, not a file"
                                                          : logo_message(e));
        goto fail;
    }
    if (st.st_size == 0 || st.st_size > LOGO_MAX_BYTES) {
        e = st.st_size == 0 ? LOGO_EMPTY : LOGO_FILE_TOO_BIG;
        snprintf(why, why_size, "%s", logo_message(e));
        goto fail;
    }
    ImageFileKind named = kind_of_name(path);
    if (named == IMAGEFILE_UNKNOWN) {
        e = LOGO_EXTENSION;
        snprintf(why, why_size, "%s", logo_message(e));
        goto fail;
    }
    size_t len = 0;
    bytes = SDL_LoadFile(path, &len);
    if (!bytes) {
        e = LOGO_UNREADABLE;
        snprintf(why, why_size, "%s: %s", logo_message(e), SDL_GetError());
        goto fail;
    }
    if (len == 0 || len > LOGO_MAX_BYTES) { /* it changed since stat */
        e = len == 0 ? LOGO_EMPTY : LOGO_FILE_TOO_BIG;
        snprintf(why, why_size, "%s", logo_message(e));
        goto fail;
    }
    ImageFileInfo info;
    ImageFileError ie = imagefile_inspect(bytes, len, LOGO_MAX_SIDE, &info);
    if (info.kind != IMAGEFILE_UNKNOWN && info.kind != named) {
        e = LOGO_WRONG_KIND;
        snprintf(why, why_size, "holds %s image, not %s one as its name says",
                 a_kind(info.kind), a_kind(named));
        goto fail;
    }
    if (ie == IMAGEFILE_TOO_LARGE) {
        e = LOGO_TOO_LARGE;
        snprintf(why, why_size, "%dx%d pixels; a logo is at most %dx%d", info.w, info.h,
                 LOGO_MAX_SIDE, LOGO_MAX_SIDE);
        goto fail;
    }
    if (ie != IMAGEFILE_OK) {
        e = LOGO_BAD_IMAGE;
        if (ie == IMAGEFILE_NOT_AN_IMAGE)
            snprintf(why, why_size, "not %s image", a_kind(named));
        else
            snprintf(why, why_size, "%s %s", a_kind(named), imagefile_message(ie));
        goto fail;
    }
    logo = calloc(1, sizeof *logo);
    if (!logo || !(logo->path = SDL_strdup(path))) {
        e = LOGO_UNREADABLE;
        snprintf(why, why_size, "out of memory");
        goto fail;
    }
    logo->kind = named;
    e = decode(logo, bytes, len, why, why_size);
    bytes = NULL; /* the logo has it (SVG) or it is freed */
    if (e != LOGO_OK)
        goto fail;
    *error = LOGO_OK;
    return logo;
fail:
    SDL_free(bytes);
    logo_free(logo);
    *error = e;
    return NULL;
}

void logo_free(Logo *logo)
{
    if (!logo)
        return;
    if (logo->texture)
        SDL_DestroyTexture(logo->texture);
    SDL_FreeSurface(logo->pixels);
    SDL_free(logo->svg);
    SDL_free(logo->path);
    free(logo);
}

const char *logo_path(const Logo *logo)
{
    return logo->path;
}

const char *logo_kind(const Logo *logo)
{
    return imagefile_kind_name(logo->kind);
}

void logo_size(const Logo *logo, int *w, int *h)
{
    *w = logo->w;
    *h = logo->h;
}

int logo_textures_made(const Logo *logo)
{
    return logo->made;
}

/* ------------------------------------------------------------------ */
/* Drawing                                                             */
/* ------------------------------------------------------------------ */

/* src scaled to w x h: halved while it is more than twice as big (each
 * halving averages, so a big logo made small does not alias), then
 * linearly to the size. */
static SDL_Surface *scaled(SDL_Surface *src, int w, int h)
{
    SDL_Surface *cur = src;
    for (;;) {
        int nw = cur->w >= 2 * w ? cur->w / 2 : w;
        int nh = cur->h >= 2 * h ? cur->h / 2 : h;
        SDL_Surface *next = SDL_CreateRGBSurfaceWithFormat(0, nw, nh, 32, SDL_PIXELFORMAT_RGBA32);
        if (next && SDL_SoftStretchLinear(cur, NULL, next, NULL) != 0) {
            SDL_FreeSurface(next);
            next = NULL;
        }
        if (cur != src)
            SDL_FreeSurface(cur);
        if (!next || (nw == w && nh == h))
            return next;
        cur = next;
    }
}

SDL_Surface *logo_surface(const Logo *logo, int box_w, int box_h)
{
    if (box_w <= 0 || box_h <= 0) {
        SDL_SetError("no room for the logo");
        return NULL;
    }
    /* the largest size of the logo's shape that fits the box */
    int fw = box_w, fh = (int)((double)box_w * logo->h / logo->w + 0.5);
    if (fh > box_h) {
        fh = box_h;
        fw = (int)((double)box_h * logo->w / logo->h + 0.5);
    }
    fw = fw < 1 ? 1 : fw > box_w ? box_w : fw;
    fh = fh < 1 ? 1 : fh > box_h ? box_h : fh;
    return logo->kind == IMAGEFILE_SVG ? draw_svg(logo, fw, fh) : scaled(logo->pixels, fw, fh);
}

SDL_Texture *logo_texture(Logo *logo, SDL_Renderer *renderer, int box_w, int box_h, int *w,
                          int *h)
{
    if (box_w <= 0 || box_h <= 0) {
        SDL_SetError("no room for the logo");
        return NULL;
    }
    if (logo->texture && logo->renderer == renderer && logo->box_w == box_w &&
        logo->box_h == box_h) {
        *w = logo->tex_w;
        *h = logo->tex_h;
        return logo->texture;
    }
    if (logo->texture)
        SDL_DestroyTexture(logo->texture);
    logo->texture = NULL;
    SDL_Surface *s = logo_surface(logo, box_w, box_h);
    if (!s)
        return NULL;
    logo->texture = SDL_CreateTextureFromSurface(renderer, s);
    logo->tex_w = s->w < box_w ? s->w : box_w;
    logo->tex_h = s->h < box_h ? s->h : box_h;
    SDL_FreeSurface(s);
    if (!logo->texture)
        return NULL;
    SDL_SetTextureBlendMode(logo->texture, SDL_BLENDMODE_BLEND);
    logo->renderer = renderer;
    logo->box_w = box_w;
    logo->box_h = box_h;
    logo->made++;
    *w = logo->tex_w;
    *h = logo->tex_h;
    return logo->texture;
}
