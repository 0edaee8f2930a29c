/* cmd_list: `limber list` prints the exercises and routines as an aligned
 * table; `limber list ROUTINE` prints that routine's plan, step by step;
 * --json prints either as one JSON object. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "catalog.h"
#include "cli.h"
#include "csv.h"  /* csv_utf8_length: pad names by characters, not bytes */
#include "json.h"
#include "lang.h"
#include "library.h" /* library_pose_file: which pose is the user's */

/* ------------------------------------------------------------------------ */
/* Text                                                                     */
/* ------------------------------------------------------------------------ */

/* m:ss, or h:mm:ss from an hour, rounded to the second. */
static void format_duration(char *buf, size_t size, double seconds)
{
    long s = lround(seconds);
    if (s >= 3600)
        snprintf(buf, size, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
    else
        snprintf(buf, size, "%ld:%02ld", s / 60, s % 60);
}

/* Seconds as the language writes them: "1.5 s", "1,5 s". */
static const char *secs(char buf[24], double v)
{
    char n[16];
    lang_number(n, sizeof n, v);
    snprintf(buf, 24, _("%s s"), n);
    return buf;
}

/* The timers in words: "10 x 3 s, hold 5 s, 2 sets, rest 30 s, each side". */
static void format_timers(char *buf, size_t size, const Exercise *ex)
{
    char a[24], b[24];
    int n = snprintf(buf, size, _("%d x %s"), ex->reps, secs(a, ex->rep_s));
    if (ex->hold_s > 0 && n >= 0 && (size_t)n < size)
        n += snprintf(buf + n, size - (size_t)n, _(", hold %s"), secs(a, ex->hold_s));
    if (ex->sets > 1 && n >= 0 && (size_t)n < size)
        n += snprintf(buf + n, size - (size_t)n,
                      ngettext(", %d set, rest %s", ", %d sets, rest %s", (unsigned long)ex->sets),
                      ex->sets, secs(b, ex->rest_s));
    if (ex->sides != SIDES_NONE && n >= 0 && (size_t)n < size)
        snprintf(buf + n, size - (size_t)n, ", %s",
                 ex->sides == SIDES_EACH ? _("each side") : _("alternating sides"));
}

/* Prints s and pads it to width characters. */
static void print_padded(const char *s, size_t width)
{
    size_t chars = csv_utf8_length(s, strlen(s));
    fputs(s, stdout);
    for (size_t i = chars; i < width + 2; i++)
        fputc(' ', stdout);
}

/* Planned seconds of an exercise played on its own with its defaults. */
static double exercise_seconds(const Catalog *cat, size_t i)
{
    RoutineStep step = catalog_exercise_step(catalog_exercise(cat, i), (int)i);
    return catalog_step_seconds(cat, &step);
}

/* Whether exercise ex's pose in use is the user's own. */
static bool user_pose(const Options *opt, const Exercise *ex)
{
    LibraryDirs dirs = { opt->data_dir, opt->assets_dir, opt->user_dir, NULL };
    char path[2048];
    return library_pose_file(&dirs, ex->id, path, sizeof path);
}

/* "yours: row and pose" and the like, for what comes from the user. */
static const char *from_user(bool row, bool pose)
{
    return row && pose ? "  [yours: row and pose]" : row ? "  [yours: row]"
                                                     : pose ? "  [yours: pose]" : "";
}

static void print_text(const Options *opt, const Catalog *cat)
{
    const char *h_id = _("ID"), *h_name = _("NAME"), *h_cat = _("CATEGORY");
    size_t w_id = csv_utf8_length(h_id, strlen(h_id)), w_name = csv_utf8_length(h_name, strlen(h_name)),
           w_cat = csv_utf8_length(h_cat, strlen(h_cat));
    for (size_t i = 0; i < catalog_exercise_count(cat); i++) {
        const Exercise *ex = catalog_exercise(cat, i);
        size_t n = csv_utf8_length(ex->name, strlen(ex->name));
        w_id = strlen(ex->id) > w_id ? strlen(ex->id) : w_id;
        w_name = n > w_name ? n : w_name;
        n = strlen(category_id(ex->category));
        w_cat = n > w_cat ? n : w_cat;
    }
    printf("%s\n", _("Exercises"));
    print_padded(h_id, w_id);
    print_padded(h_name, w_name);
    print_padded(h_cat, w_cat);
    printf("%s\n", _(" TIME  TIMERS"));
    for (size_t i = 0; i < catalog_exercise_count(cat); i++) {
        const Exercise *ex = catalog_exercise(cat, i);
        char timers[160], time[32];
        format_timers(timers, sizeof timers, ex);
        format_duration(time, sizeof time, exercise_seconds(cat, i));
        print_padded(ex->id, w_id);
        print_padded(ex->name, w_name);
        print_padded(category_id(ex->category), w_cat);
        printf("%5s  %s%s\n", time, timers, from_user(ex->user, user_pose(opt, ex)));
    }

    size_t w_rt = csv_utf8_length(h_name, strlen(h_name));
    for (size_t i = 0; i < catalog_routine_count(cat); i++) {
        size_t n = strlen(catalog_routine(cat, i)->name);
        w_rt = n > w_rt ? n : w_rt;
    }
    printf("\n%s\n", _("Routines"));
    print_padded(h_name, w_rt);
    printf("%s\n", _("STEPS     TIME"));
    for (size_t i = 0; i < catalog_routine_count(cat); i++) {
        const Routine *r = catalog_routine(cat, i);
        char time[32];
        format_duration(time, sizeof time, catalog_routine_seconds(cat, r));
        print_padded(r->name, w_rt);
        printf("%5zu  %7s%s\n", r->step_count, time, r->user ? "  [yours]" : "");
    }
}

/* ------------------------------------------------------------------------ */
/* JSON                                                                     */
/* ------------------------------------------------------------------------ */

static void print_json(const Options *opt, const Catalog *cat)
{
    JsonWriter w;
    json_init(&w, stdout);
    json_begin_object(&w);
    json_member_string(&w, "language", lang_code()); /* of the names, cues and instructions */
    json_key(&w, "exercises");
    json_begin_array(&w);
    for (size_t i = 0; i < catalog_exercise_count(cat); i++) {
        const Exercise *ex = catalog_exercise(cat, i);
        json_begin_object(&w);
        json_member_string(&w, "id", ex->id);
        json_member_string(&w, "name", ex->name);
        json_member_string(&w, "category", category_id(ex->category));
        json_member_string(&w, "cue", ex->cue);
        json_key(&w, "instructions");
        json_begin_array(&w);
        for (int k = 0; k < ex->instruction_count; k++)
            json_string(&w, ex->instructions[k]);
        json_end_array(&w);
        json_member_number(&w, "hold_s", ex->hold_s);
        json_member_int(&w, "reps", ex->reps);
        json_member_number(&w, "rep_s", ex->rep_s);
        json_member_string(&w, "sides", sides_id(ex->sides));
        json_member_int(&w, "sets", ex->sets);
        json_member_number(&w, "rest_s", ex->rest_s);
        json_key(&w, "user");
        json_bool(&w, ex->user);
        json_key(&w, "user_pose");
        json_bool(&w, user_pose(opt, ex));
        json_end_object(&w);
    }
    json_end_array(&w);
    json_key(&w, "routines");
    json_begin_array(&w);
    for (size_t i = 0; i < catalog_routine_count(cat); i++) {
        const Routine *r = catalog_routine(cat, i);
        json_begin_object(&w);
        json_member_string(&w, "name", r->name);
        json_key(&w, "steps");
        json_begin_array(&w);
        for (size_t k = 0; k < r->step_count; k++) {
            const RoutineStep *st = &r->steps[k];
            json_begin_object(&w);
            json_member_string(&w, "exercise", catalog_exercise(cat, (size_t)st->exercise)->id);
            json_member_number(&w, "seconds", st->seconds);
            json_member_int(&w, "reps", st->reps);
            json_member_int(&w, "sets", st->sets);
            json_member_number(&w, "set_rest_s", st->set_rest_s);
            json_member_number(&w, "rest_s", st->rest_s);
            json_member_string(&w, "side", step_side_id(st->side));
            json_end_object(&w);
        }
        json_end_array(&w);
        json_member_number(&w, "seconds", catalog_routine_seconds(cat, r));
        json_key(&w, "user");
        json_bool(&w, r->user);
        json_end_object(&w);
    }
    json_end_array(&w);
    json_end_object(&w);
    fputc('\n', stdout);
}

/* ------------------------------------------------------------------------ */
/* One routine's plan                                                       */
/* ------------------------------------------------------------------------ */

/* The side of a step in words: "left", "each, left first", "alternating". */
static const char *plan_side(const Exercise *ex, const StepPlan *p)
{
    if (ex->sides == SIDES_NONE)
        return "-";
    if (p->alternate)
        return _("alternating");
    if (p->side_count == 2)
        return _("each, left first");
    return p->first_side == STEP_SIDE_LEFT ? _("left") : _("right");
}

/* The work of one step in words: "2 sets of 10 reps x 5 s, hold 3 s",
 * "40 s in all", "30 s a side". */
static void plan_work(char *buf, size_t size, const StepPlan *p)
{
    char a[24];
    int n = p->sets > 1 ? snprintf(buf, size, _("%d sets of "), p->sets) : 0;
    bool per_side = p->side_count == 2 || p->alternate;
    if (p->reps > 0 && n >= 0 && (size_t)n < size)
        n += snprintf(buf + n, size - (size_t)n,
                      per_side ? ngettext("%d rep a side x %s", "%d reps a side x %s",
                                          (unsigned long)p->reps)
                               : ngettext("%d rep x %s", "%d reps x %s", (unsigned long)p->reps),
                      p->reps, secs(a, p->rep_s));
    else if (n >= 0 && (size_t)n < size)
        n += snprintf(buf + n, size - (size_t)n,
                      p->side_count == 2 ? _("%s a side") : p->alternate ? _("%s in all") : "%s",
                      secs(a, p->work_s));
    if (p->hold_s > 0 && n >= 0 && (size_t)n < size)
        snprintf(buf + n, size - (size_t)n, _(", hold %s"), secs(a, p->hold_s));
}

static void print_plan_text(const Catalog *cat, const Routine *r)
{
    char time[32];
    format_duration(time, sizeof time, catalog_routine_seconds(cat, r));
    printf(ngettext("Routine %s: %zu step, %s planned\n", "Routine %s: %zu steps, %s planned\n",
                    (unsigned long)r->step_count),
           r->name, r->step_count, time);
    const char *h_ex = _("EXERCISE"), *h_side = _("SIDE");
    size_t w_side = csv_utf8_length(_("each, left first"), strlen(_("each, left first")));
    size_t w_name = csv_utf8_length(h_ex, strlen(h_ex));
    for (size_t k = 0; k < r->step_count; k++) {
        const Exercise *ex = catalog_exercise(cat, (size_t)r->steps[k].exercise);
        size_t n = csv_utf8_length(ex->name, strlen(ex->name));
        w_name = n > w_name ? n : w_name;
    }
    printf("%s", _("START  "));
    print_padded(h_ex, w_name);
    print_padded(h_side, w_side);
    printf("%s\n", _("WORK; RESTS"));
    double start = CATALOG_GET_READY_S;
    for (size_t k = 0; k < r->step_count; k++) {
        const RoutineStep *st = &r->steps[k];
        const Exercise *ex = catalog_exercise(cat, (size_t)st->exercise);
        StepPlan p = catalog_step_plan(ex, st);
        char work[160], rests[96] = "", a[24];
        plan_work(work, sizeof work, &p);
        int n = 0;
        if (p.sets > 1)
            n = snprintf(rests, sizeof rests, _("; %s between sets"), secs(a, p.set_rest_s));
        if (k + 1 < r->step_count && n >= 0 && (size_t)n < sizeof rests)
            snprintf(rests + n, sizeof rests - (size_t)n, _("; rest %s after"), secs(a, st->rest_s));
        format_duration(time, sizeof time, start);
        printf("%5s  ", time);
        print_padded(ex->name, w_name);
        print_padded(plan_side(ex, &p), w_side);
        printf("%s%s\n", work, rests);
        start += catalog_plan_seconds(&p) + (k + 1 < r->step_count ? st->rest_s : 0);
    }
    format_duration(time, sizeof time, start);
    printf(_("%5s  done\n"), time);
}

static void print_plan_json(const Catalog *cat, const Routine *r)
{
    JsonWriter w;
    json_init(&w, stdout);
    json_begin_object(&w);
    json_member_string(&w, "language", lang_code());
    json_member_string(&w, "routine", r->name);
    json_member_number(&w, "seconds", catalog_routine_seconds(cat, r));
    json_key(&w, "steps");
    json_begin_array(&w);
    double start = CATALOG_GET_READY_S;
    for (size_t k = 0; k < r->step_count; k++) {
        const RoutineStep *st = &r->steps[k];
        const Exercise *ex = catalog_exercise(cat, (size_t)st->exercise);
        StepPlan p = catalog_step_plan(ex, st);
        bool last = k + 1 == r->step_count;
        json_begin_object(&w);
        json_member_number(&w, "start_s", start);
        json_member_string(&w, "exercise", ex->id);
        json_member_string(&w, "side", p.alternate        ? "alternate"
                                       : p.side_count == 2 ? "each"
                                                           : step_side_id(p.first_side));
        json_member_int(&w, "sets", p.sets);
        json_member_int(&w, "reps", p.reps);
        json_member_number(&w, "set_s", p.work_s);
        json_member_number(&w, "rep_s", p.rep_s);
        json_member_number(&w, "hold_s", p.hold_s);
        json_member_number(&w, "set_rest_s", p.set_rest_s);
        json_member_number(&w, "rest_s", last ? 0 : st->rest_s);
        json_member_number(&w, "seconds", catalog_plan_seconds(&p));
        json_end_object(&w);
        start += catalog_plan_seconds(&p) + (last ? 0 : st->rest_s);
    }
    json_end_array(&w);
    json_end_object(&w);
    fputc('\n', stdout);
}

int cmd_list(const Options *opt)
{
    if (opt->arg_count > 1) {
        fprintf(stderr, "limber: list takes at most one routine, not '%s'\n" CLI_HELP_HINT,
                opt->args[1]);
        return 2;
    }
    DiagList diags = { 0 };
    Catalog *cat = cli_load_catalog(opt, &diags);
    if (!cat) {
        fprintf(stderr, "limber: out of memory\n");
        diag_free(&diags);
        return 1;
    }
    /* faults go to stderr, the valid rows are still listed; the exit code
     * says the data needs `limber check` */
    diag_print_all(&diags, stderr);
    int rc = diags.count ? 1 : 0;
    if (opt->arg_count == 1) {
        int r = catalog_find_routine(cat, opt->args[0]);
        if (r < 0) {
            cli_missing_routine(cat, opt->args[0]);
            rc = 1;
        } else if (opt->json) {
            print_plan_json(cat, catalog_routine(cat, (size_t)r));
        } else {
            print_plan_text(cat, catalog_routine(cat, (size_t)r));
        }
    } else if (opt->json) {
        print_json(opt, cat);
    } else {
        print_text(opt, cat);
    }
    if (fflush(stdout) != 0)
        rc = 1;
    catalog_free(cat);
    diag_free(&diags);
    return rc;
}
