/* logo: the clinic's own picture in a corner of every screen. A PNG, JPEG
 * or SVG file, judged whole (imagefile) and decoded (SDL2_image) once at
 * start; a texture is made for each box size it is drawn at, so a frame
 * only copies it. A file Limber cannot use is refused with one reason and
 * the screens go on without it. */
#ifndef LIMBER_LOGO_H
#define LIMBER_LOGO_H

#include <stdbool.h>
#include <stddef.h>

#include <SDL.h>

/* A logo file is at most this many bytes ... */
#define LOGO_MAX_BYTES (4 * 1024 * 1024)
/* ... and a PNG or JPEG at most this many pixels wide and high, found from
 * its header before it is decoded (an SVG is drawn at the box's size,
 * whatever size it declares). */
#define LOGO_MAX_SIDE 4096

/* The names looked for in the user data directory, in this order. */
#define LOGO_NAMES { "logo.png", "logo.jpg", "logo.svg" }

#define LOGO_ERRORS(X) \
    X(LOGO_OK, "ok") \
    X(LOGO_MISSING, "no such file") \
    X(LOGO_NOT_A_FILE, "not a file (a directory?)") \
    X(LOGO_EMPTY, "the file is empty") \
    X(LOGO_FILE_TOO_BIG, "the file is larger than 4 MB, the most a logo may be") \
    X(LOGO_UNREADABLE, "cannot be read") \
    X(LOGO_EXTENSION, "a logo's name ends in .png, .jpg, .jpeg or .svg") \
    X(LOGO_WRONG_KIND, "the contents are not what the name says") \
    X(LOGO_BAD_IMAGE, "not a whole image") \
    X(LOGO_TOO_LARGE, "too many pixels: at most 4096x4096") \
    X(LOGO_UNDECODABLE, "SDL_image cannot decode it") \
    X(LOGO_INVISIBLE, "every pixel is transparent")

typedef enum {
#define LOGO_ENUM(code, message) code,
    LOGO_ERRORS(LOGO_ENUM)
#undef LOGO_ENUM
} LogoError;

typedef struct Logo Logo;

/* The logo file to use: explicit (--logo) when not NULL, else the first of
 * LOGO_NAMES that exists in user_dir (skipped when NULL or ""). Writes it
 * to out and returns true; false when there is none. */
bool logo_find(const char *explicit_path, const char *user_dir, char *out, size_t size);

/* Reads and decodes the logo at path. Returns it (free with logo_free), or
 * NULL with *error set and why[] holding the reason in words (the SDL or
 * system detail included), to print after the path. */
Logo *logo_load(const char *path, LogoError *error, char *why, size_t why_size);
void logo_free(Logo *logo);

/* The message of an error, a static string. */
const char *logo_message(LogoError e);

const char *logo_path(const Logo *logo);  /* as given to logo_load */
const char *logo_kind(const Logo *logo);  /* "PNG", "JPEG" or "SVG" */
/* The logo's own size in pixels; an SVG's at the size it was probed at. */
void logo_size(const Logo *logo, int *w, int *h);

/* The logo fitted into a box_w x box_h box, aspect kept, as a texture the
 * logo owns; its size in *w, *h (at most the box's). Made when the box
 * size (or the renderer) differs from the last call, else the same
 * texture again. NULL (reason in SDL_GetError) if it cannot be made. */
SDL_Texture *logo_texture(Logo *logo, SDL_Renderer *renderer, int box_w, int box_h, int *w,
                          int *h);

/* The logo fitted into a box_w x box_h box, aspect kept, as a new RGBA32
 * surface the caller frees (for print, at the paper's resolution); NULL
 * (reason in SDL_GetError) if it cannot be made. */
SDL_Surface *logo_surface(const Logo *logo, int box_w, int box_h);

/* How many textures logo_texture has made: once per size, not per frame. */
int logo_textures_made(const Logo *logo);

#endif
