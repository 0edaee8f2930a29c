/* raster: a mesh's triangles into 32-bit pixels, span by span. */
#include "raster.h"

#include <math.h>
#include <stdbool.h>

typedef struct {
    float x, y;
} Point;

/* Alpha as a plane over the triangle: at pixel centre (px, py) it is
 * at + dx (px - x0) + dy (py - y0). */
typedef struct {
    float at, dx, dy;
} Plane;

uint32_t raster_pixel(RasterTarget t, MeshColor c)
{
    return 255u << t.shift.a | (uint32_t)c.r << t.shift.r | (uint32_t)c.g << t.shift.g |
           (uint32_t)c.b << t.shift.b;
}

/* src over dst with alpha a, both opaque pixels of the same format: every
 * byte lane is src * a + dst * (255 - a), divided by 255 and rounded, two
 * lanes per multiply, whichever colour each lane holds (the alpha lanes are
 * 255 in both, so stay 255). (t + (t >> 8)) >> 8 with t = x + 128 is x / 255
 * rounded for every x up to 255 * 255. */
static inline uint32_t blend(uint32_t dst, uint32_t src, unsigned a)
{
    unsigned keep = 255 - a;
    uint32_t lo = (src & 0x00FF00FFu) * a + (dst & 0x00FF00FFu) * keep + 0x00800080u;
    uint32_t hi = (src >> 8 & 0x00FF00FFu) * a + (dst >> 8 & 0x00FF00FFu) * keep + 0x00800080u;
    lo = (lo + (lo >> 8 & 0x00FF00FFu)) >> 8 & 0x00FF00FFu;
    hi = (hi + (hi >> 8 & 0x00FF00FFu)) & 0xFF00FF00u;
    return lo | hi;
}

static inline unsigned channel(float v)
{
    return v <= 0.0f ? 0u : v >= 255.0f ? 255u : (unsigned)(v + 0.5f);
}

/* An edge from top to bottom (top.y < bottom.y) as x = x0 + (y - y0) dxdy.
 * Every triangle makes a shared edge from the same two points in the same
 * order, so both get the same bits and meet without a seam. */
typedef struct {
    float x0, y0, dxdy;
} Edge;

static Edge edge(Point top, Point bottom)
{
    float dy = bottom.y - top.y;
    return (Edge){ top.x, top.y, dy > 0.0f ? (bottom.x - top.x) / dy : 0.0f };
}

static inline float edge_x(Edge e, float py)
{
    return e.x0 + (py - e.y0) * e.dxdy;
}

/* The first pixel whose centre is at or after p: ceil(p - 0.5) without the
 * library call. Coordinates are within MESH_COORD_LIMIT, so the int
 * conversion cannot overflow. */
static inline int first_centre_at(float p)
{
    float q = p - 0.5f;
    int i = (int)q; /* towards zero */
    return i + (q > (float)i);
}

