/* imagefile: what kind of image a buffer holds and how big it is, read
 * from its header alone, and whether it is whole: pure (no SDL), so a
 * picture from outside (a clinic's logo) is judged before any decoder
 * allocates its pixels or prints to stderr. PNG (chunk by chunk, CRCs
 * checked), JPEG (markers up to the image and its end marker) and SVG (an
 * <svg> element that is closed). */
#ifndef LIMBER_IMAGEFILE_H
#define LIMBER_IMAGEFILE_H

#include <stddef.h>

typedef enum {
    IMAGEFILE_UNKNOWN, /* none of the three */
    IMAGEFILE_PNG,
    IMAGEFILE_JPEG,
    IMAGEFILE_SVG,
} ImageFileKind;

/* The faults a file can have, and their messages (imagefile_message). */
#define IMAGEFILE_ERRORS(X) \
    X(IMAGEFILE_OK, "ok") \
    X(IMAGEFILE_NOT_AN_IMAGE, "not a PNG, JPEG or SVG image") \
    X(IMAGEFILE_TRUNCATED, "cut short: the file ends inside the image") \
    X(IMAGEFILE_DAMAGED, "damaged: a checksum or a marker is wrong") \
    X(IMAGEFILE_NO_SIZE, "the header gives no size") \
    X(IMAGEFILE_TOO_LARGE, "too many pixels")

typedef enum {
#define IMAGEFILE_ENUM(code, message) code,
    IMAGEFILE_ERRORS(IMAGEFILE_ENUM)
#undef IMAGEFILE_ENUM
} ImageFileError;

typedef struct {
    ImageFileKind kind;
    int w, h; /* pixels from the header; 0 for SVG, which is drawn at any size */
} ImageFileInfo;

/* Judges buf[0..len): fills *out (kind as soon as it is known, even when the
 * file is faulty) and returns IMAGEFILE_OK or the first fault found. A PNG
 * or JPEG wider or taller than max_side is IMAGEFILE_TOO_LARGE, found from
 * its header before anything else is read. */
ImageFileError imagefile_inspect(const void *buf, size_t len, int max_side, ImageFileInfo *out);

/* The message of an error, a static string. */
const char *imagefile_message(ImageFileError e);

/* "PNG", "JPEG", "SVG" or "unknown": for messages. */
const char *imagefile_kind_name(ImageFileKind kind);

#endif
