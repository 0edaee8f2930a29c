/* guide: what a routine sounds like at each moment: the tones (--sound)
 * and the spoken guidance (--voice), decided in one place so the two never
 * talk over each other. Reads the App; app.c calls it once per update. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "app_internal.h"
#include "lang.h"
#include "voice.h"

#define GUIDE_PHRASE 512
#define GUIDE_TONE_S 0.3       /* a moment's tone alone */
#define GUIDE_TONE_BEFORE_S 0.08 /* a moment's tone with words after it: a short blip */
#define GUIDE_TICK_S 0.12

/* ------------------------------------------------------------------ */
/* The words                                                           */
/* ------------------------------------------------------------------ */

/* Appends a sentence: text, and a full stop unless it ends in one. */
static void sentence(char *buf, size_t size, const char *text)
{
    size_t len = strlen(buf);
    if (!text || !text[0] || len + 2 >= size)
        return;
    char end = text[strlen(text) - 1];
    snprintf(buf + len, size - len, "%s%s%s", len ? " " : "", text,
             strchr(".!?", end) ? "" : ".");
}

/* "6 minutes 12 seconds", as the language says it. */
static void duration(char *buf, size_t size, double seconds)
{
    long s = lround(seconds < 0.0 ? 0.0 : seconds);
    long m = s / 60;
    s %= 60;
    char min[64] = "", sec[64] = "";
    /* TRANSLATORS: spoken at the end: "It took 6 minutes 12 seconds." */
    if (m > 0)
        snprintf(min, sizeof min, ngettext("%ld minute", "%ld minutes", (unsigned long)m), m);
    if (s > 0 || m == 0)
        snprintf(sec, sizeof sec, ngettext("%ld second", "%ld seconds", (unsigned long)s), s);
    snprintf(buf, size, "%s%s%s", min, min[0] && sec[0] ? " " : "", sec);
}

/* The side at work as the screen writes it ("Left leg"), "" for none. */
static const char *side_words(const App *app, int exercise, StepSide working)
{
    if (exercise < 0 || (size_t)exercise >= app->ex_count || !app->ex[exercise].clip)
        return "";
    const char *label = pose_side_label(pose_side(app->ex[exercise].clip).what, working);
    return label[0] ? _(label) : "";
}

/* What is said when segment s begins; taken is the routine's time so far
 * at that moment (for the finish). Empty when nothing is. */
static void phrase(const App *app, const PlayerState *s, double taken, char *buf, size_t size)
{
    char part[GUIDE_PHRASE];
    const Exercise *ex = s->exercise >= 0 ? catalog_exercise(app->cat, (size_t)s->exercise) : NULL;
    buf[0] = '\0';
    switch (s->kind) {
    case PLAYER_GET_READY:
        /* TRANSLATORS: spoken, not shown (--voice), as are the phrases
         * below; %s is the first exercise's name */
        snprintf(part, sizeof part, _("Get ready: %s."), ex ? ex->name : "");
        sentence(buf, size, part);
        break;
    case PLAYER_WORK:
        if (s->set == 1 && s->side == 0) {
            sentence(buf, size, ex ? ex->name : "");
            sentence(buf, size, side_words(app, s->exercise, s->working));
            sentence(buf, size, ex ? ex->cue : "");
        } else if (s->set > 1) {
            snprintf(part, sizeof part, _("Set %d of %d."), s->set, s->sets);
            sentence(buf, size, part);
        } else {
            sentence(buf, size, _("Go."));
        }
        break;
    case PLAYER_SWITCH:
        sentence(buf, size, _("Switch sides."));
        sentence(buf, size, side_words(app, s->exercise, s->working));
        break;
    case PLAYER_SET_REST:
        sentence(buf, size, _("Rest."));
        snprintf(part, sizeof part, _("Next: set %d of %d."), s->set, s->sets);
        sentence(buf, size, part);
        break;
    case PLAYER_STEP_REST:
        sentence(buf, size, _("Rest."));
        snprintf(part, sizeof part, _("Next: %s."), ex ? ex->name : "");
        sentence(buf, size, part);
        break;
    case PLAYER_FINISHED: {
        char took[160];
        duration(took, sizeof took, taken);
        snprintf(part, sizeof part, _("The routine is done. It took %s."), took);
        sentence(buf, size, part);
        break;
    }
    }
}

/* The last three seconds are counted in a get-ready, a rest, a switch and
 * a hold (a work segment of one rep or a timed step), as the tones tick;
 * reps are not counted aloud (docs/using.md says why). */
static bool counted(const PlayerState *s, int second)
{
    return second >= 1 && second <= 3 && s->kind != PLAYER_FINISHED &&
           (s->kind != PLAYER_WORK || s->reps <= 1);
}

