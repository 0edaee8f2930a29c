/* The voice: espeak-ng in its thread, the language it speaks, what happens
 * when it cannot, and that nothing is spoken while a routine is paused
 * (SDL's disk audio driver writes what the device plays to a file). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h> /* mkdir */
#include <sys/wait.h> /* waitpid: the no-data case in a child */
#include <unistd.h>   /* rmdir */

#include <cmocka.h>

#include <SDL.h>

#include "app.h"
#include "audio.h"
#include "voice.h"

#include "app_fixture.h"

/* A voice on a dummy device: the synthesiser runs, nothing is heard. */
static Voice *start(Audio **audio, const char *lang, const char *data_dir)
{
    *audio = audio_new(false);
    assert_non_null(*audio);
    Voice *v = voice_new(*audio, lang, data_dir, false);
    assert_non_null(v);
    assert_int_equal(voice_status(v), VOICE_OFF);
    voice_set_enabled(v, true);
    assert_true(voice_wait_idle(v, 10.0));
    return v;
}

static void stop(Audio *audio, Voice *v)
{
    voice_free(v);
    audio_free(audio);
}

static void test_follows_language(void **state)
{
    (void)state;
    /* the same digits, said in English and in German */
    static const char *const langs[] = { "en", "de" };
    double seconds[2];
    for (int i = 0; i < 2; i++) {
        Audio *audio;
        Voice *v = start(&audio, langs[i], NULL);
        assert_int_equal(voice_status(v), VOICE_READY);
        char got[16];
        voice_language(v, got, sizeof got);
        /* espeak-ng's own name: "en-gb" for English, "de" for German */
        assert_memory_equal(got, langs[i], 2);
        assert_true(got[2] == '\0' || got[2] == '-');
        voice_prepare(v, "21");
        assert_true(voice_wait_idle(v, 10.0));
        seconds[i] = voice_phrase_seconds(v, "21");
        assert_true(seconds[i] > 0.3 && seconds[i] < 3.0);
        stop(audio, v);
    }
    /* "twenty-one" and "einundzwanzig" are not the same length */
    assert_true(fabs(seconds[0] - seconds[1]) > 0.05);
}

static void test_no_voice_for_language(void **state)
{
    (void)state;
    Audio *audio;
    Voice *v = start(&audio, "xx", NULL);
    assert_int_equal(voice_status(v), VOICE_NO_LANGUAGE);
    char got[16];
    voice_language(v, got, sizeof got);
    assert_string_equal(got, "");
    /* every call after a failure is harmless */
    voice_prepare(v, "Rest.");
    voice_say(v, "Rest.");
    assert_false(voice_waiting(v));
    voice_poll(v);
    voice_pause(v, true);
    voice_pause(v, false);
    voice_cut(v);
    assert_true(voice_phrase_seconds(v, "Rest.") == 0.0);
    stop(audio, v);
}

static void test_no_data(void **state)
{
    (void)state;
    /* espeak-ng loads its data once a process: try it in a fresh one */
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        /* a data directory that exists and holds nothing: espeak-ng takes
         * it (one that does not exist it skips for its installed data) */
        char dir[] = "/tmp/limber-voice-XXXXXX";
        if (!mkdtemp(dir))
            _exit(2);
        Audio *audio = audio_new(false);
        Voice *v = voice_new(audio, "en", dir, false);
        voice_set_enabled(v, true);
        bool idle = voice_wait_idle(v, 10.0);
        VoiceStatus status = voice_status(v);
        voice_say(v, "Rest.");
        voice_poll(v);
        bool waiting = voice_waiting(v);
        voice_free(v);
        audio_free(audio);
        rmdir(dir);
        _exit(idle && status == VOICE_NO_DATA && !waiting ? 0 : 1);
    }
    int wstatus = 0;
    assert_int_equal(waitpid(pid, &wstatus, 0), pid);
    assert_true(WIFEXITED(wstatus));
    assert_int_equal(WEXITSTATUS(wstatus), 0);
}

static void test_off_never_starts(void **state)
{
    (void)state;
    Audio *audio = audio_new(false);
    Voice *v = voice_new(audio, "en", NULL, false);
    voice_say(v, "Rest.");
    voice_prepare(v, "Rest.");
    assert_int_equal(voice_status(v), VOICE_OFF);
    assert_false(voice_enabled(v));
    stop(audio, v);
}

/* What a skip does to the one queue: voice_cut drops what is queued, the
 * tones with it, and the next phrase starts at once. */
