/* Tests of csv: every RFC 4180 case, and every fault with its kind and
 * exact line:col. Rows are compared through a flat picture: each field in
 * brackets, each row ended by '/'. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "csv.h"

#define NO_DIAG (-1)

typedef struct {
    const char *name;
    const char *input;
    size_t len;            /* 0 = strlen(input) */
    const char *rows;      /* the picture of the rows kept */
    int kind;              /* DiagKind of the one expected fault, or NO_DIAG */
    int line, col;
} Case;

static char *picture(const CsvTable *t)
{
    size_t cap = 64;
    for (size_t r = 0; r < csv_row_count(t); r++) {
        const CsvRow *row = csv_row(t, r);
        cap += 1;
        for (size_t f = 0; f < row->count; f++)
            cap += row->fields[f].len + 2;
    }
    char *out = calloc(1, cap);
    assert_non_null(out);
    for (size_t r = 0; r < csv_row_count(t); r++) {
        const CsvRow *row = csv_row(t, r);
        for (size_t f = 0; f < row->count; f++) {
            assert_int_equal(strlen(row->fields[f].text), row->fields[f].len);
            strcat(out, "[");
            strcat(out, row->fields[f].text);
            strcat(out, "]");
        }
        strcat(out, "/");
    }
    return out;
}

static const Case cases[] = {
    /* RFC 4180 */
    { "plain", "a,b,c\n1,2,3\n", 0, "[a][b][c]/[1][2][3]/", NO_DIAG, 0, 0 },
    { "no final newline", "a,b\n1,2", 0, "[a][b]/[1][2]/", NO_DIAG, 0, 0 },
    { "crlf", "a,b\r\n1,2\r\n", 0, "[a][b]/[1][2]/", NO_DIAG, 0, 0 },
    { "lone cr", "a,b\r1,2\r", 0, "[a][b]/[1][2]/", NO_DIAG, 0, 0 },
    { "empty fields", ",a,,\n", 0, "[][a][][]/", NO_DIAG, 0, 0 },
    { "empty line is a row", "a\n\nb\n", 0, "[a]/[]/[b]/", NO_DIAG, 0, 0 },
    { "empty input", "", 0, "", NO_DIAG, 0, 0 },
    { "quoted comma", "\"a,b\",c\n", 0, "[a,b][c]/", NO_DIAG, 0, 0 },
    { "doubled quote", "\"say \"\"hi\"\"\",x\n", 0, "[say \"hi\"][x]/", NO_DIAG, 0, 0 },
    { "empty quoted", "\"\",\"\"\"\"\n", 0, "[][\"]/", NO_DIAG, 0, 0 },
    { "line break in quotes", "\"one\ntwo\",3\n", 0, "[one\ntwo][3]/", NO_DIAG, 0, 0 },
    { "crlf in quotes becomes lf", "\"one\r\ntwo\"\r\n", 0, "[one\ntwo]/", NO_DIAG, 0, 0 },
    { "quoted at end of file", "a,\"b\"", 0, "[a][b]/", NO_DIAG, 0, 0 },
    { "spaces kept", " a , b \n", 0, "[ a ][ b ]/", NO_DIAG, 0, 0 },
    { "bom skipped", "\xEF\xBB\xBFid,x\n", 0, "[id][x]/", NO_DIAG, 0, 0 },
    { "utf-8 kept", "caf\xC3\xA9,\xE2\x80\x99,\xF0\x9F\x98\x80\n", 0,
      "[caf\xC3\xA9][\xE2\x80\x99][\xF0\x9F\x98\x80]/", NO_DIAG, 0, 0 },
    /* faults: the bad row goes, the others stay */
    { "unterminated quote", "a,b\nc,\"dd\nee\n", 0, "[a][b]/", DIAG_CSV_UNTERMINATED_QUOTE, 2, 3 },
    { "quote in field", "a,b\nc,d\"e\nf,g\n", 0, "[a][b]/[f][g]/", DIAG_CSV_QUOTE_IN_FIELD, 2, 4 },
    { "after quote", "\"ab\"c,d\nx\n", 0, "[x]/", DIAG_CSV_AFTER_QUOTE, 1, 5 },
    { "bad utf-8 lone continuation", "ok\n\xC3\xA9\x80x\nok2\n", 0, "[ok]/[ok2]/",
      DIAG_CSV_BAD_UTF8, 2, 2 },
    { "bad utf-8 latin-1", "a,caf\xE9\n", 0, "", DIAG_CSV_BAD_UTF8, 1, 6 },
    { "bad utf-8 overlong", "\xC0\xAF\n", 0, "", DIAG_CSV_BAD_UTF8, 1, 1 },
    { "bad utf-8 surrogate", "x\xED\xA0\x80\n", 0, "", DIAG_CSV_BAD_UTF8, 1, 2 },
    { "bad utf-8 beyond U+10FFFF", "\xF4\x90\x80\x80\n", 0, "", DIAG_CSV_BAD_UTF8, 1, 1 },
    { "bad utf-8 truncated at end", "ab\xE2\x80", 0, "", DIAG_CSV_BAD_UTF8, 1, 3 },
    { "bad utf-8 in quoted second line", "\"\xE2\x80\x99 ok\nx\xFF\"\n", 0, "",
      DIAG_CSV_BAD_UTF8, 2, 2 },
    { "nul byte", "a,b\nc\0d\n", 8, "[a][b]/", DIAG_CSV_NUL, 2, 2 },
    { "column counts characters", "\xC3\xA9\xC3\xA9,\"x\"y\n", 0, "", DIAG_CSV_AFTER_QUOTE, 1, 7 },
};

