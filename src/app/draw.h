/* draw: a FigureFrame onto an SDL_Renderer, with its prop and the floor,
 * fitted into a box. Drawing reads state and never changes it. */
#ifndef LIMBER_DRAW_H
#define LIMBER_DRAW_H

#include <SDL.h>

#include "cue.h"
#include "damage.h"
#include "mesh.h"
#include "skel.h"

/* Metres to pixels: fixed per exercise (from anim_bounds) so the figure
 * never zooms while it moves. */
typedef struct {
    float scale;    /* pixels per metre */
    float x0, y0;   /* pixel position of the world origin (floor at x = 0) */
    Vec2 min, max;  /* the world box it was made for: a mat spans it, so it
                       stays still while the figure moves (zero: the frame) */
} DrawFit;

typedef struct {
    SDL_Color figure, figure_far, floor, prop, background;
    SDL_Color water;    /* translucent: drawn over what is under the surface */
    SDL_Color accent, accent_far; /* motion cues: the focus and the arrow */
} DrawTheme;

/* A magnified view of the figure around one point (pose_detail), in the
 * free part of the box above the figure: zoom times the figure's scale
 * (0: none), centred on at (metres, the camera plane), which stays put. */
typedef struct {
    float zoom;
    Vec2 at;
} DrawDetail;

/* The part of the figure (fitted by fit) that the detail's inset shows
 * magnified by zoomed, in *region; returns the width of the frames drawn
 * round both. */
float draw_detail_region(DrawFit fit, DrawFit zoomed, SDL_FRect inset, SDL_FRect *region);

/* The detail of a pose's 'detail' line: zoom times, centred where joint
 * is in rest (the frame the side starts from); mirrored: the pose plays
 * mirrored, and a joint named .l is the .r that works. */
DrawDetail draw_detail_at(const FigureFrame *rest, SkelJoint joint, bool mirrored, float zoom);

/* Motion cues over a figure (docs/cues.md): the joints in focus
 * (SKEL_JOINT_BIT, pose_focus), the arrow (alpha 0: none) and the detail. */
typedef struct {
    unsigned focus;
    CueArrow arrow;
    DrawDetail detail;
    bool above; /* the view from above too: draw_turns_above */
} DrawCues;

/* Whether a pose with this focus gets the view from above: one whose focus
 * names the shoulder line, a twist (docs/cues.md). */
bool draw_turns_above(unsigned focus);

/* Where the detail goes in box, for a figure fitted by fit: the figure
 * moves down onto the box's lower margin (*figure; fit itself when there
 * is no detail), the detail goes in the room above it (*inset), magnified
 * by *zoomed. False when there is no detail or no room for one (a standing
 * figure). */
bool draw_detail_place(DrawFit fit, SDL_FRect box, const DrawDetail *detail, DrawFit *figure,
                       SDL_FRect *inset, DrawFit *zoomed);

/* The default high-contrast theme. */
DrawTheme draw_theme_default(void);

/* The fit that puts the world box [min, max] inside box with a margin. */
DrawFit draw_fit(Vec2 min, Vec2 max, SDL_FRect box);

/* The part of the camera plane [min, max] that box shows through fit, less
 * the margin draw_fit keeps: where a motion arrow may go. */
void draw_fit_visible(DrawFit fit, SDL_FRect box, Vec2 *min, Vec2 *max);

/* What drawing a figure reuses from frame to frame, for one renderer: the
 * geometry, allocated once, grown as needed, never freed per frame. target
 * is the memory surface a software renderer draws into (render.h's
 * render_offscreen_new), or NULL for a renderer on a window. */
typedef struct DrawBuffers DrawBuffers;
DrawBuffers *draw_buffers_new(SDL_Renderer *renderer, SDL_Surface *target);
void draw_buffers_free(DrawBuffers *buffers);

/* Paints box (its edges rounded outwards to whole pixels) with the opaque
 * colour under, then floor, prop and figure (far side first, in the quieter
 * tone) into the buffers' renderer; nothing outside box changes. Returns 0
 * or -1 with SDL_GetError() set. */
int draw_figure(DrawBuffers *buffers, const FigureFrame *frame, DrawFit fit, SDL_FRect box,
                const DrawTheme *theme, SDL_Color under);

/* draw_figure with motion cues; cues NULL draws none. */
int draw_figure_cued(DrawBuffers *buffers, const FigureFrame *frame, DrawFit fit, SDL_FRect box,
                     const DrawTheme *theme, SDL_Color under, const DrawCues *cues);

/* Limits the next draw_figure* call on buffers to the pixels that differ
 * from the frame it drew before, when that was in the same box with the
 * same fit: around each shape that changed, where it was and where it is
 * (damage.h). The rest of the box keeps its pixels, which are those a
 * whole draw would paint. */
void draw_limit_next(DrawBuffers *buffers);

/* The most rectangles one draw paints: the figure's changes, its detail's,
 * and where the two meet (damage.h's DAMAGE_MAX_RECTS each). */
#define DRAW_MAX_PAINTED (3 * DAMAGE_MAX_RECTS + 1)

/* After a draw_figure* call: the rectangles it painted (its box, or after
 * draw_limit_next only what changed; none when nothing did), in *rects,
 * valid until the next draw; returns how many. */
int draw_painted(const DrawBuffers *buffers, const SDL_Rect **rects);

/* Fills mesh (cleared first) with what draw_figure draws: floor, prop,
 * figure, water, in drawing order. With whole_shapes, discs and segments
 * are whole items (mesh_whole_shapes), as a vector drawer wants them.
 * Returns 0, or -1 with SDL_GetError() set when memory ran out. */
int draw_mesh(Mesh *mesh, const FigureFrame *frame, DrawFit fit, SDL_FRect box,
              const DrawTheme *theme, bool whole_shapes);

/* draw_mesh with motion cues (NULL: none) over it, the arrow's fade
 * toward under, the colour it is drawn on. */
int draw_mesh_cued(Mesh *mesh, const FigureFrame *frame, DrawFit fit, SDL_FRect box,
                   const DrawTheme *theme, bool whole_shapes, const DrawCues *cues,
                   SDL_Color under);

#endif
