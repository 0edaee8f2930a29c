/* cli: what every command shares once the command line is parsed. */
#include "cli.h"

Catalog *cli_load_catalog(const Options *opt, DiagList *diags)
{
    return catalog_load_user(opt->data_dir, opt->user_dir[0] ? opt->user_dir : NULL, diags);
}
