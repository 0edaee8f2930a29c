/* cue: the motion arrow, worked out from three frames and drawn as bands
 * and discs. */
#include "cue.h"

#include <math.h>

/* The arrow's shape, in metres, so it scales with the figure: about a hand
 * long, its arc bent a little over 60 degrees. */
#define ARC_RADIUS 0.16f
#define ARC_SWEEP 1.15f
#define SHAFT_R 0.012f
#define HEAD_R 0.032f
#define HEAD_LEN 0.052f
/* Clear space between the arrow and the joint it is beside. */
#define GAP 0.04f
/* More room than this counts as enough: then the side beside the movement
 * wins, and a place with room keeps winning while the figure moves. */
#define ROOM_ENOUGH 0.06f

static Vec2 v2(float x, float y) { return (Vec2){ x, y }; }
static Vec2 add(Vec2 a, Vec2 b) { return v2(a.x + b.x, a.y + b.y); }
static Vec2 sub(Vec2 a, Vec2 b) { return v2(a.x - b.x, a.y - b.y); }
static Vec2 mul(Vec2 a, float k) { return v2(a.x * k, a.y * k); }
static float dot(Vec2 a, Vec2 b) { return a.x * b.x + a.y * b.y; }
static float cross(Vec2 a, Vec2 b) { return a.x * b.y - a.y * b.x; }
static float len(Vec2 a) { return sqrtf(dot(a, a)); }
static Vec2 at_angle(Vec2 c, float r, float a) { return v2(c.x + r * cosf(a), c.y + r * sinf(a)); }

unsigned cue_mirror_joints(unsigned joints)
{
    static const SkelJoint pairs[][2] = {
        { SKEL_HIP_L, SKEL_HIP_R },           { SKEL_KNEE_L, SKEL_KNEE_R },
        { SKEL_ANKLE_L, SKEL_ANKLE_R },       { SKEL_HEEL_L, SKEL_HEEL_R },
        { SKEL_TOE_L, SKEL_TOE_R },           { SKEL_BALL_L, SKEL_BALL_R },
        { SKEL_SHOULDER_L, SKEL_SHOULDER_R },
        { SKEL_ELBOW_L, SKEL_ELBOW_R },       { SKEL_WRIST_L, SKEL_WRIST_R },
        { SKEL_HAND_L, SKEL_HAND_R },
    };
    unsigned out = joints;
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        unsigned l = SKEL_JOINT_BIT(pairs[i][0]), r = SKEL_JOINT_BIT(pairs[i][1]);
        out &= ~(l | r);
        if (joints & l)
            out |= r;
        if (joints & r)
            out |= l;
    }
    return out;
}

/* ---------------------------------------------------------------------------
 * Where the arrow goes
 * ------------------------------------------------------------------------- */

/* Squared distance from p to the segment a-b. */
static float to_segment2(Vec2 p, Vec2 a, Vec2 b)
{
    Vec2 ab = sub(b, a);
    float l2 = dot(ab, ab);
    float t = l2 > 0.0f ? fmaxf(0.0f, fminf(1.0f, dot(sub(p, a), ab) / l2)) : 0.0f;
    Vec2 d = sub(p, add(a, mul(ab, t)));
    return dot(d, d);
}

/* How far p is from the drawn figure (its bones, its head, the floor), or
 * `room` if that is less. */
static float clearance(const FigureFrame *f, Vec2 p, float room)
{
    room = fminf(room, len(sub(p, f->joint[SKEL_HEAD])) - f->head_radius);
    if (f->floor)
        room = fminf(room, p.y);
    for (int i = 0; i < skel_bone_count; i++) {
        const SkelBone *b = &skel_bones[i];
        float r = fmaxf(mesh_joint_radius(b->a), mesh_joint_radius(b->b));
        float d2 = to_segment2(p, f->joint[b->a], f->joint[b->b]);
        float reach = room + r; /* nearer than this is less room */
        if (reach > 0.0f && d2 < reach * reach)
            room = fminf(room, sqrtf(d2) - r);
    }
    return room;
}

/* The arc of radius r whose middle is at mid, running along u there, its
 * centre on side n (a unit vector across u). */
static void arc_through(CueArrow *a, Vec2 mid, Vec2 u, Vec2 n, float r)
{
    a->radius = r;
    a->centre = add(mid, mul(n, r));
    Vec2 out = sub(mid, a->centre);
    float s = cross(out, u) >= 0.0f ? 1.0f : -1.0f; /* counter-clockwise or not */
    a->from = atan2f(out.y, out.x) - s * ARC_SWEEP * 0.5f;
    a->sweep = s * ARC_SWEEP;
}

