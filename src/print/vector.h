/* vector: the figure as cairo paths, for the handout's PDF and the SVG
 * frames. The shapes are the screen's own (draw_mesh): the same bones,
 * joints, props and colours, filled as curves and polygons instead of
 * pixels, so they stay crisp at any zoom. */
#ifndef LIMBER_VECTOR_H
#define LIMBER_VECTOR_H

#include <cairo.h>

#include "draw.h"

/* What drawing a figure reuses from one to the next: the geometry. */
typedef struct VectorPen VectorPen;

/* A pen, or NULL when out of memory. Free with vector_pen_free. */
VectorPen *vector_pen_new(void);
void vector_pen_free(VectorPen *pen);

/* Paints box with the opaque colour under, then floor, prop and figure
 * fitted by fit, clipped to box, onto cr (in cr's user space, where one
 * unit is what draw_fit calls a pixel). Leaves cr's state as it was.
 * Returns 0, or -1 with SDL_GetError() set. */
int vector_figure(VectorPen *pen, cairo_t *cr, const FigureFrame *frame, DrawFit fit,
                  SDL_FRect box, const DrawTheme *theme, SDL_Color under);

/* vector_figure with motion cues (draw.h's DrawCues; NULL: none). */
int vector_figure_cued(VectorPen *pen, cairo_t *cr, const FigureFrame *frame, DrawFit fit,
                       SDL_FRect box, const DrawTheme *theme, SDL_Color under,
                       const DrawCues *cues);

#endif
