/* player: the routine state machine, pure: time is passed in. */
#include "player.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>

#include "csv.h" /* csv_grow: the one rule for growing arrays */

/* Marks text for po/limber.pot: the core returns English, the screens
 * translate it where it is shown. */
#define N_(s) s

/* ------------------------------------------------------------------ */
/* The timeline                                                        */
/* ------------------------------------------------------------------ */

typedef struct {
    PlayerSegmentKind kind;
    int step;            /* the step it belongs to; a step rest belongs to the step it leads to */
    int exercise;        /* catalogue index shown */
    int set, sets, side, side_count;
    int reps;            /* per side; 0 for a timed step */
    bool alternate;
    StepSide working;    /* the patient's side (the first of an alternating set) */
    double rep_s, hold_s; /* one cycle of the animation */
    double start, length;
} Segment;

struct Player {
    Segment *segs;
    size_t count, cap;
    double *work_start;  /* per step: where its first work segment starts */
    int *step_exercise;  /* per step: catalogue index */
    size_t step_count;
    double total;
    bool show;           /* one exercise looping: speed applies, always loops */

    /* the clock: pos = base_pos + (now - base_now) * rate, unless paused */
    double base_pos, base_now, last_now, pos;
    double speed;
    bool paused, loop, mirror_toggle;
    size_t current;
    /* the wall clock of this pass, for the time a routine really took */
    double pass_started, finished_at;
};

static bool push(Player *p, Segment s)
{
    if (s.length <= 0.0 && s.kind != PLAYER_FINISHED)
        return true; /* a rest of 0 s is no segment at all */
    if (!csv_grow((void **)&p->segs, &p->cap, p->count + 1, sizeof *p->segs))
        return false;
    s.start = p->total;
    p->segs[p->count++] = s;
    p->total += s.length;
    return true;
}

static double cycle_seconds(const Segment *s)
{
    double c = s->rep_s + s->hold_s;
    /* The catalogue rejects this; a zero cycle would divide by zero below. */
    return c > 0.0 ? c : 1.0;
}

static StepSide other_side(StepSide side)
{
    return side == STEP_SIDE_LEFT ? STEP_SIDE_RIGHT
           : side == STEP_SIDE_RIGHT ? STEP_SIDE_LEFT
                                     : side;
}

/* The segments of one step: sets on each side with set rests and the
 * switch between sides, as catalog_step_plan lays them out. */
static bool push_step(Player *p, int step, const Exercise *ex, const RoutineStep *st)
{
    StepPlan plan = catalog_step_plan(ex, st);
    Segment s = {
        .step = step, .exercise = st->exercise, .sets = plan.sets,
        .side_count = plan.side_count, .reps = plan.reps, .alternate = plan.alternate,
        .rep_s = plan.rep_s, .hold_s = plan.hold_s,
    };
    for (int side = 0; side < plan.side_count; side++) {
        s.side = side;
        s.working = side == 0 ? plan.first_side : other_side(plan.first_side);
        if (side == 1) {
            s.kind = PLAYER_SWITCH;
            s.set = 1;
            s.length = CATALOG_SWITCH_S;
            if (!push(p, s))
                return false;
        }
        for (int set = 1; set <= plan.sets; set++) {
            s.set = set;
            if (set > 1) {
                s.kind = PLAYER_SET_REST;
                s.length = plan.set_rest_s;
                if (!push(p, s))
                    return false;
            }
            s.kind = PLAYER_WORK;
            s.length = plan.work_s;
            if (set == 1 && side == 0)
                p->work_start[step] = p->total;
            if (!push(p, s))
                return false;
        }
    }
    return true;
}

/* A leading segment (get-ready, step rest) shows the first side of step. */
static Segment lead_in(PlayerSegmentKind kind, int step, const Exercise *ex,
                       const RoutineStep *st, double length)
{
    StepPlan plan = catalog_step_plan(ex, st);
    return (Segment){
        .kind = kind, .step = step, .exercise = st->exercise, .set = 1, .sets = plan.sets,
        .side_count = plan.side_count, .working = plan.first_side,
        .rep_s = plan.rep_s, .hold_s = plan.hold_s, .length = length,
    };
}