/* The least room between the arc (its head's width about it) and the
 * figure, up to ROOM_ENOUGH; far less where it leaves the box. Once it is
 * no more than `beat`, the rest is not worked out. */
static float room_for(const CueArrow *a, const FigureFrame *f, Vec2 min, Vec2 max, float beat)
{
    enum { SAMPLES = 8 };
    float room = ROOM_ENOUGH;
    float head = HEAD_R * a->radius / ARC_RADIUS;
    for (int i = 0; i <= SAMPLES && room > beat; i++) {
        Vec2 p = at_angle(a->centre, a->radius, a->from + a->sweep * (float)i / SAMPLES);
        room = clearance(f, p, room + head) - head;
        if (p.x < min.x + head || p.y < min.y + head || p.x > max.x - head || p.y > max.y - head)
            room -= 1.0f;
    }
    return room;
}

static float smoothstep(float e0, float e1, float x)
{
    float t = fmaxf(0.0f, fminf(1.0f, (x - e0) / (e1 - e0)));
    return t * t * (3.0f - 2.0f * t);
}

/* The joint of joints that moves most from a to b, and how far; the first
 * of equals, so the choice holds. -1 if none moves. */
static int most_moved(const FigureFrame *a, const FigureFrame *b, unsigned joints, float *moved)
{
    int j = -1;
    *moved = 0.0f;
    for (int k = 0; k < SKEL_JOINT_COUNT; k++) {
        float m = len(sub(b->joint[k], a->joint[k]));
        if ((joints & SKEL_JOINT_BIT(k)) && m > *moved) {
            *moved = m;
            j = k;
        }
    }
    return j;
}

/* A joint that moves less than this has no direction to point in. */
#define CUE_MOVED_LEAST 1e-4f /* metres */

/* How a joint's path bends from a through b to c: the sine of its turn,
 * positive to the left; 0 where it does not move. */
static float path_turn(Vec2 a, Vec2 b, Vec2 c)
{
    Vec2 in = sub(b, a), on = sub(c, b);
    float li = len(in), lo = len(on);
    return li > 0.0f && lo > 0.0f ? cross(in, on) / (li * lo) : 0.0f;
}

/* The places an arrow is tried in, in order (arrow_at). */
static const float place_turns_deg[] = { 0, 180, 30, -30, 150, -150, 60, -60, 120, -120, 90, -90 };
static const float place_sizes[] = { 1.0f, 0.75f, 0.55f };
#define TURNS ((int)(sizeof place_turns_deg / sizeof place_turns_deg[0]))
#define PLACES (2 * (int)(sizeof place_sizes / sizeof place_sizes[0]) * TURNS)

typedef struct {
    int joint;
    Vec2 at, u, left;
    float turn, joint_radius, alpha;
} Place;

/* The arrow in place number `place`: a size and a distance out (place /
 * TURNS: each size near, then further out), turned round the joint. */
static CueArrow place_arrow(const Place *p, int place)
{
    int z = place / TURNS / 2;
    float away = (place / TURNS) % 2 ? 1.5f * GAP : 0.0f;
    float r = ARC_RADIUS * place_sizes[z];
    float chord = 2.0f * r * sinf(ARC_SWEEP * 0.5f);
    float sag = r * (1.0f - cosf(ARC_SWEEP * 0.5f));
    float a = place_turns_deg[place % TURNS] * 3.14159265f / 180.0f;
    Vec2 w = add(mul(p->left, cosf(a)), mul(p->u, sinf(a)));
    float reach = 0.5f * chord * fabsf(dot(w, p->u)) +
                  (sag + HEAD_R * place_sizes[z]) * fabsf(cross(w, p->u));
    Vec2 mid = add(p->at, mul(w, p->joint_radius + GAP * place_sizes[z] + away + reach));
    Vec2 n = fabsf(p->turn) > 0.05f
                 ? mul(p->left, p->turn > 0.0f ? 1.0f : -1.0f)
                 : mul(p->left, dot(p->left, sub(p->at, mid)) >= 0.0f ? 1.0f : -1.0f);
    CueArrow c = { .alpha = p->alpha, .joint = p->joint, .dir = p->u, .place = place };
    arc_through(&c, mid, p->u, n, r);
    return c;
}

/* cue_arrow, at least `least` strong wherever the joint moves at all. The
 * arc bends as the path of bend_joint does (bend), or, for another joint
 * (-1: none given), as the path through before, now and after does. */
