/* json: a tiny streaming JSON writer. */
#include "json.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h" /* csv_utf8_char_len: one UTF-8 validator for the program */

void json_init(JsonWriter *w, FILE *out)
{
    memset(w, 0, sizeof *w);
    w->out = out;
    w->first[0] = true;
}

/* The separator before a value: a comma unless it is the first at its
 * depth or the value of a key. */
static void before_value(JsonWriter *w)
{
    if (w->after_key) {
        w->after_key = false;
        return;
    }
    if (!w->first[w->depth])
        fputc(',', w->out);
    w->first[w->depth] = false;
}

static void open_container(JsonWriter *w, char c)
{
    before_value(w);
    fputc(c, w->out);
    assert(w->depth + 1 < JSON_MAX_DEPTH);
    w->depth++;
    w->first[w->depth] = true;
}

static void close_container(JsonWriter *w, char c)
{
    assert(w->depth > 0);
    w->depth--;
    fputc(c, w->out);
}

void json_begin_object(JsonWriter *w) { open_container(w, '{'); }
void json_end_object(JsonWriter *w) { close_container(w, '}'); }
void json_begin_array(JsonWriter *w) { open_container(w, '['); }
void json_end_array(JsonWriter *w) { close_container(w, ']'); }

void json_key(JsonWriter *w, const char *key)
{
    before_value(w);
    json_write_string(w->out, key);
    fputc(':', w->out);
    w->after_key = true;
}

void json_string(JsonWriter *w, const char *s)
{
    before_value(w);
    json_write_string(w->out, s);
}

void json_number(JsonWriter *w, double v)
{
    before_value(w);
    if (!isfinite(v)) {
        fputs("null", w->out);
        return;
    }
    /* the fewest digits that read back as the same double: 0.86, not
     * 0.85999999999999999 */
    char buf[32];
    if (v == floor(v) && fabs(v) < 1e15) {
        /* whole numbers as integers: %g would write 10 as 1e+01 */
        fprintf(w->out, "%.0f", v);
        return;
    }
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    fputs(buf, w->out);
}

void json_int(JsonWriter *w, long v)
{
    before_value(w);
    fprintf(w->out, "%ld", v);
}

void json_bool(JsonWriter *w, bool v)
{
    before_value(w);
    fputs(v ? "true" : "false", w->out);
}

void json_null(JsonWriter *w)
{
    before_value(w);
    fputs("null", w->out);
}

void json_member_string(JsonWriter *w, const char *key, const char *s)
{
    json_key(w, key);
    json_string(w, s);
}

void json_member_number(JsonWriter *w, const char *key, double v)
{
    json_key(w, key);
    json_number(w, v);
}

void json_member_int(JsonWriter *w, const char *key, long v)
{
    json_key(w, key);
    json_int(w, v);
}

void json_write_string(FILE *out, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)s;
    size_t len = strlen(s);
    fputc('"', out);
    for (size_t i = 0; i < len;) {
        unsigned c = p[i];
        if (c == '"' || c == '\\') {
            fputc('\\', out);
            fputc((int)c, out);
        } else if (c == '\n') {
            fputs("\\n", out);
        } else if (c == '\r') {
            fputs("\\r", out);
        } else if (c == '\t') {
            fputs("\\t", out);
        } else if (c == '\b') {
            fputs("\\b", out);
        } else if (c == '\f') {
            fputs("\\f", out);
        } else if (c < 0x20) {
            fprintf(out, "\\u00%c%c", hex[c >> 4], hex[c & 15]);
        } else if (c >= 0x80) {
            size_t n = csv_utf8_char_len(p + i, len - i);
            if (n == 0) {
                fputs("\\ufffd", out);
                n = 1;
            } else {
                fwrite(p + i, 1, n, out);
            }
            i += n;
            continue;
        } else {
            fputc((int)c, out);
        }
        i++;
    }
    fputc('"', out);
}
