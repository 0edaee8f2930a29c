/* pose: the parser's every error with its kind and line:col, the base and
 * key merge, contacts, range of motion. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "pose.h"

#define EPS 1e-4f

static const char GOOD[] =
    "# a comment\n"
    "camera three-quarter pitch 10\n"
    "prop mat\n"
    "near left\n"
    "anchor hands\n"
    "contacts knees\n"
    "base\n"
    "  hip.flex 90   # both sides\n"
    "  knee.flex.l 20 elbow.flex.r 10\n"
    "key 0 lift\n"
    "key 2 hold linear\n"
    "  knee.flex.l 150 passive\n"
    "  contacts hands\n"
    "key 3 lower ease-in\n"
    "loop 5\n";

static void test_parse_good(void **state)
{
    (void)state;
    DiagList d = { 0 };
    PoseClip *c = pose_parse(GOOD, strlen(GOOD), "good.pose", &d);
    assert_non_null(c);
    assert_int_equal(d.count, 0);
    const SkelStage *st = pose_stage(c);
    assert_float_equal(st->camera.yaw, 45, EPS);
    assert_float_equal(st->camera.pitch, 10, EPS);
    assert_int_equal(st->prop, PROP_MAT);
    assert_true(st->near_left);
    assert_int_equal(st->anchor, SKEL_JOINT_BIT(SKEL_HAND_L) | SKEL_JOINT_BIT(SKEL_HAND_R));
    assert_int_equal(pose_key_count(c), 3);
    assert_float_equal(pose_loop_beat(c), 5, EPS);
    const PoseKey *k0 = pose_key(c, 0), *k1 = pose_key(c, 1), *k2 = pose_key(c, 2);
    assert_string_equal(k0->phase, "lift");
    assert_int_equal(k0->easing, POSE_EASE_IN_OUT); /* the default */
    assert_false(k0->hold);
    assert_true(k1->hold);
    assert_int_equal(k1->easing, POSE_LINEAR);
    assert_int_equal(k2->easing, POSE_EASE_IN);
    assert_int_equal(k1->line, 11);
    /* base values in every key; a key's own value replaces only its field */
    assert_float_equal(k0->angles.limb[SKEL_RIGHT].hip_flex, 90, EPS);
    assert_float_equal(k0->angles.limb[SKEL_LEFT].knee_flex, 20, EPS);
    assert_float_equal(k1->angles.limb[SKEL_LEFT].knee_flex, 150, EPS);
    assert_float_equal(k1->angles.limb[SKEL_LEFT].hip_flex, 90, EPS);
    assert_float_equal(k1->angles.limb[SKEL_RIGHT].elbow_flex, 10, EPS);
    assert_float_equal(k2->angles.limb[SKEL_LEFT].knee_flex, 20, EPS);
    /* contacts: the file's default, or the key's own */
    assert_int_equal(k0->contacts, SKEL_JOINT_BIT(SKEL_KNEE_L) | SKEL_JOINT_BIT(SKEL_KNEE_R));
    assert_int_equal(k1->contacts, SKEL_JOINT_BIT(SKEL_HAND_L) | SKEL_JOINT_BIT(SKEL_HAND_R));
    pose_free(c);
    diag_free(&d);
}

typedef struct {
    const char *src;
    DiagKind kind;
    int line, col;
    bool usable;      /* a warning: the clip still comes back */
} ErrCase;

