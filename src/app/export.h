/* export: what every export format shares: the exercises to draw, the
 * moments of a cycle, the canvas frames are drawn on, and files that
 * appear whole or not at all. Each format is a file of its own
 * (export_gif.c, export_webp.c, export_svg.c); cmd_export.c runs them. */
#ifndef LIMBER_EXPORT_H
#define LIMBER_EXPORT_H

#include <stdbool.h>
#include <stddef.h>

#include <SDL.h>

#include "anim.h"
#include "catalog.h"
#include "cli.h" /* Options: where the poses are */
#include "draw.h"
#include "pose.h"

/* One exercise ready to draw: its clip (owned by whoever loaded it), the
 * table's timing, and the box it fills over a whole cycle. */
typedef struct {
    const Exercise *ex;
    PoseClip *clip;
    AnimTiming timing;
    Vec2 min, max;
} ExportJob;

/* Loads ex's pose from ASSETS/poses/<id>.pose into job, its faults
 * printed: true, or false (job untouched) when the pose is missing or
 * broken. Free job->clip with pose_free. */
bool export_load_job(const char *assets_dir, const Exercise *ex, ExportJob *job);

/* The same with the pose in use for the command line's directories: the
 * user's USER/poses/<id>.pose where there is one (library_pose_file). */
bool export_load_job_in_use(const Options *opt, const Exercise *ex, ExportJob *job);

/* What an export loops over: one cycle, or for an exercise whose sides
 * alternate two (the side the pose shows, then the other), so a loop
 * shows the alternation as the player plays it. */
double export_loop_seconds(const ExportJob *job);

/* The figure at t into the loop, the second side of an alternating
 * exercise mirrored with the camera kept, as the player does. */
void export_figure(const ExportJob *job, double t, FigureFrame *out);

/* Frames of one loop at fps: t = 0, 1/fps, ... up to but not including
 * the loop's end, which is the next loop's first frame. */
int export_cycle_frames(const ExportJob *job, int fps);

/* The moment frame i of n starts and the one after it: frame i shows
 * i / fps, and the last lasts to the loop's end. Each format rounds these
 * to its own unit (GIF hundredths, WebP milliseconds), so its delays add up
 * to the loop's length in that unit exactly. */
double export_frame_start(const ExportJob *job, int fps, int i);

/* Up to max key moments of a cycle, sorted, into t: the start and the
 * middle of each phase (mid-hold for a hold), topped up with the middles
 * of the widest gaps. Returns how many (max when max >= 1). */
int export_key_moments(const ExportJob *job, double *t, int max);

/* Frames drawn in memory by the software renderer, the PNG export's own. */
typedef struct {
    const char *out_dir;
    bool force;
    int w, h, fps;
    DrawTheme theme;
    DrawBuffers *buffers;
    SDL_Renderer *renderer;
    SDL_Surface *surface; /* RENDER_OFFSCREEN_FORMAT */
    bool cues;            /* --cues: the motion cues on every frame */
} ExportCanvas;

/* With on, job's motion cues at t around its frame now, drawn in box,
 * into out, which it returns; NULL (no cues) with on false. */
const DrawCues *export_cues(bool on, const ExportJob *job, double t, const FigureFrame *now,
                            SDL_FRect box, DrawCues *out);

/* Draws job at time t over the whole canvas, flushed into its surface:
 * true, or false with the reason printed. */
bool export_draw(const ExportCanvas *canvas, const ExportJob *job, double t);

/* True (and the reason printed) when path exists and force is off. */
bool export_refuse_overwrite(bool force, const char *path);

/* mkdir -p: true, or false with the reason printed. */
bool export_make_dirs(const char *path);

/* A growing block of bytes: the file being made, before it is written. */
typedef struct {
    unsigned char *data;
    size_t len, cap;
    bool failed;        /* an append ran out of memory; data is incomplete */
} ExportBytes;

/* Appends len bytes; false (and failed set) when out of memory. */
bool export_bytes_append(ExportBytes *b, const void *data, size_t len);
void export_bytes_free(ExportBytes *b);

/* Writes bytes to a temporary file beside path, flushed to the disk, then
 * renames it to path, so path is the whole file or what it was before.
 * Returns true, or false with the reason printed (a full disk, a directory
 * that is not writable) and no temporary left behind. */
bool export_write_file(const char *path, const ExportBytes *bytes);

/* The formats beyond PNG, in limber-print.so (print.h): each writes one
 * job's files under canvas->out_dir and prints what it wrote; false with
 * the reason printed. */
bool export_gif(const ExportCanvas *canvas, const ExportJob *job);
bool export_webp(const ExportCanvas *canvas, const ExportJob *job);
bool export_svg(const ExportCanvas *canvas, const ExportJob *job);

#endif
