/* mesh: anti-aliased shapes as coloured triangles, in pixels. */
#include "mesh.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    int *at;
    int count, cap;
} IndexList;

struct Mesh {
    MeshVertex *v;
    int v_count, v_cap;
    MeshDisc *discs;        /* with whole_shapes: one item per disc */
    int disc_count, disc_cap;
    MeshBand *bands;        /* and one per segment */
    int band_count, band_cap;
    IndexList out;          /* finished layers, in drawing order */
    IndexList edge, core;   /* the open layer: feathers, then solid cores */
    int ok, whole_shapes;
};

/* ---------------------------------------------------------------------------
 * Storage
 * ------------------------------------------------------------------------- */

Mesh *mesh_new(void)
{
    Mesh *mesh = calloc(1, sizeof *mesh);
    if (mesh)
        mesh->ok = 1;
    return mesh;
}

void mesh_free(Mesh *mesh)
{
    if (!mesh)
        return;
    free(mesh->v);
    free(mesh->discs);
    free(mesh->bands);
    free(mesh->out.at);
    free(mesh->edge.at);
    free(mesh->core.at);
    free(mesh);
}

void mesh_clear(Mesh *mesh)
{
    mesh->v_count = mesh->disc_count = mesh->band_count = 0;
    mesh->out.count = mesh->edge.count = mesh->core.count = 0;
    mesh->ok = 1;
}

/* Grows by doubling and never shrinks, so steady frames allocate nothing. */
static int grow(void **buf, int *cap, int need, size_t item, int first)
{
    if (need <= *cap)
        return 1;
    int n = *cap ? *cap : first;
    while (n < need)
        n *= 2;
    void *p = realloc(*buf, (size_t)n * item);
    if (!p)
        return 0;
    *buf = p;
    *cap = n;
    return 1;
}

static int grow_list(IndexList *l, int more)
{
    return grow((void **)&l->at, &l->cap, l->count + more, sizeof *l->at, 512);
}

/* Makes room for nv more vertices and ni more indices, all or nothing, so a
 * shape is never half added. */
static int reserve(Mesh *mesh, int nv, int ni)
{
    if (mesh->ok &&
        !(grow((void **)&mesh->v, &mesh->v_cap, mesh->v_count + nv, sizeof *mesh->v, 256) &&
          grow_list(&mesh->edge, ni) && grow_list(&mesh->core, ni)))
        mesh->ok = 0;
    return mesh->ok;
}

void mesh_end_layer(Mesh *mesh)
{
    if (mesh->edge.count + mesh->core.count == 0)
        return;
    if (mesh->ok && grow_list(&mesh->out, mesh->edge.count + mesh->core.count)) {
        memcpy(mesh->out.at + mesh->out.count, mesh->core.at,
               (size_t)mesh->core.count * sizeof *mesh->core.at);
        mesh->out.count += mesh->core.count;
        memcpy(mesh->out.at + mesh->out.count, mesh->edge.at,
               (size_t)mesh->edge.count * sizeof *mesh->edge.at);
        mesh->out.count += mesh->edge.count;
    } else {
        mesh->ok = 0;
    }
    mesh->edge.count = mesh->core.count = 0;
}

void mesh_whole_shapes(Mesh *mesh, int on) { mesh->whole_shapes = on; }
const MeshDisc *mesh_discs(const Mesh *mesh) { return mesh->discs; }
int mesh_disc_count(const Mesh *mesh) { return mesh->disc_count; }
const MeshBand *mesh_bands(const Mesh *mesh) { return mesh->bands; }
int mesh_band_count(const Mesh *mesh) { return mesh->band_count; }
const MeshVertex *mesh_vertices(const Mesh *mesh) { return mesh->v; }
int mesh_vertex_count(const Mesh *mesh) { return mesh->v_count; }
int mesh_ok(const Mesh *mesh) { return mesh->ok; }

const int *mesh_indices(Mesh *mesh)
{
    mesh_end_layer(mesh);
    return mesh->out.at;
}

int mesh_index_count(Mesh *mesh)
{
    mesh_end_layer(mesh);
    return mesh->out.count;
}

/* Finite, and within what a rasteriser's maths holds: a broken frame (NaN,
 * a joint flung far away) draws wrong, never overflows it. */
static float to_pixel(float p)
{
    if (!(p > -MESH_COORD_LIMIT)) /* also NaN */
        return p != p ? 0.0f : -MESH_COORD_LIMIT;
    return p < MESH_COORD_LIMIT ? p : MESH_COORD_LIMIT;
}