static void test_errors(void **state)
{
    (void)state;
    const ErrCase cases[] = {
        { "", DIAG_POSE_NO_KEYFRAMES, 1, 1, false },
        { "# only a comment\n", DIAG_POSE_NO_KEYFRAMES, 1, 1, false },
        { "frobnicate 3\n", DIAG_POSE_UNKNOWN_KEY, 1, 1, false },
        { "camera sideways\n", DIAG_POSE_CAMERA, 1, 8, false },
        { "camera\n", DIAG_POSE_CAMERA, 1, 1, false },
        { "camera side tilt 3\n", DIAG_POSE_CAMERA, 1, 13, false },
        { "camera side pitch\n", DIAG_POSE_MISSING_VALUE, 1, 13, false },
        { "camera side pitch 95\n", DIAG_POSE_NUMBER, 1, 19, false },
        { "camera side pitch 5 x\n", DIAG_POSE_EXTRA, 1, 21, false },
        { "prop sofa\n", DIAG_POSE_PROP, 1, 6, false },
        { "prop water deep\n", DIAG_POSE_NUMBER, 1, 12, false },
        { "near top\n", DIAG_POSE_SIDE, 1, 6, false },
        { "side up leg\n", DIAG_POSE_WORKS, 1, 6, false },
        { "side left elbow\n", DIAG_POSE_WORKS, 1, 11, false },
        { "side left\n", DIAG_POSE_WORKS, 1, 6, false },
        { "side\n", DIAG_POSE_WORKS, 1, 1, false },
        { "side left leg now\n", DIAG_POSE_EXTRA, 1, 15, false },
        { "anchor\n", DIAG_POSE_MISSING_VALUE, 1, 1, false },
        { "contacts hands elbowz\n", DIAG_POSE_CONTACT_NAME, 1, 16, false },
        { "hip.flex 10\n", DIAG_POSE_OUTSIDE_BLOCK, 1, 1, false },
        { "base\n  hip.flexx 10\n", DIAG_POSE_UNKNOWN_ANGLE, 2, 3, false },
        { "base\n  hip.flex\n", DIAG_POSE_MISSING_VALUE, 2, 3, false },
        { "base\n  hip.flex ten\n", DIAG_POSE_NUMBER, 2, 12, false },
        { "base\n  hip.flex 1e3\n", DIAG_POSE_NUMBER, 2, 12, false },
        { "base\n  hip.flex 10 gently\n", DIAG_POSE_EXTRA, 2, 15, false },
        { "base extra\n", DIAG_POSE_EXTRA, 1, 6, false },
        { "key\n", DIAG_POSE_MISSING_VALUE, 1, 1, false },
        { "key x lift\n", DIAG_POSE_NUMBER, 1, 5, false },
        { "key 0 lift bouncy\n", DIAG_POSE_EASING, 1, 12, false },
        { "key 2 a\nkey 1 b\nloop 3\n", DIAG_POSE_TIME_ORDER, 2, 5, false },
        { "key 2 a\nkey 2 b\nloop 3\n", DIAG_POSE_TIME_ORDER, 2, 5, false },
        { "key 0 a\nkey 1 b\nloop 1\n", DIAG_POSE_TIME_ORDER, 3, 6, false },
        { "key 0 a\nkey 1 b\n", DIAG_POSE_NO_LOOP, 2, 1, false },
        { "loop 3\n", DIAG_POSE_TIME_ORDER, 1, 1, false },
        { "key 0 a\nloop 2\nkey 3 b\n", DIAG_POSE_TIME_ORDER, 3, 1, false },
        { "key 0 hold\nkey 1 hold\nloop 2\n", DIAG_POSE_HOLD_TWICE, 2, 7, false },
        { "base\n  knee.flex 150\nkey 0 a\n", DIAG_POSE_ROM, 2, 13, true },
        { "key 0 a\n  knee.flex.l 165 passive\n", DIAG_POSE_ROM, 2, 15, true },
        { "key 0 a\n  wrist.ext.r  75\n", DIAG_POSE_ROM, 2, 16, true },
        { "key 0 a\n  elbow.flex.l -5\n", DIAG_POSE_ROM, 2, 16, true },
        { "focus\n", DIAG_POSE_MISSING_VALUE, 1, 1, false },
        { "focus pelvis spleen\n", DIAG_POSE_FOCUS_NAME, 1, 14, false },
        { "focus  hip.x\n", DIAG_POSE_FOCUS_NAME, 1, 8, false },
        { "focus hands\n", DIAG_POSE_FOCUS_NAME, 1, 7, false },   /* a contact, not a part */
        { "focus Pelvis\n", DIAG_POSE_FOCUS_NAME, 1, 7, false },
        { "focus hip\nkey 0 a\nfocus knee\n", DIAG_POSE_FOCUS_TWICE, 3, 1, false },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const ErrCase *c = &cases[i];
        DiagList d = { 0 };
        print_message("case %zu: %s", i, c->src);
        PoseClip *clip = pose_parse(c->src, strlen(c->src), "t.pose", &d);
        assert_int_equal(d.count, 1);
        assert_int_equal(d.items[0].kind, c->kind);
        assert_int_equal(d.items[0].line, c->line);
        assert_int_equal(d.items[0].col, c->col);
        assert_int_equal(clip != NULL, c->usable);
        pose_free(clip);
        diag_free(&d);
    }
}

