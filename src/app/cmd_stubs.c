/* Commands not built yet. Each moves to its own cmd_<name>.c when it is. */
#include <stdio.h>

#include "cli.h"

static int not_yet(const char *what)
{
    fprintf(stderr, "limber: '%s' is not built yet\n", what);
    return 1;
}

int cmd_bench(const Options *opt) { (void)opt; return not_yet("bench"); }
