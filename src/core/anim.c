/* anim: a pose clip sampled at a time, as angles or as a grounded,
 * projected figure. */
#include "anim.h"

#include <assert.h>
#include <math.h>
#include <string.h>

AnimTiming anim_timing(const Exercise *ex)
{
    AnimTiming t = { ex->rep_s, ex->hold_s };
    return t;
}

double anim_cycle_seconds(AnimTiming timing)
{
    return timing.rep_s + timing.hold_s;
}

/* Beats of segment i: from key i to the next key, the last back to the
 * first at the loop beat. */
static double segment_beats(const PoseClip *clip, size_t i)
{
    size_t n = pose_key_count(clip);
    double next = i + 1 < n ? pose_key(clip, i + 1)->beat : pose_loop_beat(clip);
    return next - pose_key(clip, i)->beat;
}

/* How a clip's cycle is shared out: the hold segment lasts hold_s and the
 * moving ones share rep_s in proportion to their beats. Without a hold
 * segment the moving ones fill the whole cycle, so the figure never stops
 * dead. */
typedef struct {
    double moving_beats;
    double moving_seconds;
} Share;

static Share share_of(const PoseClip *clip, AnimTiming timing)
{
    Share s = { 0.0, anim_cycle_seconds(timing) };
    for (size_t k = 0; k < pose_key_count(clip); k++) {
        if (pose_key(clip, k)->hold)
            s.moving_seconds = timing.rep_s;
        else
            s.moving_beats += segment_beats(clip, k);
    }
    return s;
}

static double segment_seconds(const PoseClip *clip, AnimTiming timing, Share share, size_t i)
{
    if (pose_key(clip, i)->hold)
        return timing.hold_s;
    return share.moving_beats > 0.0
               ? share.moving_seconds * segment_beats(clip, i) / share.moving_beats
               : 0.0;
}

/* The segment holding time t and how far into it (0..1). */
static size_t locate(const PoseClip *clip, AnimTiming timing, double t, double *u)
{
    size_t n = pose_key_count(clip);
    Share share = share_of(clip, timing);
    double cycle = 0.0;
    for (size_t k = 0; k < n; k++)
        cycle += segment_seconds(clip, timing, share, k);
    *u = 0.0;
    if (!(cycle > 0.0) || !isfinite(t))
        return 0;
    t = fmod(t, cycle);
    if (t < 0.0)
        t += cycle;
    double start = 0.0;
    for (size_t k = 0; k < n; k++) {
        double len = segment_seconds(clip, timing, share, k);
        if (len > 0.0 && t < start + len) {
            *u = (t - start) / len;
            return k;
        }
        start += len;
    }
    return 0; /* t rounded up to the cycle's end: that is the start again */
}

/* The angles of segment k, u of the way through it. */
static void sample_segment(const PoseClip *clip, size_t k, double u, bool mirrored,
                           SkelAngles *out)
{
    size_t n = pose_key_count(clip);
    const PoseKey *a = pose_key(clip, k), *b = pose_key(clip, (k + 1) % n);
    float e = (float)pose_ease(a->easing, u);
    /* SkelAngles is floats only, so it blends field by field */
    _Static_assert(sizeof(SkelAngles) % sizeof(float) == 0, "SkelAngles holds only floats");
    float fa[sizeof(SkelAngles) / sizeof(float)], fb[sizeof fa / sizeof fa[0]];
    memcpy(fa, &a->angles, sizeof fa);
    memcpy(fb, &b->angles, sizeof fb);
    for (size_t i = 0; i < sizeof fa / sizeof fa[0]; i++)
        fa[i] += (fb[i] - fa[i]) * e;
    memcpy(out, fa, sizeof fa);
    if (mirrored)
        skel_mirror(out);
}

void anim_sample(const PoseClip *clip, AnimTiming timing, double t, bool mirrored,
                 SkelAngles *out)
{
    double u;
    size_t k = locate(clip, timing, t, &u);
    sample_segment(clip, k, u, mirrored, out);
}

/* The floor's marks, for a clip whose floor moves: the shift at segment
 * k's key plus how far its planted foot has come since, wrapped into a
 * spacing that divides the cycle's travel, so the marks loop seamlessly. */