static Player *player_alloc(size_t steps)
{
    Player *p = calloc(1, sizeof *p);
    if (!p)
        goto fail;
    p->work_start = calloc(steps, sizeof *p->work_start);
    p->step_exercise = calloc(steps, sizeof *p->step_exercise);
    if (!p->work_start || !p->step_exercise)
        goto fail;
    p->step_count = steps;
    p->speed = 1.0;
    return p;
fail:
    player_free(p);
    return NULL;
}

Player *player_new_steps(const Exercise *const *step_exercise, const RoutineStep *steps,
                         size_t count)
{
    if (count == 0)
        return NULL;
    Player *p = player_alloc(count);
    if (!p)
        goto fail;
    if (!push(p, lead_in(PLAYER_GET_READY, 0, step_exercise[0], &steps[0], CATALOG_GET_READY_S)))
        goto fail;
    for (size_t i = 0; i < count; i++) {
        p->step_exercise[i] = steps[i].exercise;
        if (!push_step(p, (int)i, step_exercise[i], &steps[i]))
            goto fail;
        if (i + 1 < count &&
            !push(p, lead_in(PLAYER_STEP_REST, (int)i + 1, step_exercise[i + 1], &steps[i + 1],
                             steps[i].rest_s)))
            goto fail;
    }
    Segment end = { .kind = PLAYER_FINISHED, .step = (int)count - 1, .exercise = -1 };
    if (!push(p, end))
        goto fail;
    return p;
fail:
    player_free(p);
    return NULL;
}

Player *player_new_routine(const Catalog *cat, const Routine *routine)
{
    Player *p = NULL;
    const Exercise **ex = calloc(routine->step_count ? routine->step_count : 1, sizeof *ex);
    if (!ex)
        goto fail;
    for (size_t i = 0; i < routine->step_count; i++)
        ex[i] = catalog_exercise(cat, (size_t)routine->steps[i].exercise);
    p = player_new_steps(ex, routine->steps, routine->step_count);
fail:
    free(ex);
    return p;
}

Player *player_new_exercise(const Exercise *ex, int index)
{
    Player *p = player_alloc(1);
    if (!p)
        goto fail;
    p->show = true;
    p->loop = true;
    /* one set per side and no rests, for an exercise looping on its own */
    RoutineStep st = catalog_exercise_step(ex, index);
    st.sets = 1;
    p->step_exercise[0] = index;
    if (!push_step(p, 0, ex, &st))
        goto fail;
    return p;
fail:
    player_free(p);
    return NULL;
}

void player_free(Player *p)
{
    if (!p)
        return;
    free(p->segs);
    free(p->work_start);
    free(p->step_exercise);
    free(p);
}

/* ------------------------------------------------------------------ */
/* The clock                                                           */
/* ------------------------------------------------------------------ */

static double rate(const Player *p)
{
    return p->show ? p->speed : 1.0;
}

