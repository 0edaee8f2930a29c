/* mesh: anti-aliased shapes as coloured triangles, in pixels, for a renderer
 * that draws triangle lists (raster.c, or SDL_RenderGeometry on a GPU). Pure
 * geometry, no SDL.
 *
 * Anti-aliasing is a feather: every shape has a solid core and, around it, a
 * one-pixel band whose outer vertices have alpha 0. Sampled at pixel
 * centres, alpha then falls linearly across the pixel the edge crosses,
 * which is what a box filter's coverage does. Vertices keep their fraction
 * of a pixel, so a slow movement glides instead of stepping a pixel at a
 * time. */
#ifndef LIMBER_MESH_H
#define LIMBER_MESH_H

#include <stddef.h>
#include <stdint.h>

#include "skel.h"

/* Width of the fading band around every shape, in pixels: the one size that
 * does not scale with the picture. */
#define MESH_FEATHER 1.0f

/* Every vertex is clamped to +-this many pixels (NaN becomes 0). */
#define MESH_COORD_LIMIT 1048576.0f

typedef struct {
    uint8_t r, g, b, a;
} MeshColor;

/* Layout-compatible with SDL_Vertex (draw.c asserts it), so the buffer goes
 * to the renderer with no copy. */
typedef struct {
    float x, y;
    MeshColor color;
    float u, v;
} MeshVertex;

/* A disc kept whole, for a rasteriser that fills circles itself. */
typedef struct {
    float x, y, r;
    MeshColor color;
} MeshDisc;

/* A segment kept whole (mesh_segment's shape): from a to b, half-width ra
 * at a and rb at b, feathered on both long sides, its ends cut square. */
typedef struct {
    float ax, ay, bx, by, ra, rb;
    MeshColor color;
} MeshBand;

/* In the index list, a triple (MESH_DISC_ITEM, k, 0) is disc k of
 * mesh_discs() and (MESH_BAND_ITEM, k, 0) band k of mesh_bands(), rather
 * than a triangle. */
#define MESH_DISC_ITEM (-1)
#define MESH_BAND_ITEM (-2)

/* A growing list of vertices and triangle indices. Owns its memory; cleared
 * per frame and reused, so steady drawing allocates nothing. */
typedef struct Mesh Mesh;

Mesh *mesh_new(void);
void mesh_free(Mesh *mesh);

/* Empties the mesh, keeping its storage. */
void mesh_clear(Mesh *mesh);

/* With on, mesh_disc (and so every joint, head and capsule end) adds one
 * whole disc item instead of a polygon of triangles and its feather ring,
 * and mesh_segment one whole band instead of six triangles: for raster.c,
 * which fills either row by row, once per row, where the triangles of the
 * same shape cost a row's setup each (a 1 px feather is mostly setup). Off
 * (the default) the list holds triangles only, for SDL_RenderGeometry. */
void mesh_whole_shapes(Mesh *mesh, int on);
const MeshDisc *mesh_discs(const Mesh *mesh);
int mesh_disc_count(const Mesh *mesh);
const MeshBand *mesh_bands(const Mesh *mesh);
int mesh_band_count(const Mesh *mesh);

/* Ends a layer (shapes of one colour): all of its cores are drawn first,
 * then all of its feathers. A feather over a core of its own colour leaves
 * it as it was (raster.c then skips the pixel), so only the feathers at the
 * layer's outline do any blending. Shapes added later are drawn over the
 * whole layer. */
void mesh_end_layer(Mesh *mesh);

/* The buffers, owned by the mesh and valid until the next add or free.
 * Asking for the indices ends the open layer. */
const MeshVertex *mesh_vertices(const Mesh *mesh);
int mesh_vertex_count(const Mesh *mesh);
const int *mesh_indices(Mesh *mesh);
int mesh_index_count(Mesh *mesh);

/* False once an allocation failed; the mesh then keeps what it had. */
int mesh_ok(const Mesh *mesh);

/* A thick segment from a to b, half-width ra at a and rb at b, with a
 * feather on both long sides and none at the ends (joints cover those). */
void mesh_segment(Mesh *mesh, Vec2 a, Vec2 b, float ra, float rb, MeshColor color);

/* A filled disc with a feather ring. */
void mesh_disc(Mesh *mesh, Vec2 centre, float r, MeshColor color);

/* A ring (annulus) between radii r_in and r_out, feathered on both edges. */
void mesh_ring(Mesh *mesh, Vec2 centre, float r_in, float r_out, MeshColor color);

/* A segment with round ends of radius r: a capsule. */
void mesh_capsule(Mesh *mesh, Vec2 a, Vec2 b, float r, MeshColor color);

/* An axis-aligned rectangle with no feather (its edges are whole pixels). */
void mesh_rect(Mesh *mesh, float x0, float y0, float x1, float y1, MeshColor color);

/* Pixels from metres: the figure's camera plane (y up) to the screen (y down). */
typedef struct {
    float scale;    /* pixels per metre */
    float x0, y0;   /* pixel position of the world origin */
} MeshXform;

Vec2 mesh_to_px(MeshXform xf, Vec2 world);

/* Half-width of the limbs and the trunk, in metres: drawing scales them with
 * the fit, so a figure looks the same at 640x360 and at 3840x2160. */
#define MESH_LIMB_R 0.026f
#define MESH_TRUNK_R 0.040f

/* Half-width of a joint in metres (the disc drawn at it, and the bone's width
 * where it meets it): the trunk thickest, tapering to the hands and feet. */
/* The half-thickness of the bar drawn between the shoulder joints (hips
 * 0) or the hip joints (hips 1), in metres. */
float mesh_girdle_radius(int hips);
float mesh_joint_radius(SkelJoint j);

/* Which side of a girdle is nearer the camera: SKEL_LEFT, SKEL_RIGHT, or
 * -1 when both are at the same depth (a front view). The legs go with the
 * hips. The arms go with the hips too while the shoulder line turns less
 * than 90 degrees from the hip line (a chest turned a little past the
 * camera keeps its arms' near side); only a chest turned further, or over
 * a pelvis seen from the front, decides by the shoulders, bringing its far
 * arm round to the front while the legs keep theirs. */
typedef enum { MESH_LEGS, MESH_ARMS } MeshGirdle;
int mesh_near_side(const FigureFrame *frame, MeshGirdle girdle);

/* The whole figure: far-side bones and joints first in the far colour, then
 * the midline and the head, then the near side. With frame->floor, joints
 * near the floor are moved by the difference between their real radius
 * (skel_joint_radius) and their drawn one, so a limb resting on the floor
 * is drawn touching it, and no limb shows below y = 0. */
void mesh_figure(Mesh *mesh, const FigureFrame *frame, MeshXform xf, MeshColor near,
                 MeshColor far);

/* mesh_figure with the bones whose two ends are both in focus (a
 * SKEL_JOINT_BIT mask, pose_focus) drawn in accent instead, or accent_far
 * on the far side, each where its side is drawn, so a near limb still
 * covers a far one. */
void mesh_figure_focus(Mesh *mesh, const FigureFrame *frame, MeshXform xf, MeshColor near,
                       MeshColor far, unsigned focus, MeshColor accent, MeshColor accent_far);

#endif
