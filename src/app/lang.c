/* lang: choosing the language and binding gettext to it. */
#include "lang.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <SDL.h> /* SDL_GetBasePath: where the .mo files are */

#define LANG_DOMAIN "limber"

static char current[LANG_CODE_SIZE] = "en";

/* "de_DE.UTF-8@euro" -> "de"; false for C, POSIX and what is no code. */
static int code_of(const char *value, char out[LANG_CODE_SIZE])
{
    if (!value || !value[0] || strcmp(value, "C") == 0 || strncmp(value, "C.", 2) == 0 ||
        strcmp(value, "POSIX") == 0)
        return 0;
    size_t n = 0;
    while (value[n] >= 'a' && value[n] <= 'z' && n < LANG_CODE_SIZE - 1)
        n++;
    if (n < 2 || n > 3)
        return 0;
    memcpy(out, value, n);
    out[n] = '\0';
    return 1;
}

void lang_choose(const char *cli_lang, char out[LANG_CODE_SIZE])
{
    if (code_of(cli_lang, out))
        return;
    /* LANGUAGE is a list ("de:en"); its first entry leads */
    static const char *const vars[] = { "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG" };
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++)
        if (code_of(getenv(vars[i]), out))
            return;
    snprintf(out, LANG_CODE_SIZE, "en");
}

/* A directory with CODE/LC_MESSAGES/limber.mo, beside the executable. */
static int find_locale_dir(const char *code, char *out, size_t size)
{
    static const char *const relative[] = { "locale", "../share/locale" };
    char *base = SDL_GetBasePath();
    int found = 0;
    for (size_t i = 0; base && i < sizeof relative / sizeof relative[0] && !found; i++) {
        char mo[1300];
        struct stat st;
        snprintf(out, size, "%s%s", base, relative[i]);
        snprintf(mo, sizeof mo, "%s/%s/LC_MESSAGES/" LANG_DOMAIN ".mo", out, code);
        found = stat(mo, &st) == 0 && S_ISREG(st.st_mode);
    }
    SDL_free(base);
    return found;
}

int lang_init(const char *code)
{
    snprintf(current, sizeof current, "%s", code);
    if (strcmp(code, "en") == 0)
        return 1;
    char dir[1200];
    if (!find_locale_dir(code, dir, sizeof dir)) {
        snprintf(current, sizeof current, "en");
        return 0;
    }
    /* gettext reads LANGUAGE only when the messages locale is not C, and a
     * kiosk or a container often has no de_DE locale installed: C.UTF-8
     * is always there (glibc 2.35+) and lets LANGUAGE choose. Numbers stay
     * in the C locale for the parsers (lang_number writes the comma). */
    const char *loc = setlocale(LC_MESSAGES, "");
    if (!loc || strcmp(loc, "C") == 0 || strcmp(loc, "POSIX") == 0)
        setlocale(LC_MESSAGES, "C.UTF-8");
    setenv("LANGUAGE", code, 1);
    bindtextdomain(LANG_DOMAIN, dir);
    bind_textdomain_codeset(LANG_DOMAIN, "UTF-8"); /* whatever LC_CTYPE says */
    textdomain(LANG_DOMAIN);
    return 1;
}

const char *lang_code(void)
{
    return current;
}

void lang_number(char *buf, size_t size, double v)
{
    snprintf(buf, size, "%g", v);
    static const char *const comma[] = { "de", "fr", "es", "it", "nl", "pt" };
    for (size_t i = 0; i < sizeof comma / sizeof comma[0]; i++)
        if (strcmp(current, comma[i]) == 0) {
            char *dot = strchr(buf, '.');
            if (dot)
                *dot = ',';
        }
}
