/* print: the handout (a PDF) and the export formats beyond PNG (SVG, GIF,
 * WebP) live in a module, limber-print.so (src/print/), loaded only when
 * one of them is asked for: they need cairo, pango, giflib and libwebp,
 * thirty libraries that every other start of Limber, the window's above
 * all, would otherwise load for nothing. */
#ifndef LIMBER_PRINT_H
#define LIMBER_PRINT_H

#include <stdbool.h>

#include "cli.h"
#include "export.h"

/* Bumped whenever PrintApi or what it is passed changes, so a module from
 * another build is refused rather than called. */
#define PRINT_API_VERSION 1

typedef struct {
    int version;                                    /* PRINT_API_VERSION */
    int (*handout)(const Options *opt);             /* the handout command */
    bool (*export_svg)(const ExportCanvas *canvas, const ExportJob *job);
    bool (*export_gif)(const ExportCanvas *canvas, const ExportJob *job);
    bool (*export_webp)(const ExportCanvas *canvas, const ExportJob *job);
} PrintApi;

/* The module's table, its symbol PRINT_API_SYMBOL. */
#define PRINT_API_SYMBOL "limber_print_api"

/* The module's file name, and where it is looked for: beside the program
 * (a build tree), then LIMBER_PRINT_DIR relative to it (installed). */
#define PRINT_MODULE "limber-print.so"

/* The module's table, loaded on the first call and kept: NULL, with the
 * reason printed (the module or one of its libraries missing), when it
 * cannot be loaded. Never unloaded: the process ends first. */
const PrintApi *print_load(void);

#endif
