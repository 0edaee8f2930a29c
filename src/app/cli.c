/* cli: what every command shares once the command line is parsed. */
#include "cli.h"

#include <string.h>

#include "lang.h"

Catalog *cli_load_catalog(const Options *opt, DiagList *diags)
{
    const char *user = opt->user_dir[0] ? opt->user_dir : NULL;
    Catalog *cat = catalog_load_user(opt->data_dir, user, diags);
    /* check reads every language's table itself (lang_check_tables) */
    if (cat && strcmp(opt->command, "check") != 0)
        catalog_translate(cat, opt->data_dir, user, lang_code(), diags);
    return cat;
}
