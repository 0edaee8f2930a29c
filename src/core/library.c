/* library: the catalogue and poses in use, reloaded keeping the last good. */
#include "library.h"

#include <dirent.h>   /* library_dirs_stamp reads the watched directories */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h> /* a file's identity and times: what tells a change */

#define LIBRARY_MAX_DIRS 8
#define LIBRARY_MESSAGE 512

/* What stat says of a file: any change to it changes one of these. */
typedef struct {
    unsigned long long dev, ino, size, mtime_ns;
    unsigned mode;
    bool found;
} FileSig;

typedef struct {
    char *path;               /* the file the clip came from */
    PoseClip *clip;           /* NULL: error says why */
    char error[LIBRARY_MESSAGE];
    bool user;
    FileSig sig;              /* of path when clip was read */
} LibPose;

struct Library {
    char *data_dir, *assets_dir, *user_dir; /* user_dir NULL for none */
    char *lang;                             /* NULL: English */
    char *dirs[LIBRARY_MAX_DIRS];
    size_t dir_count;
    Catalog *cat;
    DiagList cat_diags;       /* the faults of the tables in use: known, not new */
    LibPose *poses;           /* one per exercise of cat, in its order */
    uint64_t stamp;           /* library_dirs_stamp at the last look */
    bool pending;             /* the last look found a fault, not yet said */
    char pending_error[LIBRARY_MESSAGE];
    char error[LIBRARY_MESSAGE];
};

/* ------------------------------------------------------------------ */
/* Files                                                               */
/* ------------------------------------------------------------------ */

static char *join(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", a, b);
    return p;
}

static FileSig file_sig(const char *path)
{
    FileSig s = { 0 };
    struct stat st;
    /* a dangling link is something, and not a pose: lstat tells it apart
     * from nothing there */
    if (stat(path, &st) != 0 && lstat(path, &st) != 0)
        return s;
    s.found = true;
    s.dev = (unsigned long long)st.st_dev;
    s.ino = (unsigned long long)st.st_ino;
    s.size = (unsigned long long)st.st_size;
    s.mtime_ns = (unsigned long long)st.st_mtim.tv_sec * 1000000000ull +
                 (unsigned long long)st.st_mtim.tv_nsec;
    s.mode = (unsigned)st.st_mode;
    return s;
}

static bool sig_equal(FileSig a, FileSig b)
{
    return a.found == b.found && a.dev == b.dev && a.ino == b.ino && a.size == b.size &&
           a.mtime_ns == b.mtime_ns && a.mode == b.mode;
}

static uint64_t fnv(uint64_t h, const void *data, size_t n)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 1099511628211ull;
    }
    return h;
}

/* Table, routine and pose files; editors' hidden lock and swap files, and
 * backups ("x.csv~"), are not. */
bool library_watched_name(const char *name)
{
    size_t n = strlen(name);
    if (name[0] == '.')
        return false;
    return (n > 4 && strcmp(name + n - 4, ".csv") == 0) ||
           (n > 5 && strcmp(name + n - 5, ".pose") == 0);
}

uint64_t library_dirs_stamp(const char *const *dirs, size_t count)
{
    uint64_t sum = 0;
    for (size_t d = 0; d < count; d++) {
        DIR *dir = opendir(dirs[d]);
        if (!dir)
            continue;
        sum += fnv(14695981039346656037ull, dirs[d], strlen(dirs[d]));
        for (struct dirent *e; (e = readdir(dir)) != NULL;) {
            if (!library_watched_name(e->d_name))
                continue;
            char *path = join(dirs[d], e->d_name);
            if (!path)
                continue;
            FileSig s = file_sig(path);
            /* a sum, so the order readdir gives does not matter */
            uint64_t h = fnv(14695981039346656037ull, path, strlen(path));
            h = fnv(h, &s.ino, sizeof s.ino);
            h = fnv(h, &s.size, sizeof s.size);
            h = fnv(h, &s.mtime_ns, sizeof s.mtime_ns);
            h = fnv(h, &s.mode, sizeof s.mode);
            sum += h;
            free(path);
        }
        closedir(dir);
    }
    return sum;
}