static int vertex(Mesh *mesh, float x, float y, MeshColor c)
{
    MeshVertex *v = &mesh->v[mesh->v_count];
    v->x = to_pixel(x);
    v->y = to_pixel(y);
    v->color = c;
    v->u = v->v = 0.0f;
    return mesh->v_count++;
}

/* A triangle with any clear vertex is feather: it goes under the layer's
 * cores, so where shapes of one colour overlap, a core always wins. */
static void triangle(Mesh *mesh, int a, int b, int c)
{
    const MeshVertex *v = mesh->v;
    bool edge = v[a].color.a != v[b].color.a || v[b].color.a != v[c].color.a;
    IndexList *l = edge ? &mesh->edge : &mesh->core;
    l->at[l->count++] = a;
    l->at[l->count++] = b;
    l->at[l->count++] = c;
}

static void quad(Mesh *mesh, int a, int b, int c, int d)
{
    triangle(mesh, a, b, c);
    triangle(mesh, a, c, d);
}

static MeshColor clear_of(MeshColor c)
{
    c.a = 0;
    return c;
}

/* Enough rim points that the polygon strays at most a quarter pixel from
 * the true circle (sagitta r(1 - cos(pi/n)) ~ r pi^2 / 2n^2 <= 0.25): round
 * at any size, and a third of the triangles of a fixed 3 px chord, which
 * matters because the software renderer fills blended triangles slowly. */
static int segments_for(float r)
{
    if (!(r < 1e5f)) /* huge or NaN: the cap, and no float-to-int overflow */
        return 128;
    int n = (int)ceilf(3.14159265f * sqrtf(2.0f * (r + MESH_FEATHER)));
    return n < 8 ? 8 : n > 128 ? 128 : n;
}

/* A radius a rasteriser can take: NaN and negatives are 0. */
static float to_radius(float r)
{
    return r > 0.0f ? fminf(r, MESH_COORD_LIMIT) : 0.0f;
}

/* Room for one whole item (kind, k, 0) among the layer's cores, and for
 * its shape in *items; false (and the mesh not ok) when memory ran out.
 * Its own anti-aliased edge is drawn with it, which over the layer's other
 * cores changes nothing. */
static bool whole_item(Mesh *mesh, int kind, void **items, int *count, int *cap, size_t size)
{
    if (!reserve(mesh, 0, 3))
        return false;
    if (!grow(items, cap, *count + 1, size, 32)) {
        mesh->ok = 0;
        return false;
    }
    IndexList *l = &mesh->core;
    l->at[l->count++] = kind;
    l->at[l->count++] = *count;
    l->at[l->count++] = 0;
    return true;
}

/* ---------------------------------------------------------------------------
 * Shapes
 * ------------------------------------------------------------------------- */

void mesh_segment(Mesh *mesh, Vec2 a, Vec2 b, float ra, float rb, MeshColor color)
{
    float dx = b.x - a.x, dy = b.y - a.y;
    float len = sqrtf(dx * dx + dy * dy);
    if (!(len >= 1e-4f))
        return;
    if (mesh->whole_shapes) {
        if (whole_item(mesh, MESH_BAND_ITEM, (void **)&mesh->bands, &mesh->band_count,
                       &mesh->band_cap, sizeof *mesh->bands))
            mesh->bands[mesh->band_count++] =
                (MeshBand){ to_pixel(a.x), to_pixel(a.y), to_pixel(b.x), to_pixel(b.y),
                            to_radius(ra), to_radius(rb), color };
        return;
    }
    if (!reserve(mesh, 8, 18))
        return;
    float nx = -dy / len, ny = dx / len;
    MeshColor clear = clear_of(color);
    float fa = ra + MESH_FEATHER, fb = rb + MESH_FEATHER;
    int a0 = vertex(mesh, a.x + nx * fa, a.y + ny * fa, clear);
    int a1 = vertex(mesh, a.x + nx * ra, a.y + ny * ra, color);
    int a2 = vertex(mesh, a.x - nx * ra, a.y - ny * ra, color);
    int a3 = vertex(mesh, a.x - nx * fa, a.y - ny * fa, clear);
    int b0 = vertex(mesh, b.x + nx * fb, b.y + ny * fb, clear);
    int b1 = vertex(mesh, b.x + nx * rb, b.y + ny * rb, color);
    int b2 = vertex(mesh, b.x - nx * rb, b.y - ny * rb, color);
    int b3 = vertex(mesh, b.x - nx * fb, b.y - ny * fb, clear);
    quad(mesh, a0, a1, b1, b0);
    quad(mesh, a1, a2, b2, b1);
    quad(mesh, a2, a3, b3, b2);
}

