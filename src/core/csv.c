/* csv: RFC 4180 tables read from a buffer. */
#include "csv.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Fields and rows keep offsets while the arrays still move; the pointers in
 * the public structs are filled in once, when parsing is over. */
struct CsvTable {
    char *text; /* every field's bytes, each followed by a NUL */
    size_t text_len, text_cap;
    CsvField *fields;
    size_t *field_off;
    size_t field_count, field_cap;
    CsvRow *rows;
    size_t *row_first;
    size_t row_count, row_cap;
    CsvRow *drops;          /* rows dropped for a fault, first field only */
    size_t *drop_first;
    size_t drop_count, drop_cap;
};

/* ------------------------------------------------------------------------ */
/* UTF-8                                                                    */
/* ------------------------------------------------------------------------ */

size_t csv_utf8_char_len(const unsigned char *s, size_t len)
{
    if (len == 0)
        return 0;
    unsigned c = s[0];
    if (c < 0x80)
        return 1;
    size_t n;
    unsigned lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
    if (c < 0xC2)
        return 0; /* continuation byte, or an overlong two-byte form */
    else if (c < 0xE0)
        n = 2;
    else if (c < 0xF0) {
        n = 3;
        if (c == 0xE0)
            lo = 0xA0; /* overlong */
        else if (c == 0xED)
            hi = 0x9F; /* UTF-16 surrogates */
    } else if (c < 0xF5) {
        n = 4;
        if (c == 0xF0)
            lo = 0x90; /* overlong */
        else if (c == 0xF4)
            hi = 0x8F; /* beyond U+10FFFF */
    } else
        return 0;
    if (len < n || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < n; i++)
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
    return n;
}

size_t csv_utf8_length(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t chars = 0;
    for (size_t i = 0; i < len; chars++) {
        size_t n = csv_utf8_char_len(u + i, len - i);
        i += n ? n : 1;
    }
    return chars;
}

void csv_excerpt(char out[CSV_EXCERPT_SIZE], const char *s, size_t len)
{
    size_t n = 0, i = 0;
    while (i < len && n < CSV_EXCERPT_BYTES) {
        size_t k = csv_utf8_char_len((const unsigned char *)s + i, len - i);
        if (k == 0) {
            out[n++] = '?';
            i++;
            continue;
        }
        if (n + k > CSV_EXCERPT_BYTES)
            break;
        for (size_t j = 0; j < k; j++) {
            unsigned char c = (unsigned char)s[i + j];
            out[n + j] = (c < 0x20 || c == 0x7f) ? ' ' : (char)c;
        }
        n += k;
        i += k;
    }
    if (i < len) {
        memcpy(out + n, "...", 3);
        n += 3;
    }
    out[n] = '\0';
}

/* ------------------------------------------------------------------------ */
/* Parser                                                                   */
/* ------------------------------------------------------------------------ */

typedef struct {
    const unsigned char *p;
    size_t len, pos;
    int line, col; /* of p[pos] */
    const char *file;
    DiagList *diags;
    CsvTable *t;
    int errors;
    bool stop, oom;
    /* the row being read */
    size_t row_first;
    size_t row_fields; /* including those beyond the limit, not stored */
    int row_line;
    int row_number;    /* CsvRow.row of the row being read */
    int fault_line, fault_col;
    bool first_clean;  /* the row's first field was read whole before any fault */
    bool row_bad;
    /* the field being read */
    size_t field_len;
    bool field_stored, field_too_long;
} Parser;

bool csv_grow(void **items, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return true;
    size_t cap2 = *cap ? *cap : 16;
    while (cap2 < need) {
        if (cap2 > SIZE_MAX / 2)
            return false; /* doubling would wrap round to a small size */
        cap2 *= 2;
    }
    if (cap2 > SIZE_MAX / size)
        return false;
    void *p = realloc(*items, cap2 * size);
    if (!p)
        return false;
    *items = p;
    *cap = cap2;
    return true;
}

/* Grows an array and its parallel array of offsets together, so they share
 * one capacity. */
static bool grow_pair(void **items, size_t size, size_t **offs, size_t *cap, size_t need)
{
    if (need <= *cap)
        return true;
    if (*cap > SIZE_MAX / 2)
        return false;
    size_t cap2 = *cap ? *cap * 2 : 64;
    if (cap2 < need || cap2 > SIZE_MAX / size || cap2 > SIZE_MAX / sizeof **offs)
        return false; /* checked: the product below must not wrap */
    void *p = realloc(*items, cap2 * size);
    if (!p)
        return false;
    *items = p;
    size_t *o = realloc(*offs, cap2 * sizeof *o);
    if (!o)
        return false; /* *cap unchanged: the larger items block is merely unused */
    *offs = o;
    *cap = cap2;
    return true;
}

