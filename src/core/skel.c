/* skel: bones of fixed length, forward kinematics, grounding, projection
 * and the one table of joint angles with their ranges of motion. */
#include "skel.h"

#include <assert.h>
#include <math.h>
#include <stdbool.h>
#include <string.h>

/* ---- The body ---------------------------------------------------------- */

/* Segment lengths as fractions of standing height H, from Winter,
 * "Biomechanics and Motor Control of Human Movement" (4th ed., 2009),
 * fig. 4.1, for H = 1.70 m: hip joint at 0.530 H, knee 0.285 H, ankle
 * 0.039 H, shoulder 0.818 H, elbow 0.630 H, wrist 0.485 H, chin 0.870 H,
 * foot length 0.152 H, shoulder width 0.259 H (acromion to acromion, so
 * the joint centres sit a little inside). C7 is taken at 0.830 H and L1
 * splits the trunk 2:3; the hand runs from the wrist to the knuckles.
 * Winter's shoulder is the acromion, on top of the shoulder, not the
 * joint's centre: measured from the acromion the upper arm was 0.188 H,
 * so on all fours (hands under the shoulders, knees under the hips) the
 * arms held the trunk 14 degrees uphill (issue 13's review). The upper
 * arm is de Leva's instead (J Biomech 1996; 29:1223, table 1: shoulder
 * joint centre to elbow joint centre, 281.7 mm of a 1741 mm stature, so
 * 0.162 H), with the elbow where Winter has it: the shoulder joint sits
 * 0.026 H lower, 0.038 H under C7, and 0.015 H (2.5 cm) in front of the
 * spine, as the glenohumeral joint sits just ahead of the vertebral
 * bodies. */
#define H 1.70f
const SkelBody skel_body = {
    .pelvis_half_width = 0.052f * H, /* hip joint centres ~0.18 m apart */
    .lumbar = 0.120f * H,
    .thoracic = 0.180f * H,
    .neck = 0.105f * H,              /* C7 to the head centre at 0.935 H */
    .head_radius = 0.060f * H,       /* a disc between the head's length, front to
                                      * back (about 0.115 H), and chin-to-crown
                                      * (0.130 H): a disc of chin-to-crown looked
                                      * oversized beside the trunk (issue 13) */
    .shoulder_half_width = 0.112f * H,
    .shoulder_drop = 0.038f * H,
    .shoulder_forward = 0.015f * H,  /* the spine runs just behind the joints */
    .upper_arm = 0.162f * H,
    .forearm = 0.145f * H,
    .hand = 0.060f * H,
    .thigh = 0.245f * H,
    .shin = 0.246f * H,
    .ankle_height = 0.039f * H,
    .heel_back = 0.030f * H,
    .toe_front = 0.122f * H,
    /* The heel joint is the calcaneus, inside the heel, not the point of
     * the sole under it: a pointed foot (kneeling, the top of the foot on
     * the mat) turns its sole up, and a heel drawn at the sole's corner
     * stood twice as high over the mat as a heel does (issue 13's review).
     * The heel pad under it is its radius, so a standing heel still rests
     * exactly on the floor. An estimate: the calcaneal tuberosity's centre
     * about 3 cm over the sole. */
    .heel_pad = 0.018f * H,
    .ball_front = 0.082f * H,        /* the toes are the front 0.040 H */
    .ball_height = 0.012f * H,
    /* The ASIS from the hip joint centres as Bell, Pedersen & Brand (J
     * Biomech 1990; 23:617) place those from it: 30 % of the distance
     * between the two ASIS below, 19 % behind, for a pelvis 0.14 H (0.24 m)
     * wide. The sacrum is an estimate, kept inside the buttocks' surface. */
    .sacrum_back = 0.03f,
    .sacrum_up = 0.04f,
    .asis_front = 0.046f,
    .asis_up = 0.072f,
    /* inside the head's disc, so it marks the face without changing the
     * outline: 0.6 of the head's radius */
    .nose_front = 0.036f * H,
};
#undef H

/* Soft tissue between a joint centre and the floor it rests on; kept a
 * little under true body depth so a thick-line figure neither floats nor
 * sinks. */