/* The core is a zigzag strip from the top rim point down both sides at
 * once, so each triangle is a horizontal band: a span rasteriser (raster.c)
 * then walks each row of the disc about twice, where a fan from the centre
 * walks it once per wedge that crosses it. */
void mesh_disc(Mesh *mesh, Vec2 c, float r, MeshColor color)
{
    if (mesh->whole_shapes) {
        if (whole_item(mesh, MESH_DISC_ITEM, (void **)&mesh->discs, &mesh->disc_count,
                       &mesh->disc_cap, sizeof *mesh->discs))
            mesh->discs[mesh->disc_count++] =
                (MeshDisc){ to_pixel(c.x), to_pixel(c.y), to_radius(r), color };
        return;
    }
    int n = segments_for(r);
    if (!reserve(mesh, 2 * n, 9 * n))
        return;
    MeshColor clear = clear_of(color);
    float rf = r + MESH_FEATHER;
    int first = mesh->v_count;
    for (int i = 0; i < n; i++) {
        /* from the top (screen y grows down), round the rim */
        float t = 2.0f * 3.14159265f * (float)i / (float)n - 0.5f * 3.14159265f;
        float cx = cosf(t), sy = sinf(t);
        vertex(mesh, c.x + cx * r, c.y + sy * r, color);
        vertex(mesh, c.x + cx * rf, c.y + sy * rf, clear);
    }
#define RIM(i) (first + 2 * (i))
    for (int lo = 0, hi = n - 1; hi - lo > 1;) {
        triangle(mesh, RIM(lo), RIM(lo + 1), RIM(hi));
        lo++;
        if (hi - lo > 1) {
            triangle(mesh, RIM(lo), RIM(hi - 1), RIM(hi));
            hi--;
        }
    }
    for (int i = 0; i < n; i++) {
        int in0 = RIM(i), out0 = in0 + 1;
        int in1 = RIM((i + 1) % n), out1 = in1 + 1;
        quad(mesh, in0, out0, out1, in1);
    }
#undef RIM
}

void mesh_ring(Mesh *mesh, Vec2 c, float r_in, float r_out, MeshColor color)
{
    int n = segments_for(r_out);
    if (r_out <= r_in || !reserve(mesh, 4 * n, 18 * n))
        return;
    MeshColor clear = clear_of(color);
    float radius[4] = { r_in - MESH_FEATHER, r_in, r_out, r_out + MESH_FEATHER };
    if (radius[0] < 0.0f)
        radius[0] = 0.0f;
    int first = mesh->v_count;
    for (int i = 0; i < n; i++) {
        float t = 2.0f * 3.14159265f * (float)i / (float)n;
        float cx = cosf(t), sy = sinf(t);
        for (int k = 0; k < 4; k++)
            vertex(mesh, c.x + cx * radius[k], c.y + sy * radius[k],
                   (k == 0 || k == 3) ? clear : color);
    }
    for (int i = 0; i < n; i++) {
        int p = first + 4 * i, q = first + 4 * ((i + 1) % n);
        for (int k = 0; k < 3; k++)
            quad(mesh, p + k, p + k + 1, q + k + 1, q + k);
    }
}

void mesh_capsule(Mesh *mesh, Vec2 a, Vec2 b, float r, MeshColor color)
{
    mesh_segment(mesh, a, b, r, r, color);
    mesh_disc(mesh, a, r, color);
    mesh_disc(mesh, b, r, color);
}

void mesh_rect(Mesh *mesh, float x0, float y0, float x1, float y1, MeshColor color)
{
    if (!reserve(mesh, 4, 6))
        return;
    int a = vertex(mesh, x0, y0, color);
    int b = vertex(mesh, x1, y0, color);
    int c = vertex(mesh, x1, y1, color);
    int d = vertex(mesh, x0, y1, color);
    quad(mesh, a, b, c, d);
}

/* ---------------------------------------------------------------------------
 * The figure
 * ------------------------------------------------------------------------- */

Vec2 mesh_to_px(MeshXform xf, Vec2 w)
{
    return (Vec2){ xf.x0 + w.x * xf.scale, xf.y0 - w.y * xf.scale };
}

