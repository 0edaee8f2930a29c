/* render: a software renderer drawing into a memory surface. */
#include "render.h"

SDL_Renderer *render_offscreen_new(int w, int h, SDL_Surface **surface)
{
    SDL_Renderer *renderer = NULL;
    /* RGBA32 is R, G, B, A in memory whatever the byte order: what a PNG
     * holds, and what tests read. */
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGBA32);
    if (!s)
        goto fail;
    renderer = SDL_CreateSoftwareRenderer(s);
    if (!renderer)
        goto fail;
    *surface = s;
    return renderer;
fail:
    SDL_FreeSurface(s);
    *surface = NULL;
    return NULL;
}

void render_offscreen_free(SDL_Renderer *renderer, SDL_Surface *surface)
{
    if (renderer)
        SDL_DestroyRenderer(renderer);
    SDL_FreeSurface(surface);
}

SDL_Color render_pixel(SDL_Surface *surface, int x, int y)
{
    SDL_Color c = { 0, 0, 0, 0 };
    if (x < 0 || y < 0 || x >= surface->w || y >= surface->h)
        return c;
    const Uint8 *p = (const Uint8 *)surface->pixels + (size_t)y * (size_t)surface->pitch +
                     (size_t)x * 4;
    c.r = p[0];
    c.g = p[1];
    c.b = p[2];
    c.a = p[3];
    return c;
}
