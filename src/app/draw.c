/* draw: a FigureFrame, its prop and the floor, as one batch of triangles. */
#include "draw.h"

#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "damage.h"
#include "mesh.h"
#include "raster.h"

/* The mesh's vertex goes to SDL_RenderGeometry as it is, with no copy. */
_Static_assert(sizeof(MeshVertex) == sizeof(SDL_Vertex), "MeshVertex must match SDL_Vertex");
_Static_assert(offsetof(MeshVertex, x) == offsetof(SDL_Vertex, position.x), "x");
_Static_assert(offsetof(MeshVertex, y) == offsetof(SDL_Vertex, position.y), "y");
_Static_assert(offsetof(MeshVertex, color) == offsetof(SDL_Vertex, color), "color");
_Static_assert(offsetof(MeshVertex, u) == offsetof(SDL_Vertex, tex_coord.x), "u");
_Static_assert(offsetof(MeshVertex, v) == offsetof(SDL_Vertex, tex_coord.y), "v");

struct DrawBuffers {
    Mesh *mesh;
    SDL_Renderer *renderer;
    SDL_Surface *target; /* a software renderer's memory surface, or NULL */
    bool software;       /* SDL's software renderer: raster.c fills the figure */
    bool limited;        /* draw_limit_next: paint only what changed */
    Damage *damage;      /* the last frame's shapes, to compare with */
    Damage *detail_damage;  /* and its detail's */
    SDL_Rect painted[DRAW_MAX_PAINTED]; /* what the last draw painted */
    int painted_count;
};

DrawTheme draw_theme_default(void)
{
    /* Light figure on a dark slate: readable across a waiting room, and the
     * far side a clear step quieter without fading into the background. */
    DrawTheme t = {
        .figure = { 245, 245, 238, 255 },
        .figure_far = { 128, 142, 160, 255 },
        .floor = { 96, 108, 124, 255 },
        .prop = { 74, 128, 150, 255 },
        .background = { 22, 27, 34, 255 },
        .water = { 64, 150, 230, 96 },
        /* the amber of the screens' own accent: the part to watch, and the
         * far side's a step darker as the far figure is */
        .accent = { 255, 184, 28, 255 },
        .accent_far = { 176, 132, 48, 255 },
    };
    return t;
}

DrawFit draw_fit(Vec2 min, Vec2 max, SDL_FRect box)
{
    /* The box holds joint centres; the limbs and the head are thicker. */
    const float pad = MESH_TRUNK_R;
    float ww = fmaxf(max.x - min.x + 2 * pad, 0.5f);
    float wh = fmaxf(max.y - min.y + 2 * pad, 0.5f);
    float margin = 0.05f * fminf(box.w, box.h);
    float sx = (box.w - 2 * margin) / ww, sy = (box.h - 2 * margin) / wh;
    DrawFit fit;
    fit.scale = fmaxf(fminf(sx, sy), 1e-3f);
    fit.x0 = box.x + box.w * 0.5f - (min.x + max.x) * 0.5f * fit.scale;
    fit.y0 = box.y + box.h * 0.5f + (min.y + max.y) * 0.5f * fit.scale;
    fit.min = min;
    fit.max = max;
    return fit;
}

void draw_fit_visible(DrawFit fit, SDL_FRect box, Vec2 *min, Vec2 *max)
{
    float margin = 0.05f * fminf(box.w, box.h) / fit.scale;
    min->x = (box.x - fit.x0) / fit.scale + margin;
    max->x = (box.x + box.w - fit.x0) / fit.scale - margin;
    min->y = (fit.y0 - (box.y + box.h)) / fit.scale + margin;
    max->y = (fit.y0 - box.y) / fit.scale - margin;
    if (fit.min.y < fit.max.y) /* nothing under the floor of the figure's box */
        min->y = fmaxf(min->y, fit.min.y);
}

