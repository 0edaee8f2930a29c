/* The routine state machine: timeline, counters, sides, commands, timing. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "player.h"

#define EPS 1e-9 /* the timeline is exact: sums of table values */

/* ------------------------------------------------------------------ */
/* Fixtures                                                            */
/* ------------------------------------------------------------------ */

/* Exercises built by hand so the tests need no tables on disk. */
static Exercise ex_none = { .id = "bridge", .hold_s = 2, .reps = 3, .rep_s = 3,
                            .sides = SIDES_NONE, .sets = 2, .rest_s = 10 };
static Exercise ex_each = { .id = "hamstring", .hold_s = 20, .reps = 1, .rep_s = 4,
                            .sides = SIDES_EACH, .sets = 2, .rest_s = 15 };
static Exercise ex_alt = { .id = "bird-dog", .hold_s = 1, .reps = 2, .rep_s = 3,
                           .sides = SIDES_ALTERNATE, .sets = 1, .rest_s = 0 };
static Exercise ex_hold = { .id = "plank", .hold_s = 30, .reps = 1, .rep_s = 0,
                            .sides = SIDES_NONE, .sets = 1, .rest_s = 0 };

#define OWN (-1.0) /* the exercise's own rest between sets */

static Player *routine(const Exercise *const *ex, const RoutineStep *steps, size_t n)
{
    Player *p = player_new_steps(ex, steps, n);
    assert_non_null(p);
    player_start(p, 100.0); /* an origin that is not 0 catches mixed-up clocks */
    return p;
}

static PlayerState at(Player *p, double t)
{
    PlayerState s;
    player_advance(p, 100.0 + t);
    player_state(p, &s);
    return s;
}

/* ------------------------------------------------------------------ */
/* The timeline follows the timing model                               */
/* ------------------------------------------------------------------ */

typedef struct {
    const char *name;
    const Exercise *ex[3];
    RoutineStep steps[3];
    size_t n;
    PlayerSegmentKind kinds[16];
    double lengths[16];
    size_t count;
} TimelineCase;

static const TimelineCase timeline_cases[] = {
    { "none: sets with a set rest, then the step rest",
      { &ex_none, &ex_hold }, { { .exercise = 0, .set_rest_s = OWN, .rest_s = 7 }, { .exercise = 3, .set_rest_s = OWN } }, 2,
      { PLAYER_GET_READY, PLAYER_WORK, PLAYER_SET_REST, PLAYER_WORK, PLAYER_STEP_REST,
        PLAYER_WORK, PLAYER_FINISHED },
      { 5, 15, 10, 15, 7, 30, 0 }, 7 },
    { "each: all sets on one side, switch, all sets on the other",
      { &ex_each }, { { .exercise = 1, .set_rest_s = OWN } }, 1,
      { PLAYER_GET_READY, PLAYER_WORK, PLAYER_SET_REST, PLAYER_WORK, PLAYER_SWITCH,
        PLAYER_WORK, PLAYER_SET_REST, PLAYER_WORK, PLAYER_FINISHED },
      { 5, 24, 15, 24, 5, 24, 15, 24, 0 }, 9 },
    { "each, one side only: no switch",
      { &ex_each }, { { .exercise = 1, .set_rest_s = OWN, .side = STEP_SIDE_RIGHT } }, 1,
      { PLAYER_GET_READY, PLAYER_WORK, PLAYER_SET_REST, PLAYER_WORK, PLAYER_FINISHED },
      { 5, 24, 15, 24, 0 }, 5 },
    { "alternate: twice the reps in one segment",
      { &ex_alt }, { { .exercise = 2, .set_rest_s = OWN } }, 1,
      { PLAYER_GET_READY, PLAYER_WORK, PLAYER_FINISHED }, { 5, 16, 0 }, 3 },
    { "timed step: seconds per side, one set",
      { &ex_each, &ex_none }, { { .exercise = 1, .set_rest_s = OWN, .seconds = 30, .rest_s = 0 },
                                { .exercise = 0, .set_rest_s = OWN, .reps = 1 } }, 2,
      { PLAYER_GET_READY, PLAYER_WORK, PLAYER_SWITCH, PLAYER_WORK, PLAYER_WORK,
        PLAYER_SET_REST, PLAYER_WORK, PLAYER_FINISHED },
      { 5, 30, 5, 30, 5, 10, 5, 0 }, 8 },
};

