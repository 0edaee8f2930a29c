/* player: the routine state machine. A routine (or one exercise, for `show`)
 * becomes a timeline of segments (get-ready, work per set and side, switch
 * sides, set rest, step rest, finished) that follows catalog.h's timing
 * model, so the player's total is catalog_routine_seconds.
 *
 * Time is passed in, never read from a clock: player_advance takes absolute
 * seconds since any fixed origin. The position on the timeline is
 * base + (now - base_now) * rate, rebased only at commands (pause, seek,
 * speed), so a 30 s hold lasts 30 s at any frame rate: nothing sums frame
 * deltas. */
#ifndef LIMBER_PLAYER_H
#define LIMBER_PLAYER_H

#include <stdbool.h>
#include <stddef.h>

#include "catalog.h"

typedef enum {
    PLAYER_GET_READY,   /* countdown before the first step */
    PLAYER_WORK,        /* the exercise, one set on one side */
    PLAYER_SWITCH,      /* switch to the other side */
    PLAYER_SET_REST,    /* rest between sets of one step */
    PLAYER_STEP_REST,   /* rest between steps; shows the next exercise */
    PLAYER_FINISHED
} PlayerSegmentKind;

/* Seconds into a step before "previous" restarts it instead of going back. */
#define PLAYER_BACK_GRACE_S 2.0

/* A snapshot of where the player is: everything a screen draws. */
typedef struct {
    PlayerSegmentKind kind;
    int segment;         /* index; changes at every segment boundary */
    int step, step_count;
    int exercise;        /* catalogue index to show: during get-ready and rests the
                            one coming up; -1 when finished */
    int next_exercise;   /* the exercise of the step after this one, -1 if none */
    double segment_left; /* seconds left in the segment: the countdown */
    double segment_length;
    int rep, reps;       /* rep n of N, 1-based, per side; reps 0 in a timed step */
    int set, sets;       /* 1-based */
    int side, side_count; /* side 0 or 1 of side_count (1 or 2) */
    bool alternate;      /* sides alternate every rep */
    StepSide working;    /* the patient's side at work now (the coming one in a
                            switch, get-ready or rest); BOTH without sides */
    bool mirror_view;    /* M: show the picture as in a mirror; the side stays */
    double anim_t;       /* time into the exercise's animation, for anim_frame */
    double rep_s, hold_s; /* the animation's timing in this segment: the
                             table's, or a timed step's stretched hold */
    double elapsed, total; /* whole timeline, planned seconds */
    double taken;        /* wall-clock seconds since this pass began, pauses
                            included; at the end, what the routine really took */
    double speed;
    bool paused, finished, looping;
} PlayerState;

typedef struct Player Player;

/* A routine: step_exercise[i] is the exercise of steps[i] (its catalogue
 * index is steps[i].exercise). Copies what it needs; NULL when out of
 * memory or when count is 0. Free with player_free. */
Player *player_new_steps(const Exercise *const *step_exercise, const RoutineStep *steps,
                         size_t count);

/* The same for a routine of a catalogue. */
Player *player_new_routine(const Catalog *cat, const Routine *routine);

/* One exercise looping forever, one set per side, no rests: for `show`.
 * index is its catalogue index, reported back in PlayerState.exercise. */
Player *player_new_exercise(const Exercise *ex, int index);

void player_free(Player *p);

/* Starts the clock: now is the same clock player_advance gets. */
void player_start(Player *p, double now);

/* Moves to the time now (seconds on the caller's monotonic clock). A now
 * earlier than the last one is taken as the last one. */
void player_advance(Player *p, double now);

/* The state at the last player_advance. */
void player_state(const Player *p, PlayerState *out);

/* The state at the start of segment i as it will be when played there
 * (taken is the time taken so far): what comes next, for the voice to
 * prepare its words ahead. */
void player_segment_state(const Player *p, size_t i, PlayerState *out);

/* Commands; each takes the current time so the timeline rebases exactly. */
void player_set_paused(Player *p, double now, bool paused);
void player_toggle_pause(Player *p, double now);
/* To the start of the next step; in a rest or switch inside a step, to the
 * next set or side. */
void player_next(Player *p, double now);
void player_previous(Player *p, double now);  /* back a step, or restart this one */
void player_restart(Player *p, double now);
void player_set_loop(Player *p, bool loop);   /* start over at the end */
void player_toggle_mirror_view(Player *p); /* flips PlayerState.mirror_view */
/* Speed scales the animation of `show` only (0.25 to 4); a routine's timers
 * stay real time, so this is ignored there. */
void player_set_speed(Player *p, double now, double speed);

/* Where the player is, as what survives new tables: a step, and the
 * seconds since its work began (negative in the rest or get-ready before
 * it), so a changed rest elsewhere does not move the step's countdown. */
typedef struct {
    int step;
    double into;
} PlayerPlace;

PlayerPlace player_place(const Player *p);

/* Moves to place: a step past the last is the last, seconds past the
 * step's end start the next step, and before its lead-in start that.
 * Paused stays paused. */
void player_set_place(Player *p, double now, PlayerPlace place);

/* Moves to where every screen in step is: (wall_s * speed) modulo the
 * timeline's length, wall_s being seconds since the shared epoch. */
void player_sync(Player *p, double now, double wall_s);

/* Planned seconds of the whole timeline (one loop for `show`). */
double player_total_seconds(const Player *p);

/* The segments, for tests and the progress bar. */
size_t player_segment_count(const Player *p);
PlayerSegmentKind player_segment_kind(const Player *p, size_t i);
double player_segment_start(const Player *p, size_t i);
double player_segment_length(const Player *p, size_t i);

/* "Get ready", "Rest", "Switch sides" ...: a caption for a segment kind. */
const char *player_kind_title(PlayerSegmentKind kind);

#endif
