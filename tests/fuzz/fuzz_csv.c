/* libFuzzer target: csv_parse on any bytes must not crash, leak or break
 * its own promises (NUL-free fields of the stated length, positions from 1,
 * bounded errors). Built and run by tests/fuzz/run. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    DiagList diags = { 0 };
    CsvTable *t = csv_parse((const char *)data, size, "fuzz.csv", &diags);
    if (!t)
        abort();
    for (size_t r = 0; r < csv_row_count(t); r++) {
        const CsvRow *row = csv_row(t, r);
        if (row->count == 0 || row->count > CSV_MAX_FIELDS || row->line < 1)
            abort();
        for (size_t f = 0; f < row->count; f++) {
            const CsvField *fd = &row->fields[f];
            if (strlen(fd->text) != fd->len || fd->len > CSV_MAX_FIELD_BYTES || fd->line < 1 ||
                fd->col < 1 || csv_utf8_length(fd->text, fd->len) > fd->len)
                abort();
        }
    }
    if (diags.count > CSV_MAX_ERRORS + 1)
        abort();
    for (size_t i = 0; i < diags.count; i++)
        if (diags.items[i].line < 0 || diags.items[i].col < 0)
            abort();
    csv_free(t);
    diag_free(&diags);
    return 0;
}
