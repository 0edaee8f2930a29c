/* handout: the command that writes a routine's (or some exercises') sheet
 * as a PDF: finds what to print, loads the poses, and hands over to
 * handout.c; the file appears whole or not at all. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lang.h"
#include "cli.h"
#include "export.h"
#include "handout.h"

/* The date printed on the sheet: today, or SOURCE_DATE_EPOCH's day when it
 * is set (reproducible output for tests and builds), "6 December 2026". */
static void today(char *out, size_t size)
{
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    char *end = NULL;
    long long v = epoch ? strtoll(epoch, &end, 10) : 0;
    time_t now = epoch && end && end != epoch && *end == '\0' ? (time_t)v : time(NULL);
    struct tm tm;
    static const char *const months[] = { N_("January"), N_("February"), N_("March"),
                                          N_("April"),   N_("May"),      N_("June"),
                                          N_("July"),    N_("August"),   N_("September"),
                                          N_("October"), N_("November"), N_("December") };
    if (!gmtime_r(&now, &tm)) {
        out[0] = '\0';
        return;
    }
    if (!epoch)
        localtime_r(&now, &tm);
    /* TRANSLATORS: day, month, year: "6 December 2026" */
    snprintf(out, size, _("%d %s %d"), tm.tm_mday, _(months[tm.tm_mon % 12]),
             tm.tm_year + 1900);
}

/* "Daily routine" from "daily"; "hip-care" becomes "Hip care routine". */
static void routine_title(const char *name, char *out, size_t size)
{
    /* TRANSLATORS: the routine's file name, as the handout's title */
    snprintf(out, size, _("%s routine"), name);
    for (char *p = out; *p; p++)
        if (*p == '-')
            *p = ' ';
    if (out[0] >= 'a' && out[0] <= 'z')
        out[0] = (char)(out[0] - 'a' + 'A');
}

static void minutes_words(double s, char *out, size_t size)
{
    long min = (long)(s / 60.0 + 0.5);
    if (min < 1)
        snprintf(out, size, "%s", _("under a minute"));
    else
        snprintf(out, size, _("about %ld min"), min);
}

int print_handout(const Options *opt)
{
    /* the module has its own copy of lang.c: tell it the program's language */
    lang_init(opt->lang[0] ? opt->lang : "en");
    Catalog *cat = NULL;
    HandoutItem *items = NULL;
    Logo *logo = NULL;
    ExportBytes pdf = { 0 };
    int count = 0, rc = 1;
    bool failed = false;
    HandoutPaper paper;
    char title[160], subtitle[160], date[64], total[48];

    if (!opt->out_dir) {
        fprintf(stderr, "limber: handout needs --out FILE.pdf\n" CLI_HELP_HINT);
        return 2;
    }
    if (opt->paper && !handout_paper_parse(opt->paper, &paper)) {
        fprintf(stderr, "limber: --paper takes a4 or letter, not '%s'\n" CLI_HELP_HINT,
                opt->paper);
        return 2;
    }
    if (!opt->paper)
        paper = handout_paper_from_locale(getenv("LC_ALL"), getenv("LC_PAPER"), getenv("LANG"));
    if (export_refuse_overwrite(opt->force, opt->out_dir))
        return 1;

    DiagList diags = { 0 };
    cat = cli_load_catalog(opt, &diags);
    diag_print_all(&diags, stderr);
    failed = diags.count > 0;
    diag_free(&diags);
    if (!cat)
        goto oom;

    /* a routine by name (daily when nothing is named), else exercise ids */
    const char *routine_name = opt->arg_count == 0 ? "daily" : opt->args[0];
    int r = opt->arg_count <= 1 ? catalog_find_routine(cat, routine_name) : -1;
    const Routine *routine = r >= 0 ? catalog_routine(cat, (size_t)r) : NULL;
    size_t n = routine ? routine->step_count : (size_t)opt->arg_count;
    if (!routine && opt->arg_count == 0) {
        fprintf(stderr, "limber: there is no routine 'daily' (see limber list)\n");
        goto done;
    }
    items = calloc(n + 1, sizeof *items);
    if (!items)
        goto oom;
    for (size_t i = 0; i < n; i++) {
        HandoutItem *item = &items[count];
        if (routine) {
            item->step = routine->steps[i];
        } else {
            int e = catalog_find_exercise(cat, opt->args[i]);
            if (e < 0) {
                fprintf(stderr, "limber: unknown routine or exercise '%s' (see limber list)\n",
                        opt->args[i]);
                goto done;
            }
            const Exercise *ex = catalog_exercise(cat, (size_t)e);
            item->step = catalog_exercise_step(ex, e);
        }
        const Exercise *ex = catalog_exercise(cat, (size_t)item->step.exercise);
        item->seconds = catalog_step_seconds(cat, &item->step);
        /* without its pose the text is still printed, and the run fails */
        if (!export_load_job_in_use(opt, ex, &item->job)) {
            item->job = (ExportJob){ .ex = ex, .timing = anim_timing(ex) };
            failed = true;
        }
        count++;
    }
    if (count == 0) {
        fprintf(stderr, "limber: the routine '%s' has no exercises\n", routine_name);
        goto done;
    }

    double seconds = 0.0;
    if (routine) {
        routine_title(routine->name, title, sizeof title);
        seconds = catalog_routine_seconds(cat, routine);
    } else {
        snprintf(title, sizeof title, "%s", _("Your exercises"));
        for (int i = 0; i < count; i++)
            seconds += items[i].seconds + (i + 1 < count ? items[i].step.rest_s : 0.0);
    }
    minutes_words(seconds, total, sizeof total);
    snprintf(subtitle, sizeof subtitle,
             ngettext("%d exercise  \xc2\xb7  %s in all", "%d exercises  \xc2\xb7  %s in all",
                      (unsigned long)count),
             count, total);
    today(date, sizeof date);
    char fonts[1100];
    snprintf(fonts, sizeof fonts, "%s/fonts", opt->assets_dir);
    /* the screens' logo, refused the same way (one line on stderr) */
    bool refused = false;
    logo = cli_load_logo(opt, &refused);
    HandoutInfo info = { title, subtitle, date, fonts, logo, paper };
    int pages = handout_render(&info, items, count, &pdf);
    if (pages < 0 || !export_write_file(opt->out_dir, &pdf))
        goto done;
    printf("handout: %d exercise%s on %d page%s (%s) in %s\n", count, count == 1 ? "" : "s",
           pages, pages == 1 ? "" : "s", paper == HANDOUT_LETTER ? "letter" : "A4", opt->out_dir);
    rc = failed ? 1 : 0;
    goto done;
oom:
    fprintf(stderr, "limber: out of memory\n");
done:
    logo_free(logo);
    export_bytes_free(&pdf);
    for (int i = 0; i < count; i++)
        pose_free(items[i].job.clip);
    free(items);
    catalog_free(cat);
    return rc;
}
