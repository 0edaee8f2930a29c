/* export: what every export format shares. */
#include "export.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "library.h" /* library_pose_file: the user's pose, else the bundled */

static bool load_job(const char *path, const Exercise *ex, ExportJob *job)
{
    DiagList diags = { 0 };
    PoseClip *clip = pose_load(path, &diags);
    diag_print_all(&diags, stderr);
    diag_free(&diags);
    if (!clip)
        return false;
    job->ex = ex;
    job->clip = clip;
    job->timing = anim_timing(ex);
    anim_bounds(clip, job->timing, &job->min, &job->max);
    return true;
}

bool export_load_job(const char *assets_dir, const Exercise *ex, ExportJob *job)
{
    char path[2048];
    snprintf(path, sizeof path, "%s/poses/%s.pose", assets_dir, ex->id);
    return load_job(path, ex, job);
}

bool export_load_job_in_use(const Options *opt, const Exercise *ex, ExportJob *job)
{
    char path[2048];
    LibraryDirs dirs = { opt->data_dir, opt->assets_dir, opt->user_dir, NULL };
    library_pose_file(&dirs, ex->id, path, sizeof path);
    return load_job(path, ex, job);
}

/* ---------------------------------------------------------------------------
 * Time
 * ------------------------------------------------------------------------- */

static bool alternates(const ExportJob *job)
{
    return job->ex->sides == SIDES_ALTERNATE;
}

double export_loop_seconds(const ExportJob *job)
{
    return anim_cycle_seconds(job->timing) * (alternates(job) ? 2 : 1);
}

void export_figure(const ExportJob *job, double t, FigureFrame *out)
{
    double cycle = anim_cycle_seconds(job->timing);
    bool second = alternates(job) && t >= cycle;
    anim_frame(job->clip, job->timing, second ? t - cycle : t, second, out);
}

int export_cycle_frames(const ExportJob *job, int fps)
{
    int n = (int)ceil(export_loop_seconds(job) * fps - 1e-6);
    return n < 1 ? 1 : n;
}

double export_frame_start(const ExportJob *job, int fps, int i)
{
    return i >= export_cycle_frames(job, fps) ? export_loop_seconds(job) : (double)i / fps;
}