static void test_timeline(void **state)
{
    (void)state;
    for (size_t c = 0; c < sizeof timeline_cases / sizeof timeline_cases[0]; c++) {
        const TimelineCase *tc = &timeline_cases[c];
        print_message("case: %s\n", tc->name);
        Player *p = routine(tc->ex, tc->steps, tc->n);
        assert_int_equal(player_segment_count(p), tc->count);
        double sum = 0;
        for (size_t i = 0; i < tc->count; i++) {
            assert_int_equal(player_segment_kind(p, i), tc->kinds[i]);
            assert_float_equal(player_segment_length(p, i), tc->lengths[i], EPS);
            assert_float_equal(player_segment_start(p, i), sum, EPS);
            sum += tc->lengths[i];
        }
        assert_float_equal(player_total_seconds(p), sum, EPS);
        player_free(p);
    }
}

/* ------------------------------------------------------------------ */
/* State at given times                                                */
/* ------------------------------------------------------------------ */

typedef struct {
    double t;
    PlayerSegmentKind kind;
    int step, exercise, rep, reps, set, side;
    StepSide working;
    double left, anim_t;
} StateCase;

/* A routine and what the player says at given times. */
typedef struct {
    const char *name;
    const Exercise *ex[2];
    RoutineStep steps[2];
    size_t n;
    StateCase at[12];
} StateScenario;

static const StateScenario scenarios[] = {
    /* get-ready 0-5, work 5-20 (cycle 5 s), rest 20-30, work 30-45, step rest 45-52,
     * plank 52-82 */
    { "steps and rests", { &ex_none, &ex_hold },
      { { .exercise = 0, .set_rest_s = OWN, .rest_s = 7 }, { .exercise = 3, .set_rest_s = OWN } }, 2,
      { { 0.0, PLAYER_GET_READY, 0, 0, 0, 0, 1, 0, STEP_SIDE_BOTH, 5.0, 0.0 },
        { 4.5, PLAYER_GET_READY, 0, 0, 0, 0, 1, 0, STEP_SIDE_BOTH, 0.5, 4.5 },
        { 5.0, PLAYER_WORK, 0, 0, 1, 3, 1, 0, STEP_SIDE_BOTH, 15.0, 0.0 },
        { 11.0, PLAYER_WORK, 0, 0, 2, 3, 1, 0, STEP_SIDE_BOTH, 9.0, 1.0 },
        { 19.99, PLAYER_WORK, 0, 0, 3, 3, 1, 0, STEP_SIDE_BOTH, 0.01, 4.99 },
        { 25.0, PLAYER_SET_REST, 0, 0, 0, 0, 2, 0, STEP_SIDE_BOTH, 5.0, 5.0 },
        { 30.0, PLAYER_WORK, 0, 0, 1, 3, 2, 0, STEP_SIDE_BOTH, 15.0, 0.0 },
        { 46.0, PLAYER_STEP_REST, 1, 3, 0, 0, 1, 0, STEP_SIDE_BOTH, 6.0, 1.0 },
        { 60.0, PLAYER_WORK, 1, 3, 1, 1, 1, 0, STEP_SIDE_BOTH, 22.0, 8.0 },
        { 82.0, PLAYER_FINISHED, 1, -1, 0, 0, 0, 0, STEP_SIDE_BOTH, 0.0, 0.0 },
        { 500.0, PLAYER_FINISHED, 1, -1, 0, 0, 0, 0, STEP_SIDE_BOTH, 0.0, 0.0 } } },
    /* 5 get-ready, 24 work, 15 rest, 24 work, 5 switch (68-73), 24 work mirrored,
     * 15 rest (97-112) */
    { "each side", { &ex_each }, { { .exercise = 1, .set_rest_s = OWN } }, 1,
      { { 10.0, PLAYER_WORK, 0, 1, 1, 1, 1, 0, STEP_SIDE_LEFT, 19.0, 5.0 },
        { 70.0, PLAYER_SWITCH, 0, 1, 0, 0, 1, 1, STEP_SIDE_RIGHT, 3.0, 2.0 },
        { 75.0, PLAYER_WORK, 0, 1, 1, 1, 1, 1, STEP_SIDE_RIGHT, 22.0, 2.0 },
        { 105.0, PLAYER_SET_REST, 0, 1, 0, 0, 2, 1, STEP_SIDE_RIGHT, 7.0, 8.0 } } },
    /* cycle 4 s, 2 reps per side: cycles at 5, 9, 13, 17, every second mirrored */
    { "alternate sides", { &ex_alt }, { { .exercise = 2, .set_rest_s = OWN } }, 1,
      { { 6.0, PLAYER_WORK, 0, 2, 1, 2, 1, 0, STEP_SIDE_LEFT, 15.0, 1.0 },
        { 10.0, PLAYER_WORK, 0, 2, 1, 2, 1, 0, STEP_SIDE_RIGHT, 11.0, 1.0 },
        { 14.0, PLAYER_WORK, 0, 2, 2, 2, 1, 0, STEP_SIDE_LEFT, 7.0, 1.0 },
        { 20.5, PLAYER_WORK, 0, 2, 2, 2, 1, 0, STEP_SIDE_RIGHT, 0.5, 3.5 } } },
};

