/* render: a software renderer drawing into a memory surface, for export,
 * bench and tests. Needs no window, no display and no video driver. */
#ifndef LIMBER_RENDER_H
#define LIMBER_RENDER_H

#include <SDL.h>

/* The offscreen surfaces' format: that of a 24-bit X11 window's surface, so
 * a frame drawn in memory costs what it costs in a window (SDL's blitters
 * differ by format). PNGs and pixel reads convert from it. */
#define RENDER_OFFSCREEN_FORMAT SDL_PIXELFORMAT_RGB888

/* A w x h surface and a software renderer on it. Returns the renderer
 * and the surface in *surface, or NULL with SDL_GetError() set. Free both
 * with render_offscreen_free. */
SDL_Renderer *render_offscreen_new(int w, int h, SDL_Surface **surface);
void render_offscreen_free(SDL_Renderer *renderer, SDL_Surface *surface);

/* The format of the pixels renderer draws into: its window's surface, or
 * RENDER_OFFSCREEN_FORMAT for a renderer on a memory surface. Textures in
 * this format are copied to the screen without conversion. */
Uint32 render_target_format(SDL_Renderer *renderer);

/* The pixel at (x, y) after SDL_RenderFlush; (0,0,0,0) outside. */
SDL_Color render_pixel(SDL_Surface *surface, int x, int y);

#endif
