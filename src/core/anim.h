/* anim: a pose clip sampled at a time. A pure function of time: the same
 * clip, timing and t always give the same frame. */
#ifndef LIMBER_ANIM_H
#define LIMBER_ANIM_H

#include <stdbool.h>

#include "pose.h"
#include "skel.h"

/* How long one cycle (one rep) takes, from the exercise table: the moving
 * phases are scaled to fill rep_s, the hold phase lasts hold_s. */
typedef struct {
    double rep_s, hold_s;
} AnimTiming;

/* The table's timing of an exercise. */
AnimTiming anim_timing(const Exercise *ex);

/* Seconds of one cycle: rep_s + hold_s (the clip decides nothing here, so
 * the on-screen countdown and the figure always agree). */
double anim_cycle_seconds(AnimTiming timing);

/* The joint angles at time t (wrapped into one cycle); mirrored swaps left
 * and right, for the second side of a two-sided exercise. */
void anim_sample(const PoseClip *clip, AnimTiming timing, double t, bool mirrored,
                 SkelAngles *out);

/* The grounded, projected figure at time t: what drawing needs. */
void anim_frame(const PoseClip *clip, AnimTiming timing, double t, bool mirrored,
                FigureFrame *out);

/* The name of the phase at time t ("lift", "hold" ...). Owned by the clip. */
const char *anim_phase(const PoseClip *clip, AnimTiming timing, double t);

/* Where time t is in a clip, for a pose's author: the key whose segment
 * holds t (0-based), its phase and file line, and the beat (the key's beat
 * and the part of the segment gone by, in the file's beats). */
typedef struct {
    size_t key;
    const char *phase; /* owned by the clip */
    int line;
    double beat;
} AnimPlace;

AnimPlace anim_place(const PoseClip *clip, AnimTiming timing, double t);

/* The key interval holding time t: when its segment starts and ends, in
 * t's own count of seconds (from <= t < to). */
void anim_segment(const PoseClip *clip, AnimTiming timing, double t, double *from, double *to);

/* The box that holds the figure and its prop over a whole cycle, both sides,
 * so drawing can fix one scale per exercise and the figure never zooms. */
void anim_bounds(const PoseClip *clip, AnimTiming timing, Vec2 *min, Vec2 *max);

#endif