static void test_states(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof scenarios / sizeof scenarios[0]; k++) {
        const StateScenario *sc = &scenarios[k];
        print_message("scenario: %s\n", sc->name);
        Player *p = routine(sc->ex, sc->steps, sc->n);
        /* the table ends at the first empty row (t = 0 after the first) */
        for (size_t i = 0; i < sizeof sc->at / sizeof sc->at[0] && (i == 0 || sc->at[i].t > 0);
             i++) {
            const StateCase *c = &sc->at[i];
            print_message("t = %g\n", c->t);
            PlayerState s = at(p, c->t);
            assert_int_equal(s.kind, c->kind);
            assert_int_equal(s.step, c->step);
            assert_int_equal(s.exercise, c->exercise);
            assert_int_equal(s.rep, c->rep);
            assert_int_equal(s.reps, c->reps);
            assert_int_equal(s.set, c->set);
            assert_int_equal(s.side, c->side);
            assert_int_equal(s.working, c->working);
            assert_float_equal(s.segment_left, c->left, 1e-6);
            assert_float_equal(s.anim_t, c->anim_t, 1e-6);
            assert_float_equal(s.elapsed, c->t < s.total ? c->t : s.total, 1e-6);
            assert_int_equal(s.finished, c->kind == PLAYER_FINISHED);
        }
        player_free(p);
    }
}

/* M mirrors the picture; the side the patient works stays the same. */
static void test_mirror_key(void **state)
{
    (void)state;
    const Exercise *ex[] = { &ex_alt };
    RoutineStep steps[] = { { .exercise = 2, .set_rest_s = OWN } };
    Player *p = routine(ex, steps, 1);
    assert_false(at(p, 14.0).mirror_view);
    assert_int_equal(at(p, 14.0).working, STEP_SIDE_LEFT);
    player_toggle_mirror_view(p);
    assert_true(at(p, 14.0).mirror_view);
    assert_int_equal(at(p, 14.0).working, STEP_SIDE_LEFT);
    assert_int_equal(at(p, 20.5).working, STEP_SIDE_RIGHT);
    player_toggle_mirror_view(p);
    assert_false(at(p, 20.5).mirror_view);
    player_free(p);
}

/* seconds on a hold exercise: one hold fills the step, and the step ends
 * when its seconds do; on an alternating exercise, the whole step. */
