/* voice: espeak-ng in a worker thread, phrases cached as PCM. */
#include "voice.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h> /* threads, mutex, condition; the event that wakes the loop */
#include <espeak-ng/espeak_ng.h>
#include <limits.h>

#define VOICE_CACHE 32          /* phrases kept: a routine's few dozen */
#define VOICE_GAIN 0.7f         /* espeak-ng peaks near full scale; the tones are at 0.3 */
#define VOICE_WPM 160           /* a little slower than espeak-ng's 175: heard from the floor */
#define VOICE_SILENCE 200       /* |sample| below this (of 32767) before speech is dropped */

/* ------------------------------------------------------------------ */
/* State                                                               */
/* ------------------------------------------------------------------ */

typedef enum { PHRASE_EMPTY, PHRASE_PENDING, PHRASE_BUSY, PHRASE_READY, PHRASE_FAILED } PhraseState;

typedef struct {
    char *text;
    float *pcm;       /* at audio_rate(), mono */
    size_t count;
    PhraseState state;
    uint64_t used;    /* for eviction: the oldest goes */
    uint64_t asked;   /* order of voice_prepare/voice_say: the thread takes the oldest */
} Phrase;

struct Voice {
    Audio *audio;                 /* borrowed; main thread only */
    char lang[16];
    char *data_dir;
    bool verbose, on, paused;
    Uint32 wake_event;            /* (Uint32)-1 when SDL had none to give */

    SDL_Thread *thread;
    SDL_mutex *lock;              /* guards everything below */
    SDL_cond *work;               /* the thread waits on it for phrases or quit */
    SDL_cond *idle;               /* signalled when the thread runs out of work */
    bool quit, busy;
    VoiceStatus status;
    char language[16];            /* the espeak-ng voice's language */
    Phrase cache[VOICE_CACHE];
    uint64_t clock;
    int wanted;                   /* a said phrase waiting for its PCM, -1 none */
};

/* ------------------------------------------------------------------ */
/* The synthesis thread (the only place espeak-ng is called)           */
/* ------------------------------------------------------------------ */

typedef struct {
    short *samples;
    size_t count, cap;
    bool failed;
} Pcm16;

static int on_samples(short *wav, int count, espeak_EVENT *events)
{
    Pcm16 *out = events ? events->user_data : NULL;
    if (!out || !wav || count <= 0)
        return 0;
    if (out->count + (size_t)count > out->cap) {
        size_t cap = out->cap ? out->cap * 2 : 22050;
        while (cap < out->count + (size_t)count)
            cap *= 2;
        short *grown = realloc(out->samples, cap * sizeof *grown);
        if (!grown) {
            out->failed = true;
            return 1; /* stop this phrase */
        }
        out->samples = grown;
        out->cap = cap;
    }
    memcpy(out->samples + out->count, wav, (size_t)count * sizeof *wav);
    out->count += (size_t)count;
    return 0;
}

/* espeak-ng's 16-bit PCM at from_rate to the device's float samples,
 * from the first sample loud enough to hear: the moment a phrase is
 * queued is the moment it is heard, not a pause later. Through SDL's
 * resampler: linear interpolation left images of the voice's upper
 * harmonics above 11 kHz, 35 dB down (seen in a spectrogram of a
 * recorded routine); SDL's windowed-sinc filter removes them. */
static float *resample(const Pcm16 *in, int from_rate, size_t *count)
{
    size_t start = 0;
    while (start < in->count && abs(in->samples[start]) < VOICE_SILENCE)
        start++;
    size_t end = in->count;
    while (end > start && abs(in->samples[end - 1]) < VOICE_SILENCE)
        end--;
    *count = 0;
    if (end - start < 2 || end - start > INT_MAX / sizeof(Sint16))
        return NULL;
    SDL_AudioStream *stream =
        SDL_NewAudioStream(AUDIO_S16SYS, 1, from_rate, AUDIO_F32SYS, 1, audio_rate());
    if (!stream)
        return NULL;
    float *out = NULL;
    int bytes = 0;
    if (SDL_AudioStreamPut(stream, in->samples + start, (int)((end - start) * sizeof(Sint16))) ==
            0 &&
        SDL_AudioStreamFlush(stream) == 0 && (bytes = SDL_AudioStreamAvailable(stream)) > 0 &&
        (out = malloc((size_t)bytes))) {
        bytes = SDL_AudioStreamGet(stream, out, bytes);
        size_t n = bytes > 0 ? (size_t)bytes / sizeof *out : 0;
        for (size_t i = 0; i < n; i++)
            out[i] *= VOICE_GAIN;
        *count = n;
    }
    SDL_FreeAudioStream(stream);
    if (*count == 0) {
        free(out);
        return NULL;
    }
    return out;
}

