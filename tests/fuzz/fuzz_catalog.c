/* libFuzzer target: the catalogue on any bytes. The input is an exercise
 * table, then optionally two NUL bytes and a routine table read against it.
 * Nothing may crash, every kept row must be in range, planned times finite,
 * and the JSON writer must take every kept string. Built by tests/fuzz/run. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *sink;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *buf = (const char *)data;
    size_t ex_len = size;
    for (size_t i = 0; i + 1 < size; i++)
        if (data[i] == 0 && data[i + 1] == 0) {
            ex_len = i;
            break;
        }
    if (!sink && !(sink = fopen("/dev/null", "w")))
        abort();

    DiagList diags = { 0 };
    Catalog *cat = catalog_new();
    if (!cat)
        return 0;
    catalog_add_exercises(cat, buf, ex_len, "fuzz.csv", &diags);
    if (ex_len + 2 <= size)
        catalog_add_routine(cat, "fuzz", buf + ex_len + 2, size - ex_len - 2, "r.csv", &diags);

    JsonWriter w;
    json_init(&w, sink);
    json_begin_array(&w);
    for (size_t i = 0; i < catalog_exercise_count(cat); i++) {
        const Exercise *ex = catalog_exercise(cat, i);
        if (!catalog_id_valid(ex->id) || ex->reps < 1 || ex->sets < 1 || !(ex->rep_s > 0) ||
            !(ex->hold_s >= 0) || ex->instruction_count < 1 ||
            ex->instruction_count > CATALOG_MAX_INSTRUCTIONS || ex->category < 0 ||
            ex->category >= CATEGORY_COUNT)
            abort();
        json_string(&w, ex->name);
        json_string(&w, ex->cue);
        for (int k = 0; k < ex->instruction_count; k++)
            json_string(&w, ex->instructions[k]);
    }
    json_end_array(&w);
    for (size_t i = 0; i < catalog_routine_count(cat); i++) {
        const Routine *r = catalog_routine(cat, i);
        double s = catalog_routine_seconds(cat, r);
        if (r->step_count == 0 || !isfinite(s) || s < CATALOG_GET_READY_S)
            abort();
    }
    catalog_free(cat);
    diag_free(&diags);
    return 0;
}