static void floor_marks(const PoseClip *clip, size_t k, bool mirrored, FigureFrame *f)
{
    const float about = 0.3f; /* metres between marks, near enough */
    float cycle = fabsf(pose_floor_cycle(clip, mirrored));
    if (cycle < 0.01f)
        return;
    const PoseFloorAt *at = &pose_key(clip, k)->floor;
    unsigned planted = mirrored ? skel_mirror_joints(at->planted) : at->planted;
    float shift = at->at[mirrored];
    if (planted)
        shift += skel_mean_x(f, planted) - at->planted_x[mirrored];
    float step = cycle / fmaxf(roundf(cycle / about), 1.0f);
    f->floor_mark_step = step;
    f->floor_mark_x = fmodf(shift, step);
    if (f->floor_mark_x < 0.0f)
        f->floor_mark_x += step;
}

void anim_frame(const PoseClip *clip, AnimTiming timing, double t, bool mirrored,
                FigureFrame *out)
{
    double u;
    size_t k = locate(clip, timing, t, &u);
    SkelAngles angles;
    sample_segment(clip, k, u, mirrored, &angles);
    skel_figure(pose_stage(clip), &angles, mirrored, out);
    floor_marks(clip, k, mirrored, out);
}

const char *anim_phase(const PoseClip *clip, AnimTiming timing, double t)
{
    double u;
    return pose_key(clip, locate(clip, timing, t, &u))->phase;
}

AnimPlace anim_place(const PoseClip *clip, AnimTiming timing, double t)
{
    double u;
    size_t k = locate(clip, timing, t, &u);
    const PoseKey *key = pose_key(clip, k);
    return (AnimPlace){ .key = k, .phase = key->phase, .line = key->line,
                        .beat = key->beat + u * segment_beats(clip, k) };
}

void anim_segment(const PoseClip *clip, AnimTiming timing, double t, double *from, double *to)
{
    double u;
    size_t k = locate(clip, timing, t, &u);
    double len = segment_seconds(clip, timing, share_of(clip, timing), k);
    *from = t - u * len;
    *to = *from + len;
}

static void grow(Vec2 *min, Vec2 *max, float x, float y)
{
    if (x < min->x) min->x = x;
    if (y < min->y) min->y = y;
    if (x > max->x) max->x = x;
    if (y > max->y) max->y = y;
}

/* The props' extents, as a drawing of them would reach: a chair seat
 * 0.45 m deep with a back 0.45 m above the seat, a stationary bike's
 * 0.17 m cranks and its frame down to the floor. */
static void grow_prop(const FigureFrame *f, Vec2 *min, Vec2 *max)
{
    switch (f->prop) {
    case PROP_CHAIR:
        grow(min, max, f->prop_at[0].x - 0.50f, 0.0f);
        grow(min, max, f->prop_at[0].x, f->prop_at[0].y + 0.45f);
        break;
    case PROP_BIKE:
        for (int i = 0; i < 3; i++)
            grow(min, max, f->prop_at[i].x, f->prop_at[i].y);
        grow(min, max, f->prop_at[1].x - 0.20f, 0.0f);
        grow(min, max, f->prop_at[1].x + 0.20f, f->prop_at[1].y + 0.20f);
        break;
    case PROP_WATER:
        grow(min, max, f->joint[0].x, f->prop_at[0].y);
        break;
    default:
        break;
    }
}

void anim_bounds(const PoseClip *clip, AnimTiming timing, Vec2 *min, Vec2 *max)
{
    enum { STEPS = 96 };
    double cycle = anim_cycle_seconds(timing);
    FigureFrame f;
    anim_frame(clip, timing, 0.0, false, &f);
    *min = *max = f.joint[0];
    for (int side = 0; side < 2; side++) {
        for (int i = 0; i <= STEPS; i++) {
            anim_frame(clip, timing, cycle * i / STEPS, side == 1, &f);
            for (int j = 0; j < SKEL_JOINT_COUNT; j++) {
                float r = j == SKEL_HEAD ? f.head_radius : 0.0f;
                grow(min, max, f.joint[j].x - r, f.joint[j].y - r);
                grow(min, max, f.joint[j].x + r, f.joint[j].y + r);
            }
            grow_prop(&f, min, max);
            if (f.floor)
                grow(min, max, f.joint[0].x, 0.0f);
        }
    }
}