float skel_joint_radius(SkelJoint j)
{
    switch (j) {
    case SKEL_HEAD: return skel_body.head_radius;
    case SKEL_PELVIS: case SKEL_HIP_L: case SKEL_HIP_R: return 0.07f;
    case SKEL_LUMBAR: return 0.06f;
    case SKEL_CHEST: return 0.07f;
    case SKEL_SHOULDER_L: case SKEL_SHOULDER_R: return 0.05f;
    /* kneeling, the knee rests on the patella and the tibial tuberosity,
     * about 5 cm ahead of the joint's centre */
    case SKEL_KNEE_L: case SKEL_KNEE_R: return 0.050f;
    case SKEL_ELBOW_L: case SKEL_ELBOW_R: return 0.035f;
    case SKEL_ANKLE_L: case SKEL_ANKLE_R: return 0.035f;
    case SKEL_WRIST_L: case SKEL_WRIST_R: return 0.02f;
    case SKEL_HAND_L: case SKEL_HAND_R: return 0.015f;
    case SKEL_HEEL_L: case SKEL_HEEL_R: return skel_body.heel_pad;
    case SKEL_TOE_L: case SKEL_TOE_R: return 0.0f;
    /* the ball of the foot is as far above the sole as below the top of
     * the foot, so it rests on the floor standing and kneeling alike */
    case SKEL_BALL_L: case SKEL_BALL_R: return skel_body.ball_height;
    case SKEL_L4: case SKEL_L2: return 0.06f;
    case SKEL_T9: case SKEL_T5: return 0.07f;
    /* landmarks inside the pelvis, never lower than its surface */
    case SKEL_SACRUM: return 0.04f;
    case SKEL_ASIS: return 0.02f;
    /* inside the head: never lower than the head's own surface */
    case SKEL_NOSE: return skel_body.head_radius - skel_body.nose_front;
    case SKEL_JOINT_COUNT: break;
    }
    assert(!"bad joint");
    return 0.0f;
}

const SkelBone skel_bones[] = {
    { SKEL_PELVIS, SKEL_L4, -1 },
    { SKEL_L4, SKEL_L2, -1 },
    { SKEL_L2, SKEL_LUMBAR, -1 },
    { SKEL_LUMBAR, SKEL_T9, -1 },
    { SKEL_T9, SKEL_T5, -1 },
    { SKEL_T5, SKEL_CHEST, -1 },
    { SKEL_SACRUM, SKEL_ASIS, -1 },
    { SKEL_CHEST, SKEL_HEAD, -1 },
    { SKEL_PELVIS, SKEL_HIP_L, SKEL_LEFT },
    { SKEL_HIP_L, SKEL_KNEE_L, SKEL_LEFT },
    { SKEL_KNEE_L, SKEL_ANKLE_L, SKEL_LEFT },
    { SKEL_ANKLE_L, SKEL_HEEL_L, SKEL_LEFT },
    { SKEL_HEEL_L, SKEL_BALL_L, SKEL_LEFT },
    { SKEL_ANKLE_L, SKEL_BALL_L, SKEL_LEFT },
    { SKEL_BALL_L, SKEL_TOE_L, SKEL_LEFT },
    { SKEL_PELVIS, SKEL_HIP_R, SKEL_RIGHT },
    { SKEL_HIP_R, SKEL_KNEE_R, SKEL_RIGHT },
    { SKEL_KNEE_R, SKEL_ANKLE_R, SKEL_RIGHT },
    { SKEL_ANKLE_R, SKEL_HEEL_R, SKEL_RIGHT },
    { SKEL_HEEL_R, SKEL_BALL_R, SKEL_RIGHT },
    { SKEL_ANKLE_R, SKEL_BALL_R, SKEL_RIGHT },
    { SKEL_BALL_R, SKEL_TOE_R, SKEL_RIGHT },
    { SKEL_CHEST, SKEL_SHOULDER_L, SKEL_LEFT },
    { SKEL_SHOULDER_L, SKEL_ELBOW_L, SKEL_LEFT },
    { SKEL_ELBOW_L, SKEL_WRIST_L, SKEL_LEFT },
    { SKEL_WRIST_L, SKEL_HAND_L, SKEL_LEFT },
    { SKEL_CHEST, SKEL_SHOULDER_R, SKEL_RIGHT },
    { SKEL_SHOULDER_R, SKEL_ELBOW_R, SKEL_RIGHT },
    { SKEL_ELBOW_R, SKEL_WRIST_R, SKEL_RIGHT },
    { SKEL_WRIST_R, SKEL_HAND_R, SKEL_RIGHT },
};
const int skel_bone_count = (int)(sizeof skel_bones / sizeof skel_bones[0]);

