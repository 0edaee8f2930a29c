/* diag: the one list of user-facing errors. */
#include "diag.h"

#include <stdlib.h>
#include <string.h>

#define DIAG_AS_MESSAGE(name, msg) msg,
static const char *const diag_messages[DIAG_KIND_COUNT] = { DIAG_KINDS(DIAG_AS_MESSAGE) };
#undef DIAG_AS_MESSAGE

const char *diag_message(DiagKind kind)
{
    return (kind >= 0 && kind < DIAG_KIND_COUNT) ? diag_messages[kind] : "unknown error";
}

void diag_add(DiagList *list, DiagKind kind, const char *file, int line, int col,
              const char *detail_fmt, ...)
{
    if (list->count == list->cap) {
        size_t cap = list->cap ? list->cap * 2 : 16;
        Diag *items = realloc(list->items, cap * sizeof *items);
        if (!items)
            return;
        list->items = items;
        list->cap = cap;
    }
    Diag *d = &list->items[list->count];
    d->kind = kind;
    d->file = strdup(file ? file : "?");
    if (!d->file)
        return;
    d->line = line;
    d->col = col;
    d->detail[0] = '\0';
    if (detail_fmt) {
        va_list ap;
        va_start(ap, detail_fmt);
        vsnprintf(d->detail, sizeof d->detail, detail_fmt, ap);
        va_end(ap);
    }
    list->count++;
}

void diag_format(const Diag *d, char *buf, size_t size)
{
    const char *sep = d->detail[0] ? ": " : "";
    if (d->line > 0)
        snprintf(buf, size, "%s:%d:%d: %s%s%s", d->file, d->line, d->col,
                 diag_message(d->kind), sep, d->detail);
    else
        snprintf(buf, size, "%s: %s%s%s", d->file, diag_message(d->kind), sep, d->detail);
}

void diag_print_all(const DiagList *list, FILE *out)
{
    char line[512];
    for (size_t i = 0; i < list->count; i++) {
        diag_format(&list->items[i], line, sizeof line);
        fprintf(out, "%s\n", line);
    }
}

void diag_free(DiagList *list)
{
    for (size_t i = 0; i < list->count; i++)
        free(list->items[i].file);
    free(list->items);
    list->items = NULL;
    list->count = list->cap = 0;
}
