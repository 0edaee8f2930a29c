/* export_svg: the frames of one cycle as SVG files, drawn by cairo's SVG
 * surface with the vector figure (vector.h): the same names as the PNG
 * frames, DIR/<id>/0000.svg on. */
#include <stdio.h>

#include <cairo-svg.h>

#include "export.h"
#include "vector.h"

static cairo_status_t write_bytes(void *closure, const unsigned char *data, unsigned int len)
{
    return export_bytes_append(closure, data, len) ? CAIRO_STATUS_SUCCESS
                                                   : CAIRO_STATUS_WRITE_ERROR;
}

/* One frame at time t into bytes: true, or false with the reason printed. */
static bool svg_frame(const ExportCanvas *c, const ExportJob *job, VectorPen *pen, double t,
                      ExportBytes *bytes)
{
    cairo_surface_t *surface = cairo_svg_surface_create_for_stream(write_bytes, bytes, c->w, c->h);
    /* pixels, as the PNG frames' (cairo's default is points: 4/3 larger) */
    cairo_svg_surface_set_document_unit(surface, CAIRO_SVG_UNIT_PX);
    cairo_t *cr = cairo_create(surface);
    SDL_FRect box = { 0, 0, (float)c->w, (float)c->h };
    FigureFrame frame;
    DrawCues cues;
    export_figure(job, t, &frame);
    const DrawCues *cued = export_cues(c->cues, job, t, &frame, box, &cues);
    int rc = vector_figure_cued(pen, cr, &frame, draw_fit(job->min, job->max, box), box,
                                &c->theme, c->theme.background, cued);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    cairo_status_t status = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (rc != 0 || status != CAIRO_STATUS_SUCCESS || bytes->failed) {
        fprintf(stderr, "limber: cannot draw %s as SVG: %s\n", job->ex->id,
                rc != 0 ? SDL_GetError() : cairo_status_to_string(status));
        return false;
    }
    return true;
}

bool export_svg(const ExportCanvas *c, const ExportJob *job)
{
    int n = export_cycle_frames(job, c->fps);
    char *dir = NULL, *path = NULL;
    VectorPen *pen = vector_pen_new();
    bool ok = pen && SDL_asprintf(&dir, "%s/%s", c->out_dir, job->ex->id) >= 0;
    if (!ok)
        fprintf(stderr, "limber: out of memory\n");
    /* Check every file first, so a refusal leaves nothing half written. */
    for (int i = 0; i < n && ok; i++) {
        ok = SDL_asprintf(&path, "%s/%04d.svg", dir, i) >= 0 &&
             !export_refuse_overwrite(c->force, path);
        SDL_free(path);
        path = NULL;
    }
    ok = ok && export_make_dirs(dir);
    for (int i = 0; i < n && ok; i++) {
        ExportBytes bytes = { 0 };
        ok = SDL_asprintf(&path, "%s/%04d.svg", dir, i) >= 0 &&
             svg_frame(c, job, pen, export_frame_start(job, c->fps, i), &bytes) &&
             export_write_file(path, &bytes);
        export_bytes_free(&bytes);
        SDL_free(path);
        path = NULL;
    }
    if (ok)
        printf("%s: %d frames in %s\n", job->ex->id, n, dir);
    SDL_free(dir);
    vector_pen_free(pen);
    return ok;
}