/* ---- Rotations ---------------------------------------------------------- */

/* Row-major 3x3 rotation; a frame maps local vectors to world vectors. */
typedef struct { float m[3][3]; } Mat3;

static const float DEG = 3.14159265358979f / 180.0f;

static Mat3 mat_mul(Mat3 a, Mat3 b)
{
    Mat3 r;
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            r.m[i][j] = a.m[i][0] * b.m[0][j] + a.m[i][1] * b.m[1][j] + a.m[i][2] * b.m[2][j];
    return r;
}

static Vec3 mat_apply(Mat3 a, Vec3 v)
{
    Vec3 r = {
        a.m[0][0] * v.x + a.m[0][1] * v.y + a.m[0][2] * v.z,
        a.m[1][0] * v.x + a.m[1][1] * v.y + a.m[1][2] * v.z,
        a.m[2][0] * v.x + a.m[2][1] * v.y + a.m[2][2] * v.z,
    };
    return r;
}

/* About z (toward the figure's left): +deg turns +x toward +y, so the
 * sagittal plane; flexion signs are chosen per joint below. */
static Mat3 rot_z(float deg)
{
    float c = cosf(deg * DEG), s = sinf(deg * DEG);
    Mat3 r = { { { c, -s, 0 }, { s, c, 0 }, { 0, 0, 1 } } };
    return r;
}

/* About x (forward): +deg turns +y toward +z, a lean to the left. */
static Mat3 rot_x(float deg)
{
    float c = cosf(deg * DEG), s = sinf(deg * DEG);
    Mat3 r = { { { 1, 0, 0 }, { 0, c, -s }, { 0, s, c } } };
    return r;
}

/* About y (up): +deg turns +x toward -z, a turn to the right. */
static Mat3 rot_y(float deg)
{
    float c = cosf(deg * DEG), s = sinf(deg * DEG);
    Mat3 r = { { { c, 0, s }, { 0, 1, 0 }, { -s, 0, c } } };
    return r;
}

static Vec3 v3(float x, float y, float z)
{
    Vec3 v = { x, y, z };
    return v;
}

static Vec3 v_add(Vec3 a, Vec3 b)
{
    return v3(a.x + b.x, a.y + b.y, a.z + b.z);
}

/* A spine segment: flexion bends forward (top toward +x), side bend and
 * rotation positive to the left. */
static Mat3 spine_rot(float flex, float side, float rot)
{
    return mat_mul(mat_mul(rot_z(-flex), rot_x(side)), rot_y(-rot));
}

/* A ball joint of a limb hanging down its local -y: flexion swings it
 * forward, abduction away from the midline, internal rotation turns its
 * front toward the midline. s is +1 for the left side, -1 for the right. */
static Mat3 ball_rot(float flex, float abd, float rot, float s)
{
    return mat_mul(mat_mul(rot_z(flex), rot_x(-s * abd)), rot_y(s * rot));
}

/* ---- Forward kinematics -------------------------------------------------- */

/* The spine bends along its length, not at two hinges: lumbar.flex and
 * thoracic.flex (and side, rot) are the totals of their regions, shared
 * among three segments each in proportion to the representative range of
 * the motion segments each spans, from White & Panjabi, "Clinical
 * Biomechanics of the Spine" (2nd ed., 1990), ch. 2, representative values
 * per level (flexion-extension / side bend / axial rotation, degrees):
 *   L5-S1 17/3/1  L4-5 16/6/2  L3-4 15/8/2  L2-3 14/6/2  L1-2 12/6/2
 *   T12-L1 12/8/2  T11-12 12/9/2  T10-11 9/7/2  T9-10 6/6/4
 *   T8-9 6/6/7  T7-8 6/6/8  T6-7 5/6/8  T5-6 4/6/8
 *   T4-5 4/6/8  T3-4 4/6/8  T2-3 4/6/8  T1-2 4/5/9
 * so the low back bends most at its base and the thoracic spine most at
 * the thoracolumbar junction, while thoracic rotation is mostly mid and
 * upper thoracic. Segment lengths follow the vertebrae they hold. */
typedef struct {
    SkelJoint top;
    float length;           /* share of its region's length */
    float flex, side, rot;  /* share of its region's totals */
} SpineSegment;

