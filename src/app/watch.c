/* watch: a thread that waits for changes in directories and wakes the loop. */
#include "watch.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h> /* Linux: the kernel says when a directory changes */
#include <unistd.h>

#include "library.h" /* library_dirs_stamp, library_watched_name */

#define WATCH_MAX_DIRS 10
#define WATCH_POLL_MS 1000

struct Watch {
    char *dirs[WATCH_MAX_DIRS];
    size_t count;
    Uint32 event_type;
    int inotify;           /* -1 when polling */
    int quit_read, quit_write;
    SDL_Thread *thread;
    SDL_atomic_t pending;  /* an event is in the queue, not yet acked */
    uint64_t stamp;        /* polling: the last library_dirs_stamp */
};

/* (Re)adds a watch on every directory that exists now: one created after
 * the start (USER/poses made by `limber new`) is found when its parent
 * reports it. Adding a directory already watched changes nothing. */
static int arm(Watch *w)
{
    const uint32_t mask = IN_CLOSE_WRITE | IN_MODIFY | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE |
                          IN_DELETE | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF;
    int armed = 0;
    for (size_t i = 0; i < w->count; i++)
        armed += inotify_add_watch(w->inotify, w->dirs[i], mask) >= 0;
    return armed;
}

/* Reads every pending inotify event; true when one is about a file the
 * library reads or a directory that came or went. */
static bool drain(Watch *w)
{
    bool changed = false, rearm = false;
    char buf[8192] __attribute__((aligned(__alignof__(struct inotify_event))));
    for (;;) {
        ssize_t n = read(w->inotify, buf, sizeof buf);
        if (n <= 0)
            break;
        for (char *p = buf; p < buf + n;) {
            const struct inotify_event *e = (const struct inotify_event *)(void *)p;
            if (e->mask & (IN_ISDIR | IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF)) {
                rearm = true;
                changed = true;
            } else if (e->len > 0 && library_watched_name(e->name)) {
                changed = true;
            }
            p += sizeof *e + e->len;
        }
    }
    if (rearm)
        arm(w);
    return changed;
}

static int run(void *data)
{
    Watch *w = data;
    const char *const *dirs = (const char *const *)w->dirs;
    for (;;) {
        struct pollfd fds[2] = { { .fd = w->quit_read, .events = POLLIN },
                                 { .fd = w->inotify, .events = POLLIN } };
        bool kernel = w->inotify >= 0;
        int n = poll(fds, kernel ? 2 : 1, kernel ? -1 : WATCH_POLL_MS);
        if (n < 0 && errno != EINTR)
            break;
        if (fds[0].revents)
            break;
        bool changed = false;
        if (kernel) {
            changed = n > 0 && (fds[1].revents & POLLIN) && drain(w);
        } else {
            uint64_t stamp = library_dirs_stamp(dirs, w->count);
            changed = stamp != w->stamp;
            w->stamp = stamp;
        }
        if (changed && SDL_AtomicCAS(&w->pending, 0, 1)) {
            SDL_Event e = { .type = w->event_type };
            if (SDL_PushEvent(&e) != 1)
                SDL_AtomicSet(&w->pending, 0);
        }
    }
    return 0;
}

Watch *watch_start(const char *const *dirs, size_t count, Uint32 event_type)
{
    Watch *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->inotify = w->quit_read = w->quit_write = -1;
    w->event_type = event_type;
    for (size_t i = 0; i < count && i < WATCH_MAX_DIRS; i++) {
        if (!(w->dirs[i] = strdup(dirs[i])))
            goto fail;
        w->count++;
    }
    int fds[2];
    if (pipe(fds) != 0)
        goto fail;
    w->quit_read = fds[0];
    w->quit_write = fds[1];
    const char *how = getenv("LIMBER_WATCH");
    if (!how || strcmp(how, "poll") != 0)
        w->inotify = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    /* no watch at all (the user's inotify watches used up, a file system
     * that has none): look once a second instead */
    if (w->inotify >= 0 && arm(w) == 0) {
        close(w->inotify);
        w->inotify = -1;
    }
    if (w->inotify < 0)
        w->stamp = library_dirs_stamp((const char *const *)w->dirs, w->count);
    w->thread = SDL_CreateThread(run, "limber-watch", w);
    if (!w->thread)
        goto fail;
    return w;
fail:
    watch_stop(w);
    return NULL;
}

void watch_stop(Watch *w)
{
    if (!w)
        return;
    if (w->thread) {
        /* a pipe with room for a byte: the write cannot fail or block */
        char c = 'q';
        ssize_t k = write(w->quit_write, &c, 1);
        (void)k;
        SDL_WaitThread(w->thread, NULL);
    }
    if (w->inotify >= 0)
        close(w->inotify);
    if (w->quit_read >= 0)
        close(w->quit_read);
    if (w->quit_write >= 0)
        close(w->quit_write);
    for (size_t i = 0; i < w->count; i++)
        free(w->dirs[i]);
    free(w);
}

void watch_ack(Watch *w)
{
    if (w)
        SDL_AtomicSet(&w->pending, 0);
}

bool watch_uses_inotify(const Watch *w)
{
    return w && w->inotify >= 0;
}