float mesh_joint_radius(SkelJoint j)
{
    switch (j) {
    case SKEL_PELVIS: case SKEL_LUMBAR: case SKEL_CHEST:
    case SKEL_L4: case SKEL_L2: case SKEL_T9: case SKEL_T5:
        return MESH_TRUNK_R;
    /* the pelvis: a wedge, deep at the sacrum, narrow at the front, so its
     * tilt reads in a side view */
    case SKEL_SACRUM:
        return 0.050f;
    case SKEL_ASIS:
        return 0.028f;
    case SKEL_BALL_L: case SKEL_BALL_R:
        return 0.015f;
    case SKEL_HEAD: /* the neck's end; the head itself is a disc of its own */
        return 0.022f;
    case SKEL_NOSE: /* the face mark on the head's disc */
        return 0.022f;
    case SKEL_HIP_L: case SKEL_HIP_R:
        return 0.033f;
    case SKEL_KNEE_L: case SKEL_KNEE_R:
        return MESH_LIMB_R;
    case SKEL_ANKLE_L: case SKEL_ANKLE_R:
        return 0.020f;
    case SKEL_HEEL_L: case SKEL_HEEL_R:
        return 0.016f;
    case SKEL_TOE_L: case SKEL_TOE_R:
        return 0.011f;
    case SKEL_SHOULDER_L: case SKEL_SHOULDER_R:
        return 0.029f;
    case SKEL_ELBOW_L: case SKEL_ELBOW_R:
        return 0.023f;
    case SKEL_WRIST_L: case SKEL_WRIST_R:
        return 0.019f;
    case SKEL_HAND_L: case SKEL_HAND_R:
        return 0.016f;
    default:
        return MESH_LIMB_R;
    }
}

/* The girdle bars' half-thickness: 0 the shoulders, 1 the hips. */
float mesh_girdle_radius(int hips)
{
    return hips ? 0.060f : 0.058f;
}

static int joint_side(SkelJoint j)
{
    if ((j >= SKEL_HIP_L && j <= SKEL_TOE_L) || (j >= SKEL_SHOULDER_L && j <= SKEL_HAND_L) ||
        j == SKEL_BALL_L)
        return SKEL_LEFT;
    if ((j >= SKEL_HIP_R && j <= SKEL_TOE_R) || (j >= SKEL_SHOULDER_R && j <= SKEL_HAND_R) ||
        j == SKEL_BALL_R)
        return SKEL_RIGHT;
    return -1;
}

/* The camera-space line from a girdle's right joint to its left one. */
static Vec3 girdle_line(const FigureFrame *f, SkelJoint l, SkelJoint r)
{
    return (Vec3){ f->joint[l].x - f->joint[r].x, f->joint[l].y - f->joint[r].y,
                   f->depth[l] - f->depth[r] };
}

static int nearer_of(const FigureFrame *frame, SkelJoint l, SkelJoint r)
{
    float d = frame->depth[l] - frame->depth[r];
    /* A centimetre apart is a front or back view: neither side is behind. */
    if (fabsf(d) < 0.01f)
        return -1;
    return d > 0.0f ? SKEL_LEFT : SKEL_RIGHT;
}

int mesh_near_side(const FigureFrame *frame, MeshGirdle girdle)
{
    /* The girdle says which side faces the camera: a limb can reach
     * anywhere (a straight leg stretched towards a three-quarter camera is
     * nearer than the bent knee on the side that faces it). */
    int hips = nearer_of(frame, SKEL_HIP_L, SKEL_HIP_R);
    if (girdle == MESH_LEGS)
        return hips;
    /* The arms keep the pelvis's near side while the shoulder line turns
     * less than 90 degrees from the hip line (as a trunk can): a chest
     * turned a little past the camera, as in the Russian twist, would
     * otherwise bring its far arm to the front for those frames and read
     * as the trunk turned the other way. */
    Vec3 s = girdle_line(frame, SKEL_SHOULDER_L, SKEL_SHOULDER_R);
    Vec3 h = girdle_line(frame, SKEL_HIP_L, SKEL_HIP_R);
    if (hips >= 0 && s.x * h.x + s.y * h.y + s.z * h.z > 0.0f)
        return hips;
    return nearer_of(frame, SKEL_SHOULDER_L, SKEL_SHOULDER_R);
}

/* A layer draws parts: each leg (PART_LEG << side), the midline, and each
 * arm (PART_ARM << side), so arms and legs can be near on different sides. */
#define PART_LEG 1u
#define PART_MID 4u
#define PART_ARM 8u
#define PART_LIMBS (3u * PART_LEG | 3u * PART_ARM)

static bool is_arm_joint(SkelJoint j)
{
    return (j >= SKEL_SHOULDER_L && j <= SKEL_HAND_L) ||
           (j >= SKEL_SHOULDER_R && j <= SKEL_HAND_R);
}

