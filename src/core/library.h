/* library: the catalogue and the poses in use, from the bundled directories
 * and the user's own, loaded once and then reloaded when their files
 * change, keeping the last good version of everything.
 *
 * Where things come from:
 *   DATA/exercises.csv, then USER/exercises.csv: the user's rows are added,
 *     and a row with a bundled id replaces that row (catalog_load_user);
 *   DATA/routines/NAME.csv and USER/routines/NAME.csv (the user's wins);
 *   DATA/lang/CODE.csv and USER/lang/CODE.csv: the texts in a language;
 *   USER/poses/ID.pose when it exists (as anything: a directory or a
 *     dangling link there is an error, never a silent fall-back), else
 *     ASSETS/poses/ID.pose.
 *
 * Keeping the last good: a reload that brings a fault the version in use
 * did not have (a table row that no longer parses, a routine that lost a
 * step, a pose that does not parse, a file gone or grown too big, the
 * exercise or routine on screen gone) keeps the version in use for that
 * part: the tables as a whole, each pose on its own. The first such fault
 * becomes library_error, once the files have stopped changing, so a file
 * caught half-written is retried and not reported. No SDL here: the event
 * loop calls library_reload when the watcher says something moved. */
#ifndef LIMBER_LIBRARY_H
#define LIMBER_LIBRARY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "catalog.h"
#include "diag.h"
#include "pose.h"

typedef struct {
    const char *data_dir;   /* the bundled tables */
    const char *assets_dir; /* the bundled poses are ASSETS/poses/ID.pose */
    const char *user_dir;   /* the user's tables and poses; NULL or "" for none */
    const char *lang;       /* the exercise texts' language (catalog_translate); NULL: English */
} LibraryDirs;

/* What a reload did, as bits. */
enum {
    LIBRARY_UPDATED = 1, /* the catalogue or a clip changed: pointers into the old are gone */
    LIBRARY_RETRY = 2,   /* a fault in files that may still be being written: call again soon */
    LIBRARY_ERROR = 4,   /* library_error changed (a new fault, or cleared) */
};

/* What the screen shows, which a reload must not take away. */
typedef struct {
    const char *exercise; /* show: its id; NULL for none */
    const char *routine;  /* play: its name; NULL for none */
} LibraryNeed;

typedef struct Library Library;

/* Loads the catalogue and every exercise's pose. Faults are appended to
 * diags, as catalog_load_user does; a pose that fails keeps its message
 * for library_pose_error. NULL only when out of memory. Free with
 * library_free. */
Library *library_open(const LibraryDirs *dirs, DiagList *diags);
void library_free(Library *lib);

/* Looks at the files again and loads what changed (nothing is read when no
 * file in the watched directories changed since the last call); returns
 * LIBRARY_* bits. need: what must survive; NULL for nothing. */
int library_reload(Library *lib, const LibraryNeed *need);

/* The catalogue in use; owned by the library, valid until a reload that
 * returns LIBRARY_UPDATED. */
const Catalog *library_catalog(const Library *lib);

/* Exercise i's clip (owned by the library, valid as the catalogue), or
 * NULL: then library_pose_error says why. */
const PoseClip *library_pose(const Library *lib, size_t i);
const char *library_pose_error(const Library *lib, size_t i);
/* The file exercise i's pose was read from, and whether it is the user's. */
const char *library_pose_path(const Library *lib, size_t i);
bool library_pose_from_user(const Library *lib, size_t i);

/* The fault that keeps a last good version in use ("file:line:col:
 * message", as check prints it), or "" when the files in use are all
 * loaded. */
const char *library_error(const Library *lib);

/* The directories whose files the library reads, for a watcher: n of them
 * into out (at most max), existing or not. Owned by the library. */
size_t library_watch_dirs(const Library *lib, const char **out, size_t max);

/* A number that changes whenever a table, routine or pose file in the
 * directories changes: written, replaced, created, removed. Stats every
 * entry; reads none. */
uint64_t library_dirs_stamp(const char *const *dirs, size_t count);

/* pose_check_catalog over the poses the library would use: the user's
 * where there is one. For `limber check`. */
void library_check_poses(const LibraryDirs *dirs, const Catalog *cat, DiagList *diags);

/* True for a file name the library reads (NAME.csv, ID.pose), false for
 * editors' hidden swap files and backups. */
bool library_watched_name(const char *name);

/* The path USER/poses/ID.pose if something is there, else
 * ASSETS/poses/ID.pose, into out; true when it is the user's. */
bool library_pose_file(const LibraryDirs *dirs, const char *id, char *out, size_t size);

#endif