enum { SPINE_SEGMENTS = 6 };
static const SpineSegment spine_segments[SPINE_SEGMENTS] = {
    { SKEL_L4, 0.4f, 33.0f / 74.0f, 9.0f / 29.0f, 3.0f / 9.0f },      /* L5-S1, L4-5 */
    { SKEL_L2, 0.4f, 29.0f / 74.0f, 14.0f / 29.0f, 4.0f / 9.0f },     /* L3-4, L2-3 */
    { SKEL_LUMBAR, 0.2f, 12.0f / 74.0f, 6.0f / 29.0f, 2.0f / 9.0f },  /* L1-2 */
    { SKEL_T9, 1.0f / 3, 39.0f / 76.0f, 30.0f / 77.0f, 10.0f / 74.0f }, /* T12-L1 .. T9-10 */
    { SKEL_T5, 1.0f / 3, 21.0f / 76.0f, 24.0f / 77.0f, 31.0f / 74.0f }, /* T8-9 .. T5-6 */
    { SKEL_CHEST, 1.0f / 3, 16.0f / 76.0f, 23.0f / 77.0f, 33.0f / 74.0f }, /* T4-5 .. T1-2 */
};

static void solve_leg(const SkelLimbAngles *l, Mat3 pelvis, Vec3 hip, float s, Vec3 out[6])
{
    const SkelBody *b = &skel_body;
    Mat3 thigh = mat_mul(pelvis, ball_rot(l->hip_flex, l->hip_abd, l->hip_rot, s));
    Vec3 knee = v_add(hip, mat_apply(thigh, v3(0, -b->thigh, 0)));
    Mat3 shin = mat_mul(thigh, rot_z(-l->knee_flex)); /* flexion takes the shin back */
    Vec3 ankle = v_add(knee, mat_apply(shin, v3(0, -b->shin, 0)));
    Mat3 foot = mat_mul(shin, rot_z(l->ankle_df));    /* dorsiflexion lifts the toes */
    out[0] = hip;
    out[1] = knee;
    out[2] = ankle;
    out[3] = v_add(ankle, mat_apply(foot, v3(-b->heel_back, b->heel_pad - b->ankle_height, 0)));
    Vec3 ball = v_add(ankle, mat_apply(foot, v3(b->ball_front, b->ball_height - b->ankle_height, 0)));
    Mat3 toes = mat_mul(foot, rot_z(l->toe_ext));     /* extension lifts the toes */
    out[4] = v_add(ball, mat_apply(toes, v3(b->toe_front - b->ball_front, -b->ball_height, 0)));
    out[5] = ball;
}

static void solve_arm(const SkelLimbAngles *l, Mat3 chest, Vec3 shoulder, float s, Vec3 out[4])
{
    const SkelBody *b = &skel_body;
    Mat3 upper = mat_mul(chest, ball_rot(l->shoulder_flex, l->shoulder_abd, l->shoulder_rot, s));
    Vec3 elbow = v_add(shoulder, mat_apply(upper, v3(0, -b->upper_arm, 0)));
    Mat3 fore = mat_mul(upper, rot_z(l->elbow_flex)); /* palms forward: bends forward */
    Vec3 wrist = v_add(elbow, mat_apply(fore, v3(0, -b->forearm, 0)));
    /* No forearm rotation is modelled: the forearm counts as pronated, the
     * way hands rest flat on a floor, so extension turns the hand toward
     * the front of the forearm (fingers forward on all fours). */
    Mat3 hand = mat_mul(fore, rot_z(l->wrist_ext));
    out[0] = shoulder;
    out[1] = elbow;
    out[2] = wrist;
    out[3] = v_add(wrist, mat_apply(hand, v3(0, -b->hand, 0)));
}