static CueArrow arrow_at(const FigureFrame *before, const FigureFrame *now,
                         const FigureFrame *after, float span_s, unsigned joints, Vec2 min,
                         Vec2 max, float least, int bend_joint, float bend, int prefer)
{
    CueArrow best = { .joint = -1, .place = -1 };
    if (!(span_s > 0.0f))
        return best;
    if (!joints)
        joints = ~0u;
    float moved;
    int j = most_moved(before, after, joints, &moved);
    float alpha = j >= 0 && isfinite(moved)
                      ? smoothstep(CUE_SPEED_MIN, CUE_SPEED_FULL, moved / span_s)
                      : 0.0f;
    if (j >= 0 && moved >= CUE_MOVED_LEAST)
        alpha = fmaxf(alpha, least);
    if (!(alpha > 0.0f))
        return best;
    Vec2 joint = now->joint[j];
    Vec2 u = mul(sub(after->joint[j], before->joint[j]), 1.0f / moved);
    Vec2 left = v2(-u.y, u.x);
    /* The arc bends as the path does; a straight path's arc bulges away
     * from the joint. */
    float turn = j == bend_joint ? bend
                                 : path_turn(before->joint[j], now->joint[j], after->joint[j]);

    /* Places round the joint, turned from the left of the movement: beside
     * it first, then tilted toward ahead or behind, then ahead and behind.
     * Turning with the movement, they glide with it rather than hop. Where
     * none has room they are tried further out, then with a smaller arrow,
     * down to about half; failing all, the one that overlaps least. The
     * place prefer names (see cue_arrow_between) goes first: two places
     * with nearly the same room otherwise took turns, frame by frame. */
    float best_score = -INFINITY;
    float jr = j == SKEL_HEAD ? now->head_radius : mesh_joint_radius((SkelJoint)j);
    Place at = { j, joint, u, left, turn, jr, alpha };
    if (prefer >= 0 && prefer < PLACES) {
        best = place_arrow(&at, prefer);
        best_score = room_for(&best, now, min, max, -INFINITY);
        if (best_score >= ROOM_ENOUGH)
            return best;
    }
    for (int place = 0; place < PLACES && best_score < 0.0f; place++) {
        CueArrow c = place_arrow(&at, place);
        float score = room_for(&c, now, min, max, best_score + 1e-6f);
        if (score > best_score + 1e-6f) {
            best_score = score;
            best = c;
        }
        if (best_score >= ROOM_ENOUGH) /* none can do better */
            return best;
    }
    return best;
}

/* ---------------------------------------------------------------------------
 * Drawing
 * ------------------------------------------------------------------------- */

CueArrow cue_arrow(const FigureFrame *before, const FigureFrame *now, const FigureFrame *after,
                   float span_s, unsigned joints, Vec2 min, Vec2 max)
{
    return arrow_at(before, now, after, span_s, joints, min, max, 0.0f, -1, 0.0f, -1);
}