DrawBuffers *draw_buffers_new(SDL_Renderer *renderer, SDL_Surface *target)
{
    DrawBuffers *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    b->renderer = renderer;
    b->target = target;
    SDL_RendererInfo info;
    b->software = SDL_GetRendererInfo(renderer, &info) == 0 &&
                  (info.flags & SDL_RENDERER_SOFTWARE);
    b->mesh = mesh_new();
    b->damage = damage_new();
    b->detail_damage = damage_new();
    if (!b->mesh || !b->damage || !b->detail_damage) {
        draw_buffers_free(b);
        return NULL;
    }
    return b;
}

void draw_buffers_free(DrawBuffers *buffers)
{
    if (!buffers)
        return;
    mesh_free(buffers->mesh);
    damage_free(buffers->damage);
    damage_free(buffers->detail_damage);
    free(buffers);
}

/* ---------------------------------------------------------------------------
 * Props, in metres through the fit, so they scale with the figure
 * ------------------------------------------------------------------------- */

static MeshColor mc(SDL_Color c)
{
    return (MeshColor){ c.r, c.g, c.b, c.a };
}

typedef struct {
    Mesh *mesh;
    MeshXform xf;
    MeshColor color;
} Pen;

/* A capsule between two world points, r metres thick (at least a pixel). */
static void pen_bar(const Pen *p, float ax, float ay, float bx, float by, float r)
{
    mesh_capsule(p->mesh, mesh_to_px(p->xf, (Vec2){ ax, ay }),
                 mesh_to_px(p->xf, (Vec2){ bx, by }), fmaxf(r * p->xf.scale, 1.0f), p->color);
}

static void figure_span(const FigureFrame *f, float *lo, float *hi)
{
    *lo = *hi = f->joint[0].x;
    for (int j = 1; j < SKEL_JOINT_COUNT; j++) {
        *lo = fminf(*lo, f->joint[j].x);
        *hi = fmaxf(*hi, f->joint[j].x);
    }
}

/* A low slab with rounded ends, a little longer than the figure reaches
 * over the whole cycle (the fit's box), so it does not move under it. Its
 * top is the floor line: the body rests on the mat, not sunk into it. */
static void prop_mat(const Pen *p, const FigureFrame *f, DrawFit fit)
{
    const float t = 0.012f; /* half its thickness */
    float lo = fit.min.x, hi = fit.max.x;
    if (hi <= lo)
        figure_span(f, &lo, &hi);
    pen_bar(p, lo - 0.06f + t, -t, hi + 0.06f - t, -t, t);
}

/* A side view of a plain chair: seat, two visible legs, backrest. The seat
 * runs from its front edge back past the pelvis; it stays inside the box
 * anim_bounds allows for a chair (0.50 m deep, back 0.45 m above the seat). */
static void prop_chair(const Pen *p, const FigureFrame *f)
{
    Vec2 front = f->prop_at[0];
    float back = f->joint[SKEL_PELVIS].x >= front.x ? 1.0f : -1.0f;
    const float depth = 0.44f, r = 0.018f;
    float y = front.y - r;
    float bx = front.x + back * depth;
    pen_bar(p, front.x - back * r, y, bx, y, r);                      /* seat */
    pen_bar(p, front.x + back * 0.03f, y, front.x + back * 0.03f, r, r * 0.8f);
    pen_bar(p, bx - back * 0.01f, y, bx - back * 0.01f, r, r * 0.8f); /* back leg */
    pen_bar(p, bx, y, bx + back * 0.04f, front.y + 0.43f, r * 0.9f);  /* backrest */
}

/* A crank arm from the crank's centre to the ankle over its pedal, and
 * the pedal, level, under the foot. */
static void crank_arm(const Pen *p, Vec2 crank, Vec2 ankle)
{
    pen_bar(p, crank.x, crank.y, ankle.x, ankle.y, 0.014f);
    pen_bar(p, ankle.x - 0.05f, ankle.y - 0.035f, ankle.x + 0.05f, ankle.y - 0.035f, 0.012f);
}

/* A stationary bike: a floor base, a post up to the crank, a seat tube to
 * the saddle, a frame to the handlebar, the pedal circle and a chainring. */