bool library_pose_file(const LibraryDirs *dirs, const char *id, char *out, size_t size)
{
    if (dirs->user_dir && dirs->user_dir[0]) {
        snprintf(out, size, "%s/poses/%s.pose", dirs->user_dir, id);
        if (file_sig(out).found)
            return true;
    }
    snprintf(out, size, "%s/poses/%s.pose", dirs->assets_dir, id);
    return false;
}

void library_check_poses(const LibraryDirs *dirs, const Catalog *cat, DiagList *diags)
{
    for (size_t i = 0; i < catalog_exercise_count(cat); i++) {
        char path[2048];
        library_pose_file(dirs, catalog_exercise(cat, i)->id, path, sizeof path);
        pose_check_file(path, catalog_exercise(cat, i), diags);
    }
}

/* ------------------------------------------------------------------ */
/* Poses                                                               */
/* ------------------------------------------------------------------ */

static void poses_free(LibPose *poses, size_t count)
{
    for (size_t i = 0; poses && i < count; i++) {
        pose_free(poses[i].clip);
        free(poses[i].path);
    }
    free(poses);
}

/* Reads exercise e's pose into *p; false with p->error set when it cannot
 * be used. A two-sided pose that does not say its side could show a
 * patient the wrong leg: an error, not a guess. */
static bool read_pose(LibPose *p, const Exercise *e)
{
    DiagList diags = { 0 };
    p->sig = file_sig(p->path);
    p->clip = pose_load(p->path, &diags);
    if (p->clip) {
        diag_free(&diags); /* warnings (range of motion) are for check */
        pose_check_side(p->clip, e, &diags);
        if (diags.count > 0) {
            pose_free(p->clip);
            p->clip = NULL;
        }
    }
    if (!p->clip) {
        if (diags.count > 0)
            diag_format(&diags.items[0], p->error, sizeof p->error);
        else
            snprintf(p->error, sizeof p->error, "%s: cannot load the pose", p->path);
    }
    diag_free(&diags);
    return p->clip != NULL;
}

/* The poses of cat's exercises. A file unchanged since it was read keeps
 * its clip (taken from old); one that fails now but had a clip keeps that
 * one, and the first such failure goes into fault. NULL when out of
 * memory. */
static LibPose *load_poses(const Library *lib, const Catalog *cat, const Catalog *old_cat,
                           LibPose *old, char fault[LIBRARY_MESSAGE])
{
    LibraryDirs dirs = { lib->data_dir, lib->assets_dir, lib->user_dir, lib->lang };
    size_t n = catalog_exercise_count(cat);
    LibPose *poses = calloc(n ? n : 1, sizeof *poses);
    if (!poses)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        const Exercise *e = catalog_exercise(cat, i);
        LibPose *p = &poses[i];
        char path[2048];
        p->user = library_pose_file(&dirs, e->id, path, sizeof path);
        p->path = strdup(path);
        if (!p->path)
            goto fail;
        int j = old_cat ? catalog_find_exercise(old_cat, e->id) : -1;
        LibPose *was = j >= 0 ? &old[j] : NULL;
        if (was && was->clip && strcmp(was->path, p->path) == 0 &&
            sig_equal(was->sig, file_sig(p->path))) {
            DiagList diags = { 0 };
            pose_check_side(was->clip, e, &diags); /* the row may have changed */
            bool ok = diags.count == 0;
            diag_free(&diags);
            if (ok) {
                p->clip = was->clip;
                p->sig = was->sig;
                was->clip = NULL;
                continue;
            }
        }
        if (read_pose(p, e) || !was || !was->clip)
            continue;
        /* the last good clip stays, with the sig it was read at, so the
         * next look reads the file again */
        if (!fault[0])
            snprintf(fault, LIBRARY_MESSAGE, "%s", p->error);
        p->clip = was->clip;
        p->sig = was->sig;
        p->error[0] = '\0';
        was->clip = NULL;
    }
    return poses;
fail:
    poses_free(poses, n);
    return NULL;
}

/* ------------------------------------------------------------------ */
/* Tables                                                              */
/* ------------------------------------------------------------------ */