static void test_cut_empties_the_queue(void **state)
{
    (void)state;
    Audio *audio = audio_new(false);
    audio_want_device(audio);
    audio_open_deferred(audio); /* SDL's dummy driver: a device that plays nothing */
    assert_true(audio_has_device(audio));
    Voice *v = voice_new(audio, "en", NULL, false);
    voice_set_enabled(v, true);
    voice_prepare(v, "Rest. Next: Cat-Camel.");
    assert_true(voice_wait_idle(v, 10.0));
    double said = voice_phrase_seconds(v, "Rest. Next: Cat-Camel.");
    assert_true(said > 0.5);
    audio_pause(audio, true); /* nothing is taken from the queue meanwhile */
    voice_say(v, "Rest. Next: Cat-Camel.");
    assert_true(fabs(audio_queued_seconds(audio) - said) < 1e-3);
    voice_say(v, "Rest. Next: Cat-Camel.");
    assert_true(fabs(audio_queued_seconds(audio) - 2 * said) < 1e-3);
    voice_cut(v);
    assert_true(audio_queued_seconds(audio) == 0.0);
    /* a phrase not made yet waits, and a cut forgets it */
    voice_say(v, "Switch sides.");
    voice_cut(v);
    assert_false(voice_waiting(v));
    assert_true(voice_wait_idle(v, 10.0));
    voice_poll(v);
    assert_true(audio_queued_seconds(audio) == 0.0);
    stop(audio, v);
}

/* ------------------------------------------------------------------ */
/* Paused: silence                                                     */
/* ------------------------------------------------------------------ */

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* Runs frames on the app's real clock until its time reaches until. */
static void run_until(App *app, double until)
{
    while (app_now(app) < until) {
        assert_true(app_frame(app, app_now(app)));
        SDL_Delay(5);
    }
}

static void test_paused_is_silent(void **state)
{
    (void)state;
    char dir[] = "/tmp/limber-voice-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256], raw[256], cmd[600];
    snprintf(path, sizeof path, "%s/routines", dir);
    assert_int_equal(mkdir(path, 0700), 0);
    snprintf(cmd, sizeof cmd, "cp %s/data/exercises.csv %s/", LIMBER_SOURCE_DIR, dir);
    assert_int_equal(system(cmd), 0);
    snprintf(path, sizeof path, "%s/routines/short.csv", dir);
    write_file(path, "exercise,seconds,reps,rest_s,side\nhip-flexor-stretch,6,,6,\ncat-camel,8,,,\n");
    snprintf(raw, sizeof raw, "%s/out.raw", dir);
    setenv("SDL_AUDIODRIVER", "disk", 1);
    setenv("SDL_DISKAUDIOFILE", raw, 1);

    Options opt = { .command = "play", .display = -1, .speed = 1.0, .window_w = 320,
                    .window_h = 180, .voice = true };
    snprintf(opt.data_dir, sizeof opt.data_dir, "%s", dir);
    snprintf(opt.assets_dir, sizeof opt.assets_dir, "%s/assets", LIMBER_SOURCE_DIR);
    int code = -1;
    App *app = app_new(&opt, APP_PLAY, "short", &code);
    assert_non_null(app);
    /* "Get ready. First: Hip Flexor Stretch." takes about two seconds:
     * pause in the middle of it for two seconds */
    run_until(app, 0.8);
    key(SDLK_SPACE);
    run_until(app, 2.8);
    PlayerState s;
    assert_true(app_player_state(app, &s));
    assert_true(s.paused);
    key(SDLK_SPACE);
    run_until(app, 4.0);
    app_free(app);
    unsetenv("SDL_DISKAUDIOFILE");
    setenv("SDL_AUDIODRIVER", "dummy", 1);

    /* the file (its time is the app's within a few tens of milliseconds
     * over four seconds): speech, silence while paused, speech again */
    FILE *f = fopen(raw, "rb");
    assert_non_null(f);
    static float samples[48000 * 8];
    size_t n = fread(samples, sizeof samples[0], sizeof samples / sizeof samples[0], f);
    fclose(f);
    size_t loud[3] = { 0 }; /* before the pause, during, after */
    for (size_t i = 0; i < n; i++) {
        double t = (double)i / 48000.0;
        int part = t < 0.8 ? 0 : t > 0.9 && t < 2.7 ? 1 : t > 2.8 ? 2 : -1;
        if (part >= 0 && fabsf(samples[i]) >= 0.02f)
            loud[part]++;
    }
    assert_true(n > 48000 * 3);
    assert_true(loud[0] > 4800);
    assert_int_equal(loud[1], 0);
    assert_true(loud[2] > 4800);
    remove(raw);
    snprintf(cmd, sizeof cmd, "rm -r %s", dir);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_data),
        cmocka_unit_test(test_follows_language),
        cmocka_unit_test(test_no_voice_for_language),
        cmocka_unit_test(test_off_never_starts),
        cmocka_unit_test(test_cut_empties_the_queue),
        cmocka_unit_test(test_paused_is_silent),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
