/* image: PNG files to and from SDL surfaces, through SDL2_image. */
#include "image.h"

#include <SDL_image.h>

#include "imagefile.h" /* judge a PNG before libpng sees it */

SDL_Surface *image_load_png(const void *buf, size_t len)
{
    ImageFileInfo info;
    ImageFileError e = imagefile_inspect(buf, len, IMAGE_MAX_SIDE, &info);
    if (info.kind != IMAGEFILE_PNG) {
        SDL_SetError("not a PNG");
        return NULL;
    }
    if (e == IMAGEFILE_TOO_LARGE) {
        SDL_SetError("a PNG of %dx%d pixels; at most %dx%d", info.w, info.h, IMAGE_MAX_SIDE,
                     IMAGE_MAX_SIDE);
        return NULL;
    }
    if (e != IMAGEFILE_OK) {
        SDL_SetError("a PNG %s", imagefile_message(e));
        return NULL;
    }
    SDL_RWops *rw = len <= SDL_MAX_SINT32 ? SDL_RWFromConstMem(buf, (int)len) : NULL;
    if (!rw)
        return NULL;
    SDL_Surface *decoded = IMG_LoadPNG_RW(rw);
    SDL_RWclose(rw);
    if (!decoded)
        return NULL;
    /* one format for every PNG (SDL2_image gives RGB24 for one without
     * alpha, a palette for an indexed one) */
    SDL_Surface *surface = SDL_ConvertSurfaceFormat(decoded, SDL_PIXELFORMAT_RGBA32, 0);
    SDL_FreeSurface(decoded);
    return surface;
}

SDL_Surface *image_read_png(const char *path)
{
    size_t len = 0;
    void *buf = SDL_LoadFile(path, &len);
    if (!buf)
        return NULL;
    SDL_Surface *surface = image_load_png(buf, len);
    SDL_free(buf);
    return surface;
}

int image_write_png(SDL_Surface *surface, const char *path)
{
    /* SDL2_image writes RGBA for a surface with alpha, RGB without: a
     * frame drawn on an opaque background is a tenth smaller */
    return IMG_SavePNG(surface, path) == 0 ? 0 : -1;
}