static int by_time(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int export_key_moments(const ExportJob *job, double *t, int max)
{
    enum { STEPS = 240 };
    double cycle = anim_cycle_seconds(job->timing);
    double start[STEPS + 1];
    int phases = 0;
    const char *last = NULL;
    if (max < 1)
        return 0;
    for (int i = 0; i < STEPS; i++) {
        double ti = cycle * i / STEPS;
        const char *p = anim_phase(job->clip, job->timing, ti);
        if (!last || !p || strcmp(p, last) != 0)
            start[phases++] = ti;
        last = p;
    }
    start[phases] = cycle;
    int n = 0;
    t[n++] = 0.0;
    for (int i = 0; i < phases && n < max; i++)
        t[n++] = (start[i] + start[i + 1]) * 0.5;
    /* Fill the widest gap (to the cycle's end, too) with its middle. */
    qsort(t, (size_t)n, sizeof *t, by_time);
    while (n < max) {
        int widest = 0;
        double gap = -1.0;
        for (int i = 0; i < n; i++) {
            double g = (i + 1 < n ? t[i + 1] : cycle) - t[i];
            if (g > gap) {
                gap = g;
                widest = i;
            }
        }
        t[n++] = t[widest] + gap * 0.5;
        qsort(t, (size_t)n, sizeof *t, by_time);
    }
    return n;
}

/* ---------------------------------------------------------------------------
 * The canvas
 * ------------------------------------------------------------------------- */

/* One side of a job, posed for the arrow as export_figure poses it. */
typedef struct {
    const ExportJob *job;
    bool second;
} CueSide;

static void cue_side_pose(const void *ctx, double t, FigureFrame *out)
{
    const CueSide *side = ctx;
    anim_frame(side->job->clip, side->job->timing, t, side->second, out);
}

const DrawCues *export_cues(bool on, const ExportJob *job, double t, const FigureFrame *now,
                            SDL_FRect box, DrawCues *out)
{
    if (!on)
        return NULL;
    /* the frames around it on the same side, as export_figure poses it:
     * the second side of an alternating exercise mirrored, its focus too */
    double cycle = anim_cycle_seconds(job->timing);
    CueSide side = { job, alternates(job) && t >= cycle };
    double local = side.second ? t - cycle : t, from, to;
    Vec2 min, max;
    anim_segment(job->clip, job->timing, local, &from, &to);
    /* the arrow may go anywhere the picture shows */
    draw_fit_visible(draw_fit(job->min, job->max, box), box, &min, &max);
    unsigned focus = pose_focus(job->clip);
    out->focus = side.second ? cue_mirror_joints(focus) : focus;
    out->above = draw_turns_above(focus);
    out->arrow = cue_arrow_between(cue_side_pose, &side, local, from, to, now, out->focus, min, max);
    /* the detail stays on where its joint rests at the start of the side */
    FigureFrame rest;
    SkelJoint j;
    float zoom;
    out->detail = (DrawDetail){ 0.0f, { 0.0f, 0.0f } };
    if (pose_detail(job->clip, &j, &zoom)) {
        export_figure(job, side.second ? cycle : 0.0, &rest);
        out->detail = draw_detail_at(&rest, j, side.second, zoom);
    }
    return out;
}

bool export_draw(const ExportCanvas *c, const ExportJob *job, double t)
{
    SDL_FRect box = { 0, 0, (float)c->w, (float)c->h };
    FigureFrame frame;
    DrawCues cues;
    export_figure(job, t, &frame);
    const DrawCues *cued = export_cues(c->cues, job, t, &frame, box, &cues);
    if (draw_figure_cued(c->buffers, &frame, draw_fit(job->min, job->max, box), box, &c->theme,
                         c->theme.background, cued) != 0 ||
        SDL_RenderFlush(c->renderer) != 0) {
        fprintf(stderr, "limber: cannot draw %s: %s\n", job->ex->id, SDL_GetError());
        return false;
    }
    return true;
}

/* ---------------------------------------------------------------------------
 * Files
 * ------------------------------------------------------------------------- */

bool export_refuse_overwrite(bool force, const char *path)
{
    struct stat st;
    if (force || stat(path, &st) != 0)
        return false;
    fprintf(stderr, "limber: '%s' exists; use --force to overwrite it\n", path);
    return true;
}

bool export_make_dirs(const char *path)
{
    char *p = strdup(path);
    bool ok = p != NULL;
    for (char *s = p ? p + 1 : NULL; ok && s && *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        ok = mkdir(p, 0777) == 0 || errno == EEXIST;
        *s = '/';
    }
    ok = ok && (mkdir(p, 0777) == 0 || errno == EEXIST);
    if (!ok)
        fprintf(stderr, "limber: cannot create directory '%s': %s\n", path, strerror(errno));
    free(p);
    return ok;
}

bool export_bytes_append(ExportBytes *b, const void *data, size_t len)
{
    if (b->failed)
        return false;
    if (len > b->cap - b->len) {
        size_t cap = b->cap ? b->cap : 65536;
        while (cap - b->len < len)
            cap *= 2;
        unsigned char *p = realloc(b->data, cap);
        if (!p) {
            b->failed = true;
            return false;
        }
        b->data = p;
        b->cap = cap;
    }
    if (len > 0)
        memcpy(b->data + b->len, data, len);
    b->len += len;
    return true;
}

void export_bytes_free(ExportBytes *b)
{
    free(b->data);
    *b = (ExportBytes){ 0 };
}

/* The mode a new file gets from open(..., 0666): what the umask allows. */
static mode_t new_file_mode(void)
{
    mode_t mask = umask(0);
    umask(mask);
    return 0666 & ~mask;
}

bool export_write_file(const char *path, const ExportBytes *bytes)
{
    if (bytes->failed) {
        fprintf(stderr, "limber: cannot write '%s': out of memory\n", path);
        return false;
    }
    /* ".NAME.XXXXXX" in the same directory: hidden, and renamed in place */
    const char *slash = strrchr(path, '/');
    size_t dir_len = slash ? (size_t)(slash - path) + 1 : 0;
    char *tmp = malloc(strlen(path) + 9);
    if (!tmp) {
        fprintf(stderr, "limber: cannot write '%s': out of memory\n", path);
        return false;
    }
    sprintf(tmp, "%.*s.%s.XXXXXX", (int)dir_len, path, path + dir_len);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        fprintf(stderr, "limber: cannot write '%s': %s\n", path, strerror(errno));
        free(tmp);
        return false;
    }
    int err = 0;
    for (size_t done = 0; done < bytes->len && !err;) {
        ssize_t n = write(fd, bytes->data + done, bytes->len - done);
        if (n < 0 && errno != EINTR)
            err = errno;
        else if (n > 0)
            done += (size_t)n;
    }
    if (!err && fchmod(fd, new_file_mode()) != 0)
        err = errno;
    if (!err && fsync(fd) != 0 && errno != EINVAL) /* EINVAL: a file that cannot sync */
        err = errno;
    if (close(fd) != 0 && !err)
        err = errno;
    if (!err && rename(tmp, path) != 0)
        err = errno;
    if (err) {
        fprintf(stderr, "limber: cannot write '%s': %s\n", path, strerror(err));
        unlink(tmp);
    }
    free(tmp);
    return !err;
}
