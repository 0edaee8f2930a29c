/* cli: what every command shares once the command line is parsed. */
#include "cli.h"

#include <stdio.h>
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

bool cli_missing_routine(const Catalog *cat, const char *name)
{
    if (catalog_routine_failed(cat, name)) {
        fprintf(stderr, "limber: routine '%s' is skipped for the errors above: fix them, then "
                        "'limber check'\n", name);
        return true;
    }
    fprintf(stderr, "limber: unknown routine '%s': there is no %s.csv in the routines; the "
                    "routines are:\n", name, name);
    for (size_t i = 0; i < catalog_routine_count(cat); i++)
        fprintf(stderr, "  %s\n", catalog_routine(cat, i)->name);
    return false;
}

Logo *cli_load_logo(const Options *opt, bool *refused)
{
    char path[1100], why[600];
    LogoError e;
    *refused = false;
    if (!logo_find(opt->logo, opt->user_dir, path, sizeof path))
        return NULL;
    Logo *logo = logo_load(path, &e, why, sizeof why);
    if (!logo) {
        fprintf(stderr, "limber: %s: %s\n", path, why);
        *refused = true;
    }
    return logo;
}
