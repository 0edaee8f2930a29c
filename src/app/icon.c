/* icon: the window icon, a PNG in the assets directory. */
#include "icon.h"

#include "image.h" /* image_read_png: the icon is a PNG */

SDL_Surface *icon_load(const char *assets_dir)
{
    char *path = NULL;
    if (SDL_asprintf(&path, "%s/%s", assets_dir, ICON_PATH) < 0)
        return NULL;
    SDL_Surface *surface = image_read_png(path);
    SDL_free(path);
    return surface;
}

bool icon_set(SDL_Window *window, const char *assets_dir)
{
    SDL_Surface *surface = icon_load(assets_dir);
    if (!surface)
        return false;
    /* SDL copies the pixels, so the surface can go at once. */
    SDL_SetWindowIcon(window, surface);
    SDL_FreeSurface(surface);
    return true;
}
