/* render: a software renderer drawing into a memory surface. */
#include "render.h"

#include <string.h>

SDL_Renderer *render_offscreen_new(int w, int h, SDL_Surface **surface)
{
    SDL_Renderer *renderer = NULL;
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, RENDER_OFFSCREEN_FORMAT);
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
    if (x < 0 || y < 0 || x >= surface->w || y >= surface->h ||
        surface->format->BytesPerPixel != 4)
        return c;
    Uint32 px;
    memcpy(&px, (const Uint8 *)surface->pixels + (size_t)y * (size_t)surface->pitch +
                    (size_t)x * 4, sizeof px);
    SDL_GetRGBA(px, surface->format, &c.r, &c.g, &c.b, &c.a);
    return c;
}

Uint32 render_target_format(SDL_Renderer *renderer)
{
    SDL_Window *window = SDL_RenderGetWindow(renderer);
    return window ? SDL_GetWindowPixelFormat(window) : RENDER_OFFSCREEN_FORMAT;
}
