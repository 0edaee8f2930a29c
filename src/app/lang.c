/* lang: choosing the language and binding gettext to it. */
#include "lang.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>

#include <SDL.h> /* SDL_GetBasePath: where the .mo files are */
#include <SDL_ttf.h> /* the check that the bundled font has every glyph */
#include <dirent.h>

#include "catalog.h"
#include "csv.h"

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

static const char *translate(const char *msgid)
{
    return gettext(msgid);
}

static bool bound; /* textdomain is ours: a later English must undo it */

int lang_init(const char *code)
{
    diag_set_translator(translate); /* check's and list's messages too */
    snprintf(current, sizeof current, "%s", code);
    /* gettext reads LANGUAGE at each call: a code without a .mo (English,
     * or one with tables only) finds none and shows the msgids */
    if (bound)
        setenv("LANGUAGE", code, 1);
    if (strcmp(code, "en") == 0)
        return 1;
    char dir[1200];
    if (!find_locale_dir(code, dir, sizeof dir))
        return 0; /* the tables may still have the language: current keeps it */
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
    bound = true;
    return 1;
}

const char *lang_code(void)
{
    return current;
}

void lang_decimal_comma(char *buf)
{
    static const char *const comma[] = { "de", "fr", "es", "it", "nl", "pt" };
    for (size_t i = 0; i < sizeof comma / sizeof comma[0]; i++)
        if (strcmp(current, comma[i]) == 0) {
            char *dot = strchr(buf, '.');
            if (dot)
                *dot = ',';
        }
}

void lang_number(char *buf, size_t size, double v)
{
    snprintf(buf, size, "%g", v);
    lang_decimal_comma(buf);
}

/* ------------------------------------------------------------------ */
/* Checking the translated tables                                      */
/* ------------------------------------------------------------------ */

/* Appends DIAG_LANG_GLYPH for the first character of f that a font lacks;
 * where says the cell in a spreadsheet's terms ("row 4 (bridge), column name"). */
static void check_glyphs(TTF_Font *const fonts[2], const CsvField *f, const char *file,
                         const char *where, DiagList *diags)
{
    const unsigned char *s = (const unsigned char *)f->text;
    size_t at = 0;
    while (at < f->len) {
        size_t n = csv_utf8_char_len(s + at, f->len - at);
        if (n == 0)
            return; /* not UTF-8: the CSV parser has said so */
        Uint32 c = n == 1 ? s[at]
                   : n == 2 ? (Uint32)(s[at] & 0x1f) << 6 | (s[at + 1] & 0x3f)
                   : n == 3 ? (Uint32)(s[at] & 0x0f) << 12 | (Uint32)(s[at + 1] & 0x3f) << 6 |
                                  (s[at + 2] & 0x3f)
                            : (Uint32)(s[at] & 0x07) << 18 | (Uint32)(s[at + 1] & 0x3f) << 12 |
                                  (Uint32)(s[at + 2] & 0x3f) << 6 | (s[at + 3] & 0x3f);
        if (c >= 0x20 && c != 0x7f) {
            for (int k = 0; k < 2; k++)
                if (fonts[k] && !TTF_GlyphIsProvided32(fonts[k], c)) {
                    Diag *d = diag_add(diags, DIAG_LANG_GLYPH, file, f->line, f->col,
                                       "'%.*s' (U+%04X) is not in the %s font", (int)n,
                                       (const char *)s + at, (unsigned)c,
                                       k ? "bold" : "regular");
                    if (d)
                        snprintf(d->where, sizeof d->where, "%s", where);
                    return;
                }
        }
        at += n;
    }
}

/* One table: its rows against a fresh catalogue, then every cell's glyphs. */
static void check_table(const char *data_dir, const char *user_dir, const char *path,
                        TTF_Font *const fonts[2], DiagList *diags)
{
    DiagList ignored = { 0 }; /* the catalogue's own faults are checked apart */
    Catalog *cat = catalog_load_user(data_dir, user_dir, &ignored);
    size_t len = 0;
    char *buf = csv_read_file(path, &len, diags);
    if (cat && buf) {
        catalog_add_translation(cat, buf, len, path, diags);
        CsvTable *t = csv_parse(buf, len, path, &ignored);
        const CsvRow *header = csv_row(t, 0);
        for (size_t r = 1; header && r < csv_row_count(t); r++) {
            const CsvRow *row = csv_row(t, r);
            for (size_t k = 1; k < row->count && k < header->count; k++) { /* not the id */
                char where[96], column[CSV_EXCERPT_SIZE];
                bool id = catalog_id_valid(row->fields[0].text);
                /* the header is data too: a wrong one is reported apart */
                csv_excerpt(column, header->fields[k].text, header->fields[k].len);
                /* the words the catalogue's own cells use, so every line of
                 * check's output reads in one language */
                catalog_where(where, sizeof where, row->row, id ? row->fields[0].text : NULL,
                              column);
                check_glyphs(fonts, &row->fields[k], path, where, diags);
            }
        }
        csv_free(t);
    }
    free(buf);
    catalog_free(cat);
    diag_free(&ignored);
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every DIR/lang/\*.csv, in name order so messages come in a stable order. */
static void check_dir(const char *data_dir, const char *user_dir, const char *dir,
                      TTF_Font *const fonts[2], DiagList *diags)
{
    char lang_dir[1200];
    snprintf(lang_dir, sizeof lang_dir, "%s/lang", dir);
    DIR *d = opendir(lang_dir);
    if (!d)
        return;
    char *names[64];
    size_t count = 0;
    struct dirent *e;
    while ((e = readdir(d)) && count < sizeof names / sizeof names[0]) {
        size_t n = strlen(e->d_name);
        if (n > 4 && strcmp(e->d_name + n - 4, ".csv") == 0 && (names[count] = strdup(e->d_name)))
            count++;
    }
    closedir(d);
    qsort(names, count, sizeof names[0], compare_names);
    for (size_t i = 0; i < count; i++) {
        char path[1300];
        snprintf(path, sizeof path, "%s/%s", lang_dir, names[i]);
        check_table(data_dir, user_dir, path, fonts, diags);
        free(names[i]);
    }
}

void lang_check_tables(const char *data_dir, const char *user_dir, const char *fonts_dir,
                       DiagList *diags)
{
    TTF_Font *fonts[2] = { NULL, NULL };
    bool ttf = TTF_Init() == 0;
    static const char *const files[2] = { "DejaVuSans.ttf", "DejaVuSans-Bold.ttf" };
    for (int k = 0; ttf && k < 2; k++) {
        char path[1200];
        snprintf(path, sizeof path, "%s/%s", fonts_dir, files[k]);
        fonts[k] = TTF_OpenFont(path, 12);
    }
    check_dir(data_dir, user_dir, data_dir, fonts, diags);
    if (user_dir)
        check_dir(data_dir, user_dir, user_dir, fonts, diags);
    for (int k = 0; k < 2; k++)
        if (fonts[k])
            TTF_CloseFont(fonts[k]);
    if (ttf)
        TTF_Quit();
}