/* espeak-ng is one engine per process, and espeak_ng_Terminate in 1.51
 * can hang joining a thread of its own (espeak-ng issue #572, fixed after
 * that release): the engine is loaded once, by the first voice to start,
 * and left to the process's end; a later voice only chooses its language.
 * Only one voice thread exists at a time (an App has one voice). */
static bool engine_loaded;

/* espeak-ng's library is opened when the voice is first turned on, not
 * linked: its four libraries cost every start-up about 1 ms of the first
 * frame (docs/performance.md), for a feature off by default, and Limber
 * still starts where the library is missing. The header still types every
 * call: each pointer has its function's own type. */
#define ESPEAK_LIBRARY "libespeak-ng.so.1"
#define ESPEAK_FUNCTIONS(X)                                                                    \
    X(espeak_ng_InitializePath)                                                                \
    X(espeak_ng_Initialize)                                                                    \
    X(espeak_ng_InitializeOutput)                                                              \
    X(espeak_ng_PrintStatusCodeMessage)                                                        \
    X(espeak_ng_ClearErrorContext)                                                             \
    X(espeak_SetSynthCallback)                                                                 \
    X(espeak_ng_SetVoiceByName)                                                                \
    X(espeak_ng_SetParameter)                                                                  \
    X(espeak_GetCurrentVoice)                                                                  \
    X(espeak_ng_GetSampleRate)                                                                 \
    X(espeak_Synth)
#define ESPEAK_POINTER(f) __typeof__(f) *f;
static struct {
    ESPEAK_FUNCTIONS(ESPEAK_POINTER)
} es;

