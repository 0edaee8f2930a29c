/* damage: where a picture drawn from a mesh changed since the last one, as
 * a few rectangles, so that a frame repaints (and sends to the screen) only
 * those. Shapes are compared one by one with the last frame's: a stretch
 * where only the back moves repaints around the back, not round the whole
 * figure. No SDL.
 *
 * Correct because raster.c fills every shape from the whole picture's
 * corner whatever part it is asked to fill: a pixel outside every changed
 * shape's old and new bounds is the same in both frames. */
#ifndef LIMBER_DAMAGE_H
#define LIMBER_DAMAGE_H

#include <stdint.h>

#include "mesh.h"

typedef struct {
    int x, y, w, h;
} DamageRect;

/* The last frame's shapes, kept between frames. */
typedef struct Damage Damage;

Damage *damage_new(void);
void damage_free(Damage *damage);

/* At most this many rectangles come back: each is one more pass over the
 * mesh (raster.c skips a band nowhere near one in a few comparisons), so
 * changes are merged down to this. Twelve painted 40 % fewer pixels of a
 * moving cat-camel than four, but the extra passes ate the saving: over
 * 40 s of the daily routine at 1080p, Limber and its X server used the
 * same CPU either way (interleaved runs). */
#define DAMAGE_MAX_RECTS 4

/* Records the shapes of mesh, cut to clip, as the frame drawn with key
 * (anything that changes every pixel: the box, the fit), and puts in out
 * where they differ from the frame recorded before: each rectangle covers
 * changed shapes where they were and where they are. Returns how many (0:
 * nothing changed), or -1 when the two cannot be compared (no frame before,
 * another key, another number of shapes, out of memory): then all of clip
 * changed. */
int damage_update(Damage *damage, Mesh *mesh, uint64_t key, DamageRect clip,
                  DamageRect out[DAMAGE_MAX_RECTS]);

/* Forgets the last frame: the next damage_update returns -1. */
void damage_forget(Damage *damage);

#endif