static void test_passive_within_passive_range_is_clean(void **state)
{
    (void)state;
    const char src[] = "key 0 a\n  knee.flex 150 passive wrist.ext 90 passive\n";
    DiagList d = { 0 };
    PoseClip *c = pose_parse(src, strlen(src), "p.pose", &d);
    assert_non_null(c);
    assert_int_equal(d.count, 0);
    assert_float_equal(pose_key(c, 0)->angles.limb[SKEL_RIGHT].wrist_ext, 90, EPS);
    pose_free(c);
    diag_free(&d);
}

static void test_contact_off_the_floor(void **state)
{
    (void)state;
    /* standing: the feet are down, the hands are not */
    const char src[] = "contacts feet\nkey 0 a\nkey 1 b\n  contacts hands\nloop 2\n";
    DiagList d = { 0 };
    PoseClip *c = pose_parse(src, strlen(src), "c.pose", &d);
    assert_non_null(c);
    pose_check_contacts(c, &d);
    assert_int_equal(d.count, 2); /* each hand, at the second key */
    for (size_t i = 0; i < d.count; i++) {
        assert_int_equal(d.items[i].kind, DIAG_POSE_CONTACT_OFF);
        assert_int_equal(d.items[i].line, 3);
    }
    pose_free(c);
    diag_free(&d);
}

