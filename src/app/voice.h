/* voice: spoken guidance through espeak-ng, offline. A worker thread owns
 * the synthesiser and turns phrases into PCM ahead of time; the main
 * thread says a phrase at its moment by queueing that PCM on the one audio
 * device (audio.h), so speech never waits for synthesis when the phrase was
 * prepared, and never delays a frame when it was not. */
#ifndef LIMBER_VOICE_H
#define LIMBER_VOICE_H

#include <stdbool.h>
#include <stddef.h>

#include "audio.h"

typedef struct Voice Voice;

/* Where the voice stands. Only VOICE_READY speaks. */
typedef enum {
    VOICE_OFF,         /* never switched on: no thread, no synthesiser */
    VOICE_STARTING,    /* the thread is loading espeak-ng and the voice */
    VOICE_READY,
    VOICE_NO_DATA,     /* espeak-ng's data is missing or unreadable */
    VOICE_NO_LANGUAGE, /* espeak-ng has no voice for the language */
} VoiceStatus;

/* A voice for language code lang ("en", "de" ...; copied). data_dir is
 * espeak-ng's data directory, NULL for its own search (ESPEAK_DATA_PATH,
 * then the installed data). audio is borrowed and must outlive the voice.
 * Starts nothing until voice_set_enabled; NULL only when out of memory.
 * Free with voice_free, which stops the thread. */
Voice *voice_new(Audio *audio, const char *lang, const char *data_dir, bool verbose);
void voice_free(Voice *voice);

/* On starts the synthesis thread the first time (the device opens with
 * audio_open_deferred); off cuts what is being said. */
void voice_set_enabled(Voice *voice, bool on);
bool voice_enabled(const Voice *voice);
VoiceStatus voice_status(const Voice *voice);

/* The espeak-ng voice's language once VOICE_READY ("de"), else "". */
void voice_language(const Voice *voice, char *out, size_t size);

/* Synthesises text in the background so a later voice_say of the same
 * text starts at once. Nothing when off or not able to speak. */
void voice_prepare(Voice *voice, const char *text);

/* Queues text after what is queued (call voice_cut first to replace it):
 * at once when it was prepared, else as soon as the thread has made it
 * (voice_poll queues it; the thread wakes the event loop). */
void voice_say(Voice *voice, const char *text);

/* Drops what is queued or playing and forgets a voice_say still waiting
 * for its synthesis. */
void voice_cut(Voice *voice);

/* Holds speech (and the tones: one device) where it is, or goes on. */
void voice_pause(Voice *voice, bool paused);

/* Main thread, every frame: queues a said phrase whose synthesis has just
 * finished. Cheap when nothing waits. */
void voice_poll(Voice *voice);

/* True while a voice_say waits for its synthesis. */
bool voice_waiting(const Voice *voice);

/* For tests: waits up to timeout_s for the thread to finish every phrase
 * asked for (or to fail starting); false on timeout. */
bool voice_wait_idle(Voice *voice, double timeout_s);

/* Seconds of PCM held for text once made, 0 if not (for tests). */
double voice_phrase_seconds(Voice *voice, const char *text);

#endif