static void test_timed_steps_tell_the_truth(void **state)
{
    (void)state;
    const Exercise *ex[] = { &ex_each, &ex_alt };
    RoutineStep steps[] = { { .exercise = 1, .seconds = 8, .set_rest_s = OWN,
                              .side = STEP_SIDE_LEFT, .rest_s = 10 },
                            { .exercise = 2, .seconds = 40, .set_rest_s = OWN } };
    Player *p = routine(ex, steps, 2);
    PlayerState s = at(p, 5.0);
    assert_int_equal(s.kind, PLAYER_WORK);
    assert_int_equal(s.working, STEP_SIDE_LEFT);
    assert_float_equal(s.segment_left, 8.0, 1e-6);
    assert_float_equal(s.rep_s + s.hold_s, 8.0, 1e-6); /* one cycle: the step */
    assert_float_equal(s.rep_s, 4.0, 1e-6);
    assert_int_equal(s.reps, 0);
    assert_int_equal(at(p, 13.5).kind, PLAYER_STEP_REST); /* 5 + 8 */
    s = at(p, 23.5);
    assert_int_equal(s.kind, PLAYER_WORK);
    assert_float_equal(s.segment_left, 39.5, 1e-6); /* 40 s in all, not 80 */
    assert_float_equal(s.hold_s, 1.0, 1e-6);       /* alternating: the table's cycle */
    assert_float_equal(player_total_seconds(p), 5 + 8 + 10 + 40, 1e-6);
    player_free(p);
}

/* Right in a rest between sets starts the next set; in a switch, the
 * other side; in a step rest, the next step; the end says what it took. */
static void test_next_in_rests(void **state)
{
    (void)state;
    const Exercise *ex[] = { &ex_each, &ex_none };
    RoutineStep steps[] = { { .exercise = 1, .set_rest_s = OWN, .rest_s = 7 },
                            { .exercise = 0, .set_rest_s = OWN } };
    Player *p = routine(ex, steps, 2);
    /* get-ready 0-5, work 5-29, set rest 29-44, work 44-68, switch 68-73 */
    assert_int_equal(at(p, 30.0).kind, PLAYER_SET_REST);
    player_next(p, 130.0);
    PlayerState s = at(p, 30.0);
    assert_int_equal(s.kind, PLAYER_WORK);
    assert_int_equal(s.step, 0);
    assert_int_equal(s.set, 2);
    assert_float_equal(s.elapsed, 44.0, 1e-6);
    player_next(p, 130.0); /* in work: the next step */
    s = at(p, 30.0);
    assert_int_equal(s.step, 1);
    assert_int_equal(s.kind, PLAYER_WORK);
    player_free(p);

    p = routine(ex, steps, 2);
    assert_int_equal(at(p, 70.0).kind, PLAYER_SWITCH);
    player_next(p, 170.0);
    s = at(p, 70.0);
    assert_int_equal(s.kind, PLAYER_WORK);
    assert_int_equal(s.step, 0);
    assert_int_equal(s.working, STEP_SIDE_RIGHT);
    /* skipped to the end at 80 s on the clock: it took 80 s, not the plan */
    player_next(p, 180.0);
    player_next(p, 180.0);
    s = at(p, 80.0);
    assert_true(s.finished);
    assert_float_equal(s.taken, 80.0, 1e-6);
    assert_float_equal(s.total, 183.0, 1e-6); /* the plan: 5 + 131 + 7 + 40 */
    s = at(p, 300.0); /* the clock goes on; what it took does not */
    assert_float_equal(s.taken, 80.0, 1e-6);
    player_free(p);
}

/* ------------------------------------------------------------------ */
/* Commands                                                            */
/* ------------------------------------------------------------------ */

static void test_pause_freezes_figure_and_countdown(void **state)
{
    (void)state;
    const Exercise *ex[] = { &ex_hold };
    RoutineStep steps[] = { { .exercise = 3, .set_rest_s = OWN } };
    Player *p = routine(ex, steps, 1);
    PlayerState a = at(p, 12.0);
    player_set_paused(p, 112.0, true);
    PlayerState b = at(p, 40.0); /* 28 s later, paused */
    assert_true(b.paused);
    assert_float_equal(b.segment_left, a.segment_left, EPS);
    assert_float_equal(b.anim_t, a.anim_t, EPS);
    assert_float_equal(b.elapsed, 12.0, EPS);
    player_toggle_pause(p, 140.0);
    PlayerState c = at(p, 43.0);
    assert_false(c.paused);
    assert_float_equal(c.elapsed, 15.0, EPS);
    assert_float_equal(c.segment_left, a.segment_left - 3.0, EPS);
    /* planned 35 s + 28 s paused: done at 63 s, not before */
    assert_false(at(p, 62.9).finished);
    assert_true(at(p, 63.0).finished);
    player_free(p);
}

