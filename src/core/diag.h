/* diag: the one list of user-facing errors (file:line:col: message).
 *
 * Every error a person can cause by editing a table or a pose file is a
 * DiagKind with one fixed message. Tests assert the kind and position, so a
 * message can be reworded without touching them. Add new kinds to the list
 * of the module that raises them; never print an error any other way.
 *
 * A table's error also says where it is in a spreadsheet's terms (the row
 * as the spreadsheet counts it, the column's name, the row's id) and quotes
 * the bad value; the value goes where the message's first ": " is, so write
 * a message that takes one as "unknown side: expected both, left or right"
 * ("unknown side 'L': expected both, left or right"). */
#ifndef LIMBER_DIAG_H
#define LIMBER_DIAG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#define DIAG_KINDS(X) \
    /* files */ \
    X(DIAG_FILE_OPEN, "cannot open file") \
    X(DIAG_FILE_TOO_BIG, "file is larger than the limit") \
    /* csv */ \
    X(DIAG_CSV_UNTERMINATED_QUOTE, "unterminated quoted field: expected a closing '\"'") \
    X(DIAG_CSV_QUOTE_IN_FIELD, "unexpected '\"' inside an unquoted field: expected the whole field in quotes, with inner quotes doubled") \
    X(DIAG_CSV_AFTER_QUOTE, "unexpected character after a closing quote: expected ',' or end of line") \
    X(DIAG_CSV_BAD_UTF8, "invalid UTF-8: expected text in UTF-8") \
    X(DIAG_CSV_NUL, "NUL byte: expected text, not binary data") \
    X(DIAG_CSV_FIELD_TOO_LONG, "field is longer than the limit") \
    X(DIAG_CSV_TOO_MANY_FIELDS, "row has more fields than the limit") \
    X(DIAG_CSV_TOO_MANY_ROWS, "table has more rows than the limit") \
    X(DIAG_CSV_TOO_MANY_ERRORS, "too many errors in this file: stopped reading it") \
    /* catalog */ \
    X(DIAG_CAT_EMPTY, "empty table: expected a header row") \
    X(DIAG_CAT_HEADER, "unexpected header") \
    X(DIAG_CAT_FIELD_COUNT, "wrong number of fields") \
    X(DIAG_CAT_NUMBER, "not a number") \
    X(DIAG_CAT_RANGE, "number out of range") \
    X(DIAG_CAT_EMPTY_FIELD, "empty field: expected a value") \
    X(DIAG_CAT_BAD_ID, "bad id: expected lower-case letters, digits and '-'") \
    X(DIAG_CAT_DUPLICATE_ID, "duplicate id") \
    X(DIAG_CAT_CATEGORY, "unknown category: expected stretching, strengthening, cardio, yoga-pilates, core or mobility") \
    X(DIAG_CAT_SIDES, "unknown sides: expected none, alternate or each") \
    X(DIAG_CAT_SIDE, "unknown side: expected both, left or right") \
    X(DIAG_CAT_SIDE_OF_NONE, "a side for an exercise without sides: expected the cell empty or both") \
    X(DIAG_CAT_UNKNOWN_EXERCISE, "unknown exercise: expected an id from the exercise table") \
    X(DIAG_CAT_BROKEN_EXERCISE, "skipped exercise: its own row in the exercise table has an error") \
    X(DIAG_CAT_TOO_MANY_INSTRUCTIONS, "too many instruction lines") \
    X(DIAG_CAT_NO_ROUTINES, "no routines found") \
    X(DIAG_CAT_TOO_LONG, "too long") \
    X(DIAG_CAT_LINE_BREAK, "line break in a one-line field") \
    X(DIAG_CAT_SECONDS_AND_REPS, "both seconds and reps: expected one of them, the other empty") \
    X(DIAG_CAT_NO_STEPS, "routine has no steps: expected at least one row after the header") \
    X(DIAG_CAT_ALL_STEPS_BROKEN, "routine skipped: every step has an error") \
    X(DIAG_CAT_NO_EXERCISE_TABLE, "routine skipped: the exercise table could not be read") \
    X(DIAG_CAT_SEMICOLONS, "cells separated by semicolons: save the file as CSV, comma separated") \
    X(DIAG_CAT_TABS, "cells separated by tabs: save the file as CSV, comma separated") \
    /* pose */ \
    X(DIAG_POSE_SYNTAX, "syntax error") \
    X(DIAG_POSE_UNKNOWN_KEY, "unknown keyword") \
    X(DIAG_POSE_UNKNOWN_ANGLE, "unknown joint angle") \
    X(DIAG_POSE_NUMBER, "expected a number") \
    X(DIAG_POSE_TIME_ORDER, "keyframe times must increase") \
    X(DIAG_POSE_EASING, "unknown easing: expected linear or ease-in-out") \
    X(DIAG_POSE_NO_KEYFRAMES, "no keyframes: expected at least one 'key'") \
    X(DIAG_POSE_MISSING, "missing pose file for exercise") \
    X(DIAG_POSE_ROM, "joint angle outside the normal range of motion") \
    X(DIAG_POSE_CAMERA, "unknown camera: expected side, front, three-quarter or a yaw from 0 to 90, then optionally 'pitch' and degrees") \
    X(DIAG_POSE_PROP, "unknown prop: expected none, mat, chair, bike or water") \
    X(DIAG_POSE_SIDE, "unknown side: expected left or right") \
    X(DIAG_POSE_CONTACT_NAME, "unknown contact: expected hands, knees, feet, toes, heels, seat, forearms, elbows, back, upper-back, belly, head or one of them with .l/.r") \
    X(DIAG_POSE_OUTSIDE_BLOCK, "joint angle outside a block: expected 'base' or 'key' before it") \
    X(DIAG_POSE_EXTRA, "unexpected word: expected the end of the line") \
    X(DIAG_POSE_MISSING_VALUE, "missing value") \
    X(DIAG_POSE_HOLD_TWICE, "a second hold phase: expected at most one phase named 'hold'") \
    X(DIAG_POSE_NO_LOOP, "missing 'loop BEAT': expected the beat at which the cycle is back at the first key") \
    X(DIAG_POSE_TOO_MANY_KEYS, "too many keyframes") \
    X(DIAG_POSE_CONTACT_OFF, "contact is off the floor: expected it within 2 cm of the floor at this keyframe") \
    X(DIAG_POSE_FOCUS_NAME, "unknown focus: expected pelvis, lumbar, thoracic, neck, shoulder-line, or hip, knee, ankle, shoulder, elbow, wrist, each alone or with .l/.r") \
    X(DIAG_POSE_DETAIL, "bad detail line: expected one 'detail' line, a joint (pelvis, lumbar, hip.l ...) and a magnification from 1.5 to 4") \
    X(DIAG_POSE_FLOOR, "bad floor line: expected one line, 'floor moves'") \
    X(DIAG_POSE_FOCUS_TWICE, "a second 'focus' line: expected one, naming every part") \
    X(DIAG_POSE_NO_HOLD, "the exercise table gives a hold but the pose has none: expected a key whose phase is 'hold'") \
    X(DIAG_LANG_GLYPH, "the bundled font cannot draw this text") \
    X(DIAG_POSE_WORKS, "unknown side line: expected 'side left' or 'side right', then leg, knee, arm-leg or turn") \
    X(DIAG_POSE_NO_SIDE, "the exercise has two sides but the pose does not say which it shows: expected a line 'side right leg' (or left; leg, knee, arm-leg or turn)")

