/* raster: fills a mesh's coloured triangles into 32-bit pixels in memory,
 * blending in place. No SDL.
 *
 * Why it exists: SDL 2.26's software renderer fills every blended triangle
 * through a temporary surface the size of the triangle's bounding box
 * (allocated, cleared, blitted, freed), so the anti-aliasing feathers of one
 * stick figure cost ten clears of a 1080p screen. Filling the same triangles
 * here, span by span into one buffer, costs a fraction of one clear; the
 * buffer then goes to the screen as one opaque copy.
 *
 * Pixels are 32 bits with 8-bit channels at the shifts the target names:
 * the surface SDL draws into, in its own format. The target is opaque and
 * stays opaque: a triangle of alpha a covers dst with src * a + dst *
 * (1 - a). A pixel is covered when its centre is inside the triangle, left
 * and top edges inclusive, so two triangles that share an edge cover every
 * pixel along it exactly once: no seam, no pixel blended twice. Every mesh
 * shape is one colour, so a triangle's colour is its first vertex's and
 * only alpha is interpolated across it, at pixel centres, as a GPU does. */
#ifndef LIMBER_RASTER_H
#define LIMBER_RASTER_H

#include <stdint.h>

#include "mesh.h"

/* Bit positions of the channels in a pixel: 0, 8, 16 or 24 each. */
typedef struct {
    uint8_t r, g, b, a;
} RasterShifts;

typedef struct {
    uint32_t *pixels;
    int w, h;
    int pitch; /* in pixels, >= w */
    RasterShifts shift;
    /* Only [x0, w) x [y0, h) is filled (0 and 0: all of it): a part of a
     * picture painted again gets the very pixels the whole would. */
    int x0, y0;
} RasterTarget;

/* The opaque pixel of colour c in the target's format (c's alpha ignored). */
uint32_t raster_pixel(RasterTarget t, MeshColor c);

/* Fills the target's [x0, w) x [y0, h) with the opaque colour c (its alpha
 * ignored). Plain stores, where SDL_FillRect streams past the cache: the
 * figure's box filled so and then drawn on cost a play frame at 1080p 0.6
 * ms more (measured alone, 2.0 against 1.4 ms), since raster_mesh reads
 * back every pixel it blends. */
void raster_fill(RasterTarget t, MeshColor c);

/* What raster_mesh fills: the items idx[0..index_count), in order, each a
 * triple: a triangle of v, (MESH_DISC_ITEM, k, 0) disc k of discs, a
 * circle whose alpha falls from 1 at radius r to 0 at r + MESH_FEATHER as a
 * feather's does, or (MESH_BAND_ITEM, k, 0) band k of bands, whose long
 * sides fade the same way. */
typedef struct {
    const MeshVertex *v;
    int vertex_count;
    const int *idx;
    int index_count;
    const MeshDisc *discs;
    int disc_count;
    const MeshBand *bands;
    int band_count;
} RasterItems;

/* A mesh's items (which ends its open layer). */
RasterItems raster_items(Mesh *mesh);

/* Fills the items, each moved by (-ox, -oy) so that pixel (ox, oy) of the
 * mesh lands on the target's (0, 0). Whatever falls outside the target is
 * cut. Skipped: an item with an index out of range, a coordinate beyond
 * MESH_COORD_LIMIT (or NaN), and a trailing partial item. ox and oy are
 * within +-2^24. */
void raster_mesh(RasterTarget t, RasterItems items, int ox, int oy);

#endif