static void test_hold_in_table_needs_a_hold_phase(void **state)
{
    (void)state;
    const struct { const char *src; double hold_s; size_t diags; } cases[] = {
        { "key 0 up\nkey 1 down\nloop 2\n", 5.0, 1 },
        { "key 0 up\nkey 1 down\nloop 2\n", 0.0, 0 },
        { "key 0 up\nkey 1 hold\nkey 2 down\nloop 3\n", 5.0, 0 },
        { "key 0 up\nkey 1 hold\nkey 2 down\nloop 3\n", 0.0, 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        DiagList d = { 0 };
        PoseClip *c = pose_parse(cases[i].src, strlen(cases[i].src), "h.pose", &d);
        assert_non_null(c);
        Exercise ex = { .id = "x", .hold_s = cases[i].hold_s, .rep_s = 4 };
        pose_check_timing(c, &ex, &d);
        assert_int_equal(d.count, cases[i].diags);
        if (d.count)
            assert_int_equal(d.items[0].kind, DIAG_POSE_NO_HOLD);
        pose_free(c);
        diag_free(&d);
    }
}

/* A two-sided exercise's pose must say which side it shows; the player
 * mirrors it only for the other side, and the screen names the side. */
static void test_side_line(void **state)
{
    (void)state;
    static const char said[] = "side right knee\nkey 0 a\nloop 1\n";
    static const char unsaid[] = "key 0 a\nloop 1\n";
    DiagList d = { 0 };
    PoseClip *c = pose_parse(said, strlen(said), "s.pose", &d);
    assert_non_null(c);
    assert_int_equal(pose_side(c).what, POSE_WORKS_KNEE);
    assert_int_equal(pose_side(c).side, SKEL_RIGHT);
    assert_false(pose_mirror_for(c, STEP_SIDE_RIGHT));
    assert_true(pose_mirror_for(c, STEP_SIDE_LEFT));
    assert_false(pose_mirror_for(c, STEP_SIDE_BOTH));
    Exercise each = { .id = "x", .rep_s = 4, .sides = SIDES_EACH };
    pose_check_side(c, &each, &d);
    assert_int_equal(d.count, 0);
    pose_free(c);

    c = pose_parse(unsaid, strlen(unsaid), "u.pose", &d);
    assert_non_null(c);
    assert_int_equal(pose_side(c).what, POSE_WORKS_UNSAID);
    pose_check_side(c, &each, &d);
    assert_int_equal(d.count, 1);
    assert_int_equal(d.items[0].kind, DIAG_POSE_NO_SIDE);
    Exercise none = { .id = "y", .rep_s = 4, .sides = SIDES_NONE };
    pose_check_side(c, &none, &d);
    assert_int_equal(d.count, 1); /* one-sided: nothing to say */
    pose_free(c);
    diag_free(&d);

    assert_string_equal(pose_side_label(POSE_WORKS_LEG, STEP_SIDE_LEFT), "Left leg");
    assert_string_equal(pose_side_label(POSE_WORKS_KNEE, STEP_SIDE_RIGHT), "Right knee down");
    assert_string_equal(pose_side_label(POSE_WORKS_ARM_LEG, STEP_SIDE_LEFT),
                        "Left arm, right leg");
    assert_string_equal(pose_side_label(POSE_WORKS_TURN, STEP_SIDE_RIGHT), "Turn to the right");
    assert_string_equal(pose_side_label(POSE_WORKS_TURN, STEP_SIDE_BOTH), "");
}

/* A 'focus' line names parts by the joint that moves them; each is the two
 * ends of the bones it moves, and a name without .l/.r means both sides. */
static void test_focus(void **state)
{
    (void)state;
#define J(x) SKEL_JOINT_BIT(SKEL_##x)
    const struct { const char *src; unsigned focus; } cases[] = {
        { "key 0 a\n", 0u },
        { "focus pelvis lumbar\nkey 0 a\n",
          J(PELVIS) | J(HIP_L) | J(HIP_R) | J(SACRUM) | J(ASIS) | J(L4) | J(L2) | J(LUMBAR) },
        { "focus hip.l\nkey 0 a\n", J(HIP_L) | J(KNEE_L) },
        { "focus hip.r  # the kneeling hip\nkey 0 a\n", J(HIP_R) | J(KNEE_R) },
        { "focus knee\nkey 0 a\n", J(KNEE_L) | J(ANKLE_L) | J(KNEE_R) | J(ANKLE_R) },
        { "focus lumbar thoracic\nkey 0 a\n",
          J(PELVIS) | J(L4) | J(L2) | J(LUMBAR) | J(T9) | J(T5) | J(CHEST) },
        { "focus ankle.l\nkey 0 a\n", J(ANKLE_L) | J(HEEL_L) | J(BALL_L) | J(TOE_L) },
        { "focus shoulder-line\nkey 0 a\n", J(CHEST) | J(SHOULDER_L) | J(SHOULDER_R) },
        { "key 0 a\nfocus wrist.r\n", J(WRIST_R) | J(HAND_R) }, /* anywhere in the file */
    };
#undef J
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        DiagList d = { 0 };
        print_message("case %zu: %s", i, cases[i].src);
        PoseClip *c = pose_parse(cases[i].src, strlen(cases[i].src), "f.pose", &d);
        assert_non_null(c);
        assert_int_equal(d.count, 0);
        assert_int_equal(pose_focus(c), cases[i].focus);
        pose_free(c);
        diag_free(&d);
    }
}

/* Where and what the first fault of a pose file is that starts with head
 * and then has one good key: the file must be refused. */
typedef struct {
    DiagKind kind;
    int line, col;
} Fault;

static Fault first_fault(const char *head)
{
    DiagList e = { 0 };
    print_message("case: %s", head);
    char src[128];
    snprintf(src, sizeof src, "%skey 0 a\nloop 1\n", head);
    assert_null(pose_parse(src, strlen(src), "b.pose", &e));
    assert_true(e.count >= 1);
    Fault first = { e.items[0].kind, e.items[0].line, e.items[0].col };
    diag_free(&e);
    return first;
}

