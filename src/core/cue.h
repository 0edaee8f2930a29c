/* cue: motion cues as exercise sheets draw them. A curved arrow beside the
 * part that moves, pointing the way it moves, worked out from the figure a
 * moment before and a moment after (never placed by hand), and fading with
 * its speed so it does not flicker where a movement turns. The focus of an
 * exercise (pose_focus) is drawn by mesh_figure_focus. No SDL. */
#ifndef LIMBER_CUE_H
#define LIMBER_CUE_H

#include "mesh.h"
#include "skel.h"

/* The frames an arrow is worked out from lie this many seconds of
 * animation before and after the one drawn: long enough to smooth a turn
 * (so the arrow fades out through it instead of flipping), short against a
 * phase of one or two seconds. */
#define CUE_SPAN_S 0.2

/* Speeds of the moving joint, metres per second: below the first no arrow,
 * above the second a full one. A pelvic tilt's lumbar spine moves about
 * 2-4 cm/s, and that should show. */
#define CUE_SPEED_MIN 0.004f
#define CUE_SPEED_FULL 0.015f

/* A curved arrow in the figure's camera plane (metres, y up): an arc of
 * the circle at centre with radius, from angle `from` (its tail) through
 * `sweep` (radians, counter-clockwise when positive) to its head. */
typedef struct {
    float alpha;      /* 0: no arrow; up to 1 (full) */
    int joint;        /* the SkelJoint it is beside; -1 with no arrow */
    Vec2 centre;
    float radius;
    float from, sweep;
    Vec2 dir;         /* unit: the way the joint moves */
    int place;        /* which of the places round the joint it took; -1 none */
} CueArrow;

/* The arrow for a figure seen at before, now and after (span_s seconds
 * from before to after): beside the joint of `joints` (SKEL_JOINT_BIT; 0
 * for every joint) that moves most, on the side with the most room, kept
 * inside [min, max] (the part of the camera plane the picture shows), and
 * made smaller where it does not fit. alpha 0 when nothing moves. */
CueArrow cue_arrow(const FigureFrame *before, const FigureFrame *now, const FigureFrame *after,
                   float span_s, unsigned joints, Vec2 min, Vec2 max);

/* Poses the figure at animation time t as the drawn frame is posed (its
 * side, mirroring and view): how cue_arrow_between sees the movement. */
typedef void (*CuePose)(const void *ctx, double t, FigureFrame *out);

/* The arrow at time t of a movement from key to key, [from, to] being the
 * key interval that holds t (anim_segment). As cue_arrow, but it is at
 * least as strong as the interval's whole movement is fast (its fastest
 * joint's average speed), so it shows clearly from the first frame of a
 * movement rather than fading in with an eased start; in a hold it fades
 * out with the speed as before. Where the movement turns round at a key,
 * the frames either side of t cancel, so the way it points is then taken
 * within the interval. */
CueArrow cue_arrow_between(CuePose pose, const void *ctx, double t, double from, double to,
                           const FigureFrame *now, unsigned joints, Vec2 min, Vec2 max);

/* The same joints with left and right swapped: the focus of a mirrored
 * side (anim_sample's mirrored). */
unsigned cue_mirror_joints(unsigned joints);

/* The arrow as bands and discs, opaque, in color blended toward under
 * (what it is drawn over) by 1 - alpha, so its parts can overlap without
 * seams; nothing when alpha is 0. */
void cue_mesh_arrow(Mesh *mesh, const CueArrow *arrow, MeshXform xf, MeshColor color,
                    MeshColor under);

#endif
