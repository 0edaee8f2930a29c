/* x11: a guard against one X error that SDL 2.26 can raise as a window
 * closes, which would otherwise end the program with status 1. */
#ifndef LIMBER_X11_H
#define LIMBER_X11_H

/* Installs (once) an X error handler that ignores BadWindow from a
 * SendEvent and passes every other error on to the handler before it.
 * Call before SDL_Init(SDL_INIT_VIDEO): SDL keeps the handler it finds as
 * the one to call after its own and puts it back when it quits, which is
 * when the late error arrives. Without libX11 loaded it does nothing; on
 * Wayland or KMSDRM no X error ever reaches it. */
void x11_guard_install(void);

#endif