void skel_solve(const SkelAngles *a, Vec3 out[SKEL_JOINT_COUNT])
{
    const SkelBody *b = &skel_body;
    /* pitch +90 lays the body face down: its up (+y) turns to its front. */
    Mat3 root = mat_mul(mat_mul(rot_y(-a->root_yaw), rot_x(a->root_roll)), rot_z(-a->root_pitch));
    Mat3 pelvis = mat_mul(root, rot_z(-a->pelvis_tilt));

    out[SKEL_PELVIS] = v3(0, 0, 0);
    out[SKEL_SACRUM] = mat_apply(pelvis, v3(-b->sacrum_back, b->sacrum_up, 0));
    out[SKEL_ASIS] = mat_apply(pelvis, v3(b->asis_front, b->asis_up, 0));
    Mat3 thorax = pelvis;
    Vec3 at = out[SKEL_PELVIS];
    for (int i = 0; i < SPINE_SEGMENTS; i++) {
        const SpineSegment *seg = &spine_segments[i];
        bool lumbar = i < SPINE_SEGMENTS / 2;
        float flex = lumbar ? a->lumbar_flex : a->thoracic_flex;
        float side = lumbar ? a->lumbar_side : a->thoracic_side;
        float rot = lumbar ? a->lumbar_rot : a->thoracic_rot;
        thorax = mat_mul(thorax, spine_rot(flex * seg->flex, side * seg->side, rot * seg->rot));
        at = v_add(at, mat_apply(thorax, v3(0, seg->length * (lumbar ? b->lumbar : b->thoracic), 0)));
        out[seg->top] = at;
    }
    Mat3 neck = mat_mul(thorax, spine_rot(a->neck_flex, a->neck_side, a->neck_rot));
    out[SKEL_HEAD] = v_add(out[SKEL_CHEST], mat_apply(neck, v3(0, b->neck, 0)));
    out[SKEL_NOSE] = v_add(out[SKEL_HEAD], mat_apply(neck, v3(b->nose_front, 0, 0)));

    Vec3 leg[6], arm[4];
    static const SkelJoint leg_j[2][6] = {
        { SKEL_HIP_L, SKEL_KNEE_L, SKEL_ANKLE_L, SKEL_HEEL_L, SKEL_TOE_L, SKEL_BALL_L },
        { SKEL_HIP_R, SKEL_KNEE_R, SKEL_ANKLE_R, SKEL_HEEL_R, SKEL_TOE_R, SKEL_BALL_R },
    };
    static const SkelJoint arm_j[2][4] = {
        { SKEL_SHOULDER_L, SKEL_ELBOW_L, SKEL_WRIST_L, SKEL_HAND_L },
        { SKEL_SHOULDER_R, SKEL_ELBOW_R, SKEL_WRIST_R, SKEL_HAND_R },
    };
    for (int side = 0; side < 2; side++) {
        float s = side == SKEL_LEFT ? 1.0f : -1.0f;
        Vec3 hip = mat_apply(pelvis, v3(0, 0, s * b->pelvis_half_width));
        solve_leg(&a->limb[side], pelvis, hip, s, leg);
        for (int i = 0; i < 6; i++)
            out[leg_j[side][i]] = leg[i];
        Vec3 shoulder = v_add(out[SKEL_CHEST],
                              mat_apply(thorax, v3(b->shoulder_forward, -b->shoulder_drop,
                                                         s * b->shoulder_half_width)));
        solve_arm(&a->limb[side], thorax, shoulder, s, arm);
        for (int i = 0; i < 4; i++)
            out[arm_j[side][i]] = arm[i];
    }
}

void skel_mirror(SkelAngles *a)
{
    SkelLimbAngles left = a->limb[SKEL_LEFT];
    a->limb[SKEL_LEFT] = a->limb[SKEL_RIGHT];
    a->limb[SKEL_RIGHT] = left;
    a->root_roll = -a->root_roll;
    a->root_yaw = -a->root_yaw;
    a->lumbar_side = -a->lumbar_side;
    a->lumbar_rot = -a->lumbar_rot;
    a->thoracic_side = -a->thoracic_side;
    a->thoracic_rot = -a->thoracic_rot;
    a->neck_side = -a->neck_side;
    a->neck_rot = -a->neck_rot;
}

/* ---- Grounding and projection ---------------------------------------------- */

float skel_lowest(const Vec3 pos[SKEL_JOINT_COUNT])
{
    float low = pos[0].y - skel_joint_radius(0);
    for (int j = 1; j < SKEL_JOINT_COUNT; j++) {
        float y = pos[j].y - skel_joint_radius((SkelJoint)j);
        if (y < low)
            low = y;
    }
    return low;
}

static Vec3 mean_of(const Vec3 pos[SKEL_JOINT_COUNT], unsigned mask, Vec3 fallback)
{
    Vec3 sum = { 0, 0, 0 };
    int n = 0;
    for (int j = 0; j < SKEL_JOINT_COUNT; j++)
        if (mask & SKEL_JOINT_BIT(j)) {
            sum = v_add(sum, pos[j]);
            n++;
        }
    return n ? v3(sum.x / n, sum.y / n, sum.z / n) : fallback;
}