/* Reports a fault of the current row. Only the first fault of a row is
 * reported: the rest usually follow from it, and binary junk would
 * otherwise flood the list. */
static void fault(Parser *ps, DiagKind kind, int line, int col)
{
    if (ps->row_bad && kind != DIAG_CSV_UNTERMINATED_QUOTE)
        return;
    if (!ps->row_bad) {
        ps->fault_line = line;
        ps->fault_col = col;
    }
    ps->row_bad = true;
    if (ps->errors == CSV_MAX_ERRORS) {
        diag_add(ps->diags, DIAG_CSV_TOO_MANY_ERRORS, ps->file, line, col, "more than %d",
                 CSV_MAX_ERRORS);
        ps->stop = true;
        return;
    }
    ps->errors++;
    Diag *d;
    switch (kind) {
    case DIAG_CSV_FIELD_TOO_LONG:
        d = diag_add(ps->diags, kind, ps->file, line, col, "expected at most %d bytes",
                     CSV_MAX_FIELD_BYTES);
        break;
    case DIAG_CSV_TOO_MANY_FIELDS:
        d = diag_add(ps->diags, kind, ps->file, line, col, "expected at most %d", CSV_MAX_FIELDS);
        break;
    case DIAG_CSV_TOO_MANY_ROWS:
        d = diag_add(ps->diags, kind, ps->file, line, col, "expected at most %d", CSV_MAX_ROWS);
        break;
    default:
        d = diag_add(ps->diags, kind, ps->file, line, col, NULL);
        break;
    }
    if (d)
        snprintf(d->where, sizeof d->where, diag_tr("row %d"), ps->row_number);
}

static void append(Parser *ps, const unsigned char *bytes, size_t n, int fline, int fcol)
{
    if (!ps->field_stored)
        return;
    if (ps->field_len + n > CSV_MAX_FIELD_BYTES) {
        if (!ps->field_too_long)
            fault(ps, DIAG_CSV_FIELD_TOO_LONG, fline, fcol);
        ps->field_too_long = true;
        return;
    }
    CsvTable *t = ps->t;
    if (!csv_grow((void **)&t->text, &t->text_cap, t->text_len + n + 1, 1)) {
        ps->oom = ps->stop = true;
        return;
    }
    memcpy(t->text + t->text_len, bytes, n);
    t->text_len += n;
    ps->field_len += n;
}

/* Consumes one character of field content: validates it and keeps it. */
static void take_char(Parser *ps, int fline, int fcol)
{
    const unsigned char *c = ps->p + ps->pos;
    size_t n = csv_utf8_char_len(c, ps->len - ps->pos);
    if (*c == 0) {
        fault(ps, DIAG_CSV_NUL, ps->line, ps->col);
        n = 1;
    } else if (n == 0) {
        fault(ps, DIAG_CSV_BAD_UTF8, ps->line, ps->col);
        n = 1; /* each bad byte is one column, as editors show it */
    } else {
        append(ps, c, n, fline, fcol);
    }
    ps->pos += n;
    ps->col++;
}

static bool at_line_break(const Parser *ps)
{
    return ps->pos < ps->len && (ps->p[ps->pos] == '\n' || ps->p[ps->pos] == '\r');
}

static void take_line_break(Parser *ps)
{
    if (ps->p[ps->pos] == '\r' && ps->pos + 1 < ps->len && ps->p[ps->pos + 1] == '\n')
        ps->pos++;
    ps->pos++;
    ps->line++;
    ps->col = 1;
}

static void begin_field(Parser *ps, int fline, int fcol)
{
    CsvTable *t = ps->t;
    ps->field_len = 0;
    ps->field_too_long = false;
    ps->field_stored = false;
    if (++ps->row_fields > CSV_MAX_FIELDS) {
        fault(ps, DIAG_CSV_TOO_MANY_FIELDS, fline, fcol);
        return;
    }
    if (!grow_pair((void **)&t->fields, sizeof *t->fields, &t->field_off, &t->field_cap,
                   t->field_count + 1) ||
        !csv_grow((void **)&t->text, &t->text_cap, t->text_len + 1, 1)) {
        ps->oom = ps->stop = true;
        return;
    }
    t->fields[t->field_count] = (CsvField){ .line = fline, .col = fcol };
    t->field_off[t->field_count] = t->text_len;
    t->field_count++;
    ps->field_stored = true;
}

static void end_field(Parser *ps)
{
    if (!ps->field_stored)
        return;
    CsvTable *t = ps->t;
    t->fields[t->field_count - 1].len = ps->field_len;
    t->text[t->text_len++] = '\0'; /* room was made in begin_field/append */
    if (t->field_count == ps->row_first + 1 && !ps->row_bad)
        ps->first_clean = true;
}

