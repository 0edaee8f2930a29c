/* vector: the figure's mesh as filled cairo paths. */
#include "vector.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

#include "mesh.h"

/* The mesh is built this many times larger than the user space and scaled
 * back down, so its few polygons (the spine's ribbon, the bike's rings)
 * have rims fine enough to stay round when a page is zoomed. */
#define VECTOR_DETAIL 8.0f

struct VectorPen {
    Mesh *mesh;
};

VectorPen *vector_pen_new(void)
{
    VectorPen *pen = calloc(1, sizeof *pen);
    if (pen && !(pen->mesh = mesh_new())) {
        free(pen);
        return NULL;
    }
    return pen;
}

void vector_pen_free(VectorPen *pen)
{
    if (!pen)
        return;
    mesh_free(pen->mesh);
    free(pen);
}

static bool same_color(MeshColor a, MeshColor b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a;
}

static void set_color(cairo_t *cr, MeshColor c)
{
    cairo_set_source_rgba(cr, c.r / 255.0, c.g / 255.0, c.b / 255.0, c.a / 255.0);
}

/* Every piece of a run of one colour goes into one path filled once with
 * the non-zero rule, each piece wound the same way round: their union, with
 * no hairline seams where the viewer anti-aliases two pieces that touch. */
static void add_polygon(cairo_t *cr, const float *x, const float *y, int n)
{
    double area = 0.0;
    for (int i = 0; i < n; i++) {
        int k = (i + 1) % n;
        area += (double)x[i] * y[k] - (double)x[k] * y[i];
    }
    if (fabs(area) < 1e-9)
        return;
    for (int s = 0; s < n; s++) {
        int i = area > 0 ? s : n - 1 - s;
        if (s == 0)
            cairo_move_to(cr, x[i], y[i]);
        else
            cairo_line_to(cr, x[i], y[i]);
    }
    cairo_close_path(cr);
}

static void add_disc(cairo_t *cr, const MeshDisc *d)
{
    if (d->r <= 0.0f)
        return;
    cairo_new_sub_path(cr);
    cairo_arc(cr, d->x, d->y, d->r, 0.0, 2.0 * 3.14159265358979323846);
    cairo_close_path(cr);
}

static void add_band(cairo_t *cr, const MeshBand *b)
{
    float dx = b->bx - b->ax, dy = b->by - b->ay;
    float len = sqrtf(dx * dx + dy * dy);
    if (!(len > 1e-4f))
        return;
    float nx = -dy / len, ny = dx / len;
    float x[4] = { b->ax + nx * b->ra, b->bx + nx * b->rb, b->bx - nx * b->rb,
                   b->ax - nx * b->ra };
    float y[4] = { b->ay + ny * b->ra, b->by + ny * b->rb, b->by - ny * b->rb,
                   b->ay - ny * b->ra };
    add_polygon(cr, x, y, 4);
}

/* The mesh's items in order, feathers left out: a vector viewer smooths
 * edges itself. */
static void fill_mesh(cairo_t *cr, Mesh *mesh)
{
    const int *idx = mesh_indices(mesh);
    int n = mesh_index_count(mesh);
    const MeshVertex *v = mesh_vertices(mesh);
    const MeshDisc *discs = mesh_discs(mesh);
    const MeshBand *bands = mesh_bands(mesh);
    MeshColor run = { 0, 0, 0, 0 };
    bool open = false;
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
    for (int i = 0; i + 2 < n; i += 3) {
        MeshColor c;
        if (idx[i] == MESH_DISC_ITEM) {
            c = discs[idx[i + 1]].color;
        } else if (idx[i] == MESH_BAND_ITEM) {
            c = bands[idx[i + 1]].color;
        } else {
            c = v[idx[i]].color;
            if (c.a != v[idx[i + 1]].color.a || c.a != v[idx[i + 2]].color.a)
                continue; /* a feather */
        }
        if (open && !same_color(c, run)) {
            set_color(cr, run);
            cairo_fill(cr);
        }
        run = c;
        open = true;
        if (idx[i] == MESH_DISC_ITEM) {
            add_disc(cr, &discs[idx[i + 1]]);
        } else if (idx[i] == MESH_BAND_ITEM) {
            add_band(cr, &bands[idx[i + 1]]);
        } else {
            float x[3] = { v[idx[i]].x, v[idx[i + 1]].x, v[idx[i + 2]].x };
            float y[3] = { v[idx[i]].y, v[idx[i + 1]].y, v[idx[i + 2]].y };
            add_polygon(cr, x, y, 3);
        }
    }
    if (open) {
        set_color(cr, run);
        cairo_fill(cr);
    }
}

