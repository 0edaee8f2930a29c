/* anim: sampling, easing, the loop seam, hold and rep timing, mirroring;
 * and every shipped pose: fixed bone lengths, grounded, contacts down. */
#include <dirent.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "anim.h"

#define DEG_EPS 1e-3f   /* degrees */
#define LEN_EPS 1e-4f   /* metres: bone lengths */
#define FLOOR_EPS 1e-3f /* metres: the brief's 1 mm */

/* lift 2 beats, hold (1 beat, stretched), lower 2 beats, rest 1 beat */
static const char CLIP[] =
    "base\n  hip.flex.l 10\n"
    "key 0 lift\n"
    "key 2 hold linear\n  hip.flex.l 50\n  lumbar.rot 10\n"
    "key 3 lower\n  hip.flex.l 50\n  lumbar.rot 10\n"
    "key 5 rest linear\n  hip.flex.l 20\n"
    "loop 6\n";

static PoseClip *clip_of(const char *src)
{
    DiagList d = { 0 };
    PoseClip *c = pose_parse(src, strlen(src), "t.pose", &d);
    assert_non_null(c);
    assert_int_equal(d.count, 0);
    diag_free(&d);
    return c;
}

static void test_sample_timing(void **state)
{
    (void)state;
    PoseClip *c = clip_of(CLIP);
    /* rep_s 10 over 5 moving beats: 2 s a beat; the hold lasts hold_s 7 */
    AnimTiming tm = { 10.0, 7.0 };
    assert_float_equal(anim_cycle_seconds(tm), 17.0, 1e-9);
    const struct { double t; float hip; const char *phase; } cases[] = {
        { 0.0, 10, "lift" }, { 2.0, 30, "lift" },  /* ease-in-out midpoint */
        { 4.0, 50, "hold" }, { 7.5, 50, "hold" }, { 10.999, 50, "hold" },
        { 11.0, 50, "lower" }, { 13.0, 35, "lower" }, { 15.0, 20, "rest" },
        { 16.0, 15, "rest" }, { 17.0, 10, "lift" }, { 17.0 + 4.0, 50, "hold" },
        { -13.0, 50, "hold" }, /* negative times wrap too */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        SkelAngles a;
        anim_sample(c, tm, cases[i].t, false, &a);
        print_message("t=%g\n", cases[i].t);
        assert_float_equal(a.limb[SKEL_LEFT].hip_flex, cases[i].hip, DEG_EPS);
        assert_string_equal(anim_phase(c, tm, cases[i].t), cases[i].phase);
    }
    /* without a hold in the table the hold phase takes no time */
    AnimTiming quick = { 5.0, 0.0 };
    SkelAngles a;
    anim_sample(c, quick, 2.0, false, &a); /* lift 2 s, then straight to lower */
    assert_float_equal(a.limb[SKEL_LEFT].hip_flex, 50, DEG_EPS);
    assert_string_equal(anim_phase(c, quick, 2.0), "lower");
    pose_free(c);
}

static void test_ease_is_monotone_within_a_segment(void **state)
{
    (void)state;
    PoseClip *c = clip_of(CLIP);
    AnimTiming tm = { 10.0, 7.0 };
    float prev = -1e9f;
    for (int i = 0; i <= 100; i++) { /* the lift: 0 to 4 s */
        SkelAngles a;
        anim_sample(c, tm, 4.0 * i / 100, false, &a);
        assert_true(a.limb[SKEL_LEFT].hip_flex >= prev - 1e-5f);
        prev = a.limb[SKEL_LEFT].hip_flex;
    }
    pose_free(c);
}

static void test_loop_seam_is_continuous(void **state)
{
    (void)state;
    PoseClip *c = clip_of(CLIP);
    AnimTiming tm = { 10.0, 7.0 };
    SkelAngles end, start;
    anim_sample(c, tm, 17.0 - 1e-6, false, &end);
    anim_sample(c, tm, 0.0, false, &start);
    assert_float_equal(end.limb[SKEL_LEFT].hip_flex, start.limb[SKEL_LEFT].hip_flex, 1e-3f);
    assert_float_equal(end.lumbar_rot, start.lumbar_rot, 1e-3f);
    pose_free(c);
}