/* Keeps a dropped row's first field, when it was read whole before the
 * fault, and gives the rest of its bytes back. */
static void keep_dropped(Parser *ps)
{
    CsvTable *t = ps->t;
    size_t keep = ps->first_clean && t->field_count > ps->row_first ? 1 : 0;
    if (t->field_count > ps->row_first + keep)
        t->text_len = t->field_off[ps->row_first + keep];
    t->field_count = ps->row_first + keep;
    if (!grow_pair((void **)&t->drops, sizeof *t->drops, &t->drop_first, &t->drop_cap,
                   t->drop_count + 1)) {
        ps->oom = ps->stop = true;
        return;
    }
    t->drops[t->drop_count] = (CsvRow){
        .count = keep,
        .row = ps->row_number,
        .line = ps->row_line,
        .end_line = ps->line,
        .end_col = ps->col,
        .fault_line = ps->fault_line,
        .fault_col = ps->fault_col,
    };
    t->drop_first[t->drop_count] = ps->row_first;
    t->drop_count++;
}

static void end_row(Parser *ps)
{
    CsvTable *t = ps->t;
    if (!ps->row_bad && !ps->oom && t->row_count == CSV_MAX_ROWS) {
        fault(ps, DIAG_CSV_TOO_MANY_ROWS, ps->row_line, 1);
        ps->stop = true;
    }
    if (ps->row_bad && !ps->oom) {
        keep_dropped(ps);
        return;
    }
    if (ps->oom) {
        /* drop the row and give its bytes back */
        if (t->field_count > ps->row_first)
            t->text_len = t->field_off[ps->row_first];
        t->field_count = ps->row_first;
        return;
    }
    if (!grow_pair((void **)&t->rows, sizeof *t->rows, &t->row_first, &t->row_cap,
                   t->row_count + 1)) {
        ps->oom = ps->stop = true;
        return;
    }
    t->rows[t->row_count] = (CsvRow){
        .count = t->field_count - ps->row_first,
        .row = ps->row_number,
        .line = ps->row_line,
        .end_line = ps->line,
        .end_col = ps->col,
    };
    t->row_first[t->row_count] = ps->row_first;
    t->row_count++;
}

/* A quoted field, from its opening quote. Returns false at an unterminated
 * quote, which ends the table: everything after it is inside the field. */
static bool quoted_field(Parser *ps, int fline, int fcol)
{
    ps->pos++;
    ps->col++;
    for (;;) {
        if (ps->stop)
            return false;
        if (ps->pos >= ps->len) {
            fault(ps, DIAG_CSV_UNTERMINATED_QUOTE, fline, fcol);
            return false;
        }
        if (ps->p[ps->pos] == '"') {
            if (ps->pos + 1 < ps->len && ps->p[ps->pos + 1] == '"') {
                append(ps, (const unsigned char *)"\"", 1, fline, fcol);
                ps->pos += 2;
                ps->col += 2;
                continue;
            }
            ps->pos++;
            ps->col++;
            break;
        }
        if (at_line_break(ps)) {
            append(ps, (const unsigned char *)"\n", 1, fline, fcol);
            take_line_break(ps);
            continue;
        }
        take_char(ps, fline, fcol);
    }
    /* after the closing quote only a separator may follow */
    if (ps->pos < ps->len && ps->p[ps->pos] != ',' && !at_line_break(ps))
        fault(ps, DIAG_CSV_AFTER_QUOTE, ps->line, ps->col);
    while (!ps->stop && ps->pos < ps->len && ps->p[ps->pos] != ',' && !at_line_break(ps))
        take_char(ps, fline, fcol);
    return true;
}

static void unquoted_field(Parser *ps, int fline, int fcol)
{
    while (!ps->stop && ps->pos < ps->len && ps->p[ps->pos] != ',' && !at_line_break(ps)) {
        if (ps->p[ps->pos] == '"')
            fault(ps, DIAG_CSV_QUOTE_IN_FIELD, ps->line, ps->col);
        take_char(ps, fline, fcol);
    }
}

static void parse_row(Parser *ps)
{
    ps->row_first = ps->t->field_count;
    ps->row_fields = 0;
    ps->row_line = ps->line;
    ps->row_number++;
    ps->first_clean = false;
    ps->row_bad = false;
    for (;;) {
        int fline = ps->line, fcol = ps->col;
        begin_field(ps, fline, fcol);
        if (ps->pos < ps->len && ps->p[ps->pos] == '"') {
            if (ps->field_stored)
                ps->t->fields[ps->t->field_count - 1].quoted = true;
            if (!quoted_field(ps, fline, fcol)) {
                ps->row_bad = true;
                end_row(ps);
                ps->stop = true;
                return;
            }
        } else {
            unquoted_field(ps, fline, fcol);
        }
        end_field(ps);
        if (ps->stop) {
            ps->row_bad = true;
            end_row(ps);
            return;
        }
        if (ps->pos < ps->len && ps->p[ps->pos] == ',') {
            ps->pos++;
            ps->col++;
            continue;
        }
        int end_line = ps->line, end_col = ps->col;
        if (ps->pos < ps->len)
            take_line_break(ps);
        end_row(ps);
        if (!ps->row_bad && !ps->oom && ps->t->row_count > 0) {
            ps->t->rows[ps->t->row_count - 1].end_line = end_line;
            ps->t->rows[ps->t->row_count - 1].end_col = end_col;
        }
        return;
    }
}