static void prop_bike(const Pen *p, const FigureFrame *f, MeshColor ring_color)
{
    Vec2 saddle = f->prop_at[0], crank = f->prop_at[1], bar = f->prop_at[2];
    float fwd = bar.x >= saddle.x ? 1.0f : -1.0f;
    const float r = 0.02f;
    Vec2 head = { bar.x - fwd * 0.06f, bar.y - 0.14f };
    /* Inside the box anim_bounds allows for the bike: 0.20 m behind the
     * crank to the handlebar. */
    pen_bar(p, crank.x - fwd * 0.18f, r, bar.x, r, r);                     /* base */
    pen_bar(p, crank.x, crank.y, crank.x, r, r * 1.2f);                    /* post */
    pen_bar(p, head.x, head.y, head.x + fwd * 0.04f, r, r);               /* front leg */
    pen_bar(p, crank.x, crank.y, saddle.x - fwd * 0.02f, saddle.y - 0.05f, r); /* seat tube */
    pen_bar(p, crank.x, crank.y, head.x, head.y, r * 1.1f);                /* down tube */
    pen_bar(p, head.x, head.y, bar.x, bar.y, r * 0.8f);                    /* stem */
    pen_bar(p, saddle.x - fwd * 0.12f, saddle.y - 0.02f, saddle.x + fwd * 0.08f,
            saddle.y - 0.02f, 0.025f);                                     /* saddle */
    Vec2 c = mesh_to_px(p->xf, crank);
    float s = p->xf.scale;
    /* The cranks turn about the midpoint of the ankles (skel.c grounds the
     * bike there), so each arm runs from the crank to its ankle, with a
     * pedal under it: the far one behind the chainring in the far tone,
     * the near one over it. */
    int near = mesh_near_side(f, MESH_LEGS) == SKEL_LEFT ? SKEL_ANKLE_L : SKEL_ANKLE_R;
    int far = near == SKEL_ANKLE_L ? SKEL_ANKLE_R : SKEL_ANKLE_L;
    Pen far_pen = { p->mesh, p->xf, ring_color };
    crank_arm(&far_pen, crank, f->joint[far]);
    /* The pedal circle thin, the chainring bold: the feet show the rest. */
    mesh_ring(p->mesh, c, fmaxf(0.165f * s - 1.0f, 0.0f), fmaxf(0.175f * s, 1.0f), ring_color);
    mesh_ring(p->mesh, c, 0.075f * s, fmaxf(0.10f * s, 2.0f), p->color);
    crank_arm(p, crank, f->joint[near]);
    mesh_disc(p->mesh, c, fmaxf(0.025f * s, 1.0f), p->color);
}

/* Translucent water from the surface down to the bottom of the box, drawn
 * over the figure so what is under water looks under water. */
static void prop_water(const Pen *p, const FigureFrame *f, SDL_FRect box, SDL_Color water)
{
    float surface = mesh_to_px(p->xf, f->prop_at[0]).y;
    if (surface >= box.y + box.h)
        return;
    mesh_rect(p->mesh, box.x, fmaxf(surface, box.y), box.x + box.w, box.y + box.h, mc(water));
    MeshColor line = mc(water);
    line.a = 220;
    float r = fmaxf(0.006f * p->xf.scale, 1.0f);
    mesh_segment(p->mesh, (Vec2){ box.x, surface }, (Vec2){ box.x + box.w, surface }, r, r, line);
}

/* ---------------------------------------------------------------------------
 * The frame
 * ------------------------------------------------------------------------- */

static bool triangle_opaque(const MeshVertex *v, const int *tri)
{
    return v[tri[0]].color.a == 255 && v[tri[1]].color.a == 255 && v[tri[2]].color.a == 255;
}

/* The GPU path: the triangles as they are, each run of opaque triangles
 * unblended (the same pixels, and cheaper) and the feathers blended; the
 * order is kept. */
