/* x11: ignore the BadWindow SDL 2.26's event-loop wake-up can cause.
 *
 * While SDL_WaitEventTimeout waits, SDL 2.26 wakes it by sending a
 * ClientMessage to the window over a second X connection
 * (X11_SendWakeupEvent), and it does so even for events it queues itself.
 * The X server orders requests within a connection, not across two: when
 * the window is destroyed on the main connection (quitting right after a
 * key), the server can read the DestroyWindow first and the SendEvent then
 * fails with BadWindow. Xlib's default handler exits with status 1; it did
 * in about one run in eight of tests/window_keys.sh.
 *
 * The error is read when SDL_Quit closes that second connection, after SDL
 * has put back the handler it found at SDL_Init. So this handler goes in
 * before SDL_Init: SDL finds it, calls it after its own, and puts it back.
 * A message to a window that is gone has nothing left to do, so that one
 * error is ignored; every other goes to the handler before this one
 * (Xlib's, which reports it and exits).
 *
 * libX11 is already loaded with SDL; its handler setter is looked up at run
 * time so Limber does not link X11 itself. */
#define _GNU_SOURCE /* RTLD_DEFAULT */
#include "x11.h"

#include <dlfcn.h>

#include <X11/Xlib.h>
#include <X11/Xproto.h> /* X_SendEvent */

static XErrorHandler previous;
static int installed;

static int tolerate_stale_wakeup(Display *display, XErrorEvent *e)
{
    if (e->error_code == BadWindow && e->request_code == X_SendEvent)
        return 0;
    return previous ? previous(display, e) : 0;
}

void x11_guard_install(void)
{
    if (installed)
        return;
    XErrorHandler (*set_handler)(XErrorHandler);
    *(void **)&set_handler = dlsym(RTLD_DEFAULT, "XSetErrorHandler");
    if (!set_handler)
        return;
    previous = set_handler(tolerate_stale_wakeup);
    installed = 1;
}
