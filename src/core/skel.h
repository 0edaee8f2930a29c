/* skel: the body. Bones of fixed length, joint angles in the words physios
 * use, forward kinematics in 3D, grounding on the floor or a prop, and the
 * projection through a per-exercise camera into a FigureFrame that the
 * drawing code turns into pixels.
 *
 * Units: metres and degrees. World axes: x to the figure's front when it
 * stands at yaw 0, y up, z to the figure's left. The floor is y = 0. */
#ifndef LIMBER_SKEL_H
#define LIMBER_SKEL_H

#include <stdbool.h>
#include <stddef.h>

typedef struct { float x, y; } Vec2;
typedef struct { float x, y, z; } Vec3;

typedef enum { SKEL_LEFT, SKEL_RIGHT } SkelSide;

typedef enum {
    SKEL_PELVIS,      /* midpoint between the hip joints; the root */
    SKEL_LUMBAR,      /* top of the lumbar spine (L1) */
    SKEL_CHEST,       /* top of the thoracic spine (C7), base of the neck */
    SKEL_HEAD,        /* centre of the head */
    SKEL_HIP_L, SKEL_KNEE_L, SKEL_ANKLE_L, SKEL_HEEL_L, SKEL_TOE_L,
    SKEL_HIP_R, SKEL_KNEE_R, SKEL_ANKLE_R, SKEL_HEEL_R, SKEL_TOE_R,
    SKEL_SHOULDER_L, SKEL_ELBOW_L, SKEL_WRIST_L, SKEL_HAND_L,
    SKEL_SHOULDER_R, SKEL_ELBOW_R, SKEL_WRIST_R, SKEL_HAND_R,
    /* Points between the ends of the spine, so it bends along its length
     * (skel.c gives the share of each): L4 and L2 in the lumbar spine, T9
     * and T5 in the thoracic. */
    SKEL_L4, SKEL_L2, SKEL_T9, SKEL_T5,
    /* The pelvis's landmarks, midline, for drawing its tilt: the sacrum
     * behind and the front of the pelvis (ASIS) ahead of the hips. */
    SKEL_SACRUM, SKEL_ASIS,
    /* The ball of the foot: the toe (metatarsophalangeal) joints. */
    SKEL_BALL_L, SKEL_BALL_R,
    /* A point on the face, ahead of the head's centre along its gaze, so
     * the drawing can show which way the head turns and nods. */
    SKEL_NOSE,
    SKEL_JOINT_COUNT
} SkelJoint;

/* Angles of one arm and one leg. 0 everywhere is the anatomical position
 * (standing, arms by the sides, palms forward). Positive = the first word. */
typedef struct {
    float hip_flex;        /* + flexion, - extension */
    float hip_abd;         /* + abduction, - adduction */
    float hip_rot;         /* + internal, - external rotation */
    float knee_flex;       /* + flexion; never below 0 */
    float ankle_df;        /* + dorsiflexion, - plantar flexion */
    float toe_ext;         /* at the ball of the foot: + extension (toes up), - flexion */
    float shoulder_flex;   /* + flexion (arm forward and up), - extension */
    float shoulder_abd;    /* + abduction */
    float shoulder_rot;    /* + internal, - external rotation */
    float elbow_flex;      /* + flexion; never below 0 */
    float wrist_ext;       /* + extension (back of the hand up), - flexion */
} SkelLimbAngles;

typedef struct {
    /* Where the whole body points, before grounding: pitch 0 upright,
     * +90 lying face down (prone), -90 lying on the back (supine); roll
     * tips it to its left (+); yaw turns it to its left (+). */
    float root_pitch, root_roll, root_yaw;
    float pelvis_tilt;                                   /* + anterior tilt */
    float lumbar_flex, lumbar_side, lumbar_rot;          /* side/rot + to the left */
    float thoracic_flex, thoracic_side, thoracic_rot;
    float neck_flex, neck_side, neck_rot;
    SkelLimbAngles limb[2];                              /* [SKEL_LEFT], [SKEL_RIGHT] */
} SkelAngles;

/* A bone to draw: two joints and whether it belongs to the left or right
 * side of the body (-1 for the midline). */
typedef struct {
    SkelJoint a, b;
    int side;
} SkelBone;

extern const SkelBone skel_bones[];
extern const int skel_bone_count;

typedef enum { PROP_NONE, PROP_MAT, PROP_CHAIR, PROP_BIKE, PROP_WATER } PropKind;

/* The figure as the camera sees it: what drawing needs, nothing more. */
typedef struct {
    Vec2 joint[SKEL_JOINT_COUNT];   /* camera plane, metres, y up, floor at y = 0 */
    float depth[SKEL_JOINT_COUNT];  /* larger = nearer the camera */
    float head_radius;              /* metres */
    PropKind prop;
    /* Prop anchors in the same space: CHAIR [0] front edge of the seat top;
     * BIKE [0] saddle, [1] crank centre, [2] handlebar grip;
     * WATER [0].y the water surface. Unused ones are zero. */
    Vec2 prop_at[3];
    bool floor;                     /* draw the floor line (false in water) */
    bool flipped;                   /* seen from the other side: x runs the other way */
    bool girdles;                   /* the camera is not a side view: draw the shoulder
                                     * and hip lines as bars (mesh.c) */
    /* A floor that moves under a walk on the spot ('floor moves'): marks at
     * floor_mark_x + i * floor_mark_step; a step of 0 draws none. */
    float floor_mark_x, floor_mark_step;
    /* The same camera risen straight overhead (draw.c's view from above):
     * [0], [1] the shoulders l, r about their middle, [2], [3] the hips l,
     * r about theirs, [4] the nose from the head's centre. Metres, y away
     * from the camera. */
    Vec2 above[5];
} FigureFrame;