static int render_runs(SDL_Renderer *renderer, const Mesh *mesh, const int *idx, int n)
{
    const MeshVertex *v = mesh_vertices(mesh);
    int rc = 0;
    for (int start = 0; start < n && rc == 0;) {
        bool opaque = triangle_opaque(v, idx + start);
        int end = start + 3;
        while (end < n && triangle_opaque(v, idx + end) == opaque)
            end += 3;
        rc = SDL_SetRenderDrawBlendMode(renderer,
                                        opaque ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
        if (rc == 0)
            rc = SDL_RenderGeometry(renderer, NULL, (const SDL_Vertex *)v,
                                    mesh_vertex_count(mesh), idx + start, end - start);
        start = end;
    }
    return rc;
}

static int render_on_gpu(SDL_Renderer *renderer, Mesh *mesh, SDL_Rect clip, SDL_Color under)
{
    /* Keep the caller's clip and blend mode as they were. */
    SDL_Rect old_clip;
    SDL_bool had_clip = SDL_RenderIsClipEnabled(renderer);
    SDL_RenderGetClipRect(renderer, &old_clip);
    SDL_BlendMode old_blend;
    SDL_GetRenderDrawBlendMode(renderer, &old_blend);

    int rc = SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_NONE);
    if (rc == 0)
        rc = SDL_SetRenderDrawColor(renderer, under.r, under.g, under.b, 255);
    if (rc == 0)
        rc = SDL_RenderFillRect(renderer, &clip);
    if (rc == 0)
        rc = SDL_RenderSetClipRect(renderer, &clip);
    if (rc == 0 && mesh_vertex_count(mesh) > 0)
        rc = render_runs(renderer, mesh, mesh_indices(mesh), mesh_index_count(mesh));

    SDL_SetRenderDrawBlendMode(renderer, old_blend);
    SDL_RenderSetClipRect(renderer, had_clip ? &old_clip : NULL);
    return rc;
}

/* SDL 2.26's software renderer fills every blended triangle through a
 * temporary surface the size of its bounding box (allocated, cleared,
 * blitted, freed): the feathers of one figure cost more than ten clears of
 * the screen. So with that renderer the triangles are filled here, straight
 * into the surface it draws into, once its queued commands are done. That
 * surface is the memory surface it was made for, or its window's surface:
 * SDL 2.26's software renderer draws into SDL_GetWindowSurface() and fetches
 * it again after every resize, as this does every frame (render/software/
 * SDL_render_sw.c, SW_ActivateRenderer). */
static SDL_Surface *software_target(const DrawBuffers *b)
{
    if (!b->software)
        return NULL;
    if (b->target)
        return b->target;
    SDL_Window *window = SDL_RenderGetWindow(b->renderer);
    return window ? SDL_GetWindowSurface(window) : NULL;
}

static bool rasterisable(const SDL_Surface *s)
{
    Uint32 f = s->format->format;
    return SDL_PIXELTYPE(f) == SDL_PIXELTYPE_PACKED32 &&
           SDL_PIXELLAYOUT(f) == SDL_PACKEDLAYOUT_8888 && s->pitch % 4 == 0;
}

static uint8_t shift_of(Uint32 mask)
{
    uint8_t at = 0;
    while (mask && !(mask >> at & 1))
        at++;
    return at;
}

static RasterShifts shifts_of(const SDL_PixelFormat *f)
{
    RasterShifts sh = { shift_of(f->Rmask), shift_of(f->Gmask), shift_of(f->Bmask), 0 };
    /* an X format's unused byte is where the three colours leave room */
    sh.a = f->Amask ? shift_of(f->Amask) : (uint8_t)(48 - sh.r - sh.g - sh.b);
    return sh;
}

/* Fills clip (inside whole, the box) with under and the mesh over it. The
 * mesh is placed from whole's corner whatever the clip, so that a part
 * painted again matches the whole to the bit. */