/* The figure at fit, cut to box painted in under first. */
static int fill_clipped(VectorPen *pen, cairo_t *cr, const FigureFrame *frame, DrawFit fit,
                        SDL_FRect box, const DrawTheme *theme, SDL_Color under,
                        const DrawCues *cues)
{
    const float k = VECTOR_DETAIL;
    DrawFit big = fit;
    big.scale *= k;
    big.x0 *= k;
    big.y0 *= k;
    SDL_FRect big_box = { box.x * k, box.y * k, box.w * k, box.h * k };
    if (draw_mesh_cued(pen->mesh, frame, big, big_box, theme, true, cues, under) != 0)
        return -1;
    cairo_save(cr);
    cairo_rectangle(cr, box.x, box.y, box.w, box.h);
    cairo_set_source_rgb(cr, under.r / 255.0, under.g / 255.0, under.b / 255.0);
    cairo_fill_preserve(cr);
    cairo_clip(cr);
    cairo_scale(cr, 1.0 / k, 1.0 / k);
    fill_mesh(cr, pen->mesh);
    cairo_restore(cr);
    return 0;
}

/* The detail's two frames, as draw.c draws them: round the inset, and
 * round the part of the figure it magnifies. */
static void draw_detail_frames(cairo_t *cr, DrawFit fit, DrawFit zoomed, SDL_FRect inset,
                               const DrawTheme *theme)
{
    SDL_FRect region;
    float t = draw_detail_region(fit, zoomed, inset, &region);
    cairo_save(cr);
    cairo_set_source_rgb(cr, theme->floor.r / 255.0, theme->floor.g / 255.0,
                         theme->floor.b / 255.0);
    cairo_set_line_width(cr, t);
    const SDL_FRect frames[2] = { inset, region };
    for (int i = 0; i < 2; i++)
        cairo_rectangle(cr, frames[i].x + t / 2, frames[i].y + t / 2, frames[i].w - t,
                        frames[i].h - t);
    cairo_stroke(cr);
    cairo_restore(cr);
}

int vector_figure(VectorPen *pen, cairo_t *cr, const FigureFrame *frame, DrawFit fit,
                  SDL_FRect box, const DrawTheme *theme, SDL_Color under)
{
    return vector_figure_cued(pen, cr, frame, fit, box, theme, under, NULL);
}

int vector_figure_cued(VectorPen *pen, cairo_t *cr, const FigureFrame *frame, DrawFit fit,
                       SDL_FRect box, const DrawTheme *theme, SDL_Color under,
                       const DrawCues *cues)
{
    if (!(box.w > 0.0f && box.h > 0.0f))
        return 0;
    /* with a detail (draw.h), the figure lower and the inset above it */
    SDL_FRect inset;
    DrawFit zoomed;
    bool detail = cues && draw_detail_place(fit, box, &cues->detail, &fit, &inset, &zoomed);
    if (fill_clipped(pen, cr, frame, fit, box, theme, under, cues) != 0)
        return -1;
    DrawCues inner = { .focus = cues ? cues->focus : 0u, .arrow = { .joint = -1 } };
    if (detail && fill_clipped(pen, cr, frame, zoomed, inset, theme, under, &inner) != 0)
        return -1;
    if (detail)
        draw_detail_frames(cr, fit, zoomed, inset, theme);
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
        return SDL_SetError("cairo: %s", cairo_status_to_string(cairo_status(cr)));
    return 0;
}