static bool load_engine(const Voice *v)
{
    void *lib = SDL_LoadObject(ESPEAK_LIBRARY);
    if (!lib) {
        if (v->verbose)
            fprintf(stderr, "limber: no voice: %s\n", SDL_GetError());
        return false;
    }
#define ESPEAK_LOAD(f)                                                                         \
    if (!(es.f = (__typeof__(f) *)SDL_LoadFunction(lib, #f))) {                               \
        if (v->verbose)                                                                        \
            fprintf(stderr, "limber: no voice: %s\n", SDL_GetError());                         \
        SDL_UnloadObject(lib);                                                                 \
        return false;                                                                          \
    }
    ESPEAK_FUNCTIONS(ESPEAK_LOAD)
    return true; /* kept open to the process's end, as the engine is */
}

static VoiceStatus start_espeak(Voice *v, char language[16])
{
    if (!engine_loaded) {
        if (!load_engine(v))
            return VOICE_NO_DATA;
        es.espeak_ng_InitializePath(v->data_dir);
        espeak_ng_ERROR_CONTEXT context = NULL;
        espeak_ng_STATUS st = es.espeak_ng_Initialize(&context);
        if (st == ENS_OK)
            st = es.espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, 0, NULL);
        if (st != ENS_OK) {
            if (v->verbose) {
                fprintf(stderr, "limber: no voice: espeak-ng cannot load its data%s%s: ",
                        v->data_dir ? " from " : "", v->data_dir ? v->data_dir : "");
                es.espeak_ng_PrintStatusCodeMessage(st, stderr, context);
            }
            es.espeak_ng_ClearErrorContext(&context);
            return VOICE_NO_DATA;
        }
        es.espeak_SetSynthCallback(on_samples);
        engine_loaded = true;
    }
    espeak_ng_STATUS st = es.espeak_ng_SetVoiceByName(v->lang);
    if (st != ENS_OK) {
        if (v->verbose)
            fprintf(stderr, "limber: no voice: espeak-ng has none for '%s'\n", v->lang);
        return st == ENS_VOICE_NOT_FOUND ? VOICE_NO_LANGUAGE : VOICE_NO_DATA;
    }
    es.espeak_ng_SetParameter(espeakRATE, VOICE_WPM, 0);
    const espeak_VOICE *voice = es.espeak_GetCurrentVoice();
    /* languages: a priority byte, then the code */
    snprintf(language, 16, "%s", voice && voice->languages ? voice->languages + 1 : v->lang);
    return VOICE_READY;
}

/* The pending phrase to make next: the one a say waits for, else the oldest. */
static int next_phrase(const Voice *v)
{
    if (v->wanted >= 0 && v->cache[v->wanted].state == PHRASE_PENDING)
        return v->wanted;
    int best = -1;
    for (int i = 0; i < VOICE_CACHE; i++)
        if (v->cache[i].state == PHRASE_PENDING &&
            (best < 0 || v->cache[i].asked < v->cache[best].asked))
            best = i;
    return best;
}

static void wake_loop(const Voice *v)
{
    if (v->wake_event == (Uint32)-1)
        return;
    SDL_Event e = { .type = v->wake_event };
    SDL_PushEvent(&e);
}

static int thread_main(void *data)
{
    Voice *v = data;
    char language[16] = "";
    VoiceStatus status = start_espeak(v, language);
    int rate = status == VOICE_READY ? es.espeak_ng_GetSampleRate() : 0;

    SDL_LockMutex(v->lock);
    v->status = status;
    snprintf(v->language, sizeof v->language, "%s", language);
    bool wake = true;
    while (!v->quit) {
        int i = status == VOICE_READY ? next_phrase(v) : -1;
        if (status != VOICE_READY)
            for (int k = 0; k < VOICE_CACHE; k++)
                if (v->cache[k].state == PHRASE_PENDING)
                    v->cache[k].state = PHRASE_FAILED;
        if (i < 0) {
            v->busy = false;
            SDL_CondBroadcast(v->idle);
            if (wake)
                wake_loop(v);
            wake = false;
            SDL_CondWait(v->work, v->lock);
            continue;
        }
        v->busy = true;
        Phrase *p = &v->cache[i];
        p->state = PHRASE_BUSY;
        char *text = strdup(p->text);
        SDL_UnlockMutex(v->lock);

        Pcm16 pcm = { 0 };
        size_t count = 0;
        float *out = NULL;
        if (text &&
            es.espeak_Synth(text, strlen(text) + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, NULL,
                         &pcm) == EE_OK &&
            !pcm.failed)
            out = resample(&pcm, rate, &count);
        free(pcm.samples);
        free(text);

        SDL_LockMutex(v->lock);
        /* a busy phrase is never evicted: p is still ours */
        p->pcm = out;
        p->count = count;
        p->state = out ? PHRASE_READY : PHRASE_FAILED;
        if (v->wanted == i)
            wake_loop(v); /* a say waits for it: now, not after the rest */
    }
    SDL_UnlockMutex(v->lock);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Creating and freeing                                                */
/* ------------------------------------------------------------------ */

Voice *voice_new(Audio *audio, const char *lang, const char *data_dir, bool verbose)
{
    Voice *v = calloc(1, sizeof *v);
    if (!v)
        goto fail;
    v->audio = audio;
    v->verbose = verbose;
    v->wanted = -1;
    snprintf(v->lang, sizeof v->lang, "%s", lang && lang[0] ? lang : "en");
    if (data_dir && !(v->data_dir = strdup(data_dir)))
        goto fail;
    v->lock = SDL_CreateMutex();
    v->work = SDL_CreateCond();
    v->idle = SDL_CreateCond();
    if (!v->lock || !v->work || !v->idle)
        goto fail;
    v->wake_event = SDL_RegisterEvents(1);
    return v;
fail:
    voice_free(v);
    return NULL;
}

void voice_free(Voice *v)
{
    if (!v)
        return;
    if (v->thread) {
        SDL_LockMutex(v->lock);
        v->quit = true;
        SDL_CondSignal(v->work);
        SDL_UnlockMutex(v->lock);
        SDL_WaitThread(v->thread, NULL);
    }
    for (int i = 0; i < VOICE_CACHE; i++) {
        free(v->cache[i].text);
        free(v->cache[i].pcm);
    }
    if (v->idle)
        SDL_DestroyCond(v->idle);
    if (v->work)
        SDL_DestroyCond(v->work);
    if (v->lock)
        SDL_DestroyMutex(v->lock);
    free(v->data_dir);
    free(v);
}

/* ------------------------------------------------------------------ */
/* Switching and status                                                */
/* ------------------------------------------------------------------ */

void voice_set_enabled(Voice *v, bool on)
{
    if (!on) {
        voice_cut(v);
        v->on = false;
        return;
    }
    v->on = true;
    audio_want_device(v->audio);
    if (v->thread)
        return;
    SDL_LockMutex(v->lock);
    v->status = VOICE_STARTING;
    SDL_UnlockMutex(v->lock);
    v->thread = SDL_CreateThread(thread_main, "limber-voice", v);
    if (!v->thread) {
        if (v->verbose)
            fprintf(stderr, "limber: no voice: cannot start its thread: %s\n", SDL_GetError());
        SDL_LockMutex(v->lock);
        v->status = VOICE_NO_DATA;
        SDL_UnlockMutex(v->lock);
    }
}

bool voice_enabled(const Voice *v)
{
    return v->on;
}

VoiceStatus voice_status(const Voice *v)
{
    SDL_LockMutex(v->lock);
    VoiceStatus s = v->status;
    SDL_UnlockMutex(v->lock);
    return s;
}

void voice_language(const Voice *v, char *out, size_t size)
{
    SDL_LockMutex(v->lock);
    snprintf(out, size, "%s", v->status == VOICE_READY ? v->language : "");
    SDL_UnlockMutex(v->lock);
}

/* ------------------------------------------------------------------ */
/* Phrases                                                             */
/* ------------------------------------------------------------------ */

/* The cache slot holding text, asking the thread for it when new; -1 when
 * the cache is full of phrases being made (never in practice). Locked. */
static int find_or_ask(Voice *v, const char *text)
{
    int victim = -1;
    for (int i = 0; i < VOICE_CACHE; i++) {
        Phrase *p = &v->cache[i];
        if (p->text && strcmp(p->text, text) == 0) {
            p->used = ++v->clock;
            return i;
        }
        bool free_slot = p->state != PHRASE_BUSY && i != v->wanted;
        if (free_slot && (victim < 0 || p->used < v->cache[victim].used))
            victim = i;
    }
    if (victim < 0)
        return -1;
    Phrase *p = &v->cache[victim];
    char *copy = strdup(text);
    if (!copy)
        return -1;
    free(p->text);
    free(p->pcm);
    *p = (Phrase){ .text = copy, .state = PHRASE_PENDING, .used = ++v->clock, .asked = v->clock };
    SDL_CondSignal(v->work);
    return victim;
}

static bool can_speak(const Voice *v)
{
    return v->on && v->thread && (v->status == VOICE_STARTING || v->status == VOICE_READY);
}

void voice_prepare(Voice *v, const char *text)
{
    SDL_LockMutex(v->lock);
    if (can_speak(v) && text && text[0])
        find_or_ask(v, text);
    SDL_UnlockMutex(v->lock);
}

/* Locked. */
static void queue_phrase(Voice *v, const Phrase *p)
{
    audio_queue(v->audio, p->pcm, p->count);
}

void voice_say(Voice *v, const char *text)
{
    SDL_LockMutex(v->lock);
    if (can_speak(v) && text && text[0]) {
        int i = find_or_ask(v, text);
        if (i >= 0 && v->cache[i].state == PHRASE_READY)
            queue_phrase(v, &v->cache[i]);
        else if (i >= 0 && v->cache[i].state != PHRASE_FAILED)
            v->wanted = i;
    }
    SDL_UnlockMutex(v->lock);
}

void voice_cut(Voice *v)
{
    SDL_LockMutex(v->lock);
    v->wanted = -1;
    SDL_UnlockMutex(v->lock);
    audio_clear(v->audio);
}

void voice_pause(Voice *v, bool paused)
{
    if (paused == v->paused)
        return;
    v->paused = paused;
    audio_pause(v->audio, paused);
}

void voice_poll(Voice *v)
{
    SDL_LockMutex(v->lock);
    if (v->wanted >= 0) {
        const Phrase *p = &v->cache[v->wanted];
        if (p->state == PHRASE_READY)
            queue_phrase(v, p);
        if (p->state == PHRASE_READY || p->state == PHRASE_FAILED)
            v->wanted = -1;
    }
    SDL_UnlockMutex(v->lock);
}

bool voice_waiting(const Voice *v)
{
    SDL_LockMutex(v->lock);
    bool waiting = v->wanted >= 0;
    SDL_UnlockMutex(v->lock);
    return waiting;
}

bool voice_wait_idle(Voice *v, double timeout_s)
{
    Uint64 until = SDL_GetTicks64() + (Uint64)(timeout_s * 1000.0);
    bool done = !v->thread;
    SDL_LockMutex(v->lock);
    while (!done) {
        done = v->status != VOICE_STARTING && !v->busy && next_phrase(v) < 0;
        Uint64 now = SDL_GetTicks64();
        if (done || now >= until)
            break;
        SDL_CondWaitTimeout(v->idle, v->lock, (Uint32)(until - now));
    }
    SDL_UnlockMutex(v->lock);
    return done;
}

double voice_phrase_seconds(Voice *v, const char *text)
{
    double s = 0.0;
    SDL_LockMutex(v->lock);
    for (int i = 0; i < VOICE_CACHE; i++)
        if (v->cache[i].text && strcmp(v->cache[i].text, text) == 0 &&
            v->cache[i].state == PHRASE_READY)
            s = (double)v->cache[i].count / audio_rate();
    SDL_UnlockMutex(v->lock);
    return s;
}