/* A 'detail' line: a joint and a magnification; every fault is
 * DIAG_POSE_DETAIL at the word at fault. */
static void test_detail(void **state)
{
    (void)state;
    static const char good[] = "detail pelvis 2.5\nkey 0 a\nloop 1\n";
    DiagList d = { 0 };
    PoseClip *c = pose_parse(good, strlen(good), "d.pose", &d);
    assert_non_null(c);
    assert_int_equal(d.count, 0);
    SkelJoint j = SKEL_HEAD;
    float zoom = 0.0f;
    assert_true(pose_detail(c, &j, &zoom));
    assert_int_equal(j, SKEL_PELVIS);
    assert_float_equal(zoom, 2.5f, 1e-6);
    pose_free(c);

    static const char none[] = "key 0 a\nloop 1\n";
    c = pose_parse(none, strlen(none), "n.pose", &d);
    assert_false(pose_detail(c, &j, &zoom));
    pose_free(c);

    const struct { const char *src; int col; } bad[] = {
        { "detail\n", 1 },
        { "detail pelvis\n", 1 },
        { "detail spleen 2\n", 8 },
        { "detail hip.l 1.2\n", 14 },
        { "detail hip.l 4.5\n", 14 },
        { "detail hip.l two\n", 14 },
        { "detail pelvis 2 x\n", 17 },
        { "detail pelvis 2\ndetail lumbar 3\n", 1 },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        Fault first = first_fault(bad[i].src);
        assert_int_equal(first.kind, bad[i].col == 17 ? DIAG_POSE_EXTRA : DIAG_POSE_DETAIL);
        assert_int_equal(first.col, bad[i].col);
    }
    diag_free(&d);
}

/* 'floor moves': parsed once, and only as those two words. */
static void test_floor_line(void **state)
{
    (void)state;
    static const char still[] = "key 0 a\nloop 1\n";
    DiagList d = { 0 };
    PoseClip *c = pose_parse(still, strlen(still), "s.pose", &d);
    assert_non_null(c);
    assert_float_equal(pose_floor_cycle(c, false), 0.0f, 0.0f);
    pose_free(c);

    const struct { const char *src; int line, col; DiagKind kind; } bad[] = {
        { "floor\n", 1, 1, DIAG_POSE_FLOOR },
        { "floor still\n", 1, 7, DIAG_POSE_FLOOR },
        { "floor moves fast\n", 1, 13, DIAG_POSE_EXTRA },
        { "floor moves\nfloor moves\n", 2, 1, DIAG_POSE_FLOOR },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        Fault first = first_fault(bad[i].src);
        assert_int_equal(first.kind, bad[i].kind);
        assert_int_equal(first.col, bad[i].col);
        assert_int_equal(first.line, bad[i].line);
    }
    diag_free(&d);
}

static void test_ease_curves(void **state)
{
    (void)state;
    const PoseEasing all[] = { POSE_LINEAR, POSE_EASE_IN_OUT, POSE_EASE_IN, POSE_EASE_OUT };
    for (size_t e = 0; e < 4; e++) {
        assert_float_equal(pose_ease(all[e], 0.0), 0.0, 1e-9);
        assert_float_equal(pose_ease(all[e], 1.0), 1.0, 1e-9);
        double prev = 0.0;
        for (int i = 1; i <= 100; i++) {
            double v = pose_ease(all[e], i / 100.0);
            assert_true(v >= prev);
            prev = v;
        }
    }
    assert_float_equal(pose_ease(POSE_EASE_IN_OUT, 0.5), 0.5, 1e-9);
    assert_float_equal(pose_ease(POSE_LINEAR, 0.25), 0.25, 1e-9);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_good),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_passive_within_passive_range_is_clean),
        cmocka_unit_test(test_contact_off_the_floor),
        cmocka_unit_test(test_hold_in_table_needs_a_hold_phase),
        cmocka_unit_test(test_side_line),
        cmocka_unit_test(test_ease_curves),
        cmocka_unit_test(test_focus),
        cmocka_unit_test(test_detail),
        cmocka_unit_test(test_floor_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