static unsigned part_of(int side, bool arm)
{
    return side < 0 ? PART_MID : (arm ? PART_ARM : PART_LEG) << (unsigned)side;
}

static unsigned bone_part(const SkelBone *bone)
{
    return part_of(bone->side, is_arm_joint(bone->a) || is_arm_joint(bone->b));
}

/* The parts on the near side: a girdle seen from the front has both. */
static unsigned near_parts(const FigureFrame *f)
{
    int legs = mesh_near_side(f, MESH_LEGS), arms = mesh_near_side(f, MESH_ARMS);
    return (legs < 0 ? 3u * PART_LEG : part_of(legs, false)) |
           (arms < 0 ? 3u * PART_ARM : part_of(arms, true));
}

/* The spine from the pelvis up, through every point the skeleton bends
 * at, to C7. */
static const SkelJoint spine_points[] = {
    SKEL_PELVIS, SKEL_L4, SKEL_L2, SKEL_LUMBAR, SKEL_T9, SKEL_T5, SKEL_CHEST,
};
enum { SPINE_POINTS = sizeof spine_points / sizeof spine_points[0] };

static bool in_spine(SkelJoint j)
{
    for (int i = 0; i < SPINE_POINTS; i++)
        if (spine_points[i] == j)
            return true;
    return false;
}

static bool is_spine(const SkelBone *bone)
{
    return in_spine(bone->a) && in_spine(bone->b);
}

/* The spine as one smooth curve through its points rather than straight
 * bones: a back reads as a back, and a cat-camel's round and sag show as
 * curves. A Catmull-Rom spline (it passes through every point), drawn as
 * one ribbon whose cross-sections share vertices, so the bends have no
 * wedge gaps and need no discs. Only the segments from spine point `from`
 * to point `to` are drawn, their cross-sections those of the whole curve,
 * so two parts drawn apart (a focus in its accent) meet without a seam. */
static void spine_curve(Mesh *mesh, const FigureFrame *f, MeshXform xf, int from, int to,
                        MeshColor color)
{
    enum { SUB = 4, STEPS = (SPINE_POINTS - 1) * SUB };
    Vec2 at[STEPS + 1];
    float rad[STEPS + 1];
    for (int i = 0; i <= STEPS; i++) {
        int k = i / SUB < SPINE_POINTS - 1 ? i / SUB : SPINE_POINTS - 2;
        float t = (float)(i - k * SUB) / SUB;
        Vec2 p1 = f->joint[spine_points[k]], p2 = f->joint[spine_points[k + 1]];
        Vec2 p0 = k > 0 ? f->joint[spine_points[k - 1]]
                        : (Vec2){ 2 * p1.x - p2.x, 2 * p1.y - p2.y };
        Vec2 p3 = k + 2 < SPINE_POINTS ? f->joint[spine_points[k + 2]]
                                       : (Vec2){ 2 * p2.x - p1.x, 2 * p2.y - p1.y };
        float t2 = t * t, t3 = t2 * t;
        Vec2 w = {
            0.5f * (2 * p1.x + (p2.x - p0.x) * t + (2 * p0.x - 5 * p1.x + 4 * p2.x - p3.x) * t2 +
                    (3 * p1.x - p0.x - 3 * p2.x + p3.x) * t3),
            0.5f * (2 * p1.y + (p2.y - p0.y) * t + (2 * p0.y - 5 * p1.y + 4 * p2.y - p3.y) * t2 +
                    (3 * p1.y - p0.y - 3 * p2.y + p3.y) * t3),
        };
        at[i] = mesh_to_px(xf, w);
        float ra = mesh_joint_radius(spine_points[k]), rb = mesh_joint_radius(spine_points[k + 1]);
        rad[i] = fmaxf((ra + (rb - ra) * t) * xf.scale, 1.0f);
    }
    int i0 = from * SUB, i1 = to * SUB;
    if (i1 <= i0 || !reserve(mesh, 4 * (i1 - i0 + 1), 18 * (i1 - i0)))
        return;
    MeshColor clear = clear_of(color);
    int first = mesh->v_count;
    for (int i = i0; i <= i1; i++) {
        float r = rad[i];
        Vec2 a = at[i > 0 ? i - 1 : 0], b = at[i < STEPS ? i + 1 : STEPS];
        float dx = b.x - a.x, dy = b.y - a.y, len = sqrtf(dx * dx + dy * dy);
        float nx = len > 1e-4f ? -dy / len : 0.0f, ny = len > 1e-4f ? dx / len : 1.0f;
        float fr = r + MESH_FEATHER;
        vertex(mesh, at[i].x + nx * fr, at[i].y + ny * fr, clear);
        vertex(mesh, at[i].x + nx * r, at[i].y + ny * r, color);
        vertex(mesh, at[i].x - nx * r, at[i].y - ny * r, color);
        vertex(mesh, at[i].x - nx * fr, at[i].y - ny * fr, clear);
    }
    for (int i = 0; i < i1 - i0; i++) {
        int v = first + 4 * i, w = v + 4;
        quad(mesh, v, v + 1, w + 1, w);
        quad(mesh, v + 1, v + 2, w + 2, w + 1);
        quad(mesh, v + 2, v + 3, w + 3, w + 2);
    }
}