static void test_mirrored_swaps_sides(void **state)
{
    (void)state;
    PoseClip *c = clip_of(CLIP);
    AnimTiming tm = { 10.0, 7.0 };
    SkelAngles a, m;
    anim_sample(c, tm, 5.0, false, &a);
    anim_sample(c, tm, 5.0, true, &m);
    assert_float_equal(a.limb[SKEL_LEFT].hip_flex, 50, DEG_EPS);
    assert_float_equal(m.limb[SKEL_RIGHT].hip_flex, 50, DEG_EPS);
    assert_float_equal(m.limb[SKEL_LEFT].hip_flex, 0, DEG_EPS);
    assert_float_equal(a.lumbar_rot, 10, DEG_EPS);
    assert_float_equal(m.lumbar_rot, -10, DEG_EPS);
    pose_free(c);
}

/* ---- every shipped pose ------------------------------------------------ */

/* The second side is the mirror image of the first: a mirrored frame seen
 * from the other side (skel_flip) puts each left joint where the right one
 * was, reflected left-right, at the same depth, so the working leg stays
 * near the camera. Relative to the pelvis, so the anchor does not matter. */
static void test_flipped_second_side_is_a_mirror_image(void **state)
{
    (void)state;
    static const SkelJoint pairs[][2] = {
        { SKEL_KNEE_L, SKEL_KNEE_R },   { SKEL_ANKLE_L, SKEL_ANKLE_R },
        { SKEL_TOE_L, SKEL_TOE_R },     { SKEL_HAND_L, SKEL_HAND_R },
        { SKEL_ELBOW_L, SKEL_ELBOW_R }, { SKEL_HEAD, SKEL_HEAD },
    };
    DiagList d = { 0 };
    PoseClip *c = pose_load(LIMBER_SOURCE_DIR "/assets/poses/hip-flexor-stretch.pose", &d);
    assert_non_null(c);
    AnimTiming tm = { 6.0, 30.0 };
    for (double t = 0; t < 36.0; t += 4.5) {
        FigureFrame a, b;
        anim_frame(c, tm, t, false, &a);
        anim_frame(c, tm, t, true, &b);
        skel_flip(&b);
        assert_true(b.flipped);
        for (size_t k = 0; k < sizeof pairs / sizeof pairs[0]; k++) {
            SkelJoint l = pairs[k][0], r = pairs[k][1];
            assert_float_equal(b.joint[l].x - b.joint[SKEL_PELVIS].x,
                               -(a.joint[r].x - a.joint[SKEL_PELVIS].x), 1e-3);
            assert_float_equal(b.joint[l].y, a.joint[r].y, 1e-3);
            assert_float_equal(b.depth[l] - b.depth[SKEL_PELVIS], a.depth[r] - a.depth[SKEL_PELVIS],
                               1e-3);
        }
    }
    Vec2 min = { -1.0f, 0.0f }, max = { 2.0f, 1.5f };
    skel_flip_bounds(&min, &max);
    assert_float_equal(min.x, -2.0f, 1e-6);
    assert_float_equal(max.x, 1.0f, 1e-6);
    assert_float_equal(max.y, 1.5f, 1e-6);
    pose_free(c);
    diag_free(&d);
}

static float bone_len(const Vec3 *p, const SkelBone *b)
{
    float dx = p[b->a].x - p[b->b].x, dy = p[b->a].y - p[b->b].y, dz = p[b->a].z - p[b->b].z;
    return sqrtf(dx * dx + dy * dy + dz * dz);
}