typedef struct {
    const char *name;
    double t;         /* when the command comes */
    int command;      /* 0 next, 1 previous, 2 restart */
    double expect;    /* elapsed right after */
} CommandCase;

static void test_skip_and_back(void **state)
{
    (void)state;
    const Exercise *ex[] = { &ex_none, &ex_hold, &ex_alt };
    RoutineStep steps[] = { { .exercise = 0, .set_rest_s = OWN, .rest_s = 7 }, { .exercise = 3, .set_rest_s = OWN, .rest_s = 4 },
                            { .exercise = 2, .set_rest_s = OWN } };
    /* step work starts: 5, 52, 86; total 102 */
    static const CommandCase cases[] = {
        { "next in get-ready: the first step", 2.0, 0, 5.0 },
        { "next in a step: the next step's work", 10.0, 0, 52.0 },
        { "next in a step rest: past the rest", 47.0, 0, 52.0 },
        { "next in the last step: the end", 90.0, 0, 102.0 },
        { "previous late in a step: restart it", 60.0, 1, 52.0 },
        { "previous early in a step: the step before", 53.0, 1, 5.0 },
        { "previous in the rest after a step: restart that step", 84.0, 1, 52.0 },
        { "previous early in the first step: get-ready", 6.0, 1, 0.0 },
        { "previous at the end: the last step", 200.0, 1, 86.0 },
        { "restart", 70.0, 2, 0.0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const CommandCase *c = &cases[i];
        print_message("case: %s\n", c->name);
        Player *p = routine(ex, steps, 3);
        assert_float_equal(player_total_seconds(p), 102.0, EPS);
        at(p, c->t);
        double now = 100.0 + c->t;
        if (c->command == 0)
            player_next(p, now);
        else if (c->command == 1)
            player_previous(p, now);
        else
            player_restart(p, now);
        PlayerState s = at(p, c->t);
        assert_float_equal(s.elapsed, c->expect, EPS);
        /* and the clock keeps running from there */
        if (c->expect < 100.0) {
            s = at(p, c->t + 1.0);
            assert_float_equal(s.elapsed, c->expect + 1.0, EPS);
        }
        player_free(p);
    }
}

/* New tables under a running player: the step and its seconds stay. */
static void test_place_survives_new_tables(void **state)
{
    (void)state;
    const Exercise *ex[] = { &ex_none, &ex_hold, &ex_alt };
    RoutineStep steps[] = { { .exercise = 0, .set_rest_s = OWN, .rest_s = 7 },
                            { .exercise = 3, .set_rest_s = OWN, .rest_s = 4 },
                            { .exercise = 2, .set_rest_s = OWN } };
    /* work starts 5, 52, 86; total 102. The new tables: step 0 rests 3 s
     * (work starts 5, 48, 82), or the last step is gone. */
    RoutineStep shorter[3] = { steps[0], steps[1], steps[2] };
    shorter[0].rest_s = 3;
    static const struct {
        const char *name;
        double t;
        size_t new_count;
        bool short_rest;
        int step;
        double elapsed;
    } cases[] = {
        { "in a step's work: the same seconds into it", 60.0, 3, true, 1, 56.0 },
        { "in the rest before a step: as far from its work", 50.0, 3, true, 1, 46.0 },
        { "a rest now shorter: its start", 46.0, 3, true, 1, 45.0 },
        { "the step gone: the nearest (the last), as far in", 90.0, 2, false, 1, 56.0 },
        { "in the get-ready", 2.0, 3, true, 0, 2.0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        print_message("case: %s\n", cases[i].name);
        Player *p = routine(ex, steps, 3);
        at(p, cases[i].t);
        player_set_paused(p, 100.0 + cases[i].t, true);
        PlayerPlace place = player_place(p);
        Player *q = routine(ex, cases[i].short_rest ? shorter : steps, cases[i].new_count);
        player_set_paused(q, 100.0 + cases[i].t, true);
        player_set_place(q, 100.0 + cases[i].t, place);
        PlayerState s = at(q, cases[i].t + 5.0);
        assert_true(s.paused);
        assert_int_equal(s.step, cases[i].step);
        assert_float_equal(s.elapsed, cases[i].elapsed, EPS);
        player_free(p);
        player_free(q);
    }
}

/* --sync: the position is the wall clock modulo the length, whenever the
 * player was started and whatever its own clock says. */
static void test_sync_is_the_wall_clock(void **state)
{
    (void)state;
    const Exercise *ex[] = { &ex_none, &ex_hold, &ex_alt };
    RoutineStep steps[] = { { .exercise = 0, .set_rest_s = OWN, .rest_s = 7 },
                            { .exercise = 3, .set_rest_s = OWN, .rest_s = 4 },
                            { .exercise = 2, .set_rest_s = OWN } };
    Player *a = routine(ex, steps, 3);
    Player *b = player_new_steps(ex, steps, 3);
    assert_non_null(b);
    player_start(b, 7.25); /* started at another time, on another clock */
    player_set_loop(a, true);
    player_set_loop(b, true);
    static const double walls[] = { 0.0, 60.0, 102.0 * 1000 + 53.5, -3.0, 1e9 + 0.25 };
    for (size_t i = 0; i < sizeof walls / sizeof walls[0]; i++) {
        PlayerState sa, sb;
        player_sync(a, 200.0 + (double)i, walls[i]);
        player_sync(b, 9.0 + (double)i, walls[i]);
        player_state(a, &sa);
        player_state(b, &sb);
        double want = fmod(walls[i], 102.0);
        want = want < 0 ? want + 102.0 : want;
        assert_float_equal(sa.elapsed, want, 1e-6);
        assert_float_equal(sb.elapsed, want, 1e-6);
        assert_int_equal(sa.step, sb.step);
        assert_int_equal(sa.segment, sb.segment);
        assert_int_equal(sa.rep, sb.rep);
        assert_float_equal(sa.segment_left, sb.segment_left, 1e-6);
    }
    player_free(a);
    player_free(b);
}

static void test_loop_starts_over(void **state)
{
    (void)state;
    const Exercise *ex[] = { &ex_hold };
    RoutineStep steps[] = { { .exercise = 3, .set_rest_s = OWN } };
    Player *p = routine(ex, steps, 1);
    player_set_loop(p, true);
    PlayerState s = at(p, 36.0); /* total 35 */
    assert_false(s.finished);
    assert_int_equal(s.kind, PLAYER_GET_READY);
    assert_float_equal(s.elapsed, 1.0, EPS);
    s = at(p, 35.0 * 1000 + 10.0); /* a thousand loops later, still exact */
    assert_int_equal(s.kind, PLAYER_WORK);
    assert_float_equal(s.elapsed, 10.0, 1e-6);
    player_free(p);
}

static void test_show_loops_and_speed_scales(void **state)
{
    (void)state;
    Player *p = player_new_exercise(&ex_each, 7);
    assert_non_null(p);
    /* one set per side, no rests: 24 + 5 + 24 */
    assert_float_equal(player_total_seconds(p), 53.0, EPS);
    player_start(p, 0.0);
    PlayerState s;
    player_advance(p, 10.0);
    player_state(p, &s);
    assert_int_equal(s.exercise, 7);
    assert_float_equal(s.anim_t, 10.0, EPS);
    player_set_speed(p, 10.0, 2.0);
    player_advance(p, 12.0);
    player_state(p, &s);
    assert_float_equal(s.anim_t, 14.0, EPS);
    assert_float_equal(s.speed, 2.0, EPS);
    player_advance(p, 12.0 + 20.0); /* 14 + 40 = 54: looped to 1 */
    player_state(p, &s);
    assert_false(s.finished);
    assert_float_equal(s.elapsed, 1.0, EPS);
    player_free(p);

    /* a routine ignores speed: its timers are real time */
    const Exercise *ex[] = { &ex_hold };
    RoutineStep steps[] = { { .exercise = 3, .set_rest_s = OWN } };
    p = routine(ex, steps, 1);
    player_set_speed(p, 100.0, 3.0);
    s = at(p, 10.0);
    assert_float_equal(s.elapsed, 10.0, EPS);
    player_free(p);
}

/* ------------------------------------------------------------------ */
/* Frame rate does not change time                                     */
/* ------------------------------------------------------------------ */

static void test_hold_lasts_its_seconds_at_any_fps(void **state)
{
    (void)state;
    static const struct {
        double fps;
        double jitter; /* fraction of a frame, pseudo-random */
    } cases[] = { { 7, 0 }, { 60, 0 }, { 144, 0 }, { 7, 0.4 }, { 60, 0.9 }, { 144, 0.5 } };
    const Exercise *ex[] = { &ex_hold };
    RoutineStep steps[] = { { .exercise = 3, .set_rest_s = OWN } };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        print_message("fps %g jitter %g\n", cases[c].fps, cases[c].jitter);
        Player *p = routine(ex, steps, 1);
        double frame = 1.0 / cases[c].fps;
        unsigned rng = 12345;
        double t = 0, began = -1, ended = -1;
        PlayerSegmentKind last = PLAYER_GET_READY;
        while (t < 40.0 && ended < 0) {
            rng = rng * 1103515245u + 12345u;
            double j = ((double)(rng >> 16 & 0x7fff) / 32767.0 - 0.5) * cases[c].jitter * frame;
            PlayerState s = at(p, t + j);
            if (s.kind == PLAYER_WORK && last != PLAYER_WORK)
                began = t + j;
            if (s.kind != PLAYER_WORK && last == PLAYER_WORK)
                ended = t + j;
            last = s.kind;
            t += frame;
        }
        /* seen at the first frame at or after the boundary (1e-9: the sum of
         * frame times rounds) */
        assert_true(began >= 5.0 - 1e-9 && began < 5.0 + 2 * frame);
        assert_true(ended >= 35.0 - 1e-9 && ended < 35.0 + 2 * frame);
        player_free(p);
    }
}

/* ------------------------------------------------------------------ */
/* The shipped routines: the screen and the plan agree                 */
/* ------------------------------------------------------------------ */

static void test_total_is_the_planned_length(void **state)
{
    (void)state;
    DiagList diags = { 0 };
    Catalog *cat = catalog_load(LIMBER_SOURCE_DIR "/data", &diags);
    assert_non_null(cat);
    assert_int_equal(diags.count, 0);
    assert_true(catalog_routine_count(cat) >= 1);
    for (size_t i = 0; i < catalog_routine_count(cat); i++) {
        const Routine *r = catalog_routine(cat, i);
        print_message("routine %s\n", r->name);
        Player *p = player_new_routine(cat, r);
        assert_non_null(p);
        assert_float_equal(player_total_seconds(p), catalog_routine_seconds(cat, r), 1e-6);
        /* and driving it to the end takes exactly that long */
        player_start(p, 0.0);
        PlayerState s;
        player_advance(p, catalog_routine_seconds(cat, r) - 0.01);
        player_state(p, &s);
        assert_false(s.finished);
        player_advance(p, catalog_routine_seconds(cat, r));
        player_state(p, &s);
        assert_true(s.finished);
        player_free(p);
    }
    /* every exercise in show mode loops with a positive length */
    for (size_t i = 0; i < catalog_exercise_count(cat); i++) {
        Player *p = player_new_exercise(catalog_exercise(cat, i), (int)i);
        assert_non_null(p);
        assert_true(player_total_seconds(p) > 0.0);
        player_free(p);
    }
    catalog_free(cat);
    diag_free(&diags);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_timeline),
        cmocka_unit_test(test_states),
        cmocka_unit_test(test_mirror_key),
        cmocka_unit_test(test_timed_steps_tell_the_truth),
        cmocka_unit_test(test_next_in_rests),
        cmocka_unit_test(test_pause_freezes_figure_and_countdown),
        cmocka_unit_test(test_skip_and_back),
        cmocka_unit_test(test_loop_starts_over),
        cmocka_unit_test(test_place_survives_new_tables),
        cmocka_unit_test(test_sync_is_the_wall_clock),
        cmocka_unit_test(test_show_loops_and_speed_scales),
        cmocka_unit_test(test_hold_lasts_its_seconds_at_any_fps),
        cmocka_unit_test(test_total_is_the_planned_length),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
