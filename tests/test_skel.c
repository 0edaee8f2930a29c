/* skel: known angles give known joint positions; the angle table is sane. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <math.h>
#include <stdbool.h>

#include "skel.h"

#define EPS 1e-4f /* metres: well under a pixel at any screen size */

typedef struct {
    const char *what;
    const char *angle[3];   /* names from the angle table */
    float value[3];
    SkelJoint joint;
    Vec3 expect;
} FkCase;

static void check_fk(const FkCase *c)
{
    const SkelBody *b = &skel_body;
    (void)b;
    SkelAngles a;
    memset(&a, 0, sizeof a);
    for (int i = 0; i < 3 && c->angle[i]; i++) {
        const SkelAngleInfo *info = skel_angle_find(c->angle[i], strlen(c->angle[i]));
        assert_non_null(info);
        *skel_angle_field(&a, info) = c->value[i];
    }
    Vec3 pos[SKEL_JOINT_COUNT];
    skel_solve(&a, pos);
    print_message("%s\n", c->what);
    assert_float_equal(pos[c->joint].x, c->expect.x, EPS);
    assert_float_equal(pos[c->joint].y, c->expect.y, EPS);
    assert_float_equal(pos[c->joint].z, c->expect.z, EPS);
}

static Vec3 chain_end(float total, const float len[3], const float share[3], float region)
{
    float angle = 0, x = 0, y = 0;
    for (int i = 0; i < 3; i++) {
        angle += total * share[i] * 3.14159265f / 180;
        x += region * len[i] * sinf(angle);
        y += region * len[i] * cosf(angle);
    }
    return (Vec3){ x, y, 0 };
}

/* Where a region of the spine ends when it bends `total` degrees forward:
 * its three segments (shares of its length) each bend by their share of
 * the total, from White & Panjabi's representative values per level
 * (skel.c): lumbar 33, 29, 12 of 74; thoracic 39, 21, 16 of 76. */
static Vec3 bent_end(float total, bool lumbar, float region)
{
    static const float len[2][3] = { { 0.4f, 0.4f, 0.2f }, { 1 / 3.0f, 1 / 3.0f, 1 / 3.0f } };
    static const float share[2][3] = { { 33 / 74.0f, 29 / 74.0f, 12 / 74.0f },
                                       { 39 / 76.0f, 21 / 76.0f, 16 / 76.0f } };
    return chain_end(total, len[lumbar ? 0 : 1], share[lumbar ? 0 : 1], region);
}

/* The same for a lumbar side bend: 9, 14, 6 of 29 per segment; x is the
 * bend's direction (to the left, +z). */
static Vec3 side_bent_end(float total)
{
    static const float len[3] = { 0.4f, 0.4f, 0.2f };
    static const float share[3] = { 9 / 29.0f, 14 / 29.0f, 6 / 29.0f };
    return chain_end(total, len, share, skel_body.lumbar);
}

