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

/* first_centre_at(p) clamped to [lo, w]: the first pixel of a row (or row
 * of a column) at or after p. p is clamped as a float first, so the int
 * conversion is defined even for a bound far outside or infinite (a band's
 * side nearly parallel to the row). */
static int first_centre_within(float p, int lo, int w)
{
    float below = (float)lo - 1.0f, lim = (float)w + 1.0f;
    return clampi(first_centre_at(p < below ? below : p > lim ? lim : p), lo, w);
}

/* A pixel of a feather, alpha a of src: over its own colour (the core of
 * its layer) nothing changes. */
static inline void fade(uint32_t *pixel, uint32_t src, unsigned a)
{
    if (a > 0 && *pixel != src)
        *pixel = blend(*pixel, src, a);
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
    for (int x = x0; x < x1; x++, a += alpha->dx)
        fade(&row[x], src, channel(a));
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
    int y0 = first_centre_within(a.y, t.y0, t.h), y1 = first_centre_within(d.y, t.y0, t.h);
    float left = fminf(a.x, fminf(b.x, d.x)), right = fmaxf(a.x, fmaxf(b.x, d.x));
    if (y0 >= y1 || first_centre_at(right) <= t.x0 || first_centre_at(left) >= t.w)
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
        int x0 = first_centre_within(xl, t.x0, t.w), x1 = first_centre_within(xr, t.x0, t.w);
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
        fade(&row[x], src, channel(cover * (float)alpha));
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
    int y0 = first_centre_within(cy - outer, t.y0, t.h);
    int y1 = first_centre_within(cy + outer, t.y0, t.h);
    uint32_t src = raster_pixel(t, d.color);
    for (int y = y0; y < y1; y++) {
        float dy = (float)y + 0.5f - cy;
        float reach = sqrtf(fmaxf(outer * outer - dy * dy, 0.0f));
        float core = d.r * d.r > dy * dy ? sqrtf(d.r * d.r - dy * dy) : 0.0f;
        int x0 = first_centre_within(cx - reach, t.x0, t.w);
        int x1 = first_centre_within(cx + reach, t.x0, t.w);
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

/* A half-plane gx x + gy y + g0 <= k, k how far out it is pushed, as a
 * bound on x along a row: inv_gx is 1 / gx (0 when gx is 0). */
typedef struct {
    float gx, gy, g0, inv_gx;
} HalfPlane;

static HalfPlane half_plane(float gx, float gy, float g0)
{
    return (HalfPlane){ gx, gy, g0, gx != 0.0f ? 1.0f / gx : 0.0f };
}

/* Narrows [*lo, *hi] to the part of row py inside h pushed out by k. */
static inline void clip_row(const HalfPlane *h, float py, float k, float *lo, float *hi)
{
    float rest = k - h->gy * py - h->g0;
    if (h->gx > 0.0f) {
        float x = rest * h->inv_gx;
        *hi = x < *hi ? x : *hi;
    } else if (h->gx < 0.0f) {
        float x = rest * h->inv_gx;
        *lo = x > *lo ? x : *lo;
    } else if (rest < 0.0f) {
        *hi = -INFINITY; /* parallel to the row, and the row is outside */
    }
}

/* The core's side from p to q as a half-plane whose value is the distance
 * outside it, outside being where `out` points. */
static HalfPlane side_of(Point p, Point q, Point out)
{
    float dx = q.x - p.x, dy = q.y - p.y, len = sqrtf(dx * dx + dy * dy);
    if (!(len > 0.0f))
        return half_plane(0.0f, 0.0f, 0.0f);
    float gx = -dy / len, gy = dx / len;
    if (gx * out.x + gy * out.y < 0.0f) {
        gx = -gx;
        gy = -gy;
    }
    return half_plane(gx, gy, -(gx * p.x + gy * p.y));
}

/* A band row by row: between its square ends, solid inside its two sides,
 * fading to clear MESH_FEATHER beyond each, like mesh_segment's triangles
 * but with one setup per row where they need six. */
static void band(RasterTarget t, MeshBand b, int ox, int oy)
{
    if (!(fabsf(b.ax) <= MESH_COORD_LIMIT && fabsf(b.ay) <= MESH_COORD_LIMIT &&
          fabsf(b.bx) <= MESH_COORD_LIMIT && fabsf(b.by) <= MESH_COORD_LIMIT &&
          b.ra >= 0.0f && b.ra <= MESH_COORD_LIMIT && b.rb >= 0.0f &&
          b.rb <= MESH_COORD_LIMIT) || b.color.a == 0)
        return;
    Point a = { b.ax - (float)ox, b.ay - (float)oy }, e = { b.bx - (float)ox, b.by - (float)oy };
    float near = fmaxf(b.ra, b.rb) + MESH_FEATHER;
    if (fmaxf(a.x, e.x) + near < (float)t.x0 || fminf(a.x, e.x) - near > (float)t.w ||
        fmaxf(a.y, e.y) + near < (float)t.y0 || fminf(a.y, e.y) - near > (float)t.h)
        return; /* nowhere near the part being filled: no setup */
    float dx = e.x - a.x, dy = e.y - a.y, len = sqrtf(dx * dx + dy * dy);
    if (!(len > 0.0f))
        return;
    Point u = { dx / len, dy / len }, n = { -u.y, u.x };
    /* the ends: -u.(p - a) <= 0 and u.(p - e) <= 0 */
    HalfPlane start = half_plane(-u.x, -u.y, u.x * a.x + u.y * a.y);
    HalfPlane end = half_plane(u.x, u.y, -(u.x * e.x + u.y * e.y));
    Point l0 = { a.x + n.x * b.ra, a.y + n.y * b.ra }, l1 = { e.x + n.x * b.rb, e.y + n.y * b.rb };
    Point r0 = { a.x - n.x * b.ra, a.y - n.y * b.ra }, r1 = { e.x - n.x * b.rb, e.y - n.y * b.rb };
    HalfPlane left = side_of(l0, l1, n), right = side_of(r0, r1, (Point){ -n.x, -n.y });

    float reach = (b.ra > b.rb ? b.ra : b.rb) + MESH_FEATHER;
    float top = (a.y < e.y ? a.y : e.y) - reach, bottom = (a.y > e.y ? a.y : e.y) + reach;
    int y0 = first_centre_within(top, t.y0, t.h), y1 = first_centre_within(bottom, t.y0, t.h);
    uint32_t src = raster_pixel(t, b.color);
    unsigned alpha = b.color.a;
    for (int y = y0; y < y1; y++) {
        float py = (float)y + 0.5f;
        float lo = -INFINITY, hi = INFINITY;
        clip_row(&start, py, 0.0f, &lo, &hi);
        clip_row(&end, py, 0.0f, &lo, &hi);
        float olo = lo, ohi = hi;
        clip_row(&left, py, MESH_FEATHER, &olo, &ohi);
        clip_row(&right, py, MESH_FEATHER, &olo, &ohi);
        if (!(olo < ohi))
            continue;
        clip_row(&left, py, 0.0f, &lo, &hi);
        clip_row(&right, py, 0.0f, &lo, &hi);
        int x0 = first_centre_within(olo, t.x0, t.w), x1 = first_centre_within(ohi, t.x0, t.w);
        int c0 = x1, c1 = x1;
        if (lo < hi) {
            c0 = clampi(first_centre_within(lo, t.x0, t.w), x0, x1);
            c1 = clampi(first_centre_within(hi, t.x0, t.w), c0, x1);
        }
        uint32_t *row = t.pixels + (size_t)y * (size_t)t.pitch;
        if (alpha == 255)
            span_solid(row, c0, c1, src);
        else
            span_blend(row, c0, c1, src, alpha);
        /* the fading pixels either side of the core */
        float left_at = left.gy * py + left.g0, right_at = right.gy * py + right.g0;
        for (int side = 0; side < 2; side++) {
            int f0 = side ? c1 : x0, f1 = side ? x1 : c0;
            for (int x = f0; x < f1; x++) {
                float px = (float)x + 0.5f;
                float dl = left.gx * px + left_at, dr = right.gx * px + right_at;
                float out = dl > dr ? dl : dr;
                fade(&row[x], src, channel((1.0f - out * (1.0f / MESH_FEATHER)) * (float)alpha));
            }
        }
    }
}

void raster_fill(RasterTarget t, MeshColor c)
{
    uint32_t px = raster_pixel(t, c);
    for (int y = t.y0; y < t.h; y++)
        span_solid(t.pixels + (size_t)y * (size_t)t.pitch, t.x0, t.w, px);
}

RasterItems raster_items(Mesh *mesh)
{
    RasterItems items = {
        mesh_vertices(mesh), mesh_vertex_count(mesh), mesh_indices(mesh),
        mesh_index_count(mesh), mesh_discs(mesh), mesh_disc_count(mesh),
        mesh_bands(mesh), mesh_band_count(mesh),
    };
    return items;
}

void raster_mesh(RasterTarget t, RasterItems items, int ox, int oy)
{
    const int *idx = items.idx;
    for (int i = 0; i + 3 <= items.index_count; i += 3) {
        int k = idx[i + 1];
        if (idx[i] == MESH_DISC_ITEM) {
            if (k >= 0 && k < items.disc_count)
                disc(t, items.discs[k], ox, oy);
            continue;
        }
        if (idx[i] == MESH_BAND_ITEM) {
            if (k >= 0 && k < items.band_count)
                band(t, items.bands[k], ox, oy);
            continue;
        }
        const MeshVertex *tri[3];
        bool valid = true;
        for (int j = 0; j < 3; j++) {
            valid = valid && idx[i + j] >= 0 && idx[i + j] < items.vertex_count;
            tri[j] = valid ? &items.v[idx[i + j]] : NULL;
        }
        if (valid)
            triangle(t, tri, ox, oy);
    }
}
