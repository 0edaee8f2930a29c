/* text: the bundled font and text turned into textures, cached, so a
 * caption is rendered once when it changes and only copied every frame. */
#ifndef LIMBER_TEXT_H
#define LIMBER_TEXT_H

#include <stdbool.h>

#include <SDL.h>

typedef struct Text Text;

typedef enum { TEXT_REGULAR, TEXT_BOLD } TextWeight;

/* Opens the fonts in assets_dir/fonts for a renderer. NULL with a message
 * in SDL_GetError() when the font is missing or damaged. */
Text *text_open(SDL_Renderer *renderer, const char *assets_dir);
void text_close(Text *text);

/* A texture of utf8 at px pixels high, wrapped at wrap_w pixels (0 = one
 * line), cached by (text, size, weight, colour, wrap): owned by the cache,
 * valid until text_close or until it falls out of the cache (it is never
 * evicted during the frame it was returned in). *w and *h get its size. */
SDL_Texture *text_texture(Text *text, const char *utf8, int px, TextWeight weight,
                          SDL_Color color, int wrap_w, int *w, int *h);

/* The same on an opaque ground: under (alpha 255) is the colour of what lies
 * under the text, and the texture is the text already mixed into it, drawn
 * without blending (the software renderer copies it several times faster
 * than it blends). Its whole rectangle covers what is under it. With
 * under.a < 255 it is text_texture. */
SDL_Texture *text_texture_on(Text *text, const char *utf8, int px, TextWeight weight,
                             SDL_Color color, SDL_Color under, int wrap_w, int *w, int *h);

/* The size utf8 would have, without rendering. */
void text_measure(Text *text, const char *utf8, int px, TextWeight weight, int wrap_w, int *w,
                  int *h);

/* Marks a frame boundary, for the cache's eviction. */
void text_end_frame(Text *text);

/* How many times text was rendered (cache misses): for tests and bench.
 * text_texture returns NULL with *w = *h = 0 for "" (nothing to draw), and
 * NULL with SDL_GetError() set when rendering fails. */
int text_render_count(const Text *text);

#endif