static int render_in_software(DrawBuffers *b, SDL_Surface *s, SDL_Rect whole, SDL_Rect clip,
                              SDL_Color under)
{
    SDL_Rect all = { 0, 0, s->w, s->h };
    if (SDL_RenderFlush(b->renderer) != 0 || !SDL_IntersectRect(&clip, &all, &clip))
        return 0;
    if (SDL_LockSurface(s) != 0)
        return -1;
    RasterTarget t = { (uint32_t *)s->pixels, clip.x + clip.w, clip.y + clip.h, s->pitch / 4,
                       shifts_of(s->format), clip.x, clip.y };
    /* from whole's corner: pixel (0, 0) of the target is the surface's */
    t.pixels += (ptrdiff_t)whole.y * t.pitch + whole.x;
    t.w -= whole.x;
    t.h -= whole.y;
    t.x0 -= whole.x;
    t.y0 -= whole.y;
    raster_fill(t, (MeshColor){ under.r, under.g, under.b, 255 });
    raster_mesh(t, raster_items(b->mesh), whole.x, whole.y);
    SDL_UnlockSurface(s);
    return 0;
}

bool draw_detail_place(DrawFit fit, SDL_FRect box, const DrawDetail *detail, DrawFit *figure,
                       SDL_FRect *inset, DrawFit *zoomed)
{
    *figure = fit;
    if (!detail || !(detail->zoom > 1.0f) || !(fit.max.y > fit.min.y))
        return false;
    /* the figure down on the box's floor margin, all the room above it */
    float margin = 0.05f * fminf(box.w, box.h);
    DrawFit low = fit;
    low.y0 = box.y + box.h - margin + (fit.min.y - MESH_TRUNK_R) * fit.scale;
    float top = low.y0 - (fit.max.y + MESH_TRUNK_R) * fit.scale; /* its highest pixel */
    float h = fminf(floorf(top - box.y) - 2.0f * margin, 0.5f * box.h);
    if (h < 0.3f * box.h || h < 48.0f)
        return false;
    float w = fminf(2.0f * h, 0.5f * box.w);
    float at_x = low.x0 + detail->at.x * low.scale; /* above the point it magnifies */
    float x = fminf(fmaxf(at_x - w / 2.0f, box.x + margin), box.x + box.w - margin - w);
    *inset = (SDL_FRect){ roundf(x), roundf(box.y + margin), roundf(w), roundf(h) };
    zoomed->scale = low.scale * detail->zoom;
    /* the point a little above the middle, so the floor under it shows */
    zoomed->x0 = inset->x + inset->w / 2.0f - detail->at.x * zoomed->scale;
    zoomed->y0 = inset->y + inset->h * 0.4f + detail->at.y * zoomed->scale;
    zoomed->min = fit.min;
    zoomed->max = fit.max;
    *figure = low;
    return true;
}

DrawDetail draw_detail_at(const FigureFrame *rest, SkelJoint joint, bool mirrored, float zoom)
{
    if (mirrored) /* the twin of a joint named for the side the pose shows */
        for (int k = 0; k < SKEL_JOINT_COUNT; k++)
            if (skel_mirror_joints(SKEL_JOINT_BIT(joint)) == SKEL_JOINT_BIT(k)) {
                joint = (SkelJoint)k;
                break;
            }
    return (DrawDetail){ zoom, rest->joint[joint] };
}

/* A rectangle's outline, t pixels thick, inside [x0, x1) x [y0, y1). */
static void outline_rect(Mesh *mesh, float x0, float y0, float x1, float y1, float t, MeshColor c)
{
    mesh_rect(mesh, x0, y0, x1, y0 + t, c);
    mesh_rect(mesh, x0, y1 - t, x1, y1, c);
    mesh_rect(mesh, x0, y0 + t, x0 + t, y1 - t, c);
    mesh_rect(mesh, x1 - t, y0 + t, x1, y1 - t, c);
}

float draw_detail_region(DrawFit fit, DrawFit zoomed, SDL_FRect inset, SDL_FRect *region)
{
    /* the inset's corners in metres, then in the figure's pixels */
    float k = fit.scale / zoomed.scale;
    *region = (SDL_FRect){ fit.x0 + (inset.x - zoomed.x0) * k, fit.y0 + (inset.y - zoomed.y0) * k,
                           inset.w * k, inset.h * k };
    return fmaxf(roundf(inset.h / 90.0f), 1.0f);
}

/* Under a floor that moves (a walk on the spot), the hatching a drawing
 * uses for the ground: strokes t thick under the floor band at y, which
 * pass under the feet with the planted foot. Kept inside the box. */
