/* audio: short sine tones and speech into one SDL audio queue. */
#include "audio.h"

#include <fcntl.h>  /* open: /dev/null for the sound libraries' chatter */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h> /* dup, dup2: stderr quieted while the device opens */

#include <SDL.h>

#define AUDIO_RATE 48000
#define AUDIO_MAX_TONE_S 1.0
#define AUDIO_FADE_S 0.01
#define AUDIO_TAU 6.283185307179586
#define AUDIO_MAX_QUEUE_S 60 /* a queue never holds more: a stalled device drops the rest */

struct Audio {
    SDL_AudioDeviceID device;
    bool on, tried, verbose;
    bool wanted; /* the voice needs the device, tones on or off */
    float *samples; /* one tone's worth, reused */
    /* What is to play, a ring the device's callback reads; guarded by
     * SDL_LockAudioDevice, like played. */
    float *ring;
    size_t ring_cap, ring_head, ring_count;
    Uint64 played; /* samples the device has taken, silence included */
};

/* The device's thread: the queue's next samples, silence when it is empty. */
static void SDLCALL fill(void *data, Uint8 *stream, int len)
{
    Audio *a = data;
    float *out = (float *)(void *)stream;
    size_t n = (size_t)len / sizeof *out, k = 0;
    for (; k < n && a->ring_count > 0; k++) {
        out[k] = a->ring[a->ring_head];
        a->ring_head = (a->ring_head + 1) % a->ring_cap;
        a->ring_count--;
    }
    for (; k < n; k++)
        out[k] = 0.0f;
    a->played += n;
}

Audio *audio_new(bool verbose)
{
    Audio *a = calloc(1, sizeof *a);
    if (!a)
        return NULL;
    a->verbose = verbose;
    return a;
}

void audio_free(Audio *a)
{
    if (!a)
        return;
    if (a->device) {
        SDL_CloseAudioDevice(a->device);
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
    }
    free(a->samples);
    free(a->ring);
    free(a);
}

/* ALSA prints a dozen "ALSA lib ..." lines to stderr on a machine with no
 * sound card, through a handler SDL does not expose; a clinic's kiosk log
 * and a user's terminal should not fill with them. Returns the saved
 * stderr for stderr_restore, or -1 when nothing was changed. */
static int stderr_quiet(void)
{
    fflush(stderr);
    int saved = dup(STDERR_FILENO);
    int null = open("/dev/null", O_WRONLY);
    if (saved < 0 || null < 0 || dup2(null, STDERR_FILENO) < 0) {
        if (saved >= 0)
            close(saved);
        saved = -1;
    }
    if (null >= 0)
        close(null);
    return saved;
}

static void stderr_restore(int saved)
{
    if (saved < 0)
        return;
    fflush(stderr);
    dup2(saved, STDERR_FILENO);
    close(saved);
}

static void open_device(Audio *a)
{
    a->tried = true;
    a->samples = malloc(sizeof *a->samples * (size_t)(AUDIO_RATE * AUDIO_MAX_TONE_S));
    if (!a->samples)
        return;
    int saved = a->verbose ? -1 : stderr_quiet();
    bool ok = SDL_InitSubSystem(SDL_INIT_AUDIO) == 0;
    if (ok) {
        SDL_AudioSpec want = { .freq = AUDIO_RATE, .format = AUDIO_F32SYS, .channels = 1,
                               .samples = 1024, .callback = fill, .userdata = a };
        SDL_AudioSpec have;
        a->device = SDL_OpenAudioDevice(NULL, 0, &want, &have, 0);
        if (!a->device)
            SDL_QuitSubSystem(SDL_INIT_AUDIO);
    }
    stderr_restore(saved);
    if (a->device)
        SDL_PauseAudioDevice(a->device, 0);
    else if (a->verbose)
        fprintf(stderr, "limber: no sound: %s\n", SDL_GetError());
}

void audio_open_deferred(Audio *a)
{
    if ((a->on || a->wanted) && !a->tried)
        open_device(a);
}

