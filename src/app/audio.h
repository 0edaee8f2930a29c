/* audio: short sine tones, synthesized and queued (no sound files), and
 * the voice's speech, in one queue on one device. Off by default; the
 * device opens the first time sound or the voice is switched on. */
#ifndef LIMBER_AUDIO_H
#define LIMBER_AUDIO_H

#include <stdbool.h>
#include <stddef.h>

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

/* Speech: PCM at audio_rate() samples a second, mono, queued after
 * whatever is queued already, so nothing ever plays over anything else.
 * The device opens (once) when tones are on or the device is wanted. */
int audio_rate(void);
/* The voice needs the device: it opens in audio_open_deferred even with
 * tones off. */
void audio_want_device(Audio *audio);
/* Copies count samples to the end of the queue; false without a device.
 * Main thread only, like every other call here. */
bool audio_queue(Audio *audio, const float *samples, size_t count);
/* Drops everything queued and not yet played: tones and speech. */
void audio_clear(Audio *audio);
/* Seconds of sound queued and not yet played. */
double audio_queued_seconds(const Audio *audio);
/* Seconds of sound the device has taken since it opened, silence
 * included: where in its output something queued now begins. */
double audio_played_seconds(const Audio *audio);
/* Holds the queue where it is (silence plays) and goes on from there. */
void audio_pause(Audio *audio, bool paused);

/* False once opening the device was tried and failed: nothing will be
 * heard, so nothing need be made. */
bool audio_available(const Audio *audio);

/* True when a device is open (for tests). */
bool audio_has_device(const Audio *audio);

#endif