CsvTable *csv_parse(const char *buf, size_t len, const char *file, DiagList *diags)
{
    CsvTable *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    Parser ps = {
        .p = (const unsigned char *)buf, .len = len, .line = 1, .col = 1,
        .file = file, .diags = diags, .t = t,
    };
    if (len > CSV_MAX_FILE_BYTES) {
        diag_add(diags, DIAG_FILE_TOO_BIG, file, 0, 0, "expected at most 4 MiB");
        return t;
    }
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        ps.pos = 3; /* a spreadsheet's byte-order mark is not a column */
    while (!ps.stop && ps.pos < ps.len)
        parse_row(&ps);
    if (ps.oom)
        goto fail;
    for (size_t i = 0; i < t->field_count; i++)
        t->fields[i].text = t->text + t->field_off[i];
    for (size_t i = 0; i < t->row_count; i++)
        t->rows[i].fields = t->fields + t->row_first[i];
    for (size_t i = 0; i < t->drop_count; i++)
        t->drops[i].fields = t->fields + t->drop_first[i];
    return t;

fail:
    csv_free(t);
    return NULL;
}

/* ------------------------------------------------------------------------ */
/* Files and access                                                         */
/* ------------------------------------------------------------------------ */

char *csv_read_file(const char *path, size_t *len, DiagList *diags)
{
    FILE *f = NULL;
    char *buf = NULL;
    size_t used = 0, cap = 0;
    *len = 0;
    f = fopen(path, "rb");
    if (!f) {
        diag_add(diags, DIAG_FILE_OPEN, path, 0, 0, "%s", strerror(errno));
        goto fail;
    }
    for (;;) {
        if (used > CSV_MAX_FILE_BYTES) {
            diag_add(diags, DIAG_FILE_TOO_BIG, path, 0, 0, "expected at most 4 MiB");
            goto fail;
        }
        if (!csv_grow((void **)&buf, &cap, used + 65536 + 1, 1))
            goto fail;
        size_t n = fread(buf + used, 1, cap - used - 1, f);
        used += n;
        if (n == 0) {
            if (ferror(f)) {
                diag_add(diags, DIAG_FILE_OPEN, path, 0, 0, "%s", strerror(errno));
                goto fail;
            }
            break;
        }
    }
    fclose(f);
    buf[used] = '\0';
    *len = used;
    return buf;

fail:
    if (f)
        fclose(f);
    free(buf);
    return NULL;
}

CsvTable *csv_load(const char *path, DiagList *diags)
{
    size_t len;
    char *buf = csv_read_file(path, &len, diags);
    if (!buf)
        return NULL;
    CsvTable *t = csv_parse(buf, len, path, diags);
    free(buf);
    return t;
}

void csv_free(CsvTable *table)
{
    if (!table)
        return;
    free(table->text);
    free(table->fields);
    free(table->field_off);
    free(table->rows);
    free(table->row_first);
    free(table->drops);
    free(table->drop_first);
    free(table);
}

size_t csv_row_count(const CsvTable *table)
{
    return table ? table->row_count : 0;
}

const CsvRow *csv_row(const CsvTable *table, size_t i)
{
    return i < csv_row_count(table) ? &table->rows[i] : NULL;
}

void csv_field_position(const CsvField *f, size_t offset, int *line, int *col)
{
    const unsigned char *s = (const unsigned char *)f->text;
    int l = f->line, c = f->col + (f->quoted ? 1 : 0);
    if (offset > f->len)
        offset = f->len;
    for (size_t i = 0; i < offset;) {
        if (s[i] == '\n') {
            l++;
            c = 1;
            i++;
            continue;
        }
        size_t n = csv_utf8_char_len(s + i, f->len - i);
        c += (f->quoted && s[i] == '"') ? 2 : 1; /* written doubled */
        i += n ? n : 1;
    }
    *line = l;
    *col = c;
}

size_t csv_dropped_count(const CsvTable *table)
{
    return table ? table->drop_count : 0;
}

const CsvRow *csv_dropped(const CsvTable *table, size_t i)
{
    return i < csv_dropped_count(table) ? &table->drops[i] : NULL;
}