#define DIAG_AS_ENUM(name, msg) name,
typedef enum { DIAG_KINDS(DIAG_AS_ENUM) DIAG_KIND_COUNT } DiagKind;
#undef DIAG_AS_ENUM

typedef struct {
    DiagKind kind;
    char *file;        /* owned by the list */
    int line, col;     /* 1-based; 0 when the whole file is meant */
    char where[96];    /* "row 3 (cat-camel), column cue": the spreadsheet's terms; may be empty */
    char value[48];    /* the bad value, printable (csv_excerpt); may be empty */
    char detail[192];  /* extra context, may be empty */
} Diag;

typedef struct {
    Diag *items;
    size_t count, cap;
} DiagList;

/* The fixed message of a kind, in English. */
const char *diag_message(DiagKind kind);

/* The messages' fixed words in the user's language: the app hands in
 * gettext (lang_init); the core itself stays free of it. NULL: English. */
void diag_set_translator(const char *(*translate)(const char *msgid));

/* msgid through the translator: for the words core code puts in where. */
const char *diag_tr(const char *msgid)
#if defined(__GNUC__)
    __attribute__((format_arg(1)))
#endif
    ;

/* Appends an error; detail_fmt is always a literal of ours, data goes in
 * through %s. Returns the new entry, owned by the list, so the caller may
 * fill where and value; NULL when out of memory, and the error is dropped. */
Diag *diag_add(DiagList *list, DiagKind kind, const char *file, int line, int col,
               const char *detail_fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

/* diag_add with the detail's arguments as a va_list. */
Diag *diag_addv(DiagList *list, DiagKind kind, const char *file, int line, int col,
                const char *detail_fmt, va_list ap);

/* Writes "file:line:col: [where: ]message[ 'value'][: detail]" into buf
 * (always terminated); the value goes before the message's first ": ". */
void diag_format(const Diag *d, char *buf, size_t size);

/* Prints every error, one per line. */
void diag_print_all(const DiagList *list, FILE *out);

/* Frees the list's storage and leaves it empty. */
void diag_free(DiagList *list);

#endif