static void test_known_positions(void **state)
{
    (void)state;
    const SkelBody *b = &skel_body;
    float pw = b->pelvis_half_width, spine = b->lumbar + b->thoracic;
    Vec3 l1_bent = bent_end(90, true, b->lumbar), c7_bent = bent_end(90, false, b->thoracic);
    Vec3 l1_side = side_bent_end(90);
    const FkCase cases[] = {
        { "zero: left knee under the left hip", { NULL }, { 0 }, SKEL_KNEE_L, { 0, -b->thigh, pw } },
        { "zero: right ankle", { NULL }, { 0 }, SKEL_ANKLE_R, { 0, -b->thigh - b->shin, -pw } },
        { "zero: head above the pelvis", { NULL }, { 0 }, SKEL_HEAD, { 0, spine + b->neck, 0 } },
        { "zero: toe ahead of the ankle on the sole", { NULL }, { 0 }, SKEL_TOE_L,
          { b->toe_front, -b->thigh - b->shin - b->ankle_height, pw } },
        { "zero: left hand hangs", { NULL }, { 0 }, SKEL_HAND_L,
          { b->shoulder_forward, spine - b->shoulder_drop - b->upper_arm - b->forearm - b->hand,
            b->shoulder_half_width } },
        { "zero: the face ahead of the head", { NULL }, { 0 }, SKEL_NOSE,
          { b->nose_front, spine + b->neck, 0 } },
        { "neck rotation 90: the face turns to the left", { "neck.rot" }, { 90 }, SKEL_NOSE,
          { 0, spine + b->neck, b->nose_front } },
        { "neck flexion 90: the face looks down", { "neck.flex" }, { 90 }, SKEL_NOSE,
          { b->neck, spine - b->nose_front, 0 } },
        { "zero: the heel's centre (calcaneus) over the sole by its pad", { NULL }, { 0 }, SKEL_HEEL_R,
          { -b->heel_back, -b->thigh - b->shin - b->ankle_height + b->heel_pad, -pw } },
        { "ankle pointed 90: the heel's centre turns behind the ankle, the pad's depth less",
          { "ankle.df.r" }, { -90 }, SKEL_HEEL_R,
          { b->heel_pad - b->ankle_height, -b->thigh - b->shin + b->heel_back, -pw } },
        { "hip flexion 90: knee forward", { "hip.flex.l" }, { 90 }, SKEL_KNEE_L, { b->thigh, 0, pw } },
        { "hip 90, knee 90: shin hangs down", { "hip.flex.l", "knee.flex.l" }, { 90, 90 }, SKEL_ANKLE_L,
          { b->thigh, -b->shin, pw } },
        { "knee 90 standing: ankle behind", { "knee.flex.r" }, { 90 }, SKEL_ANKLE_R,
          { -b->shin, -b->thigh, -pw } },
        { "hip abduction 90: left leg out to the left", { "hip.abd.l" }, { 90 }, SKEL_KNEE_L,
          { 0, 0, pw + b->thigh } },
        { "hip abduction 90: right leg out to the right", { "hip.abd.r" }, { 90 }, SKEL_KNEE_R,
          { 0, 0, -pw - b->thigh } },
        { "trunk flexion 90 (prone): head forward", { "root.pitch" }, { 90 }, SKEL_HEAD,
          { spine + b->neck, 0, 0 } },
        { "supine: head behind", { "root.pitch" }, { -90 }, SKEL_HEAD, { -spine - b->neck, 0, 0 } },
        { "lumbar flexion 90: the spine above the pelvis bends forward", { "lumbar.flex" }, { 90 },
          SKEL_CHEST, { l1_bent.x + b->thoracic, l1_bent.y, 0 } },
        { "lumbar flexion 90: bent along its length, L1 inside the straight bone's arc",
          { "lumbar.flex" }, { 90 }, SKEL_LUMBAR, l1_bent },
        { "thoracic flexion 90: only above L1", { "thoracic.flex" }, { 90 }, SKEL_CHEST,
          { c7_bent.x, b->lumbar + c7_bent.y, 0 } },
        { "lumbar side bend 90 to the left", { "lumbar.side" }, { 90 }, SKEL_CHEST,
          { 0, l1_side.y, l1_side.x + b->thoracic } },
        { "thoracic rotation 90 to the left: left shoulder goes back", { "thoracic.rot" }, { 90 },
          SKEL_SHOULDER_L, { -b->shoulder_half_width, spine - b->shoulder_drop, b->shoulder_forward } },
        { "yaw 90 to the left turns a flexed knee to the left", { "root.yaw", "hip.flex.l" }, { 90, 90 },
          SKEL_KNEE_L, { -pw, 0, b->thigh } },
        { "shoulder flexion 90: arm forward", { "shoulder.flex.r" }, { 90 }, SKEL_ELBOW_R,
          { b->shoulder_forward + b->upper_arm, spine - b->shoulder_drop, -b->shoulder_half_width } },
        { "ankle dorsiflexion 90: toe points up", { "ankle.df.l" }, { 90 }, SKEL_TOE_L,
          { b->ankle_height, -b->thigh - b->shin + b->toe_front, pw } },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check_fk(&cases[i]);
}

static void test_mirror_swaps_and_negates(void **state)
{
    (void)state;
    SkelAngles a;
    memset(&a, 0, sizeof a);
    a.limb[SKEL_LEFT].hip_flex = 30;
    a.limb[SKEL_RIGHT].shoulder_flex = 120;
    a.thoracic_rot = 20;
    a.lumbar_side = -5;
    a.root_yaw = 10;
    a.root_pitch = 45;
    skel_mirror(&a);
    assert_float_equal(a.limb[SKEL_RIGHT].hip_flex, 30, EPS);
    assert_float_equal(a.limb[SKEL_LEFT].hip_flex, 0, EPS);
    assert_float_equal(a.limb[SKEL_LEFT].shoulder_flex, 120, EPS);
    assert_float_equal(a.thoracic_rot, -20, EPS);
    assert_float_equal(a.lumbar_side, 5, EPS);
    assert_float_equal(a.root_yaw, -10, EPS);
    assert_float_equal(a.root_pitch, 45, EPS); /* sagittal: unchanged */
}

static void test_ground_rests_lowest_point_on_floor(void **state)
{
    (void)state;
    SkelAngles a;
    memset(&a, 0, sizeof a);
    SkelStage stage = { .anchor = SKEL_JOINT_BIT(SKEL_HEEL_R) };
    const float pitches[] = { 0, 90, -90, 45 };
    for (size_t i = 0; i < sizeof pitches / sizeof pitches[0]; i++) {
        a.root_pitch = pitches[i];
        Vec3 pos[SKEL_JOINT_COUNT];
        skel_solve(&a, pos);
        skel_ground(&stage, pos);
        assert_float_equal(skel_lowest(pos), 0.0f, EPS);
        assert_float_equal(pos[SKEL_HEEL_R].x, 0.0f, EPS);
        assert_float_equal(pos[SKEL_HEEL_R].z, 0.0f, EPS);
    }
}

static void test_projection_side_and_front(void **state)
{
    (void)state;
    SkelAngles a;
    memset(&a, 0, sizeof a);
    a.limb[SKEL_LEFT].hip_flex = 90;
    Vec3 pos[SKEL_JOINT_COUNT];
    skel_solve(&a, pos);
    SkelStage side = { .camera = { 0, 0 } }, front = { .camera = { 90, 0 } };
    FigureFrame f;
    skel_project(&side, pos, &f);
    assert_float_equal(f.joint[SKEL_KNEE_L].x, skel_body.thigh, EPS); /* faces screen-right */
    assert_true(f.depth[SKEL_HIP_R] > f.depth[SKEL_HIP_L]);          /* right side near */
    side.near_left = true;
    skel_project(&side, pos, &f);
    assert_true(f.depth[SKEL_HIP_L] > f.depth[SKEL_HIP_R]);
    skel_project(&front, pos, &f);
    /* seen from the front, the figure's left is on screen-right and the
     * lifted knee is nearest */
    assert_true(f.joint[SKEL_HIP_L].x > f.joint[SKEL_HIP_R].x);
    assert_true(f.depth[SKEL_KNEE_L] > f.depth[SKEL_HIP_L]);
    assert_true(f.floor);
}

static void test_angle_table(void **state)
{
    (void)state;
    assert_true(skel_angle_count > 20);
    for (int i = 0; i < skel_angle_count; i++) {
        const SkelAngleInfo *e = &skel_angles[i];
        assert_true(e->min < e->max);
        assert_true(e->passive_min <= e->min && e->passive_max >= e->max);
        assert_ptr_equal(skel_angle_find(e->name, strlen(e->name)), e);
        assert_true(e->offset + sizeof(float) <= sizeof(SkelAngles));
    }
    assert_null(skel_angle_find("hip.flex", 8)); /* sides only; pose.c expands */
    /* the reference's hard limits */
    const struct { const char *name; float min, max, pmax; } limits[] = {
        { "knee.flex.l", 0, 135, 160 }, { "hip.flex.r", -30, 120, 135 },
        { "wrist.ext.l", -80, 70, 90 }, { "elbow.flex.r", 0, 150, 150 },
        { "shoulder.flex.l", -60, 180, 180 }, { "ankle.df.r", -50, 20, 20 }, { "neck.flex", -70, 50, 50 },
    };
    for (size_t i = 0; i < sizeof limits / sizeof limits[0]; i++) {
        const SkelAngleInfo *e = skel_angle_find(limits[i].name, strlen(limits[i].name));
        assert_non_null(e);
        assert_float_equal(e->min, limits[i].min, EPS);
        assert_float_equal(e->max, limits[i].max, EPS);
        assert_float_equal(e->passive_max, limits[i].pmax, EPS);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_known_positions),
        cmocka_unit_test(test_mirror_swaps_and_negates),
        cmocka_unit_test(test_ground_rests_lowest_point_on_floor),
        cmocka_unit_test(test_projection_side_and_front),
        cmocka_unit_test(test_angle_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
