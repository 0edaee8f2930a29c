/* cmd_check: `limber check` loads every table and pose file, and the logo,
 * and prints each fault as file:line:col: message (the logo's as
 * file: message), one per line on stderr. Exit 1 if any. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "cli.h"
#include "lang.h"
#include "library.h"

int cmd_check(const Options *opt)
{
    if (opt->arg_count > 0) {
        fprintf(stderr, "limber: check takes no arguments, not '%s'\n" CLI_HELP_HINT,
                opt->args[0]);
        return 2;
    }
    int rc = 1;
    DiagList diags = { 0 };
    Logo *logo = NULL;
    Catalog *cat = cli_load_catalog(opt, &diags);
    if (!cat) {
        fprintf(stderr, "limber: out of memory\n");
        goto done;
    }
    /* the poses in use: the user's where there is one */
    LibraryDirs dirs = { opt->data_dir, opt->assets_dir, opt->user_dir, NULL };
    library_check_poses(&dirs, cat, &diags);
    char fonts[1100];
    snprintf(fonts, sizeof fonts, "%s/fonts", opt->assets_dir);
    lang_check_tables(opt->data_dir, opt->user_dir[0] ? opt->user_dir : NULL, fonts, &diags);
    diag_print_all(&diags, stderr);
    bool logo_refused = false;
    logo = cli_load_logo(opt, &logo_refused); /* prints its own line */
    size_t errors = diags.count + logo_refused;
    if (errors) {
        fprintf(stderr, ngettext("limber: %zu error\n", "limber: %zu errors\n", errors), errors);
        goto done;
    }
    /* every directory read, so nobody wonders whether their own was */
    printf(_("ok: %zu exercises with their poses, %zu routines (data: %s, %s%s%sassets: %s)\n"),
           catalog_exercise_count(cat), catalog_routine_count(cat), opt->data_dir,
           opt->user_dir[0] ? _("user data: ") : "", opt->user_dir, opt->user_dir[0] ? ", " : "",
           opt->assets_dir);
    if (logo)
        printf("ok: logo %s\n", logo_path(logo));
    rc = 0;
done:
    logo_free(logo);
    catalog_free(cat);
    diag_free(&diags);
    return rc;
}