static void floor_marks(Mesh *mesh, const FigureFrame *f, MeshXform xf, SDL_FRect box, float y,
                        float t, MeshColor color)
{
    float step = f->floor_mark_step * xf.scale;
    float h = fminf(3.0f * t, box.y + box.h - (y + t) - 0.5f * t);
    if (!(step > 4.0f * t) || h < t)
        return;
    float x = xf.x0 + f->floor_mark_x * xf.scale;
    x -= ceilf((x - box.x) / step) * step; /* the first at or left of the box */
    for (; x <= box.x + box.w; x += step) {
        Vec2 top = { x, y + t + 0.5f * t }, foot = { x - 0.6f * h, y + t + h };
        if (foot.x - t >= box.x && top.x + t <= box.x + box.w)
            mesh_capsule(mesh, top, foot, 0.5f * t, color);
    }
}

/* A frame of width t round r, in the floor's colour: the detail's marks. */
static void detail_frame(Mesh *mesh, SDL_FRect r, float t, const DrawTheme *theme)
{
    outline_rect(mesh, floorf(r.x), floorf(r.y), ceilf(r.x + r.w), ceilf(r.y + r.h), t,
                 mc(theme->floor));
}

bool draw_turns_above(unsigned focus)
{
    unsigned line = SKEL_JOINT_BIT(SKEL_CHEST) | SKEL_JOINT_BIT(SKEL_SHOULDER_L) |
                    SKEL_JOINT_BIT(SKEL_SHOULDER_R);
    return (focus & line) == line;
}

/* A twist seen from straight above, as exercise sheets draw one: the line
 * of the hips, still, across the whole inset, and the shoulder bar and the
 * head with its face mark turning over it. Seen from in front a turn away
 * from the camera hides behind the body; from above the two sides are
 * mirror images. The same camera risen overhead, so left and right agree
 * with the figure; in the top corner away from the head, framed like the
 * detail. */
static void view_from_above(Mesh *mesh, const FigureFrame *f, DrawFit fit, SDL_FRect box,
                            const DrawTheme *theme, bool focus)
{
    float side = floorf(0.36f * fminf(box.w, box.h)), margin = 0.05f * fminf(box.w, box.h);
    if (side < 40.0f || !f->girdles)
        return;
    bool head_right = fit.x0 + f->joint[SKEL_HEAD].x * fit.scale > box.x + box.w / 2.0f;
    float x = roundf(head_right ? box.x + margin : box.x + box.w - margin - side);
    float y = roundf(box.y + margin), t = fmaxf(roundf(side / 90.0f), 1.0f);
    mesh_end_layer(mesh);
    outline_rect(mesh, x, y, x + side, y + side, t, mc(theme->floor));
    float reach = skel_body.shoulder_half_width + mesh_girdle_radius(0);
    MeshXform xf = { 0.4f * side / reach, x + side / 2.0f, y + side / 2.0f };
    Vec2 centre = { xf.x0, xf.y0 }, hips = mesh_to_px(xf, f->above[3]);
    float dx = hips.x - centre.x, dy = hips.y - centre.y, len = sqrtf(dx * dx + dy * dy);
    if (!(len > 0.0f))
        return;
    float k = 0.5f * side - 2.0f * t; /* the hip line to the frame, inside it */
    k /= fmaxf(fabsf(dx), fabsf(dy));
    mesh_end_layer(mesh);
    mesh_capsule(mesh, (Vec2){ centre.x - k * dx, centre.y - k * dy },
                 (Vec2){ centre.x + k * dx, centre.y + k * dy }, t, mc(theme->figure_far));
    mesh_end_layer(mesh);
    mesh_capsule(mesh, mesh_to_px(xf, f->above[0]), mesh_to_px(xf, f->above[1]),
                 mesh_girdle_radius(0) * xf.scale, mc(focus ? theme->accent : theme->figure));
    mesh_end_layer(mesh);
    mesh_disc(mesh, centre, f->head_radius * xf.scale, mc(theme->figure));
    mesh_disc(mesh, mesh_to_px(xf, f->above[4]), mesh_joint_radius(SKEL_NOSE) * xf.scale,
              mc(theme->figure_far));
    mesh_end_layer(mesh);
}