/* An orthographic camera: yaw 0 is a side view with the figure facing
 * screen-right, 90 looks at its front; pitch looks down from above (+).
 * skel.c documents which side is near at yaw 0. */
typedef struct {
    float yaw, pitch;
} SkelCamera;

/* ---- Kinematics (skel.c) ------------------------------------------------ */

/* Adult proportions for a 1.70 m person, in metres (skel.c cites them). */
typedef struct {
    float pelvis_half_width;   /* pelvis centre to each hip joint */
    float lumbar, thoracic;    /* pelvis to L1, L1 to C7 */
    float neck;                /* C7 to the centre of the head */
    float head_radius;
    float shoulder_half_width; /* C7 sideways to each shoulder joint */
    float shoulder_drop;       /* C7 down to the shoulder joints */
    float shoulder_forward;    /* the spine forward to the shoulder joints */
    float upper_arm, forearm, hand;
    float thigh, shin;
    float ankle_height;        /* ankle joint above the sole */
    float heel_back, toe_front;/* sole points behind and ahead of the ankle */
    float heel_pad;            /* the heel's centre (the calcaneus) above the sole */
    float ball_front;          /* the toe joints ahead of the ankle */
    float ball_height;         /* the toe joints above the sole */
    float sacrum_back, sacrum_up; /* the sacrum from the pelvis centre */
    float asis_front, asis_up;    /* the front of the pelvis (ASIS) */
    float nose_front;             /* the face mark ahead of the head's centre */
} SkelBody;

extern const SkelBody skel_body;

/* The distance from a joint centre to the body's surface below it (flesh
 * under the pelvis, a knee cap, the head), so a figure lying or kneeling
 * rests on its surface, not on its bones. The toe is on the sole: 0. */
float skel_joint_radius(SkelJoint j);

/* Forward kinematics: the joint positions for a set of angles, pelvis at
 * the origin, before grounding. */
void skel_solve(const SkelAngles *angles, Vec3 out[SKEL_JOINT_COUNT]);

/* Swaps left and right limbs and negates every angle that leans, turns or
 * rolls to one side: the same exercise on the other side. */
void skel_mirror(SkelAngles *angles);

/* A mask of SKEL_JOINT_BIT with each left joint's bit swapped for its right
 * twin's: the anchor (or contacts) of the mirrored side. */
unsigned skel_mirror_joints(unsigned mask);

/* Where and how a figure is placed and seen; one per pose file. */
typedef struct {
    SkelCamera camera;
    PropKind prop;
    bool near_left;        /* false: the figure's right side faces the camera */
    unsigned anchor;       /* bit per SkelJoint: their mean keeps x = z = 0 */
    float water_depth;     /* PROP_WATER: pelvis centre below the surface */
} SkelStage;

#define SKEL_JOINT_BIT(j) (1u << (j))
#define SKEL_WATER_Y 1.0f  /* the water surface, where there is no floor */
#define SKEL_BIKE_CRANK_Y 0.32f /* crank centre above the floor */

/* The lowest point of the body's surface (joint y minus its radius). */
float skel_lowest(const Vec3 pos[SKEL_JOINT_COUNT]);

/* Grounding: moves the figure (in place) so its lowest surface point rests
 * on the floor (y = 0) and the anchor joints keep x = z = 0; on a bike the
 * crank centre sits at SKEL_BIKE_CRANK_Y, in water the pelvis floats. */
void skel_ground(const SkelStage *stage, Vec3 pos[SKEL_JOINT_COUNT]);

/* Projects grounded positions through the stage's camera into a frame,
 * with the prop's anchors. */
void skel_project(const SkelStage *stage, const Vec3 pos[SKEL_JOINT_COUNT], FigureFrame *out);

/* Solves, grounds and projects one set of angles (already mirrored when
 * mirrored is set): the mirrored side keeps its own anchor still, the
 * kneeling knee of the hip flexor stretch whichever knee that is. */
void skel_figure(const SkelStage *stage, const SkelAngles *angles, bool mirrored,
                 FigureFrame *out);

/* The mean x of the joints in mask (SKEL_JOINT_BIT), as the frame shows
 * them; 0 for an empty mask. */
float skel_mean_x(const FigureFrame *frame, unsigned mask);

/* The same frame seen from the other side of the body: x negated and near
 * and far swapped. Applied to a mirrored frame, it gives the mirror image
 * of the first side, so the working limb of the second side is near the
 * camera too (the figure faces the other way). */
void skel_flip(FigureFrame *frame);

/* The frame as a mirror shows it: x negated, near and far kept. */
void skel_mirror_view(FigureFrame *frame);

/* The bounds [min, max] of frames flipped by skel_flip or skel_mirror_view. */
void skel_flip_bounds(Vec2 *min, Vec2 *max);

/* ---- The angle table: names in pose files, fields, range of motion ------ */

typedef struct {
    const char *name;      /* "hip.flex.l", "lumbar.flex", "root.pitch" */
    size_t offset;         /* of the float in SkelAngles */
    float min, max;        /* active range of motion, degrees */
    float passive_min, passive_max; /* allowed when marked passive */
} SkelAngleInfo;

extern const SkelAngleInfo skel_angles[];
extern const int skel_angle_count;

/* The entry named name (len bytes, not terminated), or NULL. */
const SkelAngleInfo *skel_angle_find(const char *name, size_t len);

/* The float an entry names inside a set of angles. */
float *skel_angle_field(SkelAngles *angles, const SkelAngleInfo *info);

#endif
