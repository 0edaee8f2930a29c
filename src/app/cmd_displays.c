/* cmd_displays: `limber displays` lists the displays SDL sees, the numbers
 * --display takes, with their names, sizes and positions; `--json` as one
 * object. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>

#include "app.h" /* app_skip_unused_services */
#include "cli.h"
#include "display.h"

int cmd_displays(const Options *opt)
{
    if (opt->arg_count > 0) {
        fprintf(stderr, "limber: displays takes no arguments, not '%s'\n" CLI_HELP_HINT,
                opt->args[0]);
        return 2;
    }
    app_skip_unused_services();
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        fprintf(stderr, "limber: cannot start the video: %s\n", SDL_GetError());
        return 1;
    }
    int rc = 1;
    /* SDL falls back to drivers with a made-up display when there is no
     * real one: listing that would mislead, unless it was asked for */
    const char *driver = SDL_GetCurrentVideoDriver();
    if (!getenv("SDL_VIDEODRIVER") && driver &&
        (strcmp(driver, "offscreen") == 0 || strcmp(driver, "dummy") == 0)) {
        fprintf(stderr, "limber: no display to list (is DISPLAY or WAYLAND_DISPLAY set?)\n");
        goto done;
    }
    if (SDL_GetNumVideoDisplays() < 1) {
        fprintf(stderr, "limber: no displays: %s\n", SDL_GetError());
        goto done;
    }
    if (opt->verbose)
        fprintf(stderr, "limber: video driver %s\n", driver ? driver : "(none)");
    if (opt->json)
        display_print_json(stdout);
    else
        display_print_list(stdout, "");
    rc = fflush(stdout) == 0 ? 0 : 1;
done:
    SDL_Quit();
    return rc;
}
