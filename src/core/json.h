/* json: a tiny streaming JSON writer, for `limber list --json` and
 * `limber bench --json`.
 *
 * Strings are escaped as RFC 8259 asks: quote and backslash, control
 * characters as \n, \t ... or \u00XX; UTF-8 passes through unchanged, and an
 * invalid byte (which validated data never holds) becomes U+FFFD so the
 * output always parses. Commas are placed by the writer. */
#ifndef LIMBER_JSON_H
#define LIMBER_JSON_H

#include <stdbool.h>
#include <stdio.h>

#define JSON_MAX_DEPTH 32

typedef struct {
    FILE *out;
    int depth;
    bool first[JSON_MAX_DEPTH]; /* no value written yet at this depth */
    bool after_key;             /* the next value follows "key": */
} JsonWriter;

/* Starts a document on out; the writer holds no memory and needs no free. */
void json_init(JsonWriter *w, FILE *out);

void json_begin_object(JsonWriter *w);
void json_end_object(JsonWriter *w);
void json_begin_array(JsonWriter *w);
void json_end_array(JsonWriter *w);

/* A key inside an object; the next call writes its value. */
void json_key(JsonWriter *w, const char *key);

void json_string(JsonWriter *w, const char *s);
void json_number(JsonWriter *w, double v); /* shortest round-trip form; NaN and inf as null */
void json_int(JsonWriter *w, long v);
void json_bool(JsonWriter *w, bool v);
void json_null(JsonWriter *w);

/* A key and its value in one call, for the common flat members. */
void json_member_string(JsonWriter *w, const char *key, const char *s);
void json_member_number(JsonWriter *w, const char *key, double v);
void json_member_int(JsonWriter *w, const char *key, long v);

/* Writes s as a quoted, escaped JSON string. */
void json_write_string(FILE *out, const char *s);

#endif
