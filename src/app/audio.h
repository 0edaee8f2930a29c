/* audio: short sine tones, synthesized and queued (no sound files). Off by
 * default; the device opens the first time sound is switched on. */
#ifndef LIMBER_AUDIO_H
#define LIMBER_AUDIO_H

#include <stdbool.h>

typedef struct Audio Audio;

/* Never opens the device; NULL only when out of memory. verbose says once
 * on stderr when no device can be opened. Free with audio_free. */
Audio *audio_new(bool verbose);
void audio_free(Audio *audio);

/* Switches sound on or off; on opens the device the first time, and stays
 * silent (still "on") if there is none. */
void audio_set_enabled(Audio *audio, bool on);
bool audio_enabled(const Audio *audio);

/* Switches sound on like audio_set_enabled, but opens the device later: in
 * audio_open_deferred, or before the first tone. Opening it (a sound
 * server, ALSA) can take tens of milliseconds start-up need not wait for. */
void audio_enable_deferred(Audio *audio);
/* Opens the device now if sound is on and no open was tried yet. */
void audio_open_deferred(Audio *audio);

/* Queues a tone of hz for seconds, with a soft start and end so it does not
 * click; nothing when off or without a device. */
void audio_tone(Audio *audio, double hz, double seconds);

/* True when a device is open (for tests). */
bool audio_has_device(const Audio *audio);

#endif