static bool in_focus(SkelJoint a, SkelJoint b, unsigned focus)
{
    return (focus & SKEL_JOINT_BIT(a)) && (focus & SKEL_JOINT_BIT(b));
}

/* The runs of spine segments that are in focus (focused) or not, each as
 * its part of the one curve. */
static void spine_parts(Mesh *mesh, const FigureFrame *f, MeshXform xf, unsigned focus,
                        bool focused, MeshColor color)
{
    for (int k = 0; k < SPINE_POINTS - 1;) {
        if (in_focus(spine_points[k], spine_points[k + 1], focus) != focused) {
            k++;
            continue;
        }
        int end = k + 1;
        while (end < SPINE_POINTS - 1 &&
               in_focus(spine_points[end], spine_points[end + 1], focus) == focused)
            end++;
        spine_curve(mesh, f, xf, k, end, color);
        k = end;
    }
}

/* Bones and joint discs of the parts in `parts` (PART_*), in one colour;
 * the bones in focus are left to focus_layer, so nothing is filled twice. */
static void figure_layer(Mesh *mesh, const FigureFrame *f, MeshXform xf, unsigned parts,
                         unsigned focus, MeshColor color)
{
    bool used[SKEL_JOINT_COUNT] = { false };
    if (parts & PART_MID) {
        spine_parts(mesh, f, xf, focus, false, color);
        used[SKEL_PELVIS] = used[SKEL_CHEST] = true;
    }
    for (int i = 0; i < skel_bone_count; i++) {
        const SkelBone *bone = &skel_bones[i];
        if (!(parts & bone_part(bone)) || is_spine(bone) || in_focus(bone->a, bone->b, focus))
            continue;
        float ra = mesh_joint_radius(bone->a), rb = mesh_joint_radius(bone->b);
        /* Seen from the side, a chest rolled toward the camera (swimming)
         * shows C7-to-shoulder as a stub as thin as the arm and in line
         * with it: the eighth blind review read it as a joint between
         * shoulder and elbow. It is the shoulder line seen part-way round,
         * so it is drawn as the other views draw that line: as thick as
         * the trunk while it is short (a standing figure's), growing to
         * the girdle bar's width as it reaches 10 cm, the chest's depth;
         * the arm then reads as two thinner pieces. */
        if (!f->girdles && bone->a == SKEL_CHEST && is_arm_joint(bone->b)) {
            float l = hypotf(f->joint[bone->b].x - f->joint[bone->a].x,
                             f->joint[bone->b].y - f->joint[bone->a].y);
            float k = fminf(fmaxf((l - 0.04f) / 0.06f, 0.0f), 1.0f);
            float r = MESH_TRUNK_R + (mesh_girdle_radius(0) - MESH_TRUNK_R) * k;
            /* never below the floor line, as the girdle bars */
            ra = f->floor ? fmaxf(ra, fminf(r, f->joint[bone->a].y)) : r;
            rb = f->floor ? fmaxf(rb, fminf(r, f->joint[bone->b].y)) : r;
        }
        mesh_segment(mesh, mesh_to_px(xf, f->joint[bone->a]), mesh_to_px(xf, f->joint[bone->b]),
                     fmaxf(ra * xf.scale, 1.0f), fmaxf(rb * xf.scale, 1.0f), color);
        if (rb > mesh_joint_radius(bone->b)) /* rounded, as a girdle bar's end */
            mesh_disc(mesh, mesh_to_px(xf, f->joint[bone->b]), fmaxf(rb * xf.scale, 1.0f), color);
        used[bone->a] = used[bone->b] = true;
    }
    /* The shoulder line and the hip line as two bars of even width, each
     * side's half in its side's layer (so near and far keep their shading):
     * seen three-quarter or from the front, a chest turning over a still
     * pelvis shows as one bar shortening and tilting against the other.
     * Only where the camera is not a side view (f->girdles): seen from the
     * side the bars are end-on, a lump at each shoulder and hip. */
    static const SkelJoint girdle[2][2] = { { SKEL_SHOULDER_L, SKEL_SHOULDER_R },
                                            { SKEL_HIP_L, SKEL_HIP_R } };
    for (int g = 0; g < 2 && f->girdles; g++)
        for (int s = 0; s < 2; s++) {
            if (!(parts & part_of(s, g == 0)))
                continue;
            Vec2 a = f->joint[girdle[g][0]], b = f->joint[girdle[g][1]];
            Vec2 mid = { 0.5f * (a.x + b.x), 0.5f * (a.y + b.y) };
            Vec2 end = s == SKEL_LEFT ? a : b;
            /* never below the floor line: thinner where a bar nears it */
            float r = mesh_girdle_radius(g);
            float r_mid = f->floor ? fminf(r, fmaxf(mid.y, 0.0f)) : r;
            float r_end = f->floor ? fminf(r, fmaxf(end.y, 0.0f)) : r;
            r_mid = fmaxf(r_mid * xf.scale, 1.0f);
            r_end = fmaxf(r_end * xf.scale, 1.0f);
            mesh_segment(mesh, mesh_to_px(xf, mid), mesh_to_px(xf, end), r_mid, r_end, color);
            mesh_disc(mesh, mesh_to_px(xf, end), r_end, color);
        }
    /* Discs after the bones so every joint is round on top of both of its
     * bones; a joint is drawn in the layer of its own side. */
    for (int j = 0; j < SKEL_JOINT_COUNT; j++) {
        unsigned bit = part_of(joint_side((SkelJoint)j), is_arm_joint((SkelJoint)j));
        if (used[j] && (parts & bit) && j != SKEL_HEAD)
            mesh_disc(mesh, mesh_to_px(xf, f->joint[j]),
                      fmaxf(mesh_joint_radius((SkelJoint)j) * xf.scale, 1.0f), color);
    }
}

