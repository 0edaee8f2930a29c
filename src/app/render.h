/* render: a software renderer drawing into a memory surface, for export,
 * bench and tests. Needs no window, no display and no video driver. */
#ifndef LIMBER_RENDER_H
#define LIMBER_RENDER_H

#include <SDL.h>

/* A w x h RGBA32 surface and a software renderer on it. Returns the renderer
 * and the surface in *surface, or NULL with SDL_GetError() set. Free both
 * with render_offscreen_free. */
SDL_Renderer *render_offscreen_new(int w, int h, SDL_Surface **surface);
void render_offscreen_free(SDL_Renderer *renderer, SDL_Surface *surface);

/* The pixel at (x, y) after SDL_RenderFlush; (0,0,0,0) outside. */
SDL_Color render_pixel(SDL_Surface *surface, int x, int y);

#endif