static void test_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const Case *c = &cases[i];
        DiagList diags = { 0 };
        size_t len = c->len ? c->len : strlen(c->input);
        CsvTable *t = csv_parse(c->input, len, "t.csv", &diags);
        assert_non_null(t);
        char *pic = picture(t);
        if (strcmp(pic, c->rows) != 0)
            fail_msg("%s: rows '%s', expected '%s'", c->name, pic, c->rows);
        if (c->kind == NO_DIAG) {
            if (diags.count != 0)
                fail_msg("%s: unexpected fault kind %d at %d:%d", c->name, diags.items[0].kind,
                         diags.items[0].line, diags.items[0].col);
        } else {
            if (diags.count != 1)
                fail_msg("%s: %zu faults, expected 1", c->name, diags.count);
            const Diag *d = &diags.items[0];
            if ((int)d->kind != c->kind || d->line != c->line || d->col != c->col)
                fail_msg("%s: fault %d at %d:%d, expected %d at %d:%d", c->name, d->kind, d->line,
                         d->col, c->kind, c->line, c->col);
            assert_string_equal(d->file, "t.csv");
        }
        free(pic);
        csv_free(t);
        diag_free(&diags);
    }
}

/* Where each field and row starts, including after a multi-line field. */
static void test_positions(void **state)
{
    (void)state;
    static const char input[] = "id,\"two\nlines\"\r\n\xC3\xA9x,\"\"\n";
    static const struct { size_t row, field; int line, col; } want[] = {
        { 0, 0, 1, 1 }, { 0, 1, 1, 4 }, { 1, 0, 3, 1 }, { 1, 1, 3, 4 },
    };
    DiagList diags = { 0 };
    CsvTable *t = csv_parse(input, sizeof input - 1, "p.csv", &diags);
    assert_int_equal(diags.count, 0);
    assert_int_equal(csv_row_count(t), 2);
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        const CsvField *f = &csv_row(t, want[i].row)->fields[want[i].field];
        assert_int_equal(f->line, want[i].line);
        assert_int_equal(f->col, want[i].col);
    }
    assert_int_equal(csv_row(t, 0)->line, 1);
    assert_int_equal(csv_row(t, 1)->line, 3);
    /* the end of row 0 is after the closing quote on line 2 */
    assert_int_equal(csv_row(t, 0)->end_line, 2);
    assert_int_equal(csv_row(t, 0)->end_col, 7);
    assert_int_equal(csv_row(t, 1)->end_col, 6);
    assert_null(csv_row(t, 2));
    csv_free(t);
    diag_free(&diags);
}

/* Rows as a spreadsheet counts them: a quoted cell with line breaks is one
 * row, a blank line is a row, a row dropped for a fault still counts and
 * keeps its first cell when that came before the fault. */