static Vec3 crank_centre(const Vec3 pos[SKEL_JOINT_COUNT])
{
    return mean_of(pos, SKEL_JOINT_BIT(SKEL_ANKLE_L) | SKEL_JOINT_BIT(SKEL_ANKLE_R), pos[0]);
}

void skel_ground(const SkelStage *stage, Vec3 pos[SKEL_JOINT_COUNT])
{
    Vec3 anchor = mean_of(pos, stage->anchor, pos[SKEL_PELVIS]);
    float dy;
    switch (stage->prop) {
    case PROP_WATER:
        dy = SKEL_WATER_Y - stage->water_depth - pos[SKEL_PELVIS].y;
        break;
    case PROP_BIKE:
        /* the cranks sit at their height, but a foot never goes through
         * the floor, whatever a pose file says */
        dy = fmaxf(SKEL_BIKE_CRANK_Y - crank_centre(pos).y, -skel_lowest(pos));
        break;
    default:
        dy = -skel_lowest(pos);
        break;
    }
    for (int j = 0; j < SKEL_JOINT_COUNT; j++) {
        pos[j].x -= anchor.x;
        pos[j].y += dy;
        pos[j].z -= anchor.z;
    }
}

/* At yaw 0 the camera stands at the figure's right (-z) looking at its
 * right side, so the figure faces screen-right and its right limbs are
 * near; at yaw 90 it stands in front. near_left mirrors the picture instead
 * of turning the camera, so a side view always faces right. Depth is
 * measured from the anchor, so with pitch the floor line (y = 0) passes
 * through the anchor. */
static Vec2 project(const SkelStage *st, Vec3 p, float *depth)
{
    float yaw = st->camera.yaw * DEG, pitch = st->camera.pitch * DEG;
    float z = st->near_left ? -p.z : p.z;
    float sx = p.x * cosf(yaw) + z * sinf(yaw);
    float d = -z * cosf(yaw) + p.x * sinf(yaw);
    Vec2 r = { sx, p.y * cosf(pitch) - d * sinf(pitch) };
    if (depth)
        *depth = d * cosf(pitch) + p.y * sinf(pitch);
    return r;
}

void skel_project(const SkelStage *stage, const Vec3 pos[SKEL_JOINT_COUNT], FigureFrame *out)
{
    memset(out, 0, sizeof *out);
    for (int j = 0; j < SKEL_JOINT_COUNT; j++)
        out->joint[j] = project(stage, pos[j], &out->depth[j]);
    out->head_radius = skel_body.head_radius;
    out->prop = stage->prop;
    out->floor = stage->prop != PROP_WATER;
    /* seen from the side the girdles are end-on, and a bar would only be a
     * lump at the shoulder */
    out->girdles = fabsf(stage->camera.yaw) >= 5.0f || fabsf(stage->camera.pitch) >= 5.0f;
    SkelStage overhead = *stage;
    overhead.camera.pitch = 90.0f;
    const SkelJoint pairs[3][2] = { { SKEL_SHOULDER_L, SKEL_SHOULDER_R },
                                    { SKEL_HIP_L, SKEL_HIP_R },
                                    { SKEL_NOSE, SKEL_HEAD } };
    for (int k = 0; k < 3; k++) {
        Vec2 a = project(&overhead, pos[pairs[k][0]], NULL);
        Vec2 b = project(&overhead, pos[pairs[k][1]], NULL);
        if (k < 2) { /* each bar about its middle, so the two share a centre */
            Vec2 mid = { 0.5f * (a.x + b.x), 0.5f * (a.y + b.y) };
            out->above[2 * k] = (Vec2){ a.x - mid.x, a.y - mid.y };
            out->above[2 * k + 1] = (Vec2){ b.x - mid.x, b.y - mid.y };
        } else {
            out->above[4] = (Vec2){ a.x - b.x, a.y - b.y };
        }
    }
    Vec3 pelvis = pos[SKEL_PELVIS];
    Vec3 seat = v3(pelvis.x, pelvis.y - skel_joint_radius(SKEL_PELVIS), pelvis.z);
    switch (stage->prop) {
    case PROP_CHAIR:
        /* sitting on the front edge, as the stretch asks: the edge is a
         * third of the way along the thigh, so a straight leg clears it */
        out->prop_at[0] = project(stage, v3(seat.x + 0.33f * skel_body.thigh, seat.y, 0), NULL);
        break;
    case PROP_BIKE: {
        Vec3 crank = crank_centre(pos);
        Vec3 grip = mean_of(pos, SKEL_JOINT_BIT(SKEL_HAND_L) | SKEL_JOINT_BIT(SKEL_HAND_R), pos[0]);
        out->prop_at[0] = project(stage, v3(seat.x, seat.y, 0), NULL);
        out->prop_at[1] = project(stage, v3(crank.x, crank.y, 0), NULL);
        out->prop_at[2] = project(stage, v3(grip.x, grip.y, 0), NULL);
        break;
    }
    case PROP_WATER:
        out->prop_at[0] = project(stage, v3(0, SKEL_WATER_Y, 0), NULL);
        break;
    default:
        break;
    }
    /* A pitched camera drops what is nearer than the anchor below the floor
     * line (found by the pose fuzzer): lift the picture so that the lowest
     * joint stands on the line, as grounding does without pitch. */
    float lowest = 0.0f;
    for (int j = 0; j < SKEL_JOINT_COUNT; j++)
        lowest = fminf(lowest, out->joint[j].y);
    if (out->floor && lowest < 0.0f) {
        for (int j = 0; j < SKEL_JOINT_COUNT; j++)
            out->joint[j].y -= lowest;
        for (int k = 0; k < 3; k++)
            out->prop_at[k].y -= lowest;
    }
}

