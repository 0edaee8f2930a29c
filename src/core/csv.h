/* csv: RFC 4180 tables read from a buffer, with every fault at file:line:col.
 *
 * Accepted: quoted fields with commas, doubled quotes and line breaks; CRLF,
 * LF or a lone CR between records; a last record without a line break; UTF-8
 * with or without a byte-order mark. Line breaks inside a quoted field reach
 * the field as "\n" whatever the file used, so callers split on '\n' only.
 *
 * Rejected, with the position of the first offending character (columns
 * count characters, 1-based, of the physical line where the fault is):
 * invalid UTF-8, NUL bytes, stray quotes, an unterminated quote, and inputs
 * beyond the limits below. A row with a fault is reported, with its row
 * number as a spreadsheet shows it, and dropped; the other rows survive. Memory stays proportional to the input, which is
 * itself capped, so binary junk or a 2 MB field costs little. */
#ifndef LIMBER_CSV_H
#define LIMBER_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

#define CSV_MAX_FILE_BYTES (4u << 20) /* 4 MiB: our tables are a few kB */
#define CSV_MAX_FIELD_BYTES 4096      /* a long instruction cell is ~300 */
#define CSV_MAX_FIELDS 64             /* per row */
#define CSV_MAX_ROWS 10000
#define CSV_MAX_ERRORS 20             /* per file; then parsing stops */

typedef struct {
    const char *text;  /* NUL-terminated, owned by the table */
    size_t len;        /* bytes, without the NUL */
    int line, col;     /* where the field starts (its quote, if quoted) */
    bool quoted;
} CsvField;

typedef struct {
    const CsvField *fields;
    size_t count;
    int row;           /* as a spreadsheet counts: the header is row 1, a
                          record with line breaks in a quoted cell is one
                          row, and blank or dropped records count too */
    int line;          /* of the first field */
    int end_line, end_col; /* just past the last field, for "too few fields" */
    int fault_line, fault_col; /* a dropped row's first fault; 0 for a good row */
} CsvRow;

typedef struct CsvTable CsvTable;

/* Parses len bytes of buf (which need not be NUL-terminated); file names the
 * buffer in messages and is copied. Returns a table of the good rows (NULL
 * only when out of memory); each fault is appended to diags. Free with
 * csv_free. */
CsvTable *csv_parse(const char *buf, size_t len, const char *file, DiagList *diags);

/* Reads a whole file into a NUL-terminated buffer the caller frees; *len
 * gets its size. NULL, with DIAG_FILE_OPEN or DIAG_FILE_TOO_BIG appended,
 * when it cannot be read or is larger than CSV_MAX_FILE_BYTES. */
char *csv_read_file(const char *path, size_t *len, DiagList *diags);

/* csv_read_file then csv_parse; NULL when the file could not be read. */
CsvTable *csv_load(const char *path, DiagList *diags);

void csv_free(CsvTable *table);

/* The line and column in the file of byte offset of field f's text: a line
 * break in the cell is a new line, a quote inside a quoted cell two columns
 * (it was written doubled). For pointing at one line of a multi-line cell. */
void csv_field_position(const CsvField *f, size_t offset, int *line, int *col);

size_t csv_row_count(const CsvTable *table);
const CsvRow *csv_row(const CsvTable *table, size_t i); /* owned by the table */

/* The rows dropped for a fault, in order, each with its first field when
 * that was read whole (count 0 or 1): enough to say which id a broken row
 * had, so a routine can name the row instead of calling the id unknown. */
size_t csv_dropped_count(const CsvTable *table);
const CsvRow *csv_dropped(const CsvTable *table, size_t i); /* owned by the table */

/* Makes room for need elements of size bytes in *items, doubling *cap.
 * False, with both untouched, when out of memory. Shared by the parsers so
 * every growing array follows one rule. */
bool csv_grow(void **items, size_t *cap, size_t need, size_t size);

/* Bytes of the valid UTF-8 character at s[0..len), or 0 when it is not one
 * (overlong, surrogate, beyond U+10FFFF, truncated). Shared so every parser
 * counts columns the same way. */
size_t csv_utf8_char_len(const unsigned char *s, size_t len);

/* Characters in the valid UTF-8 text s[0..len) (invalid bytes count one each). */
size_t csv_utf8_length(const char *s, size_t len);

/* A short, printable excerpt of data for a message, always terminated: at
 * most CSV_EXCERPT_BYTES of s[0..len), cut at a character boundary, control
 * characters as spaces, a byte that is not UTF-8 as '?', "..." when cut.
 * Every parser quotes data through it, so no file can put a terminal
 * escape or broken UTF-8 into a message, a terminal or the error card. */
#define CSV_EXCERPT_BYTES 40
#define CSV_EXCERPT_SIZE 48
void csv_excerpt(char out[CSV_EXCERPT_SIZE], const char *s, size_t len);

#endif
