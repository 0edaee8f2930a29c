/* image: PNG files to and from SDL surfaces, through SDL2_image. Every
 * PNG is judged by imagefile_inspect first, so a damaged or huge file is
 * refused with a reason before libpng (under SDL2_image) sees it, and
 * libpng has no error of its own to print (but for a file made to pass
 * the CRCs with broken compressed data inside). */
#ifndef LIMBER_IMAGE_H
#define LIMBER_IMAGE_H

#include <stddef.h>

#include <SDL.h>

/* The largest width or height image_load_png accepts: a bigger PNG is
 * refused before its pixels are allocated. */
#define IMAGE_MAX_SIDE 16384

/* The PNG in buf[0..len) as a new RGBA32 surface the caller frees with
 * SDL_FreeSurface; NULL (reason in SDL_GetError) when it is not a PNG, is
 * damaged or is larger than IMAGE_MAX_SIDE. */
SDL_Surface *image_load_png(const void *buf, size_t len);

/* image_load_png of the file at path. */
SDL_Surface *image_read_png(const char *path);

/* Writes surface (any pixel format) to path as a PNG, RGBA when the
 * surface has alpha and RGB when not: 0, or -1 with the reason in
 * SDL_GetError. */
int image_write_png(SDL_Surface *surface, const char *path);

#endif
