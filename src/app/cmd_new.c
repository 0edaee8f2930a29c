/* cmd_new: `limber new NEW-ID --from ID` starts an exercise of the user's
 * own from an existing one: its pose copied to USER/poses/NEW-ID.pose, its
 * row copied under the new id into USER/exercises.csv. Nothing that exists
 * is overwritten. */
#include <errno.h>
#include <fcntl.h>    /* open(O_EXCL): the pose is never written over */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h> /* mkdir */
#include <unistd.h>

#include "catalog.h"
#include "cli.h"
#include "library.h"

#define NEW_COPY_SUFFIX " (copy)"
#define NEW_MAX_NAME 60

/* mkdir -p: every missing directory of path. */
static bool make_dirs(const char *path)
{
    char buf[1100];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *p = buf + 1;; p++) {
        if (*p == '/' || *p == '\0') {
            char c = *p;
            *p = '\0';
            if (mkdir(buf, 0755) != 0 && errno != EEXIST)
                return false;
            if (c == '\0')
                return true;
            *p = c;
        }
    }
}

/* One CSV field: quoted when it must be, inner quotes doubled. */
static void put_field(FILE *f, const char *s, bool last)
{
    bool quote = strpbrk(s, ",\"\n\r") != NULL || s[0] == ' ' ||
                 (s[0] && s[strlen(s) - 1] == ' ');
    if (quote) {
        fputc('"', f);
        for (const char *p = s; *p; p++) {
            if (*p == '"')
                fputc('"', f);
            fputc(*p, f);
        }
        fputc('"', f);
    } else {
        fputs(s, f);
    }
    fputc(last ? '\n' : ',', f);
}

static void put_number(FILE *f, double v, bool last)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%g", v);
    put_field(f, buf, last);
}

/* Appends ex's row under id to the user's table, with the header first
 * when the table is new. */
static bool append_row(const char *table, const Exercise *ex, const char *id)
{
    struct stat st;
    bool fresh = stat(table, &st) != 0;
    bool needs_newline = false;
    if (!fresh && st.st_size > 0) {
        FILE *r = fopen(table, "rb");
        if (r && fseek(r, -1, SEEK_END) == 0)
            needs_newline = fgetc(r) != '\n';
        if (r)
            fclose(r);
    }
    FILE *f = fopen(table, "ab");
    if (!f)
        return false;
    if (fresh)
        fputs("id,name,category,cue,instructions,hold_s,reps,rep_s,sides,sets,rest_s\n", f);
    if (needs_newline)
        fputc('\n', f);
    char name[256], text[1024] = "";
    bool fits = strlen(ex->name) + strlen(NEW_COPY_SUFFIX) <= NEW_MAX_NAME;
    snprintf(name, sizeof name, "%s%s", ex->name, fits ? NEW_COPY_SUFFIX : "");
    for (int i = 0; i < ex->instruction_count; i++) {
        size_t n = strlen(text);
        snprintf(text + n, sizeof text - n, "%s%s", i ? "\n" : "", ex->instructions[i]);
    }
    put_field(f, id, false);
    put_field(f, name, false);
    put_field(f, category_id(ex->category), false);
    put_field(f, ex->cue, false);
    put_field(f, text, false);
    put_number(f, ex->hold_s, false);
    put_number(f, ex->reps, false);
    put_number(f, ex->rep_s, false);
    put_field(f, sides_id(ex->sides), false);
    put_number(f, ex->sets, false);
    put_number(f, ex->rest_s, true);
    bool ok = !ferror(f);
    return fclose(f) == 0 && ok;
}

/* Copies from into a new file to; false (and nothing left behind) when to
 * exists or either cannot be used. */