static bool diag_known(const DiagList *known, const Diag *d)
{
    for (size_t i = 0; i < known->count; i++) {
        const Diag *k = &known->items[i];
        /* lines move as a file is edited: the kind, file and detail stay */
        if (k->kind == d->kind && strcmp(k->file, d->file) == 0 &&
            strcmp(k->detail, d->detail) == 0)
            return true;
    }
    return false;
}

/* Why the new tables cannot replace the ones in use, into fault; false
 * when they can. */
static bool table_fault(const Library *lib, const Catalog *cat, const DiagList *diags,
                        const LibraryNeed *need, char fault[LIBRARY_MESSAGE])
{
    for (size_t i = 0; i < diags->count; i++)
        if (!diag_known(&lib->cat_diags, &diags->items[i])) {
            diag_format(&diags->items[i], fault, LIBRARY_MESSAGE);
            return true;
        }
    if (catalog_exercise_count(cat) == 0) {
        snprintf(fault, LIBRARY_MESSAGE, "%s/exercises.csv: no exercises left", lib->data_dir);
        return true;
    }
    if (need && need->exercise && catalog_find_exercise(cat, need->exercise) < 0) {
        snprintf(fault, LIBRARY_MESSAGE, "exercises.csv: the exercise on screen, '%s', is gone",
                 need->exercise);
        return true;
    }
    if (need && need->routine && catalog_find_routine(cat, need->routine) < 0) {
        snprintf(fault, LIBRARY_MESSAGE, "routines/%s.csv: the routine on screen is gone",
                 need->routine);
        return true;
    }
    return false;
}

/* ------------------------------------------------------------------ */
/* Opening, reloading                                                  */
/* ------------------------------------------------------------------ */

/* The tables as cli_load_catalog reads them: the user's on the bundled,
 * in the language in use. */
static Catalog *load_tables(const Library *lib, DiagList *diags)
{
    Catalog *cat = catalog_load_user(lib->data_dir, lib->user_dir, diags);
    if (cat && lib->lang)
        catalog_translate(cat, lib->data_dir, lib->user_dir, lib->lang, diags);
    return cat;
}

static bool add_dir(Library *lib, const char *a, const char *b)
{
    char *d = b ? join(a, b) : strdup(a);
    if (!d)
        return false;
    lib->dirs[lib->dir_count++] = d;
    return true;
}

Library *library_open(const LibraryDirs *dirs, DiagList *diags)
{
    Library *lib = calloc(1, sizeof *lib);
    if (!lib)
        goto fail;
    lib->data_dir = strdup(dirs->data_dir);
    lib->assets_dir = strdup(dirs->assets_dir);
    bool user = dirs->user_dir && dirs->user_dir[0];
    lib->user_dir = user ? strdup(dirs->user_dir) : NULL;
    lib->lang = dirs->lang ? strdup(dirs->lang) : NULL;
    if (!lib->data_dir || !lib->assets_dir || (user && !lib->user_dir) ||
        (dirs->lang && !lib->lang))
        goto fail;
    if (!add_dir(lib, lib->data_dir, NULL) || !add_dir(lib, lib->data_dir, "routines") ||
        !add_dir(lib, lib->data_dir, "lang") || !add_dir(lib, lib->assets_dir, "poses"))
        goto fail;
    if (user && (!add_dir(lib, lib->user_dir, NULL) || !add_dir(lib, lib->user_dir, "routines") ||
                 !add_dir(lib, lib->user_dir, "lang") || !add_dir(lib, lib->user_dir, "poses")))
        goto fail;
    lib->stamp = library_dirs_stamp((const char *const *)lib->dirs, lib->dir_count);
    lib->cat = load_tables(lib, &lib->cat_diags);
    if (!lib->cat)
        goto fail;
    for (size_t i = 0; i < lib->cat_diags.count; i++) {
        const Diag *d = &lib->cat_diags.items[i];
        Diag *copy = diag_add(diags, d->kind, d->file, d->line, d->col, "%s", d->detail);
        /* the spreadsheet's terms and the quoted value, as `limber check` says it */
        if (copy) {
            memcpy(copy->where, d->where, sizeof copy->where);
            memcpy(copy->value, d->value, sizeof copy->value);
        }
    }
    char fault[LIBRARY_MESSAGE] = "";
    lib->poses = load_poses(lib, lib->cat, NULL, NULL, fault);
    if (!lib->poses)
        goto fail;
    return lib;
fail:
    library_free(lib);
    return NULL;
}