unsigned skel_mirror_joints(unsigned mask)
{
    static const SkelJoint left[] = { SKEL_HIP_L, SKEL_KNEE_L, SKEL_ANKLE_L, SKEL_HEEL_L,
                                      SKEL_TOE_L, SKEL_SHOULDER_L, SKEL_ELBOW_L, SKEL_WRIST_L,
                                      SKEL_HAND_L, SKEL_BALL_L };
    static const SkelJoint right[] = { SKEL_HIP_R, SKEL_KNEE_R, SKEL_ANKLE_R, SKEL_HEEL_R,
                                       SKEL_TOE_R, SKEL_SHOULDER_R, SKEL_ELBOW_R, SKEL_WRIST_R,
                                       SKEL_HAND_R, SKEL_BALL_R };
    unsigned out = mask;
    for (size_t i = 0; i < sizeof left / sizeof left[0]; i++) {
        unsigned l = SKEL_JOINT_BIT(left[i]), r = SKEL_JOINT_BIT(right[i]);
        out &= ~(l | r);
        out |= (mask & l ? r : 0) | (mask & r ? l : 0);
    }
    return out;
}

void skel_figure(const SkelStage *stage, const SkelAngles *angles, bool mirrored,
                 FigureFrame *out)
{
    Vec3 pos[SKEL_JOINT_COUNT];
    skel_solve(angles, pos);
    SkelStage own = *stage;
    if (mirrored)
        own.anchor = skel_mirror_joints(own.anchor);
    skel_ground(&own, pos);
    skel_project(&own, pos, out);
}

float skel_mean_x(const FigureFrame *frame, unsigned mask)
{
    float sum = 0.0f;
    int n = 0;
    for (int j = 0; j < SKEL_JOINT_COUNT; j++)
        if (mask & SKEL_JOINT_BIT(j)) {
            sum += frame->joint[j].x;
            n++;
        }
    return n ? sum / (float)n : 0.0f;
}

void skel_mirror_view(FigureFrame *frame)
{
    for (int j = 0; j < SKEL_JOINT_COUNT; j++)
        frame->joint[j].x = -frame->joint[j].x;
    for (int k = 0; k < 3; k++)
        frame->prop_at[k].x = -frame->prop_at[k].x;
    frame->floor_mark_x = -frame->floor_mark_x;
    for (int k = 0; k < 5; k++)
        frame->above[k].x = -frame->above[k].x;
    frame->flipped = !frame->flipped;
}

void skel_flip(FigureFrame *frame)
{
    skel_mirror_view(frame);
    for (int j = 0; j < SKEL_JOINT_COUNT; j++)
        frame->depth[j] = -frame->depth[j];
    for (int k = 0; k < 5; k++) /* from above, the far side is the near one now */
        frame->above[k].y = -frame->above[k].y;
}

void skel_flip_bounds(Vec2 *min, Vec2 *max)
{
    float lo = -max->x;
    max->x = -min->x;
    min->x = lo;
}

/* ---- The angle table --------------------------------------------------------- */

