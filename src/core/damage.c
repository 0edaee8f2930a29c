/* damage: the rectangles where a frame differs from the last. */
#include "damage.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* One shape as it is filled: a triangle's three vertices, a disc or a band,
 * zeroed first so that two equal shapes compare equal byte for byte. */
typedef struct {
    int kind; /* MESH_DISC_ITEM, MESH_BAND_ITEM, or 0 for a triangle */
    union {
        MeshVertex v[3];
        MeshDisc disc;
        MeshBand band;
    } shape;
    DamageRect box; /* the pixels it may touch, inside the clip */
} Item;

typedef struct {
    Item *items;
    int count, cap;
} Frame;

struct Damage {
    Frame last, now;
    uint64_t key;
    bool have_last;
};

Damage *damage_new(void)
{
    return calloc(1, sizeof(Damage));
}

void damage_free(Damage *damage)
{
    if (!damage)
        return;
    free(damage->last.items);
    free(damage->now.items);
    free(damage);
}

void damage_forget(Damage *damage)
{
    damage->have_last = false;
}

static bool rect_empty(DamageRect r)
{
    return r.w <= 0 || r.h <= 0;
}

static DamageRect rect_union(DamageRect a, DamageRect b)
{
    if (rect_empty(a))
        return b;
    if (rect_empty(b))
        return a;
    int x0 = a.x < b.x ? a.x : b.x, y0 = a.y < b.y ? a.y : b.y;
    int x1 = a.x + a.w > b.x + b.w ? a.x + a.w : b.x + b.w;
    int y1 = a.y + a.h > b.y + b.h ? a.y + a.h : b.y + b.h;
    return (DamageRect){ x0, y0, x1 - x0, y1 - y0 };
}

static long long area(DamageRect r)
{
    return rect_empty(r) ? 0 : (long long)r.w * r.h;
}

/* The whole pixels [x0, x1) x [y0, y1) cover, one more each way for
 * rounding, cut to clip. */
static DamageRect pixels(float x0, float y0, float x1, float y1, DamageRect clip)
{
    if (!(x0 <= x1 && y0 <= y1))
        return (DamageRect){ 0, 0, 0, 0 };
    float lim = MESH_COORD_LIMIT;
    int ix0 = (int)floorf(fmaxf(x0, -lim)) - 1, iy0 = (int)floorf(fmaxf(y0, -lim)) - 1;
    int ix1 = (int)ceilf(fminf(x1, lim)) + 1, iy1 = (int)ceilf(fminf(y1, lim)) + 1;
    if (ix0 < clip.x) ix0 = clip.x;
    if (iy0 < clip.y) iy0 = clip.y;
    if (ix1 > clip.x + clip.w) ix1 = clip.x + clip.w;
    if (iy1 > clip.y + clip.h) iy1 = clip.y + clip.h;
    return (DamageRect){ ix0, iy0, ix1 - ix0, iy1 - iy0 };
}

static bool grow(Frame *f)
{
    if (f->count < f->cap)
        return true;
    int cap = f->cap ? 2 * f->cap : 256;
    Item *items = realloc(f->items, (size_t)cap * sizeof *items);
    if (!items)
        return false;
    f->items = items;
    f->cap = cap;
    return true;
}

/* The mesh's shapes into f, in filling order; false when out of memory or
 * an index is out of range. */
static bool record(Frame *f, Mesh *mesh, DamageRect clip)
{
    const int *idx = mesh_indices(mesh);
    int n = mesh_index_count(mesh);
    const MeshVertex *v = mesh_vertices(mesh);
    int nv = mesh_vertex_count(mesh);
    f->count = 0;
    for (int i = 0; i + 3 <= n; i += 3) {
        if (!grow(f))
            return false;
        Item *it = &f->items[f->count++];
        memset(it, 0, sizeof *it);
        int k = idx[i + 1];
        if (idx[i] == MESH_DISC_ITEM) {
            if (k < 0 || k >= mesh_disc_count(mesh))
                return false;
            MeshDisc d = mesh_discs(mesh)[k];
            it->kind = MESH_DISC_ITEM;
            it->shape.disc = d;
            float r = d.r + MESH_FEATHER;
            it->box = pixels(d.x - r, d.y - r, d.x + r, d.y + r, clip);
        } else if (idx[i] == MESH_BAND_ITEM) {
            if (k < 0 || k >= mesh_band_count(mesh))
                return false;
            MeshBand b = mesh_bands(mesh)[k];
            it->kind = MESH_BAND_ITEM;
            it->shape.band = b;
            float r = fmaxf(b.ra, b.rb) + MESH_FEATHER;
            it->box = pixels(fminf(b.ax, b.bx) - r, fminf(b.ay, b.by) - r, fmaxf(b.ax, b.bx) + r,
                             fmaxf(b.ay, b.by) + r, clip);
        } else {
            float x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
            for (int j = 0; j < 3; j++) {
                if (idx[i + j] < 0 || idx[i + j] >= nv)
                    return false;
                MeshVertex p = v[idx[i + j]];
                it->shape.v[j] = p;
                x0 = fminf(x0, p.x);
                y0 = fminf(y0, p.y);
                x1 = fmaxf(x1, p.x);
                y1 = fmaxf(y1, p.y);
            }
            it->box = pixels(x0, y0, x1, y1, clip);
        }
    }
    return true;
}

/* Adds r to the list, then merges the two rectangles that cost least to
 * merge (the fewest pixels their union adds) while there are too many or
 * a merge costs nothing. */
static int add_rect(DamageRect *list, int n, int max, DamageRect r)
{
    if (rect_empty(r))
        return n;
    list[n++] = r;
    for (;;) {
        long long best = 0;
        int bi = -1, bj = -1;
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++) {
                long long cost = area(rect_union(list[i], list[j])) - area(list[i]) - area(list[j]);
                if (bi < 0 || cost < best) {
                    best = cost;
                    bi = i;
                    bj = j;
                }
            }
        if (bi < 0 || (n <= max && best > 0))
            return n;
        list[bi] = rect_union(list[bi], list[bj]);
        list[bj] = list[--n];
    }
}

int damage_update(Damage *damage, Mesh *mesh, uint64_t key, DamageRect clip,
                  DamageRect out[DAMAGE_MAX_RECTS])
{
    Frame *now = &damage->now, *last = &damage->last;
    if (!record(now, mesh, clip)) {
        damage->have_last = false;
        return -1;
    }
    int n = -1;
    if (damage->have_last && damage->key == key && last->count == now->count) {
        /* one spare place: add_rect adds before it merges */
        DamageRect list[DAMAGE_MAX_RECTS + 1];
        n = 0;
        for (int i = 0; i < now->count; i++) {
            const Item *a = &last->items[i], *b = &now->items[i];
            if (memcmp(a, b, sizeof *a) == 0)
                continue;
            n = add_rect(list, n, DAMAGE_MAX_RECTS, a->box);
            n = add_rect(list, n, DAMAGE_MAX_RECTS, b->box);
        }
        memcpy(out, list, (size_t)n * sizeof *out);
    }
    /* this frame is the next one's last */
    Frame keep = *last;
    *last = *now;
    *now = keep;
    damage->key = key;
    damage->have_last = true;
    return n;
}
