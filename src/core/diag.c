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

static const char *(*translator)(const char *msgid);

void diag_set_translator(const char *(*translate)(const char *msgid))
{
    translator = translate;
}

const char *diag_tr(const char *msgid)
{
    return translator ? translator(msgid) : msgid;
}

Diag *diag_addv(DiagList *list, DiagKind kind, const char *file, int line, int col,
                const char *detail_fmt, va_list ap)
{
    if (list->count == list->cap) {
        size_t cap = list->cap ? list->cap * 2 : 16;
        Diag *items = realloc(list->items, cap * sizeof *items);
        if (!items)
            return NULL;
        list->items = items;
        list->cap = cap;
    }
    Diag *d = &list->items[list->count];
    d->kind = kind;
    d->file = strdup(file ? file : "?");
    if (!d->file)
        return NULL;
    d->line = line;
    d->col = col;
    d->where[0] = d->value[0] = d->detail[0] = '\0';
    if (detail_fmt)
        vsnprintf(d->detail, sizeof d->detail, detail_fmt, ap);
    list->count++;
    return d;
}

Diag *diag_add(DiagList *list, DiagKind kind, const char *file, int line, int col,
               const char *detail_fmt, ...)
{
    va_list ap;
    va_start(ap, detail_fmt);
    Diag *d = diag_addv(list, kind, file, line, col, detail_fmt, ap);
    va_end(ap);
    return d;
}

void diag_format(const Diag *d, char *buf, size_t size)
{
    const char *msg = diag_tr(diag_message(d->kind));
    /* the value is quoted where the message's first clause ends */
    const char *colon = d->value[0] ? strstr(msg, ": ") : NULL;
    int head = colon ? (int)(colon - msg) : (int)strlen(msg);
    /* French puts a no-break space (U+00A0) before the colon: the value goes
     * before that space, so it stays with its colon */
    if (colon && head >= 2 && (unsigned char)msg[head - 2] == 0xc2 &&
        (unsigned char)msg[head - 1] == 0xa0)
        head -= 2;
    char place[64] = "";
    if (d->line > 0)
        snprintf(place, sizeof place, ":%d:%d", d->line, d->col);
    snprintf(buf, size, "%s%s: %s%s%.*s%s%s%s%s%s%s", d->file, place, d->where,
             d->where[0] ? ": " : "", head, msg, d->value[0] ? " '" : "", d->value,
             d->value[0] ? "'" : "", msg + head, d->detail[0] ? ": " : "", d->detail);
}

void diag_print_all(const DiagList *list, FILE *out)
{
    char line[2048];
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
