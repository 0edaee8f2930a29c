/* watch: tells the event loop that a file in some directories changed, by
 * pushing an SDL user event from a thread of its own. With inotify the
 * thread sleeps in poll() until the kernel reports a change, so watching
 * costs nothing while nothing changes (a paused screen stays at zero CPU
 * in SDL_WaitEvent, which the pushed event wakes). Without inotify (a
 * kernel or file system without it, or LIMBER_WATCH=poll) it stats the
 * directories' entries once a second instead (library_dirs_stamp). */
#ifndef LIMBER_WATCH_H
#define LIMBER_WATCH_H

#include <stdbool.h>
#include <stddef.h>

#include <SDL.h>

typedef struct Watch Watch;

/* Starts watching dirs (copied; those missing now are looked for again
 * when a parent changes). Each change pushes one event of event_type until
 * watch_ack; a burst of writes makes one event. NULL when no thread could
 * be started: then nothing is watched. Stop with watch_stop. */
Watch *watch_start(const char *const *dirs, size_t count, Uint32 event_type);
void watch_stop(Watch *w);

/* The loop has taken the event: the next change pushes another. */
void watch_ack(Watch *w);

/* True when the kernel tells of changes; false when polling. */
bool watch_uses_inotify(const Watch *w);

#endif