void audio_set_enabled(Audio *a, bool on)
{
    a->on = on;
    audio_open_deferred(a);
}

void audio_enable_deferred(Audio *a)
{
    a->on = true;
}

bool audio_enabled(const Audio *a)
{
    return a->on;
}

bool audio_available(const Audio *a)
{
    return !a->tried || a->device != 0;
}

bool audio_has_device(const Audio *a)
{
    return a->device != 0;
}

void audio_tone(Audio *a, double hz, double seconds)
{
    audio_open_deferred(a);
    if (!a->on || !a->device)
        return;
    if (seconds > AUDIO_MAX_TONE_S)
        seconds = AUDIO_MAX_TONE_S;
    int n = (int)(seconds * AUDIO_RATE);
    int fade = (int)(AUDIO_FADE_S * AUDIO_RATE);
    for (int i = 0; i < n; i++) {
        double env = 1.0;
        if (i < fade)
            env = (double)i / fade;
        else if (n - i < fade)
            env = (double)(n - i) / fade;
        a->samples[i] = (float)(0.3 * env * sin(AUDIO_TAU * hz * i / AUDIO_RATE));
    }
    /* A backlog (a stalled device) would make tones late: drop it. Speech
     * in the queue is cut by its owner, never here. */
    if (!a->wanted && audio_queued_seconds(a) > 1.0)
        audio_clear(a);
    audio_queue(a, a->samples, (size_t)n);
}

/* ------------------------------------------------------------------ */
/* Queued PCM: speech                                                  */
/* ------------------------------------------------------------------ */

void audio_want_device(Audio *a)
{
    a->wanted = true;
}

int audio_rate(void)
{
    return AUDIO_RATE;
}

/* Room for count more samples in the ring, unwrapped into a bigger one
 * when needed. Locked. */
static bool ring_reserve(Audio *a, size_t count)
{
    size_t need = a->ring_count + count;
    if (need <= a->ring_cap)
        return true;
    if (need > (size_t)AUDIO_MAX_QUEUE_S * AUDIO_RATE)
        return false;
    size_t cap = a->ring_cap ? a->ring_cap : AUDIO_RATE * 4;
    while (cap < need)
        cap *= 2;
    float *ring = malloc(cap * sizeof *ring);
    if (!ring)
        return false;
    for (size_t k = 0; k < a->ring_count; k++)
        ring[k] = a->ring[(a->ring_head + k) % a->ring_cap];
    free(a->ring);
    a->ring = ring;
    a->ring_cap = cap;
    a->ring_head = 0;
    return true;
}

bool audio_queue(Audio *a, const float *samples, size_t count)
{
    audio_open_deferred(a);
    if (!a->device || count == 0)
        return false;
    SDL_LockAudioDevice(a->device);
    bool ok = ring_reserve(a, count);
    for (size_t k = 0; ok && k < count; k++)
        a->ring[(a->ring_head + a->ring_count + k) % a->ring_cap] = samples[k];
    if (ok)
        a->ring_count += count;
    SDL_UnlockAudioDevice(a->device);
    return ok;
}

void audio_clear(Audio *a)
{
    if (!a->device)
        return;
    SDL_LockAudioDevice(a->device);
    a->ring_count = 0;
    SDL_UnlockAudioDevice(a->device);
}

double audio_queued_seconds(const Audio *a)
{
    if (!a->device)
        return 0.0;
    SDL_LockAudioDevice(a->device);
    size_t n = a->ring_count;
    SDL_UnlockAudioDevice(a->device);
    return (double)n / AUDIO_RATE;
}

double audio_played_seconds(const Audio *a)
{
    if (!a->device)
        return 0.0;
    SDL_LockAudioDevice(a->device);
    Uint64 n = a->played;
    SDL_UnlockAudioDevice(a->device);
    return (double)n / AUDIO_RATE;
}

void audio_pause(Audio *a, bool paused)
{
    if (a->device)
        SDL_PauseAudioDevice(a->device, paused ? 1 : 0);
}