/* ------------------------------------------------------------------ */
/* The moments                                                         */
/* ------------------------------------------------------------------ */

/* A high tone when work starts, a higher one at the end, a lower one for
 * rests and switches. */
static double tone_hz(PlayerSegmentKind kind)
{
    return kind == PLAYER_WORK ? 880.0 : kind == PLAYER_FINISHED ? 1046.5 : 523.25;
}

/* The next segment's words and the counted seconds, made ahead. */
static void prepare_ahead(App *app, const PlayerState *s)
{
    static const char *const digits[] = { "3", "2", "1" };
    for (int i = 0; i < 3; i++)
        voice_prepare(app->voice, digits[i]);
    if ((size_t)s->segment + 1 >= player_segment_count(app->player))
        return;
    PlayerState next;
    player_segment_state(app->player, (size_t)s->segment + 1, &next);
    char words[GUIDE_PHRASE];
    phrase(app, &next, s->taken + s->segment_left, words, sizeof words);
    voice_prepare(app->voice, words);
}

/* --verbose: what is said when, on the app's clock (the voice test reads
 * it to know when the sound device began). */
static void said(const App *app, double sound_at, const char *words)
{
    if (app->opt.verbose)
        fprintf(stderr, "limber: voice at %.3f s (sound at %.3f s): %s\n", app->now, sound_at,
                words);
}

/* Once, when the voice cannot speak the language: say so, and let the
 * tones mark the moments instead. */
static void voice_failed(App *app, VoiceStatus status)
{
    if (app->guide.reported)
        return;
    app->guide.reported = true;
    if (status == VOICE_NO_LANGUAGE) {
        fprintf(stderr, "limber: espeak-ng has no voice for '%s'; tones instead of the voice\n",
                lang_code());
        snprintf(app->note, sizeof app->note, "%s", _("No voice in this language: tones"));
        app->note_until = app->now + APP_NOTE_S;
        audio_set_enabled(app->audio, true);
    }
    /* no data: the voice has said why under --verbose; silent as without it */
}

void guide_update(App *app, const PlayerState *s, int second)
{
    voice_poll(app->voice);
    VoiceStatus status = voice_status(app->voice);
    bool voice_on = voice_enabled(app->voice);
    if (voice_on && (status == VOICE_NO_LANGUAGE || status == VOICE_NO_DATA))
        voice_failed(app, status);
    /* no device (tried and failed): silent, as without the voice */
    bool speaks = voice_on && (status == VOICE_READY || status == VOICE_STARTING) &&
                  app->screen == APP_PLAY && audio_available(app->audio);
    voice_pause(app->voice, s->paused); /* one device: the tones hold too */
    if (s->paused) {
        app->guide.spoke = speaks;
        return;
    }

    const PlayerState *was = &app->state;
    /* a restart inside one segment moves the position back */
    bool jumped = app->have_state && s->segment == was->segment && s->elapsed < was->elapsed - 0.05;
    bool begins = !app->have_state || s->segment != app->last_segment || jumped ||
                  (speaks && !app->guide.spoke);
    app->guide.spoke = speaks;
    /* where the device is before anything is queued: what comes now
     * starts there (for --verbose and the voice test) */
    double sound_at = speaks && app->opt.verbose ? audio_played_seconds(app->audio) : 0.0;
    if (begins) {
        if (speaks) {
            char words[GUIDE_PHRASE];
            phrase(app, s, s->taken, words, sizeof words);
            voice_cut(app->voice);
            if (app->have_state && s->segment != app->last_segment && audio_enabled(app->audio))
                audio_tone(app->audio, tone_hz(s->kind), GUIDE_TONE_BEFORE_S);
            voice_say(app->voice, words);
            prepare_ahead(app, s);
            said(app, sound_at, words);
        } else if (app->have_state) {
            audio_tone(app->audio, tone_hz(s->kind),
                       s->kind == PLAYER_FINISHED ? 2 * GUIDE_TONE_S : GUIDE_TONE_S);
        }
    } else if (second != app->last_second && counted(s, second)) {
        if (speaks) {
            /* a count never talks over the words of the moment before, nor
             * waits for them (it would be late): while they last, a
             * second goes uncounted */
            if (audio_queued_seconds(app->audio) <= 0.0 && !voice_waiting(app->voice)) {
                char digit[8];
                snprintf(digit, sizeof digit, "%d", second);
                voice_say(app->voice, digit);
                said(app, sound_at, digit);
            }
        } else {
            audio_tone(app->audio, 659.25, GUIDE_TICK_S);
        }
    }
}

bool guide_speaking(const App *app)
{
    return voice_enabled(app->voice) && voice_status(app->voice) == VOICE_READY &&
           (voice_waiting(app->voice) || audio_queued_seconds(app->audio) > 0.0);
}