static int clampi(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

static void span_solid(uint32_t *row, int x0, int x1, uint32_t argb)
{
    for (int x = x0; x < x1; x++)
        row[x] = argb;
}

static void span_blend(uint32_t *row, int x0, int x1, uint32_t src, unsigned a)
{
    for (int x = x0; x < x1; x++)
        row[x] = blend(row[x], src, a);
}

/* A feather: one colour whose alpha alone varies, stepped along x. */
static void span_fading(uint32_t *row, int x0, int x1, uint32_t src, const Plane *alpha,
                        float fx, float fy)
{
    float a = alpha->at + alpha->dx * fx + alpha->dy * fy;
    for (int x = x0; x < x1; x++, a += alpha->dx) {
        unsigned ai = channel(a);
        if (ai > 0 && row[x] != src) /* over its own core: nothing to do */
            row[x] = blend(row[x], src, ai);
    }
}

/* The alpha plane through the three vertices; false when the triangle has
 * no area (it then covers no pixel centre). */
static bool alpha_plane(const MeshVertex *tri[3], const Point p[3], Plane *out)
{
    float ux = p[1].x - p[0].x, uy = p[1].y - p[0].y;
    float vx = p[2].x - p[0].x, vy = p[2].y - p[0].y;
    float det = ux * vy - vx * uy;
    if (det == 0.0f)
        return false;
    float a0 = tri[0]->color.a;
    float d1 = tri[1]->color.a - a0, d2 = tri[2]->color.a - a0;
    *out = (Plane){ a0, (d1 * vy - d2 * uy) / det, (d2 * ux - d1 * vx) / det };
    return true;
}

static void triangle(RasterTarget t, const MeshVertex *tri[3], int ox, int oy)
{
    Point p[3];
    for (int k = 0; k < 3; k++) {
        /* within the mesh's limit (which also excludes NaN), so every
         * float-to-int conversion below is defined */
        if (!(fabsf(tri[k]->x) <= MESH_COORD_LIMIT && fabsf(tri[k]->y) <= MESH_COORD_LIMIT))
            return;
        p[k] = (Point){ tri[k]->x - (float)ox, tri[k]->y - (float)oy };
    }
    /* top, middle, bottom by y; most feathers of a small figure cover no
     * pixel centre, so that is found before anything else is worked out */
    Point a = p[0], b = p[1], d = p[2], s;
    if (b.y < a.y) { s = a; a = b; b = s; }
    if (d.y < b.y) { s = b; b = d; d = s; }
    if (b.y < a.y) { s = a; a = b; b = s; }
    int y0 = clampi(first_centre_at(a.y), 0, t.h), y1 = clampi(first_centre_at(d.y), 0, t.h);
    float left = fminf(a.x, fminf(b.x, d.x)), right = fmaxf(a.x, fmaxf(b.x, d.x));
    if (y0 >= y1 || first_centre_at(right) <= 0 || first_centre_at(left) >= t.w)
        return;

    MeshColor c = tri[0]->color;
    bool uniform = c.a == tri[1]->color.a && c.a == tri[2]->color.a;
    if (uniform && c.a == 0)
        return;
    Plane alpha;
    if (!uniform && !alpha_plane(tri, p, &alpha))
        return;
    uint32_t solid = raster_pixel(t, c);

    /* The long edge a-d is on one side for every row: the left when b is
     * to its right. Rows above b's row take a-b for the other side, rows
     * from it on b-d. */
    bool long_left = (d.x - a.x) * (b.y - a.y) - (d.y - a.y) * (b.x - a.x) < 0.0f;
    Edge ad = edge(a, d), ab = edge(a, b), bd = edge(b, d);
    int y_mid = clampi(first_centre_at(b.y), y0, y1);
    for (int y = y0; y < y1; y++) {
        float py = (float)y + 0.5f;
        float x_long = edge_x(ad, py), x_short = edge_x(y < y_mid ? ab : bd, py);
        float xl = long_left ? x_long : x_short, xr = long_left ? x_short : x_long;
        int x0 = clampi(first_centre_at(xl), 0, t.w), x1 = clampi(first_centre_at(xr), 0, t.w);
        if (x0 >= x1)
            continue;
        uint32_t *row = t.pixels + (size_t)y * (size_t)t.pitch;
        float fx = (float)x0 + 0.5f - p[0].x, fy = py - p[0].y;
        if (uniform && c.a == 255)
            span_solid(row, x0, x1, solid);
        else if (uniform)
            span_blend(row, x0, x1, solid, c.a);
        else
            span_fading(row, x0, x1, solid, &alpha, fx, fy);
    }
}

/* The fading pixels [x0, x1) of a disc's row, dy below its centre. */
static void disc_edge(uint32_t *row, int x0, int x1, float cx, float dy, float outer,
                      uint32_t src, unsigned alpha)
{
    for (int x = x0; x < x1; x++) {
        float dx = (float)x + 0.5f - cx;
        float cover = (outer - sqrtf(dx * dx + dy * dy)) / MESH_FEATHER;
        unsigned a = channel(cover * (float)alpha);
        if (a > 0 && row[x] != src)
            row[x] = blend(row[x], src, a);
    }
}

/* A disc row by row: solid where the pixel centre is within r, fading to
 * clear at r + MESH_FEATHER, like the polygon and feather ring mesh.c makes
 * for a GPU. */
static void disc(RasterTarget t, MeshDisc d, int ox, int oy)
{
    if (!(fabsf(d.x) <= MESH_COORD_LIMIT && fabsf(d.y) <= MESH_COORD_LIMIT &&
          d.r >= 0.0f && d.r <= MESH_COORD_LIMIT) || d.color.a == 0)
        return;
    float cx = d.x - (float)ox, cy = d.y - (float)oy, outer = d.r + MESH_FEATHER;
    int y0 = clampi(first_centre_at(cy - outer), 0, t.h);
    int y1 = clampi(first_centre_at(cy + outer), 0, t.h);
    uint32_t src = raster_pixel(t, d.color);
    for (int y = y0; y < y1; y++) {
        float dy = (float)y + 0.5f - cy;
        float reach = sqrtf(fmaxf(outer * outer - dy * dy, 0.0f));
        float core = d.r * d.r > dy * dy ? sqrtf(d.r * d.r - dy * dy) : 0.0f;
        int x0 = clampi(first_centre_at(cx - reach), 0, t.w);
        int x1 = clampi(first_centre_at(cx + reach), 0, t.w);
        int c0 = clampi(first_centre_at(cx - core), x0, x1);
        int c1 = clampi(first_centre_at(cx + core), c0, x1);
        uint32_t *row = t.pixels + (size_t)y * (size_t)t.pitch;
        if (d.color.a == 255)
            span_solid(row, c0, c1, src);
        else
            span_blend(row, c0, c1, src, d.color.a);
        disc_edge(row, x0, c0, cx, dy, outer, src, d.color.a);
        disc_edge(row, c1, x1, cx, dy, outer, src, d.color.a);
    }
}

void raster_mesh(RasterTarget t, const MeshVertex *v, int vertex_count, const int *idx, int n,
                 const MeshDisc *discs, int disc_count, int ox, int oy)
{
    for (int i = 0; i + 3 <= n; i += 3) {
        if (idx[i] == MESH_DISC_ITEM) {
            if (idx[i + 1] >= 0 && idx[i + 1] < disc_count)
                disc(t, discs[idx[i + 1]], ox, oy);
            continue;
        }
        const MeshVertex *tri[3];
        bool valid = true;
        for (int k = 0; k < 3; k++) {
            valid = valid && idx[i + k] >= 0 && idx[i + k] < vertex_count;
            tri[k] = valid ? &v[idx[i + k]] : NULL;
        }
        if (valid)
            triangle(t, tri, ox, oy);
    }
}
