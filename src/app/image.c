/* image: PNG files to and from SDL surfaces, through libpng's simplified API. */
#include "image.h"

#include <png.h>
#include <stdbool.h>
#include <string.h>

SDL_Surface *image_load_png(const void *buf, size_t len)
{
    SDL_Surface *surface = NULL;
    png_image png;
    memset(&png, 0, sizeof png);
    png.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&png, buf, len)) {
        SDL_SetError("not a PNG: %s", png.message);
        return NULL;
    }
    if (png.width == 0 || png.height == 0 || png.width > IMAGE_MAX_SIDE ||
        png.height > IMAGE_MAX_SIDE) {
        SDL_SetError("a PNG of %ux%u pixels; at most %dx%d", (unsigned)png.width,
                     (unsigned)png.height, IMAGE_MAX_SIDE, IMAGE_MAX_SIDE);
        goto fail;
    }
    png.format = PNG_FORMAT_RGBA; /* RGBA32: R, G, B, A in memory, as the PNG */
    surface = SDL_CreateRGBSurfaceWithFormat(0, (int)png.width, (int)png.height, 32,
                                             SDL_PIXELFORMAT_RGBA32);
    if (!surface)
        goto fail;
    /* the row stride counts components (R, G, B, A), here a byte each */
    if (!png_image_finish_read(&png, NULL, surface->pixels, surface->pitch, NULL)) {
        SDL_SetError("a damaged PNG: %s", png.message);
        SDL_FreeSurface(surface);
        return NULL; /* finish_read has freed what it held */
    }
    return surface;
fail:
    SDL_FreeSurface(surface);
    png_image_free(&png);
    return NULL;
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
    int result = -1;
    /* a surface without alpha (a frame drawn on an opaque background)
     * makes a PNG without it: a tenth smaller */
    bool alpha = surface->format->Amask != 0;
    SDL_Surface *bytes = SDL_ConvertSurfaceFormat(
        surface, alpha ? SDL_PIXELFORMAT_RGBA32 : SDL_PIXELFORMAT_RGB24, 0);
    if (!bytes)
        return -1;
    png_image png;
    memset(&png, 0, sizeof png);
    png.version = PNG_IMAGE_VERSION;
    png.width = (png_uint_32)bytes->w;
    png.height = (png_uint_32)bytes->h;
    png.format = alpha ? PNG_FORMAT_RGBA : PNG_FORMAT_RGB;
    if (SDL_LockSurface(bytes) != 0)
        goto done;
    if (png_image_write_to_file(&png, path, 0, bytes->pixels, bytes->pitch, NULL))
        result = 0;
    else
        SDL_SetError("%s", png.message);
    SDL_UnlockSurface(bytes);
done:
    SDL_FreeSurface(bytes);
    return result;
}
