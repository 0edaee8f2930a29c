/* lang: the language of what Limber says. Chosen once at start; screen
 * text goes through gettext (po/<code>.po, compiled to .mo at build time),
 * the exercise texts through the translated tables (data/lang/<code>.csv,
 * read by catalog_add_translation). */
#ifndef LIMBER_LANG_H
#define LIMBER_LANG_H

#include <libintl.h> /* gettext, ngettext: glibc's, nothing to link */
#include <stddef.h>

#include "diag.h"

#define _(s) gettext(s)
#define N_(s) s /* marks a string for po/limber.pot; translated where shown */

#define LANG_CODE_SIZE 8

/* The language asked for: cli_lang (--lang, may be NULL), else the first
 * of LANGUAGE, LC_ALL, LC_MESSAGES and LANG that is set, as gettext reads
 * them: "de_DE.UTF-8" gives "de". "en" when none is, or for C and POSIX. */
void lang_choose(const char *cli_lang, char out[LANG_CODE_SIZE]);

/* Makes gettext speak code: finds the .mo files (the build tree's locale/
 * beside the executable, else ../share/locale) and sets the language even
 * where the system has no locale of that name installed. Once, before the
 * first _(). Returns false when code has no screen messages ("en" always
 * has); the exercise tables may still be translated (lang_code is code). */
int lang_init(const char *code);

/* The language in use ("en" before lang_init). */
const char *lang_code(void);

/* v as the language writes it: "1.5" in English, "1,5" in German, French
 * and Spanish. Never through LC_NUMERIC: the table parsers read '.'. */
void lang_number(char *buf, size_t size, double v);

/* The decimal point of a number already in buf made a comma where the
 * language writes one ("2.50" -> "2,50" in German): for a fixed number of
 * decimals, which lang_number's %g does not give. */
void lang_decimal_comma(char *buf);

/* For `limber check`: every translated table (DATA/lang/\*.csv and the
 * user's USER/lang/\*.csv, user_dir may be NULL) against the catalogue:
 * unknown ids, texts past their limits, and characters the bundled fonts
 * in fonts_dir cannot draw, each with its file:line:col. */
void lang_check_tables(const char *data_dir, const char *user_dir, const char *fonts_dir,
                       DiagList *diags);

#endif