/* Joint centres are where a real body's would be (a kneeling knee's is
 * 4.5 cm up, a lying pelvis's 7 cm), but limbs are drawn thinner, so drawn
 * as they are, a lying or kneeling figure hovered over the floor while its
 * toes touched. Near the floor each joint moves by the difference between
 * its real and its drawn radius: all of it where its real surface is on
 * the floor, so what rests on the floor is drawn resting on it, fading to
 * nothing MESH_SETTLE_HEIGHT above, so what is higher keeps its place. */
#define MESH_SETTLE_HEIGHT 0.10f

static float drawn_radius(const FigureFrame *frame, SkelJoint j)
{
    return j == SKEL_HEAD ? frame->head_radius : mesh_joint_radius(j);
}

static void settle_on_floor(FigureFrame *frame)
{
    for (int j = 0; j < SKEL_JOINT_COUNT; j++) {
        if (j == SKEL_HEAD || j == SKEL_NOSE)
            continue; /* drawn at its real size, and the face with it */
        float real = skel_joint_radius((SkelJoint)j);
        float above = frame->joint[j].y - real;
        float weight = 1.0f - fmaxf(above, 0.0f) / MESH_SETTLE_HEIGHT;
        if (weight > 0.0f)
            frame->joint[j].y += (mesh_joint_radius((SkelJoint)j) - real) * weight;
    }
    /* and nothing drawn below the floor line, whatever the frame says */
    float lowest = 0.0f;
    for (int i = 0; i < skel_bone_count; i++) {
        SkelJoint ends[2] = { skel_bones[i].a, skel_bones[i].b };
        for (int k = 0; k < 2; k++)
            lowest = fminf(lowest, frame->joint[ends[k]].y - drawn_radius(frame, ends[k]));
    }
    for (int j = 0; j < SKEL_JOINT_COUNT; j++)
        frame->joint[j].y -= lowest;
}

/* A plain disc hides which way a head looks: a dot in the quiet colour
 * where the face is, as the camera sees it. Seen in profile it sits near
 * the front of the disc; facing the camera, in its middle; as the head
 * turns or nods it slides across; turned away, it is gone. */
