/* icon: the window icon, a PNG in the assets directory. */
#ifndef LIMBER_ICON_H
#define LIMBER_ICON_H

#include <stdbool.h>

#include <SDL.h>

/* Where the icon lives under the assets directory (also installed to
 * share/icons/hicolor/256x256/apps/ for desktop menus). */
#define ICON_PATH "icon/limber.png"

/* assets_dir/icon/limber.png as a surface the caller frees with
 * SDL_FreeSurface; NULL (reason in SDL_GetError) when it is missing or not
 * an image. */
SDL_Surface *icon_load(const char *assets_dir);

/* Gives the window the icon from assets_dir; true when it was set. A
 * missing or broken icon is no error: the window keeps the default. */
bool icon_set(SDL_Window *window, const char *assets_dir);

#endif
