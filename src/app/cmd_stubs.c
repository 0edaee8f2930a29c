/* Commands not built yet. Each moves to its own cmd_<name>.c when it is. */
#include <stdio.h>

#include "cli.h"

static int not_yet(const char *what)
{
    fprintf(stderr, "limber: '%s' is not built yet\n", what);
    return 1;
}

int cmd_export(const Options *opt) { (void)opt; return not_yet("export"); }
int cmd_bench(const Options *opt) { (void)opt; return not_yet("bench"); }
int cmd_show(const Options *opt) { (void)opt; return not_yet("show"); }
int cmd_play(const Options *opt) { (void)opt; return not_yet("play"); }
int cmd_home(const Options *opt) { (void)opt; return not_yet("home"); }