static bool copy_new(const char *from, const char *to, const char *note)
{
    char *buf = malloc(POSE_MAX_FILE_BYTES + 1);
    FILE *in = fopen(from, "rb");
    int fd = -1;
    size_t n = 0;
    bool ok = false;
    if (!buf || !in)
        goto done;
    n = fread(buf, 1, POSE_MAX_FILE_BYTES + 1, in);
    if (ferror(in) || n > POSE_MAX_FILE_BYTES)
        goto done;
    fd = open(to, O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (fd < 0)
        goto done;
    size_t k = strlen(note);
    ok = write(fd, note, k) == (ssize_t)k && write(fd, buf, n) == (ssize_t)n;
    ok = close(fd) == 0 && ok;
    if (!ok)
        unlink(to);
done:
    if (in)
        fclose(in);
    free(buf);
    return ok;
}

int cmd_new(const Options *opt)
{
    if (opt->arg_count != 1 || !opt->from) {
        fprintf(stderr, "limber: new takes the new id and --from ID, such as "
                        "'limber new my-bridge --from bridge'\n" CLI_HELP_HINT);
        return 2;
    }
    const char *id = opt->args[0];
    if (!catalog_id_valid(id)) {
        fprintf(stderr, "limber: '%s' cannot be an id: lower-case letters, digits and '-', "
                        "at most %d\n", id, CATALOG_MAX_ID);
        return 2;
    }
    if (!opt->user_home[0]) {
        fprintf(stderr, "limber: no place for your own exercises: set HOME or XDG_DATA_HOME\n");
        return 1;
    }
    int rc = 1;
    DiagList diags = { 0 };
    struct stat st;
    const char *user = opt->user_home;
    bool have_user = stat(user, &st) == 0;
    char table[1100], poses[1100], pose[1200], from_pose[2048], note[200];
    snprintf(table, sizeof table, "%s/exercises.csv", user);
    snprintf(poses, sizeof poses, "%s/poses", user);
    snprintf(pose, sizeof pose, "%s/%s.pose", poses, id);
    Catalog *cat = catalog_load_user(opt->data_dir, have_user ? user : NULL, &diags);
    if (!cat) {
        fprintf(stderr, "limber: out of memory\n");
        goto done;
    }
    int from = catalog_find_exercise(cat, opt->from);
    if (from < 0) {
        fprintf(stderr, "limber: unknown exercise '%s'; 'limber list' shows them\n", opt->from);
        rc = 2;
        goto done;
    }
    int there = catalog_find_exercise(cat, id);
    if (there >= 0) {
        fprintf(stderr, "limber: there is an exercise '%s' already (%s); nothing written\n", id,
                catalog_exercise(cat, (size_t)there)->user ? table : "a bundled one");
        goto done;
    }
    if (lstat(pose, &st) == 0) {
        fprintf(stderr, "limber: %s exists already; nothing written\n", pose);
        goto done;
    }
    LibraryDirs dirs = { opt->data_dir, opt->assets_dir, have_user ? user : NULL, NULL };
    library_pose_file(&dirs, opt->from, from_pose, sizeof from_pose);
    snprintf(note, sizeof note, "# %s: started from %s with 'limber new'\n", id, opt->from);
    if (!make_dirs(poses) || !copy_new(from_pose, pose, note)) {
        fprintf(stderr, "limber: cannot copy %s to %s: %s\n", from_pose, pose, strerror(errno));
        goto done;
    }
    if (!append_row(table, catalog_exercise(cat, (size_t)from), id)) {
        fprintf(stderr, "limber: cannot add a row to %s: %s\n", table, strerror(errno));
        unlink(pose);
        goto done;
    }
    printf("limber: copied %s\n        to %s\n", from_pose, pose);
    printf("limber: added the row '%s' to %s\n", id, table);
    printf("Watch it while you edit either file (each save shows at once; K shows the key):\n"
           "  limber show %s\n", id);
    if (!have_user)
        printf("(%s is new: Limber reads it from now on)\n", user);
    rc = 0;
done:
    catalog_free(cat);
    diag_free(&diags);
    return rc;
}