static void check_shipped(const char *path, AnimTiming tm)
{
    DiagList d = { 0 };
    PoseClip *c = pose_load(path, &d);
    print_message("%s\n", path);
    assert_non_null(c);
    pose_check_contacts(c, &d);
    diag_print_all(&d, stdout);
    assert_int_equal(d.count, 0); /* parses, inside the ROM, contacts down */
    diag_free(&d);

    SkelAngles zero;
    memset(&zero, 0, sizeof zero);
    Vec3 ref[SKEL_JOINT_COUNT];
    skel_solve(&zero, ref);
    const SkelStage *stage = pose_stage(c);
    double cycle = anim_cycle_seconds(tm);
    for (int side = 0; side < 2; side++)
        for (int i = 0; i < 240; i++) {
            SkelAngles a;
            Vec3 pos[SKEL_JOINT_COUNT];
            anim_sample(c, tm, cycle * i / 240, side == 1, &a);
            skel_solve(&a, pos);
            skel_ground(stage, pos);
            for (int b = 0; b < skel_bone_count; b++)
                assert_float_equal(bone_len(pos, &skel_bones[b]), bone_len(ref, &skel_bones[b]),
                                   LEN_EPS);
            if (stage->prop != PROP_WATER && stage->prop != PROP_BIKE)
                assert_float_equal(skel_lowest(pos), 0.0f, FLOOR_EPS);
        }
    Vec2 min, max;
    anim_bounds(c, tm, &min, &max);
    assert_true(min.x < max.x && min.y < max.y);
    pose_free(c);
}

static void test_shipped_poses(void **state)
{
    (void)state;
    DiagList d = { 0 };
    Catalog *cat = catalog_load(LIMBER_SOURCE_DIR "/data", &d);
    diag_free(&d);
    DIR *dir = opendir(LIMBER_SOURCE_DIR "/assets/poses");
    assert_non_null(dir);
    int checked = 0;
    struct dirent *e;
    while ((e = readdir(dir))) {
        size_t n = strlen(e->d_name);
        if (n < 6 || strcmp(e->d_name + n - 5, ".pose") != 0)
            continue;
        char id[256], path[1024];
        snprintf(id, sizeof id, "%.*s", (int)(n - 5), e->d_name);
        snprintf(path, sizeof path, "%s/assets/poses/%s", LIMBER_SOURCE_DIR, e->d_name);
        AnimTiming tm = { 4.0, 2.0 };
        int ex = cat ? catalog_find_exercise(cat, id) : -1;
        if (ex >= 0)
            tm = anim_timing(catalog_exercise(cat, (size_t)ex));
        check_shipped(path, tm);
        checked++;
    }
    closedir(dir);
    catalog_free(cat);
    assert_true(checked >= 3);
}

/* ---- left is the patient's left --------------------------------------- */

/* How much more the named side works than the other, in metres, on the
 * grounded skeleton: each exercise's own sign of work. */
typedef float (*WorkScore)(const Vec3 *p, int w, int o);

static float dist3(Vec3 a, Vec3 b)
{
    return sqrtf((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y) + (a.z - b.z) * (a.z - b.z));
}

/* joints of side s (0 left, 1 right) */
#define HIP(s) ((s) ? SKEL_HIP_R : SKEL_HIP_L)
#define KNEE(s) ((s) ? SKEL_KNEE_R : SKEL_KNEE_L)
#define ANKLE(s) ((s) ? SKEL_ANKLE_R : SKEL_ANKLE_L)
#define WRIST(s) ((s) ? SKEL_WRIST_R : SKEL_WRIST_L)
#define SHOULDER(s) ((s) ? SKEL_SHOULDER_R : SKEL_SHOULDER_L)

/* the named leg is the straight one */
static float straight_leg(const Vec3 *p, int w, int o)
{
    return dist3(p[HIP(w)], p[ANKLE(w)]) - dist3(p[HIP(o)], p[ANKLE(o)]);
}

/* the named knee is the one down */
static float knee_down(const Vec3 *p, int w, int o)
{
    return p[KNEE(o)].y - p[KNEE(w)].y;
}

