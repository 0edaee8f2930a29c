/* x11: a guard against one X error that SDL 2.26 can raise as a window
 * closes, which would otherwise end the program with status 1. */
#ifndef LIMBER_X11_H
#define LIMBER_X11_H

/* With SDL's x11 video driver, installs (once) an X error handler that
 * ignores BadWindow from a SendEvent and passes every other error on to
 * the handler before it. Does nothing on any other driver. Call after the
 * video subsystem has started. */
void x11_guard_install(void);

#endif