static void face_mark(Mesh *mesh, const FigureFrame *f, MeshXform xf, MeshColor color)
{
    /* a face turned more than a little away from the camera is not seen */
    float front = f->depth[SKEL_NOSE] - f->depth[SKEL_HEAD];
    if (front < -0.25f * skel_body.nose_front)
        return;
    Vec2 at = f->joint[SKEL_NOSE];
    mesh_disc(mesh, mesh_to_px(xf, at), fmaxf(mesh_joint_radius(SKEL_NOSE) * xf.scale, 1.0f),
              color);
}

/* After a layer of `parts`, its bones whose two ends are both in focus,
 * and the discs at their ends, in the accent colour: the shapes the layer
 * left out, and over its discs at their ends. */
static void focus_layer(Mesh *mesh, const FigureFrame *f, MeshXform xf, unsigned parts,
                        unsigned focus, MeshColor accent)
{
    bool end[SKEL_JOINT_COUNT] = { false };
    bool any = false;
    for (int i = 0; i < skel_bone_count; i++) {
        const SkelBone *bone = &skel_bones[i];
        if ((parts & bone_part(bone)) && in_focus(bone->a, bone->b, focus))
            any = end[bone->a] = end[bone->b] = true;
    }
    if (!any)
        return;
    mesh_end_layer(mesh);
    if (parts & PART_MID)
        spine_parts(mesh, f, xf, focus, true, accent);
    for (int i = 0; i < skel_bone_count; i++) {
        const SkelBone *bone = &skel_bones[i];
        if ((parts & bone_part(bone)) && !is_spine(bone) && in_focus(bone->a, bone->b, focus))
            mesh_segment(mesh, mesh_to_px(xf, f->joint[bone->a]),
                         mesh_to_px(xf, f->joint[bone->b]),
                         fmaxf(mesh_joint_radius(bone->a) * xf.scale, 1.0f),
                         fmaxf(mesh_joint_radius(bone->b) * xf.scale, 1.0f), accent);
    }
    for (int j = 0; j < SKEL_JOINT_COUNT; j++)
        if (end[j] && j != SKEL_HEAD)
            mesh_disc(mesh, mesh_to_px(xf, f->joint[j]),
                      fmaxf(mesh_joint_radius((SkelJoint)j) * xf.scale, 1.0f), accent);
    mesh_end_layer(mesh);
}

void mesh_figure(Mesh *mesh, const FigureFrame *frame, MeshXform xf, MeshColor near,
                 MeshColor far)
{
    mesh_figure_focus(mesh, frame, xf, near, far, 0u, near, far);
}

void mesh_figure_focus(Mesh *mesh, const FigureFrame *frame, MeshXform xf, MeshColor near,
                       MeshColor far, unsigned focus, MeshColor accent, MeshColor accent_far)
{
    FigureFrame settled;
    if (frame->floor) {
        settled = *frame;
        settle_on_floor(&settled);
        frame = &settled;
    }
    unsigned near_side = near_parts(frame), far_side = PART_LIMBS & ~near_side;
    mesh_end_layer(mesh);
    if (far_side) {
        figure_layer(mesh, frame, xf, far_side, focus, far);
        mesh_end_layer(mesh);
        focus_layer(mesh, frame, xf, far_side, focus, accent_far);
    }
    figure_layer(mesh, frame, xf, PART_MID, focus, near);
    focus_layer(mesh, frame, xf, PART_MID, focus, accent);
    float head_r = frame->head_radius > 0.0f ? frame->head_radius : 0.1f;
    mesh_disc(mesh, mesh_to_px(xf, frame->joint[SKEL_HEAD]), head_r * xf.scale, near);
    face_mark(mesh, frame, xf, far);
    /* The midline and the near side share a colour: one layer, so a near
     * arm's feather does not line the trunk it crosses. */
    figure_layer(mesh, frame, xf, near_side, focus, near);
    mesh_end_layer(mesh);
    focus_layer(mesh, frame, xf, near_side, focus, accent);
    /* The pelvis's bone inside it, in the quiet colour: the wedge from the
     * sacrum to the front of the pelvis, so its tilt reads even where the
     * trunk and thighs cover its outline. In focus, the quiet accent. */
    mesh_segment(mesh, mesh_to_px(xf, frame->joint[SKEL_SACRUM]),
                 mesh_to_px(xf, frame->joint[SKEL_ASIS]),
                 fmaxf(0.7f * mesh_joint_radius(SKEL_SACRUM) * xf.scale, 1.0f),
                 fmaxf(0.6f * mesh_joint_radius(SKEL_ASIS) * xf.scale, 1.0f),
                 in_focus(SKEL_SACRUM, SKEL_ASIS, focus) ? accent_far : far);
    mesh_end_layer(mesh);
}
