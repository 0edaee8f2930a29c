/* Tests of json: escaping of every kind of character, numbers, and the
 * commas and nesting of a document. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "json.h"

/* Runs write on a temporary file and returns what it wrote. */
static char *capture(void (*write)(FILE *, const void *), const void *arg)
{
    FILE *f = tmpfile();
    assert_non_null(f);
    write(f, arg);
    long n = ftell(f);
    assert_true(n >= 0);
    rewind(f);
    char *buf = calloc(1, (size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    return buf;
}

static void write_string(FILE *f, const void *arg)
{
    json_write_string(f, arg);
}

static void test_escapes(void **state)
{
    (void)state;
    static const struct { const char *in, *out; } cases[] = {
        { "", "\"\"" },
        { "plain", "\"plain\"" },
        { "say \"hi\"", "\"say \\\"hi\\\"\"" },
        { "a\\b", "\"a\\\\b\"" },
        { "line\nbreak", "\"line\\nbreak\"" },
        { "\r\t\b\f", "\"\\r\\t\\b\\f\"" },
        { "\x01\x1f", "\"\\u0001\\u001f\"" },
        { "\x7f", "\"\x7f\"" },
        { "/", "\"/\"" },
        { "caf\xC3\xA9 \xE2\x80\x99 \xF0\x9F\x98\x80", "\"caf\xC3\xA9 \xE2\x80\x99 \xF0\x9F\x98\x80\"" },
        { "bad \xFF byte", "\"bad \\ufffd byte\"" },
        { "cut \xE2\x80", "\"cut \\ufffd\\ufffd\"" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = capture(write_string, cases[i].in);
        if (strcmp(got, cases[i].out) != 0)
            fail_msg("case %zu: got %s, expected %s", i, got, cases[i].out);
        free(got);
    }
}

static void write_number(FILE *f, const void *arg)
{
    JsonWriter w;
    json_init(&w, f);
    json_number(&w, *(const double *)arg);
}

static void test_numbers(void **state)
{
    (void)state;
    static const struct { double v; const char *out; } cases[] = {
        { 0, "0" },       { 595, "595" },         { 10, "10" },     { 2310, "2310" },
        { 1234.5, "1234.5" }, { 0.001, "0.001" },         { 0.86, "0.86" }, { 1.1, "1.1" },
        { -2.5, "-2.5" }, { 1e21, "1e+21" },      { 0.1 + 0.2, "0.30000000000000004" },
        { NAN, "null" },  { INFINITY, "null" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = capture(write_number, &cases[i].v);
        if (strcmp(got, cases[i].out) != 0)
            fail_msg("case %zu: got %s, expected %s", i, got, cases[i].out);
        free(got);
    }
}

static void write_document(FILE *f, const void *arg)
{
    (void)arg;
    JsonWriter w;
    json_init(&w, f);
    json_begin_object(&w);
    json_key(&w, "a");
    json_begin_array(&w);
    json_int(&w, 1);
    json_begin_object(&w);
    json_end_object(&w);
    json_begin_array(&w);
    json_end_array(&w);
    json_bool(&w, true);
    json_null(&w);
    json_end_array(&w);
    json_key(&w, "k\"");
    json_string(&w, "v");
    json_key(&w, "n");
    json_bool(&w, false);
    json_member_string(&w, "s", "t");
    json_member_number(&w, "x", 0.5);
    json_member_int(&w, "i", -3);
    json_end_object(&w);
}

static void test_document(void **state)
{
    (void)state;
    char *got = capture(write_document, NULL);
    assert_string_equal(got, "{\"a\":[1,{},[],true,null],\"k\\\"\":\"v\",\"n\":false,"
                             "\"s\":\"t\",\"x\":0.5,\"i\":-3}");
    free(got);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escapes),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_document),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