int draw_mesh_cued(Mesh *mesh, const FigureFrame *frame, DrawFit fit, SDL_FRect box,
                   const DrawTheme *theme, bool whole_shapes, const DrawCues *cues,
                   SDL_Color under)
{
    MeshXform xf = { fit.scale, fit.x0, fit.y0 };
    Pen pen = { mesh, xf, mc(theme->prop) };
    mesh_clear(mesh);
    mesh_whole_shapes(mesh, whole_shapes);

    if (frame->floor) {
        /* A band whose top edge is the floor, so feet stand on it. */
        float y = floorf(fit.y0 + 0.5f);
        float t = fmaxf(floorf(0.012f * fit.scale + 0.5f), 2.0f);
        mesh_rect(mesh, box.x, y, box.x + box.w, y + t, mc(theme->floor));
        if (frame->floor_mark_step > 0.0f)
            floor_marks(mesh, frame, xf, box, y, t, mc(theme->floor));
        mesh_end_layer(mesh);
    }
    switch (frame->prop) {
    case PROP_MAT: prop_mat(&pen, frame, fit); break;
    case PROP_CHAIR: prop_chair(&pen, frame); break;
    case PROP_BIKE: prop_bike(&pen, frame, mc(theme->figure_far)); break;
    case PROP_WATER: case PROP_NONE: break;
    }
    mesh_end_layer(mesh);
    mesh_figure_focus(mesh, frame, xf, mc(theme->figure), mc(theme->figure_far),
                      cues ? cues->focus : 0u, mc(theme->accent), mc(theme->accent_far));
    if (frame->prop == PROP_WATER)
        prop_water(&pen, frame, box, theme->water);
    if (cues) /* over the water too: it points at what moves */
        cue_mesh_arrow(mesh, &cues->arrow, xf, mc(theme->accent), mc(under));
    if (cues && cues->above)
        view_from_above(mesh, frame, fit, box, theme, cues->focus != 0u);
    if (!mesh_ok(mesh))
        return SDL_OutOfMemory();
    return 0;
}

void draw_limit_next(DrawBuffers *buffers)
{
    buffers->limited = true;
}

int draw_painted(const DrawBuffers *buffers, const SDL_Rect **rects)
{
    *rects = buffers->painted;
    return buffers->painted_count;
}

/* What makes every pixel of a frame differ when it differs: where the box
 * is, how the figure is fitted into it and what it is drawn on (FNV-1a). */
static uint64_t frame_key(SDL_FRect box, DrawFit fit, SDL_Color under, bool in_software)
{
    struct {
        SDL_FRect box;
        float scale, x0, y0;
        SDL_Color under;
        int software;
    } k;
    memset(&k, 0, sizeof k);
    k.box = box;
    k.scale = fit.scale;
    k.x0 = fit.x0;
    k.y0 = fit.y0;
    k.under = under;
    k.software = in_software;
    uint64_t h = 14695981039346656037ull;
    const unsigned char *b = (const unsigned char *)&k;
    for (size_t i = 0; i < sizeof k; i++)
        h = (h ^ b[i]) * 1099511628211ull;
    return h;
}

/* Fills clip with under and the mesh over it, the way this renderer does. */
static int render(DrawBuffers *b, SDL_Surface *target, SDL_Rect whole, SDL_Rect clip,
                  SDL_Color under)
{
    return target ? render_in_software(b, target, whole, clip, under)
                  : render_on_gpu(b->renderer, b->mesh, clip, under);
}

int draw_figure(DrawBuffers *buffers, const FigureFrame *frame, DrawFit fit, SDL_FRect box,
                const DrawTheme *theme, SDL_Color under)
{
    return draw_figure_cued(buffers, frame, fit, box, theme, under, NULL);
}