void library_free(Library *lib)
{
    if (!lib)
        return;
    if (lib->cat)
        poses_free(lib->poses, catalog_exercise_count(lib->cat));
    catalog_free(lib->cat);
    diag_free(&lib->cat_diags);
    for (size_t i = 0; i < lib->dir_count; i++)
        free(lib->dirs[i]);
    free(lib->data_dir);
    free(lib->assets_dir);
    free(lib->user_dir);
    free(lib->lang);
    free(lib);
}

int library_reload(Library *lib, const LibraryNeed *need)
{
    const char *const *dirs = (const char *const *)lib->dirs;
    uint64_t stamp = library_dirs_stamp(dirs, lib->dir_count);
    if (stamp == lib->stamp) {
        /* nothing moved since a look that found a fault: the writer has
         * finished, and the fault is real */
        if (!lib->pending)
            return 0;
        lib->pending = false;
        if (strcmp(lib->error, lib->pending_error) == 0)
            return 0;
        snprintf(lib->error, sizeof lib->error, "%s", lib->pending_error);
        return LIBRARY_ERROR;
    }
    lib->stamp = stamp;

    int result = 0;
    char fault[LIBRARY_MESSAGE] = "";
    DiagList diags = { 0 };
    LibPose *poses = NULL;
    Catalog *cat = load_tables(lib, &diags);
    if (!cat)
        goto done;
    bool take = !table_fault(lib, cat, &diags, need, fault);
    poses = load_poses(lib, take ? cat : lib->cat, lib->cat, lib->poses, fault);
    if (!poses)
        goto done;
    poses_free(lib->poses, catalog_exercise_count(lib->cat));
    lib->poses = poses;
    if (take) {
        catalog_free(lib->cat);
        lib->cat = cat;
        cat = NULL;
        diag_free(&lib->cat_diags);
        lib->cat_diags = diags;
        diags = (DiagList){ 0 };
    }
    result |= LIBRARY_UPDATED;
    if (library_dirs_stamp(dirs, lib->dir_count) != stamp) {
        /* written to while we read: look again */
        lib->stamp = 0;
        result |= LIBRARY_RETRY;
    } else if (fault[0]) {
        lib->pending = true;
        snprintf(lib->pending_error, sizeof lib->pending_error, "%s", fault);
        result |= LIBRARY_RETRY;
    } else {
        lib->pending = false;
        if (lib->error[0])
            result |= LIBRARY_ERROR;
        lib->error[0] = '\0';
    }
done:
    catalog_free(cat);
    diag_free(&diags);
    return result;
}

/* ------------------------------------------------------------------ */
/* Queries                                                             */
/* ------------------------------------------------------------------ */

const Catalog *library_catalog(const Library *lib)
{
    return lib->cat;
}

const PoseClip *library_pose(const Library *lib, size_t i)
{
    return i < catalog_exercise_count(lib->cat) ? lib->poses[i].clip : NULL;
}

const char *library_pose_error(const Library *lib, size_t i)
{
    return i < catalog_exercise_count(lib->cat) ? lib->poses[i].error : "";
}

const char *library_pose_path(const Library *lib, size_t i)
{
    return i < catalog_exercise_count(lib->cat) ? lib->poses[i].path : "";
}

bool library_pose_from_user(const Library *lib, size_t i)
{
    return i < catalog_exercise_count(lib->cat) && lib->poses[i].user;
}

const char *library_error(const Library *lib)
{
    return lib->error;
}

size_t library_watch_dirs(const Library *lib, const char **out, size_t max)
{
    size_t n = lib->dir_count < max ? lib->dir_count : max;
    for (size_t i = 0; i < n; i++)
        out[i] = lib->dirs[i];
    return n;
}