static void test_rows(void **state)
{
    (void)state;
    static const char input[] =
        "h1,h2\n"                   /* row 1, line 1 */
        "a,\"one\ntwo\nthree\"\n"   /* row 2, lines 2-4 */
        "\n"                        /* row 3, line 5 */
        "bad,x\"y\n"                /* row 4, line 6: dropped */
        "b\xE9,z\n"                 /* row 5, line 7: dropped, its first cell too */
        "c,\"d\r\ne\"\r\n"          /* row 6, lines 8-9 */
        "last,1";                   /* row 7, line 10 */
    DiagList diags = { 0 };
    CsvTable *t = csv_parse(input, sizeof input - 1, "r.csv", &diags);
    assert_int_equal(diags.count, 2);
    char text[256];
    diag_format(&diags.items[0], text, sizeof text);
    assert_string_equal(text, "r.csv:6:6: row 4: unexpected '\"' inside an unquoted field: "
                              "expected the whole field in quotes, with inner quotes doubled");
    assert_string_equal(diags.items[1].where, "row 5");
    static const struct { int row, line; } want[] = { { 1, 1 }, { 2, 2 }, { 3, 5 }, { 6, 8 },
                                                      { 7, 10 } };
    assert_int_equal(csv_row_count(t), 5);
    for (size_t i = 0; i < 5; i++) {
        assert_int_equal(csv_row(t, i)->row, want[i].row);
        assert_int_equal(csv_row(t, i)->line, want[i].line);
        assert_int_equal(csv_row(t, i)->fault_line, 0);
    }
    assert_int_equal(csv_dropped_count(t), 2);
    const CsvRow *d = csv_dropped(t, 0);
    assert_int_equal(d->row, 4);
    assert_int_equal(d->line, 6);
    assert_int_equal(d->count, 1);
    assert_string_equal(d->fields[0].text, "bad");
    assert_int_equal(d->fault_line, 6);
    assert_int_equal(d->fault_col, 6);
    d = csv_dropped(t, 1);
    assert_int_equal(d->row, 5);
    assert_int_equal(d->count, 0);
    assert_int_equal(d->fault_line, 7);
    assert_int_equal(d->fault_col, 2);
    assert_null(csv_dropped(t, 2));
    csv_free(t);
    diag_free(&diags);
}

/* An offset in a cell's text back to the file's line and column: inside a
 * quoted cell after its quote, on a later line from column 1, with each
 * inner quote written twice. */
static void test_field_position(void **state)
{
    (void)state;
    static const char input[] = "x,\"ab \"\"q\"\" \xC3\xA9z\nline two\",plain\n";
    DiagList diags = { 0 };
    CsvTable *t = csv_parse(input, sizeof input - 1, "f.csv", &diags);
    assert_int_equal(diags.count, 0);
    const CsvField *q = &csv_row(t, 0)->fields[1], *p = &csv_row(t, 0)->fields[2];
    assert_true(q->quoted);
    assert_false(p->quoted);
    static const struct { size_t offset; int line, col; } want[] = {
        { 0, 1, 4 },  /* 'a', after the opening quote at column 3 */
        { 3, 1, 7 },  /* the first inner quote, written "" */
        { 9, 1, 14 }, /* 'z': after ab ""q"" and the two-byte e-acute */
        { 11, 2, 1 }, /* 'l' of "line two" */
        { 15, 2, 5 },
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        int line, col;
        csv_field_position(q, want[i].offset, &line, &col);
        if (line != want[i].line || col != want[i].col)
            fail_msg("offset %zu: %d:%d, expected %d:%d", want[i].offset, line, col,
                     want[i].line, want[i].col);
    }
    int line, col;
    csv_field_position(p, 2, &line, &col);
    assert_int_equal(line, 2);
    assert_int_equal(col, 13);
    csv_free(t);
    diag_free(&diags);
}

/* Parses buf, expects exactly one fault of kind at line:col, and returns
 * how many rows were kept. */
static size_t one_fault(const char *buf, size_t len, DiagKind kind, int line, int col)
{
    DiagList diags = { 0 };
    CsvTable *t = csv_parse(buf, len, "limit.csv", &diags);
    assert_non_null(t);
    assert_int_equal(diags.count, 1);
    assert_int_equal(diags.items[0].kind, kind);
    assert_int_equal(diags.items[0].line, line);
    assert_int_equal(diags.items[0].col, col);
    size_t rows = csv_row_count(t);
    csv_free(t);
    diag_free(&diags);
    return rows;
}

/* Inputs beyond the limits: a clean error at the right place and memory
 * bounded by the input. */
