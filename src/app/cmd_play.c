/* cmd_play: `limber show ID`, `limber play [ROUTINE]` and `limber` alone
 * (the home screen): one window, three screens. */
#include <stdio.h>

#include "app.h"
#include "cli.h"

static int run(const Options *opt, AppScreen screen, const char *arg)
{
    int code = 1;
    App *app = app_new(opt, screen, arg, &code);
    if (!app)
        return code;
    code = app_run(app);
    app_free(app);
    return code;
}

int cmd_show(const Options *opt)
{
    if (opt->arg_count != 1) {
        fprintf(stderr, "limber: show takes one exercise id, such as 'limber show cat-camel'\n");
        return 2;
    }
    return run(opt, APP_SHOW, opt->args[0]);
}

int cmd_play(const Options *opt)
{
    if (opt->arg_count > 1) {
        fprintf(stderr, "limber: play takes at most one routine name\n");
        return 2;
    }
    return run(opt, APP_PLAY, opt->arg_count ? opt->args[0] : NULL);
}

int cmd_home(const Options *opt)
{
    if (opt->arg_count > 0) {
        fprintf(stderr, "limber: unexpected argument '%s'\n", opt->args[0]);
        return 2;
    }
    return run(opt, APP_HOME, NULL);
}
