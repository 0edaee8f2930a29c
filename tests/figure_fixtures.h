/* Hand-built FigureFrames for the drawing tests: a standing figure seen from
 * its side and one on hands and knees, joints in metres, floor at y = 0. */
#ifndef LIMBER_FIGURE_FIXTURES_H
#define LIMBER_FIGURE_FIXTURES_H

#include <string.h>

#include "skel.h"

typedef struct {
    SkelJoint j;
    float x, y;
} FixtureJoint;

static inline bool fixture_left(SkelJoint j)
{
    return (j >= SKEL_HIP_L && j <= SKEL_TOE_L) || (j >= SKEL_SHOULDER_L && j <= SKEL_HAND_L) ||
           j == SKEL_BALL_L;
}

static inline bool fixture_right(SkelJoint j)
{
    return (j >= SKEL_HIP_R && j <= SKEL_TOE_R) || (j >= SKEL_SHOULDER_R && j <= SKEL_HAND_R) ||
           j == SKEL_BALL_R;
}

static inline Vec2 fixture_lerp(Vec2 a, Vec2 b, float t)
{
    return (Vec2){ a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t };
}

/* Both sides share the x, y of the table (a pure side view); the depth puts
 * one side nearer. */
static inline FigureFrame fixture_frame(const FixtureJoint *at, size_t n, float left_depth,
                                        float right_depth)
{
    FigureFrame f;
    memset(&f, 0, sizeof f);
    for (size_t i = 0; i < n; i++) {
        f.joint[at[i].j] = (Vec2){ at[i].x, at[i].y };
        f.depth[at[i].j] = fixture_left(at[i].j) ? left_depth
                         : fixture_right(at[i].j) ? right_depth : 0.0f;
    }
    /* the points the tables leave out: on the straight lines between */
    f.joint[SKEL_L4] = fixture_lerp(f.joint[SKEL_PELVIS], f.joint[SKEL_LUMBAR], 0.4f);
    f.joint[SKEL_L2] = fixture_lerp(f.joint[SKEL_PELVIS], f.joint[SKEL_LUMBAR], 0.8f);
    f.joint[SKEL_T9] = fixture_lerp(f.joint[SKEL_LUMBAR], f.joint[SKEL_CHEST], 1.0f / 3);
    f.joint[SKEL_T5] = fixture_lerp(f.joint[SKEL_LUMBAR], f.joint[SKEL_CHEST], 2.0f / 3);
    f.joint[SKEL_SACRUM] = f.joint[SKEL_ASIS] = f.joint[SKEL_PELVIS];
    f.joint[SKEL_BALL_L] = fixture_lerp(f.joint[SKEL_HEEL_L], f.joint[SKEL_TOE_L], 0.75f);
    f.joint[SKEL_BALL_R] = fixture_lerp(f.joint[SKEL_HEEL_R], f.joint[SKEL_TOE_R], 0.75f);
    f.depth[SKEL_BALL_L] = left_depth;
    f.depth[SKEL_BALL_R] = right_depth;
    f.head_radius = 0.11f;
    /* the face, looking ahead (screen-right), inside the head's disc */
    f.joint[SKEL_NOSE] = (Vec2){ f.joint[SKEL_HEAD].x + 0.6f * f.head_radius, f.joint[SKEL_HEAD].y };
    f.floor = true;
    return f;
}

static inline FigureFrame fixture_standing(float left_depth, float right_depth)
{
    static const FixtureJoint at[] = {
        { SKEL_PELVIS, 0.00f, 0.95f },    { SKEL_LUMBAR, 0.00f, 1.15f },
        { SKEL_CHEST, 0.00f, 1.42f },     { SKEL_HEAD, 0.02f, 1.60f },
        { SKEL_HIP_L, 0.00f, 0.93f },     { SKEL_KNEE_L, 0.02f, 0.50f },
        { SKEL_ANKLE_L, 0.00f, 0.08f },   { SKEL_HEEL_L, -0.05f, 0.00f },
        { SKEL_TOE_L, 0.15f, 0.00f },     { SKEL_HIP_R, 0.00f, 0.93f },
        { SKEL_KNEE_R, 0.02f, 0.50f },    { SKEL_ANKLE_R, 0.00f, 0.08f },
        { SKEL_HEEL_R, -0.05f, 0.00f },   { SKEL_TOE_R, 0.15f, 0.00f },
        { SKEL_SHOULDER_L, 0.0f, 1.38f }, { SKEL_ELBOW_L, 0.0f, 1.10f },
        { SKEL_WRIST_L, 0.02f, 0.85f },   { SKEL_HAND_L, 0.03f, 0.76f },
        { SKEL_SHOULDER_R, 0.0f, 1.38f }, { SKEL_ELBOW_R, 0.0f, 1.10f },
        { SKEL_WRIST_R, 0.02f, 0.85f },   { SKEL_HAND_R, 0.03f, 0.76f },
    };
    return fixture_frame(at, sizeof at / sizeof at[0], left_depth, right_depth);
}

/* On hands and knees, facing right, the far leg and arm a step behind. */
static inline FigureFrame fixture_quadruped(void)
{
    static const FixtureJoint at[] = {
        { SKEL_PELVIS, -0.30f, 0.52f },   { SKEL_LUMBAR, -0.10f, 0.55f },
        { SKEL_CHEST, 0.18f, 0.55f },     { SKEL_HEAD, 0.40f, 0.58f },
        { SKEL_HIP_L, -0.30f, 0.50f },    { SKEL_KNEE_L, -0.30f, 0.06f },
        { SKEL_ANKLE_L, -0.70f, 0.06f },  { SKEL_HEEL_L, -0.72f, 0.10f },
        { SKEL_TOE_L, -0.86f, 0.00f },    { SKEL_HIP_R, -0.28f, 0.50f },
        { SKEL_KNEE_R, -0.24f, 0.06f },   { SKEL_ANKLE_R, -0.64f, 0.06f },
        { SKEL_HEEL_R, -0.66f, 0.10f },   { SKEL_TOE_R, -0.80f, 0.00f },
        { SKEL_SHOULDER_L, 0.18f, 0.50f }, { SKEL_ELBOW_L, 0.18f, 0.26f },
        { SKEL_WRIST_L, 0.18f, 0.03f },   { SKEL_HAND_L, 0.27f, 0.00f },
        { SKEL_SHOULDER_R, 0.22f, 0.50f }, { SKEL_ELBOW_R, 0.22f, 0.26f },
        { SKEL_WRIST_R, 0.22f, 0.03f },   { SKEL_HAND_R, 0.31f, 0.00f },
    };
    FigureFrame f = fixture_frame(at, sizeof at / sizeof at[0], 0.1f, -0.1f);
    f.prop = PROP_MAT;
    return f;
}

#endif