static void test_limits(void **state)
{
    (void)state;
    size_t big = 2u << 20;
    char *buf = malloc(big + 16);
    assert_non_null(buf);

    /* a 2 MB field: named at its start; a and c survive */
    memcpy(buf, "a\nb,", 4);
    memset(buf + 4, 'x', big);
    memcpy(buf + 4 + big, "\nc\n", 3);
    assert_int_equal(one_fault(buf, big + 7, DIAG_CSV_FIELD_TOO_LONG, 2, 3), 2);

    /* too many fields: the 65th field is named */
    memset(buf, ',', CSV_MAX_FIELDS + 5);
    assert_int_equal(one_fault(buf, CSV_MAX_FIELDS + 5, DIAG_CSV_TOO_MANY_FIELDS, 1,
                               CSV_MAX_FIELDS + 1), 0);

    /* too many rows: the first row past the limit is named */
    memset(buf, '\n', CSV_MAX_ROWS + 3);
    assert_int_equal(one_fault(buf, CSV_MAX_ROWS + 3, DIAG_CSV_TOO_MANY_ROWS, CSV_MAX_ROWS + 1, 1),
                     CSV_MAX_ROWS);
    free(buf);

    /* more than the file limit: refused before reading a byte of it */
    assert_int_equal(one_fault("x", (size_t)CSV_MAX_FILE_BYTES + 1, DIAG_FILE_TOO_BIG, 0, 0), 0);
}

/* Binary junk: a bounded number of errors, then a stop. */
static void test_binary_junk(void **state)
{
    (void)state;
    enum { N = 100000 };
    char *buf = malloc(N);
    assert_non_null(buf);
    uint32_t x = 12345;
    for (size_t i = 0; i < N; i++) {
        x = x * 1103515245u + 12345u;
        buf[i] = (char)(x >> 24);
    }
    DiagList diags = { 0 };
    CsvTable *t = csv_parse(buf, N, "junk.bin", &diags);
    assert_non_null(t);
    assert_int_equal(diags.count, CSV_MAX_ERRORS + 1);
    assert_int_equal(diags.items[CSV_MAX_ERRORS].kind, DIAG_CSV_TOO_MANY_ERRORS);
    csv_free(t);
    diag_free(&diags);
    free(buf);
}

static void test_utf8(void **state)
{
    (void)state;
    static const struct { const char *s; size_t len, want; } cases8[] = {
        { "a", 1, 1 },          { "\xC3\xA9", 2, 2 },     { "\xC2\x80", 2, 2 },
        { "\xC1\xBF", 2, 0 },   { "\xE0\x9F\xBF", 3, 0 }, { "\xE0\xA0\x80", 3, 3 },
        { "\xED\x9F\xBF", 3, 3 }, { "\xED\xA0\x80", 3, 0 }, { "\xF0\x8F\xBF\xBF", 4, 0 },
        { "\xF0\x90\x80\x80", 4, 4 }, { "\xF4\x8F\xBF\xBF", 4, 4 }, { "\xF5\x80\x80\x80", 4, 0 },
        { "\xE2\x82", 2, 0 },   { "\xE2\x28\xA1", 3, 0 }, { "\x80", 1, 0 },
    };
    for (size_t i = 0; i < sizeof cases8 / sizeof cases8[0]; i++)
        if (csv_utf8_char_len((const unsigned char *)cases8[i].s, cases8[i].len) != cases8[i].want)
            fail_msg("utf8 case %zu", i);
    assert_int_equal(csv_utf8_length("a\xC3\xA9\xFF" "b", 5), 4);
}

static void test_read_file(void **state)
{
    (void)state;
    DiagList diags = { 0 };
    size_t len = 0;
    char *buf = csv_read_file("no/such/file.csv", &len, &diags);
    assert_null(buf);
    assert_int_equal(diags.count, 1);
    assert_int_equal(diags.items[0].kind, DIAG_FILE_OPEN);
    diag_free(&diags);
    CsvTable *t = csv_load("data/exercises.csv", &diags);
    assert_non_null(t);
    assert_int_equal(diags.count, 0);
    assert_true(csv_row_count(t) > 1);
    csv_free(t);
    diag_free(&diags);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),   cmocka_unit_test(test_positions),
        cmocka_unit_test(test_rows),    cmocka_unit_test(test_field_position),
        cmocka_unit_test(test_limits),  cmocka_unit_test(test_binary_junk),
        cmocka_unit_test(test_utf8),    cmocka_unit_test(test_read_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
