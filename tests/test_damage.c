/* damage: which rectangles changed between two meshes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "damage.h"
#include "mesh.h"

static const DamageRect clip = { 0, 0, 1000, 1000 };
static const MeshColor white = { 255, 255, 255, 255 };

/* A mesh of discs at x[i], 100 + 100 i down, radius 10, whole shapes. */
static void discs(Mesh *m, const float *x, int n)
{
    mesh_clear(m);
    mesh_whole_shapes(m, 1);
    for (int i = 0; i < n; i++)
        mesh_disc(m, (Vec2){ x[i], 100.0f + 100.0f * (float)i }, 10.0f, white);
}

static bool inside(DamageRect outer, DamageRect inner)
{
    return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w &&
           inner.y + inner.h <= outer.y + outer.h;
}

static void test_compares_shape_by_shape(void **state)
{
    (void)state;
    Damage *d = damage_new();
    Mesh *m = mesh_new();
    DamageRect out[DAMAGE_MAX_RECTS];
    float x[3] = { 100, 200, 300 };
    discs(m, x, 3);
    assert_int_equal(damage_update(d, m, 1, clip, out), -1); /* nothing to compare with */
    assert_int_equal(damage_update(d, m, 1, clip, out), 0);   /* the same frame */
    x[1] = 240; /* the second disc moves 40 px right */
    discs(m, x, 3);
    /* where it was and where it is, feather and rounding included, apart
     * (merging them would paint the gap), and nothing of the discs that
     * stayed */
    assert_int_equal(damage_update(d, m, 1, clip, out), 2);
    DamageRect was = out[0].x < out[1].x ? out[0] : out[1], is = out[0].x < out[1].x ? out[1] : out[0];
    assert_true(inside(was, (DamageRect){ 189, 189, 22, 22 }));
    assert_true(inside(is, (DamageRect){ 229, 189, 22, 22 }));
    assert_true(was.x >= 186 && is.x + is.w <= 254);
    assert_true(was.y >= 186 && was.y + was.h <= 214);
    /* another key (the box or the fit changed): no comparison */
    assert_int_equal(damage_update(d, m, 2, clip, out), -1);
    /* another number of shapes: none either */
    discs(m, x, 2);
    assert_int_equal(damage_update(d, m, 2, clip, out), -1);
    damage_forget(d);
    assert_int_equal(damage_update(d, m, 2, clip, out), -1);
    mesh_free(m);
    damage_free(d);
}

/* Many changes far apart come back as at most DAMAGE_MAX_RECTS rectangles
 * that still cover every one, cut to the clip. */
static void test_merges_to_a_few(void **state)
{
    (void)state;
    Damage *d = damage_new();
    Mesh *m = mesh_new();
    DamageRect out[DAMAGE_MAX_RECTS];
    float x[9] = { 0 }, y[9];
    for (int i = 0; i < 9; i++)
        x[i] = 50.0f + 100.0f * (float)(i % 3) * (i % 2 ? 3 : 1);
    discs(m, x, 9);
    DamageRect small = { 0, 0, 1000, 700 };
    assert_int_equal(damage_update(d, m, 7, small, out), -1);
    for (int i = 0; i < 9; i++) {
        y[i] = 100.0f + 100.0f * (float)i;
        x[i] += 5.0f;
    }
    discs(m, x, 9);
    int n = damage_update(d, m, 7, small, out);
    assert_true(n >= 1 && n <= DAMAGE_MAX_RECTS);
    for (int i = 0; i < 9; i++) {
        if (y[i] + 11.0f > 700.0f)
            continue; /* outside the clip: nothing to paint */
        DamageRect moved = { (int)x[i] - 16, (int)y[i] - 11, 27, 22 }; /* was and is */
        bool covered = false;
        for (int k = 0; k < n; k++)
            covered = covered || inside(out[k], moved);
        if (!covered)
            print_message("disc %d at %.0f,%.0f not covered\n", i, x[i], y[i]);
        assert_true(covered);
    }
    for (int k = 0; k < n; k++)
        assert_true(inside(small, out[k]));
    mesh_free(m);
    damage_free(d);
}

/* A colour change is a change (an arrow fading), though nothing moved. */
static void test_colour_counts(void **state)
{
    (void)state;
    Damage *d = damage_new();
    Mesh *m = mesh_new();
    DamageRect out[DAMAGE_MAX_RECTS];
    mesh_clear(m);
    mesh_segment(m, (Vec2){ 10, 10 }, (Vec2){ 90, 10 }, 3, 3, white);
    damage_update(d, m, 0, clip, out);
    mesh_clear(m);
    mesh_segment(m, (Vec2){ 10, 10 }, (Vec2){ 90, 10 }, 3, 3, (MeshColor){ 255, 255, 255, 128 });
    assert_int_equal(damage_update(d, m, 0, clip, out), 1);
    assert_true(inside(out[0], (DamageRect){ 10, 6, 80, 8 }));
    mesh_free(m);
    damage_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_compares_shape_by_shape),
        cmocka_unit_test(test_merges_to_a_few),
        cmocka_unit_test(test_colour_counts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
