/* The app under test: opened with its error code checked, a key pressed,
 * a frame run at a simulated time. For the tests that drive App (app,
 * live, logo, voice). Include after cmocka.h and app.h. */
#ifndef LIMBER_TESTS_APP_FIXTURE_H
#define LIMBER_TESTS_APP_FIXTURE_H

static inline App *open_app(const Options *opt, AppScreen screen, const char *arg)
{
    int code = -1;
    App *app = app_new(opt, screen, arg, &code);
    assert_non_null(app);
    assert_int_equal(code, 0);
    return app;
}

static inline void key(SDL_Keycode sym)
{
    SDL_Event e = { .type = SDL_KEYDOWN };
    e.key.state = SDL_PRESSED;
    e.key.keysym.sym = sym;
    assert_int_equal(SDL_PushEvent(&e), 1);
}

/* The player's state after a frame at t (zero on the home screen). */
static inline PlayerState frame(App *app, double t)
{
    PlayerState s = { 0 };
    assert_true(app_frame(app, t));
    if (app_screen(app) != APP_HOME)
        assert_true(app_player_state(app, &s));
    return s;
}

#endif