CueArrow cue_arrow_between(CuePose pose, const void *ctx, double t, double from, double to,
                           const FigureFrame *now, unsigned joints, Vec2 min, Vec2 max)
{
    if (!joints)
        joints = ~0u;
    FigureFrame start, end, before, after;
    pose(ctx, from, &start);
    pose(ctx, to, &end);
    float whole;
    int j = most_moved(&start, &end, joints, &whole);
    float least = j >= 0 && to > from && isfinite(whole)
                      ? smoothstep(CUE_SPEED_MIN, CUE_SPEED_FULL, whole / (float)(to - from))
                      : 0.0f;
    double a = t - CUE_SPAN_S, b = t + CUE_SPAN_S;
    pose(ctx, a, &before);
    pose(ctx, b, &after);
    float moved;
    most_moved(&before, &after, joints, &moved);
    if (least > smoothstep(CUE_SPEED_MIN, CUE_SPEED_FULL, moved / (float)(b - a))) {
        /* Where the movement turns round at a key, the halves of the window
         * cancel and leave a direction of nothing much: the window is then
         * kept inside the interval. Elsewhere (a key the movement passes
         * through, or wherever the window alone makes a whole arrow) it is
         * not, so the arrow glides on across the key. */
        double ia = fmax(a, from), ib = fmin(b, to);
        FigureFrame in_before, in_after;
        pose(ctx, ia, &in_before);
        pose(ctx, ib, &in_after);
        Vec2 w = sub(after.joint[j], before.joint[j]);
        Vec2 v = sub(in_after.joint[j], in_before.joint[j]);
        if (dot(w, v) < 0.5f * len(w) * len(v) || len(w) < 0.5f * len(v)) {
            before = in_before;
            after = in_after;
            a = ia;
            b = ib;
        }
    }
    /* The window may find a part this interval hardly moves, or take one
     * against the way the interval does. Reaching back into the last
     * interval, it finds the part that moved there and stands still now
     * (the spinal twist leans, then turns), or, at a cycle's start, the
     * last cycle's lowering; and as the superman begins to lift, its pelvis
     * settles by a centimetre, an eighth of what the chest rises: the arrow
     * pointed down at a figure about to lift. The arrow then shows the
     * whole interval: its main part, the way it goes. */
    int wj = most_moved(&before, &after, joints, &moved);
    Vec2 way = wj >= 0 ? sub(end.joint[wj], start.joint[wj]) : v2(0.0f, 0.0f);
    if (j >= 0 && (wj < 0 || len(way) < 0.25f * whole ||
                   dot(sub(after.joint[wj], before.joint[wj]), way) < 0.0f)) {
        before = start;
        after = end;
        a = from;
        b = to;
    }
    /* Which way the arc bends, from the whole interval: from a window
     * around each frame, a path nearly straight bent left in one frame and
     * right in the next, and the cat-camel's arrow flipped back and forth
     * at 60 frames a second. */
    FigureFrame middle;
    pose(ctx, 0.5 * (from + to), &middle);
    float bend = j >= 0 ? path_turn(start.joint[j], middle.joint[j], end.joint[j]) : 0.0f;
    /* and where it goes, as the interval's middle has room for it */
    CueArrow there = arrow_at(&start, &middle, &end, (float)(to - from), joints, min, max, least,
                              j, bend, -1);
    return arrow_at(&before, now, &after, (float)(b - a), joints, min, max, least, j, bend,
                    there.joint == j ? there.place : -1);
}

void cue_mesh_arrow(Mesh *mesh, const CueArrow *a, MeshXform xf, MeshColor color,
                    MeshColor under)
{
    if (!(a->alpha > 0.0f) || !(a->radius > 0.0f))
        return;
    float k = fminf(a->alpha, 1.0f);
    MeshColor c = {
        (uint8_t)lroundf(under.r + (color.r - under.r) * k),
        (uint8_t)lroundf(under.g + (color.g - under.g) * k),
        (uint8_t)lroundf(under.b + (color.b - under.b) * k),
        255,
    };
    enum { STEPS = 8 };
    float size = a->radius / ARC_RADIUS; /* cue_arrow makes it smaller where room is short */
    float s = a->sweep >= 0.0f ? 1.0f : -1.0f;
    float shaft = a->sweep - s * HEAD_LEN / ARC_RADIUS; /* the head takes the rest */
    float r = fmaxf(SHAFT_R * size * xf.scale, 1.0f);
    mesh_end_layer(mesh);
    Vec2 prev = mesh_to_px(xf, at_angle(a->centre, a->radius, a->from));
    mesh_disc(mesh, prev, r, c); /* a round tail */
    for (int i = 1; i <= STEPS; i++) {
        Vec2 p = mesh_to_px(xf, at_angle(a->centre, a->radius, a->from + shaft * (float)i / STEPS));
        mesh_segment(mesh, prev, p, r, r, c);
        if (i < STEPS)
            mesh_disc(mesh, p, r, c); /* no notch where two pieces meet */
        prev = p;
    }
    /* The head: a band tapering to a point along the arc's tangent, and a
     * thin band along its base so that edge is smooth too. */
    float end = a->from + shaft;
    Vec2 base = at_angle(a->centre, a->radius, end);
    Vec2 tangent = v2(-sinf(end) * s, cosf(end) * s);
    Vec2 b = mesh_to_px(xf, base), t = mesh_to_px(xf, add(base, mul(tangent, HEAD_LEN * size)));
    Vec2 bt = sub(t, b);
    float bl = len(bt);
    if (bl > 0.0f) {
        float hr = fmaxf(HEAD_R * size * xf.scale, 2.0f * r);
        mesh_segment(mesh, b, t, hr, 0.5f, c);
        Vec2 across = mul(v2(-bt.y, bt.x), (hr - 0.5f) / bl);
        mesh_segment(mesh, add(b, across), sub(b, across), 0.5f, 0.5f, c);
    }
    mesh_end_layer(mesh);
}