/* the named arm and the opposite leg lift off the floor */
static float arm_and_leg_up(const Vec3 *p, int w, int o)
{
    float arm = p[WRIST(w)].y - p[WRIST(o)].y, leg = p[ANKLE(o)].y - p[ANKLE(w)].y;
    return arm < leg ? arm : leg;
}

/* on the back: the named arm lowers overhead, the opposite leg reaches long */
static float arm_down_leg_long(const Vec3 *p, int w, int o)
{
    float arm = p[WRIST(o)].y - p[WRIST(w)].y;
    float leg = dist3(p[HIP(o)], p[ANKLE(o)]) - dist3(p[HIP(w)], p[ANKLE(w)]);
    return arm < leg ? arm : leg;
}

/* the chest turns to the named side: the other shoulder comes forward (+x) */
static float turn_to(const Vec3 *p, int w, int o)
{
    return p[SHOULDER(o)].x - p[SHOULDER(w)].x;
}

static void test_left_is_the_patients_left(void **state)
{
    (void)state;
    static const struct {
        const char *id;
        WorkScore score;
        float least; /* metres the named side must lead by at the peak */
    } cases[] = {
        { "hamstring-stretch", straight_leg, 0.10f },
        { "hip-flexor-stretch", knee_down, 0.20f },
        { "bird-dog", arm_and_leg_up, 0.20f },
        { "pilates-swimming", arm_and_leg_up, 0.03f },
        { "dead-bug", arm_down_leg_long, 0.10f },
        { "russian-twist", turn_to, 0.08f },
        { "spinal-twist", turn_to, 0.08f },
    };
    DiagList d = { 0 };
    Catalog *cat = catalog_load(LIMBER_SOURCE_DIR "/data", &d);
    assert_int_equal(d.count, 0);
    int two_sided = 0;
    for (size_t i = 0; i < catalog_exercise_count(cat); i++)
        two_sided += catalog_exercise(cat, i)->sides != SIDES_NONE;
    assert_int_equal(two_sided, (int)(sizeof cases / sizeof cases[0]));
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        char path[512];
        snprintf(path, sizeof path, "%s/assets/poses/%s.pose", LIMBER_SOURCE_DIR, cases[c].id);
        PoseClip *clip = pose_load(path, &d);
        assert_non_null(clip);
        const Exercise *ex = catalog_exercise(cat, (size_t)catalog_find_exercise(cat, cases[c].id));
        assert_int_not_equal(ex->sides, SIDES_NONE);
        AnimTiming tm = anim_timing(ex);
        for (int w = 0; w < 2; w++) {
            StepSide working = w ? STEP_SIDE_RIGHT : STEP_SIDE_LEFT;
            float peak = -1e9f, worst = 1e9f;
            for (double t = 0; t < anim_cycle_seconds(tm); t += 0.1) {
                SkelAngles a;
                Vec3 pos[SKEL_JOINT_COUNT];
                anim_sample(clip, tm, t, pose_mirror_for(clip, working), &a);
                skel_solve(&a, pos);
                skel_ground(pose_stage(clip), pos);
                float score = cases[c].score(pos, w, 1 - w);
                peak = score > peak ? score : peak;
                worst = score < worst ? score : worst;
            }
            print_message("%s %s: leads by %.3f m at the peak, %.3f at worst\n", cases[c].id,
                          step_side_id(working), peak, worst);
            if (peak < cases[c].least || worst < -0.01f)
                fail_msg("%s, %s: the named side does not work (peak %.3f, worst %.3f)",
                         cases[c].id, step_side_id(working), peak, worst);
        }
        pose_free(clip);
    }
    catalog_free(cat);
    diag_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sample_timing),
        cmocka_unit_test(test_ease_is_monotone_within_a_segment),
        cmocka_unit_test(test_loop_seam_is_continuous),
        cmocka_unit_test(test_mirrored_swaps_sides),
        cmocka_unit_test(test_flipped_second_side_is_a_mirror_image),
        cmocka_unit_test(test_shipped_poses),
        cmocka_unit_test(test_left_is_the_patients_left),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
