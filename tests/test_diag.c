/* Tests of diag: every kind has a one-line message, and errors print as
 * file:line:col: message[: detail]. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "diag.h"

static void test_messages(void **state)
{
    (void)state;
    for (int i = 0; i < DIAG_KIND_COUNT; i++) {
        const char *m = diag_message((DiagKind)i);
        assert_non_null(m);
        assert_true(strlen(m) > 5);
        /* one line, no trailing punctuation: a detail may follow after ": " */
        if (strchr(m, '\n') || m[strlen(m) - 1] == '.' || m[strlen(m) - 1] == ':')
            fail_msg("kind %d: message '%s'", i, m);
    }
    assert_string_equal(diag_message(DIAG_KIND_COUNT), "unknown error");
    assert_string_equal(diag_message((DiagKind)-1), "unknown error");
}

static void test_format(void **state)
{
    (void)state;
    static const struct {
        DiagKind kind;
        const char *file;
        int line, col;
        const char *detail, *want;
    } cases[] = {
        { DIAG_CAT_NUMBER, "data/exercises.csv", 4, 17, "",
          "data/exercises.csv:4:17: not a number" },
        { DIAG_CAT_DUPLICATE_ID, "x.csv", 9, 1, "'bridge'", "x.csv:9:1: duplicate id: 'bridge'" },
        { DIAG_FILE_OPEN, "gone.csv", 0, 0, "No such file or directory",
          "gone.csv: cannot open file: No such file or directory" },
        /* data in the detail is never a format */
        { DIAG_CAT_BAD_ID, "p%s.csv", 1, 2, "%n%s%d", "p%s.csv:1:2: bad id: expected lower-case "
                                                     "letters, digits and '-': %n%s%d" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        DiagList list = { 0 };
        diag_add(&list, cases[i].kind, cases[i].file, cases[i].line, cases[i].col,
                 cases[i].detail[0] ? "%s" : NULL, cases[i].detail);
        assert_int_equal(list.count, 1);
        char buf[256];
        diag_format(&list.items[0], buf, sizeof buf);
        assert_string_equal(buf, cases[i].want);
        diag_free(&list);
        assert_int_equal(list.count, 0);
        assert_null(list.items);
    }
}

/* A table's error in a spreadsheet's terms: the row and column before the
 * message, the bad value quoted where the message's first clause ends (or
 * at its end when it has one clause). */
static void test_where_and_value(void **state)
{
    (void)state;
    static const struct {
        DiagKind kind;
        int line;
        const char *where, *value, *detail, *want;
    } cases[] = {
        { DIAG_CAT_SIDE, 3, "row 2 (bridge), column side", "L", "",
          "r.csv:3:20: row 2 (bridge), column side: unknown side 'L': expected both, left or right" },
        { DIAG_CAT_NUMBER, 3, "row 2 (bridge), column reps", "ten", "expected a whole number",
          "r.csv:3:20: row 2 (bridge), column reps: not a number 'ten': expected a whole number" },
        { DIAG_CAT_TOO_LONG, 3, "row 3 (cat-camel), column cue", "", "41 characters; at most 40",
          "r.csv:3:20: row 3 (cat-camel), column cue: too long: 41 characters; at most 40" },
        { DIAG_CAT_NO_STEPS, 0, "", "", "", "r.csv: routine has no steps: expected at least one "
                                              "row after the header" },
        /* a value is data: never a format, never a second clause */
        { DIAG_CAT_SIDE, 3, "row 2", "%s: x", "",
          "r.csv:3:20: row 2: unknown side '%s: x': expected both, left or right" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        DiagList list = { 0 };
        Diag *d = diag_add(&list, cases[i].kind, "r.csv", cases[i].line, cases[i].line ? 20 : 0,
                           cases[i].detail[0] ? "%s" : NULL, cases[i].detail);
        assert_ptr_equal(d, &list.items[0]);
        snprintf(d->where, sizeof d->where, "%s", cases[i].where);
        snprintf(d->value, sizeof d->value, "%s", cases[i].value);
        char buf[512];
        diag_format(d, buf, sizeof buf);
        assert_string_equal(buf, cases[i].want);
        diag_free(&list);
    }
}

static const char *french(const char *msgid)
{
    return strcmp(msgid, "unknown side: expected both, left or right") == 0
               ? "c\xc3\xb4t\xc3\xa9 inconnu\xc2\xa0: valeurs both, left ou right"
               : msgid;
}

/* A translation with a no-break space before its colon (French) gets the
 * value before that space, so the colon keeps it. */
static void test_value_before_nbsp(void **state)
{
    (void)state;
    DiagList list = { 0 };
    Diag *d = diag_add(&list, DIAG_CAT_SIDE, "r.csv", 3, 20, NULL);
    assert_non_null(d);
    snprintf(d->value, sizeof d->value, "L");
    diag_set_translator(french);
    char buf[256];
    diag_format(d, buf, sizeof buf);
    diag_set_translator(NULL);
    assert_string_equal(buf, "r.csv:3:20: c\xc3\xb4t\xc3\xa9 inconnu 'L'\xc2\xa0: valeurs both, left ou right");
    diag_free(&list);
}

/* A long detail is cut, never overflows, and formatting into a small
 * buffer stays terminated. */
static void test_truncation(void **state)
{
    (void)state;
    char big[1000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    DiagList list = { 0 };
    for (int i = 0; i < 40; i++)
        diag_add(&list, DIAG_CAT_RANGE, "f.csv", i + 1, 1, "%s", big);
    assert_int_equal(list.count, 40);
    assert_int_equal(list.items[39].line, 40);
    assert_int_equal(strlen(list.items[0].detail), sizeof list.items[0].detail - 1);
    char small[12];
    diag_format(&list.items[0], small, sizeof small);
    assert_string_equal(small, "f.csv:1:1: ");
    diag_free(&list);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_messages),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_where_and_value),
        cmocka_unit_test(test_truncation),
        cmocka_unit_test(test_value_before_nbsp),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