/* Normal active ranges of motion (degrees) from the AAOS values in Norkin &
 * White, "Measurement of Joint Motion" (table A.1): hip 120 flexion / 30
 * extension, 45 abduction / 30 adduction, 45 / 45 rotation; knee 0-135;
 * ankle 20 dorsi- / 50 plantar flexion; toes (first metatarsophalangeal
 * joint) 70 extension / 45 flexion, here 40 for the lesser toes that
 * follow it; shoulder 180 flexion / 60
 * extension, 180 abduction, 70 internal / 90 external rotation; elbow
 * 0-150; wrist 70 extension / 80 flexion. Spine from Magee, "Orthopedic
 * Physical Assessment": lumbar 60 flexion / 35 extension, 20 side bend,
 * 15 rotation; thoracolumbar rotation 45 a side (AMA Guides), here 15
 * lumbar + 30 thoracic; cervical 50 flexion / 70 extension, 45 side bend,
 * 80 rotation (Muscolino; 38 CFR 4.71a).
 * Passive exceptions, where body parts support each other: knee to 160
 * (sitting back on the heels in child's pose: Kapandji, "The Physiology of
 * the Joints", vol. 2, gives passive knee flexion as 160, the heel
 * touching the buttock; the soft tissue of calf and thigh stops it), wrist extension to 90
 * (hands flat on the floor), hip flexion to 135 (thighs against the chest),
 * plantar flexion to 65 (kneeling with the tops of the feet on the floor,
 * as in sitting on the heels), toe extension to 90 (toes tucked under on
 * the floor, as in a plank: the body's weight bends them).
 * The root places the whole body and has no limit. */
#define LIMB(name, field, lo, hi, plo, phi) \
    { name ".l", offsetof(SkelAngles, limb[0].field), lo, hi, plo, phi }, \
    { name ".r", offsetof(SkelAngles, limb[1].field), lo, hi, plo, phi }
#define AXIS(name, field, lo, hi) { name, offsetof(SkelAngles, field), lo, hi, lo, hi }

const SkelAngleInfo skel_angles[] = {
    AXIS("root.pitch", root_pitch, -180, 180),
    AXIS("root.roll", root_roll, -180, 180),
    AXIS("root.yaw", root_yaw, -180, 180),
    AXIS("pelvis.tilt", pelvis_tilt, -20, 20),
    AXIS("lumbar.flex", lumbar_flex, -35, 60),
    AXIS("lumbar.side", lumbar_side, -20, 20),
    AXIS("lumbar.rot", lumbar_rot, -15, 15),
    AXIS("thoracic.flex", thoracic_flex, -25, 45),
    AXIS("thoracic.side", thoracic_side, -25, 25),
    AXIS("thoracic.rot", thoracic_rot, -30, 30),
    AXIS("neck.flex", neck_flex, -70, 50),
    AXIS("neck.side", neck_side, -45, 45),
    AXIS("neck.rot", neck_rot, -80, 80),
    LIMB("hip.flex", hip_flex, -30, 120, -30, 135),
    LIMB("hip.abd", hip_abd, -30, 45, -30, 45),
    LIMB("hip.rot", hip_rot, -45, 45, -45, 45),
    LIMB("knee.flex", knee_flex, 0, 135, 0, 160),
    LIMB("ankle.df", ankle_df, -50, 20, -65, 20),
    LIMB("toe.ext", toe_ext, -40, 70, -40, 90),
    LIMB("shoulder.flex", shoulder_flex, -60, 180, -60, 180),
    LIMB("shoulder.abd", shoulder_abd, 0, 180, 0, 180),
    LIMB("shoulder.rot", shoulder_rot, -90, 70, -90, 70),
    LIMB("elbow.flex", elbow_flex, 0, 150, 0, 150),
    LIMB("wrist.ext", wrist_ext, -80, 70, -80, 90),
};
const int skel_angle_count = (int)(sizeof skel_angles / sizeof skel_angles[0]);
#undef LIMB
#undef AXIS

const SkelAngleInfo *skel_angle_find(const char *name, size_t len)
{
    for (int i = 0; i < skel_angle_count; i++)
        if (strlen(skel_angles[i].name) == len && memcmp(skel_angles[i].name, name, len) == 0)
            return &skel_angles[i];
    return NULL;
}

float *skel_angle_field(SkelAngles *angles, const SkelAngleInfo *info)
{
    return (float *)((char *)angles + info->offset);
}