/* The segment holding position pos: the last one starting at or before it. */
static size_t find_segment(const Player *p, double pos)
{
    size_t lo = 0, hi = p->count;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (p->segs[mid].start <= pos)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

static void settle(Player *p, double now)
{
    if (now < p->last_now)
        now = p->last_now;
    p->last_now = now;
    double pos = p->paused ? p->base_pos : p->base_pos + (now - p->base_now) * rate(p);
    if (pos < 0.0)
        pos = 0.0;
    if (pos >= p->total) {
        if (p->loop || p->show) {
            /* Rebase by whole loops so the position stays exact forever. */
            double loops = floor(pos / p->total);
            p->base_pos -= loops * p->total;
            pos -= loops * p->total;
            if (pos >= p->total || pos < 0.0)
                pos = 0.0;
            p->pass_started = now;
        } else {
            if (p->finished_at < 0.0)
                p->finished_at = now;
            pos = p->total;
        }
    } else {
        p->finished_at = -1.0;
    }
    p->pos = pos;
    p->current = find_segment(p, pos);
}

void player_start(Player *p, double now)
{
    p->base_pos = 0.0;
    p->base_now = now;
    p->last_now = now;
    p->paused = false;
    p->pass_started = now;
    p->finished_at = -1.0;
    settle(p, now);
}

void player_advance(Player *p, double now)
{
    settle(p, now);
}

static void seek(Player *p, double now, double pos)
{
    settle(p, now);
    p->base_pos = pos;
    p->base_now = p->last_now;
    settle(p, p->last_now);
}

void player_set_paused(Player *p, double now, bool paused)
{
    settle(p, now);
    if (paused == p->paused)
        return;
    p->base_pos = p->pos;
    p->base_now = p->last_now;
    p->paused = paused;
}

void player_toggle_pause(Player *p, double now)
{
    player_set_paused(p, now, !p->paused);
}

/* The step the position is in: the last whose work has begun; -1 during the
 * get-ready. */
static int current_step(const Player *p)
{
    int k = -1;
    for (size_t i = 0; i < p->step_count; i++)
        if (p->work_start[i] <= p->pos)
            k = (int)i;
    return k;
}

void player_next(Player *p, double now)
{
    settle(p, now);
    const Segment *s = &p->segs[p->current];
    /* a rest or switch inside a step ends: the next set or side begins */
    if (p->pos < p->total && (s->kind == PLAYER_SET_REST || s->kind == PLAYER_SWITCH)) {
        seek(p, now, s->start + s->length);
        return;
    }
    int k = current_step(p);
    if ((size_t)(k + 1) < p->step_count)
        seek(p, now, p->work_start[k + 1]);
    else
        seek(p, now, p->loop || p->show ? 0.0 : p->total);
}

void player_previous(Player *p, double now)
{
    settle(p, now);
    int k = current_step(p);
    if (k < 0)
        seek(p, now, 0.0);
    else if (p->pos >= p->total)
        seek(p, now, p->work_start[p->step_count - 1]);
    else if (p->pos - p->work_start[k] < PLAYER_BACK_GRACE_S)
        seek(p, now, k > 0 ? p->work_start[k - 1] : 0.0);
    else
        seek(p, now, p->work_start[k]);
}

void player_restart(Player *p, double now)
{
    player_start(p, now);
}

void player_set_loop(Player *p, bool loop)
{
    p->loop = loop;
}

void player_toggle_mirror_view(Player *p)
{
    p->mirror_toggle = !p->mirror_toggle;
}

void player_set_speed(Player *p, double now, double speed)
{
    if (!(speed >= 0.25))
        speed = 0.25;
    if (speed > 4.0)
        speed = 4.0;
    settle(p, now);
    p->base_pos = p->pos;
    p->base_now = p->last_now;
    p->speed = speed;
}

/* Where step k's first segment starts (its lead-in), and where the next
 * step's does: the step's extent on the timeline. */
static void step_extent(const Player *p, int k, double *from, double *to)
{
    *from = p->total;
    *to = p->total;
    size_t i = 0;
    while (i < p->count && p->segs[i].step < k)
        i++;
    if (i < p->count)
        *from = p->segs[i].start;
    while (i < p->count && p->segs[i].step == k && p->segs[i].kind != PLAYER_FINISHED)
        i++;
    if (i < p->count)
        *to = p->segs[i].start;
}

PlayerPlace player_place(const Player *p)
{
    int k = p->segs[p->current].step;
    return (PlayerPlace){ .step = k, .into = p->pos - p->work_start[k] };
}

void player_set_place(Player *p, double now, PlayerPlace place)
{
    int k = place.step < 0 ? 0 : place.step;
    if ((size_t)k >= p->step_count)
        k = (int)p->step_count - 1;
    double from, to;
    step_extent(p, k, &from, &to);
    double pos = p->work_start[k] + place.into;
    seek(p, now, pos < from ? from : pos > to ? to : pos);
}

void player_sync(Player *p, double now, double wall_s)
{
    double pos = fmod(wall_s * rate(p), p->total);
    if (pos < 0.0)
        pos += p->total;
    seek(p, now, pos);
}

/* ------------------------------------------------------------------ */
/* Queries                                                             */
/* ------------------------------------------------------------------ */

/* The state at timeline position pos, in segment current. */
static void state_at(const Player *p, double pos, size_t current, PlayerState *out)
{
    const Segment *s = &p->segs[current];
    double u = pos - s->start; /* time into the segment */
    bool finished = !p->loop && !p->show && pos >= p->total;
    if (finished) {
        /* the finished segment is the last one */
        s = &p->segs[p->count - 1];
        u = 0.0;
    }
    *out = (PlayerState){
        .kind = finished ? PLAYER_FINISHED : s->kind,
        .segment = finished ? (int)p->count - 1 : (int)current,
        .step = s->step,
        .step_count = (int)p->step_count,
        .exercise = finished ? -1 : s->exercise,
        .next_exercise = (size_t)(s->step + 1) < p->step_count ? p->step_exercise[s->step + 1] : -1,
        .segment_left = finished ? 0.0 : s->length - u,
        .segment_length = s->length,
        .set = s->set,
        .sets = s->sets,
        .side = s->side,
        .side_count = s->side_count,
        .alternate = s->alternate,
        .working = s->working,
        .mirror_view = p->mirror_toggle,
        .rep_s = s->rep_s,
        .hold_s = s->hold_s,
        .taken = (finished ? p->finished_at : p->last_now) - p->pass_started,
        .anim_t = u,
        .elapsed = pos,
        .total = p->total,
        .speed = p->show ? p->speed : 1.0,
        .paused = p->paused,
        .finished = finished,
        .looping = p->loop || p->show,
    };
    if (out->segment_left < 0.0)
        out->segment_left = 0.0;
    if (s->kind == PLAYER_WORK && !finished) {
        double cycle_s = cycle_seconds(s);
        long cycle = (long)floor(u / cycle_s);
        if (cycle < 0)
            cycle = 0;
        out->anim_t = u - (double)cycle * cycle_s;
        if (s->alternate) {
            if (cycle % 2 == 1)
                out->working = other_side(out->working);
            cycle /= 2;
        }
        out->reps = s->reps;
        out->rep = (int)cycle + 1;
        if (s->reps > 0 && out->rep > s->reps)
            out->rep = s->reps; /* the last instant of the set */
    }
}

void player_state(const Player *p, PlayerState *out)
{
    state_at(p, p->pos, p->current, out);
}

void player_segment_state(const Player *p, size_t i, PlayerState *out)
{
    assert(i < p->count);
    state_at(p, p->segs[i].start, i, out);
    out->paused = false;
}

double player_total_seconds(const Player *p)
{
    return p->total;
}

size_t player_segment_count(const Player *p)
{
    return p->count;
}

PlayerSegmentKind player_segment_kind(const Player *p, size_t i)
{
    assert(i < p->count);
    return p->segs[i].kind;
}

double player_segment_start(const Player *p, size_t i)
{
    assert(i < p->count);
    return p->segs[i].start;
}

double player_segment_length(const Player *p, size_t i)
{
    assert(i < p->count);
    return p->segs[i].length;
}

const char *player_kind_title(PlayerSegmentKind kind)
{
    switch (kind) {
    case PLAYER_GET_READY: return N_("Get ready");
    case PLAYER_WORK: return N_("Go");
    case PLAYER_SWITCH: return N_("Switch sides");
    case PLAYER_SET_REST: return N_("Rest");
    case PLAYER_STEP_REST: return N_("Rest");
    case PLAYER_FINISHED: return N_("Well done!");
    }
    return "";
}
