/* audio: short sine tones into an SDL audio queue. */
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

struct Audio {
    SDL_AudioDeviceID device;
    bool on, tried, verbose;
    float *samples; /* one tone's worth, reused */
};

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
                               .samples = 1024 };
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
    if (a->on && !a->tried)
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
    /* A backlog (a stalled device) would make tones late: drop it. */
    if (SDL_GetQueuedAudioSize(a->device) > AUDIO_RATE * sizeof(float))
        SDL_ClearQueuedAudio(a->device);
    SDL_QueueAudio(a->device, a->samples, (Uint32)((size_t)n * sizeof(float)));
}
