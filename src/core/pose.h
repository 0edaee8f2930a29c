/* pose: the keyframe file of one exercise (assets/poses/<id>.pose), parsed
 * into a clip: camera, prop, contacts, and keyframes of joint angles with
 * named phases and easing. The format is documented in the README. */
#ifndef LIMBER_POSE_H
#define LIMBER_POSE_H

#include <stddef.h>

#include "catalog.h"
#include "diag.h"
#include "skel.h"

typedef struct PoseClip PoseClip;

/* Parses a pose file from memory; file names it in messages. Returns NULL
 * and appends to diags when it is unusable; may return a clip and still
 * append warnings (such as a range-of-motion fault). Free with pose_free. */
PoseClip *pose_parse(const char *buf, size_t len, const char *file, DiagList *diags);

/* Reads and parses a file; a missing or unreadable file is a diag too. */
PoseClip *pose_load(const char *path, DiagList *diags);

void pose_free(PoseClip *clip);

/* Loads and checks assets/poses/<id>.pose for every exercise of the
 * catalogue, appending every fault (parse, range of motion, grounding,
 * missing file) to diags. For `limber check`. */
void pose_check_catalog(const Catalog *cat, const char *poses_dir, DiagList *diags);

#endif
