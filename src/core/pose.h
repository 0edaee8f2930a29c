/* pose: the keyframe file of one exercise (assets/poses/<id>.pose), parsed
 * into a clip: camera, prop, contacts, and keyframes of joint angles with
 * named phases and easing. The format is documented in docs/pose-format.md. */
#ifndef LIMBER_POSE_H
#define LIMBER_POSE_H

#include <stdbool.h>
#include <stddef.h>

#include "catalog.h"
#include "diag.h"
#include "skel.h"

typedef struct PoseClip PoseClip;

/* A two-sided exercise's `side` line: the patient's side its keys work as
 * written, and what a side means for it, which is what the screen says. */
typedef enum {
    POSE_WORKS_UNSAID,  /* no `side` line */
    POSE_WORKS_LEG,     /* the working leg: "Left leg" */
    POSE_WORKS_KNEE,    /* the kneeling leg: "Left knee down" */
    POSE_WORKS_ARM_LEG, /* an arm and the opposite leg: "Left arm, right leg" */
    POSE_WORKS_TURN,    /* the direction of a turn: "Turn to the left" */
} PoseWorks;

typedef struct {
    PoseWorks what;
    SkelSide side;      /* the patient's side the keys show */
} PoseSide;

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

/* The same checks of one exercise's pose file at path. */
void pose_check_file(const char *path, const Exercise *ex, DiagList *diags);

/* ---- What anim and check read from a clip -------------------------------- */

typedef enum { POSE_LINEAR, POSE_EASE_IN_OUT, POSE_EASE_IN, POSE_EASE_OUT } PoseEasing;

/* 'floor moves': the floor at a key, so that it passes under the feet with
 * the foot that is planted (worked out from the contacts when parsing). */
typedef struct {
    unsigned planted;      /* SKEL_JOINT_BIT of the contacts held to the next key */
    float at[2];           /* the floor's shift at this key, metres; [1] mirrored */
    float planted_x[2];    /* the planted joints' mean x at this key */
} PoseFloorAt;

/* One keyframe and the segment that starts at it and runs to the next key
 * (the last one runs back to the first: the loop). */
typedef struct {
    double beat;           /* when, in the file's beats */
    SkelAngles angles;     /* the base posture with this key's changes */
    const char *phase;     /* name of the segment that starts here; owned by the clip */
    PoseEasing easing;     /* of that segment */
    bool hold;             /* that segment is the hold phase (stretches to hold_s) */
    unsigned contacts;     /* SKEL_JOINT_BIT of each joint that rests on the floor here */
    int line;              /* of the 'key' line, for messages */
    PoseFloorAt floor;     /* with 'floor moves' only */
} PoseKey;

#define POSE_MAX_KEYS 256
#define POSE_MAX_FILE_BYTES (1 << 20)
#define POSE_CONTACT_TOLERANCE 0.02f /* metres */

const char *pose_file(const PoseClip *clip);          /* the name it was parsed as */
const SkelStage *pose_stage(const PoseClip *clip);    /* camera, prop, near side, anchor */
PoseSide pose_side(const PoseClip *clip);             /* its `side` line */
size_t pose_key_count(const PoseClip *clip);          /* at least 1 */
const PoseKey *pose_key(const PoseClip *clip, size_t i);
double pose_loop_beat(const PoseClip *clip);          /* back at key 0; > last key's beat */
/* SKEL_JOINT_BIT of each joint its 'focus' line names (0 without one): the
 * ends of the bones the exercise is about, drawn in an accent colour. */
unsigned pose_focus(const PoseClip *clip);

/* Its 'detail' line: a magnified view of the figure around *joint, *zoom
 * times its scale, drawn with the motion cues where a movement is too small
 * to see at the figure's own size (a pelvic tilt). False without one. */
#define POSE_DETAIL_ZOOM_MIN 1.5
#define POSE_DETAIL_ZOOM_MAX 4.0
bool pose_detail(const PoseClip *clip, SkelJoint *joint, float *zoom);

/* With a 'floor moves' line, how far the floor passes under the feet in
 * one cycle (metres, the sign is its direction on screen); 0 without one:
 * the floor stays still. A walk on the spot keeps its pelvis in place, so
 * its planted foot must slide back: the floor moving with it is what a
 * treadmill, or a camera following a walker, shows. */
float pose_floor_cycle(const PoseClip *clip, bool mirrored);

/* An easing curve: u in [0, 1] to [0, 1], 0 -> 0, 1 -> 1, never decreasing. */
double pose_ease(PoseEasing easing, double u);

/* Appends DIAG_POSE_CONTACT_OFF for each declared contact that is not on
 * the floor at its keyframe (after grounding). */
void pose_check_contacts(const PoseClip *clip, DiagList *diags);

/* Whether the keys must be mirrored to work the patient's side `working`
 * (LEFT or RIGHT; BOTH never mirrors). A clip that does not say its side
 * is taken as showing the right side: check refuses it anyway. */
bool pose_mirror_for(const PoseClip *clip, StepSide working);

/* What a patient reads for the side at work: "Left leg", "Turn to the
 * right" ...; "" for BOTH or a clip that does not say. */
const char *pose_side_label(PoseWorks what, StepSide working);

/* Appends DIAG_POSE_NO_SIDE when the exercise has two sides and the clip
 * has no `side` line: the player could not tell left from right. */
void pose_check_side(const PoseClip *clip, const Exercise *ex, DiagList *diags);

/* Appends DIAG_POSE_NO_HOLD when the exercise holds (hold_s > 0) and the
 * clip has no hold phase to stretch: the figure would keep moving through
 * the on-screen hold countdown. */
void pose_check_timing(const PoseClip *clip, const Exercise *ex, DiagList *diags);

#endif