int draw_figure_cued(DrawBuffers *buffers, const FigureFrame *frame, DrawFit fit, SDL_FRect box,
                     const DrawTheme *theme, SDL_Color under, const DrawCues *cues)
{
    bool limited = buffers->limited;
    buffers->limited = false;
    buffers->painted_count = 0;
    if (!(box.w >= 1.0f && box.h >= 1.0f))
        return 0; /* SDL reads an empty clip rectangle as no clipping at all */
    Mesh *mesh = buffers->mesh;
    SDL_Surface *target = software_target(buffers);
    if (target && !rasterisable(target))
        target = NULL; /* SDL draws it */
    /* the detail moves the figure down: placed first */
    SDL_FRect inset;
    DrawFit zoomed;
    bool detail = cues && draw_detail_place(fit, box, &cues->detail, &fit, &inset, &zoomed);
    /* raster.c fills discs and bands itself */
    if (draw_mesh_cued(mesh, frame, fit, box, theme, target != NULL, cues, under) != 0)
        return -1;
    if (detail) { /* the part of the figure it shows, framed */
        SDL_FRect region;
        float t = draw_detail_region(fit, zoomed, inset, &region);
        mesh_end_layer(mesh);
        detail_frame(mesh, region, t, theme);
    }

    SDL_Rect whole = { (int)floorf(box.x), (int)floorf(box.y), 0, 0 };
    whole.w = (int)ceilf(box.x + box.w) - whole.x;
    whole.h = (int)ceilf(box.y + box.h) - whole.y;
    /* Only where a shape changed, after a frame of the same box and fit:
     * every other pixel is already what this frame would paint. */
    DamageRect changed[DAMAGE_MAX_RECTS];
    int n = damage_update(buffers->damage, mesh,
                          frame_key(box, fit, under, target != NULL),
                          (DamageRect){ whole.x, whole.y, whole.w, whole.h }, changed);
    SDL_Rect *painted = buffers->painted;
    if (!limited || n < 0) {
        painted[0] = whole;
        n = 1;
    } else {
        for (int i = 0; i < n; i++)
            painted[i] = (SDL_Rect){ changed[i].x, changed[i].y, changed[i].w, changed[i].h };
    }
    if (!target && n > 1) { /* SDL draws through one clip rectangle */
        for (int i = 1; i < n; i++)
            SDL_UnionRect(&painted[0], &painted[i], &painted[0]);
        n = 1;
    }
    int rc = 0;
    for (int i = 0; i < n && rc == 0; i++)
        rc = render(buffers, target, whole, painted[i], under);

    /* the detail in its inset: where its own shapes changed, and where
     * the figure's repainting went over it */
    SDL_Rect inset_px = { (int)inset.x, (int)inset.y, (int)inset.w, (int)inset.h }, inset_clip;
    if (detail && n > 0 && rc == 0 && SDL_IntersectRect(&inset_px, &whole, &inset_clip)) {
        DrawCues inner = { .focus = cues->focus, .arrow = { .joint = -1 } }; /* the arrow is outside */
        if (draw_mesh_cued(mesh, frame, zoomed, inset, theme, target != NULL, &inner, under) != 0)
            return -1;
        SDL_FRect region;
        mesh_end_layer(mesh);
        detail_frame(mesh, inset, draw_detail_region(fit, zoomed, inset, &region), theme);
        int main_n = n, m = damage_update(buffers->detail_damage, mesh,
                                          frame_key(inset, zoomed, under, target != NULL),
                                          (DamageRect){ inset_clip.x, inset_clip.y, inset_clip.w,
                                                        inset_clip.h },
                                          changed);
        if (!limited || m < 0 || !target) {
            painted[n++] = inset_clip;
        } else {
            for (int i = 0; i < m; i++)
                painted[n++] = (SDL_Rect){ changed[i].x, changed[i].y, changed[i].w,
                                           changed[i].h };
            for (int i = 0; i < main_n; i++)
                if (SDL_IntersectRect(&painted[i], &inset_clip, &painted[n]))
                    n++;
        }
        for (int i = main_n; i < n && rc == 0; i++)
            rc = render(buffers, target, inset_px, painted[i], under);
    }
    buffers->painted_count = n;
    return rc < 0 ? -1 : 0;
}
