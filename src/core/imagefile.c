/* imagefile: an image's kind, size and wholeness from its bytes, pure. */
#include "imagefile.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static unsigned be16(const unsigned char *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

/* PNG's CRC-32 (the zlib one), four bits at a time: a table of 16 fits in
 * a constant and costs two look-ups a byte. */
static uint32_t crc32_of(const unsigned char *p, size_t n)
{
    static const uint32_t nibble[16] = {
        0x00000000, 0x1DB71064, 0x3B6E20C8, 0x26D930AC, 0x76DC4190, 0x6B6B51F4,
        0x4DB26158, 0x5005713C, 0xEDB88320, 0xF00F9344, 0xD6D6A3E8, 0xCB61B38C,
        0x9B64C2B0, 0x86D3D2D4, 0xA00AE278, 0xBDBDF21C,
    };
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        c = (c >> 4) ^ nibble[(c ^ p[i]) & 0x0F];
        c = (c >> 4) ^ nibble[(c ^ ((unsigned)p[i] >> 4)) & 0x0F];
    }
    return c ^ 0xFFFFFFFFu;
}

/* The first occurrence of needle in p[0..n), or NULL. */
static const unsigned char *find(const unsigned char *p, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; k <= n && i <= n - k; i++)
        if (memcmp(p + i, needle, k) == 0)
            return p + i;
    return NULL;
}

static bool is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* ------------------------------------------------------------------ */
/* PNG                                                                 */
/* ------------------------------------------------------------------ */

static const unsigned char png_signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

/* Every chunk whole and its CRC right, from IHDR to IEND: what libpng
 * would otherwise stop on, printing to stderr on its way. */
static ImageFileError inspect_png(const unsigned char *p, size_t len, int max_side,
                                  ImageFileInfo *out)
{
    size_t at = sizeof png_signature;
    /* IHDR: length 13, type, width, height ... and its CRC */
    if (len < at + 8 + 13 + 4)
        return IMAGEFILE_TRUNCATED;
    if (be32(p + at) != 13 || memcmp(p + at + 4, "IHDR", 4) != 0)
        return IMAGEFILE_DAMAGED;
    if (crc32_of(p + at + 4, 4 + 13) != be32(p + at + 8 + 13))
        return IMAGEFILE_DAMAGED;
    uint32_t w = be32(p + at + 8), h = be32(p + at + 12);
    if (w == 0 || h == 0 || w > INT32_MAX || h > INT32_MAX)
        return IMAGEFILE_NO_SIZE;
    out->w = (int)w;
    out->h = (int)h;
    if (w > (uint32_t)max_side || h > (uint32_t)max_side)
        return IMAGEFILE_TOO_LARGE;
    for (;;) {
        if (len - at < 12)
            return IMAGEFILE_TRUNCATED;
        uint32_t n = be32(p + at);
        if (n > INT32_MAX)
            return IMAGEFILE_DAMAGED;
        if (len - at - 12 < n)
            return IMAGEFILE_TRUNCATED;
        if (crc32_of(p + at + 4, 4 + (size_t)n) != be32(p + at + 8 + n))
            return IMAGEFILE_DAMAGED;
        bool end = memcmp(p + at + 4, "IEND", 4) == 0;
        at += 12 + (size_t)n;
        if (end)
            return IMAGEFILE_OK;
    }
}

/* ------------------------------------------------------------------ */
/* JPEG                                                                */
/* ------------------------------------------------------------------ */

/* SOF0..SOF15 carry the size; C4, C8 and CC share the range but are not
 * frames. */
static bool is_frame_marker(unsigned m)
{
    return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
}

/* Markers from SOI to the first scan, the size from the frame, then an end
 * marker after the scan: libjpeg would decode a cut file as grey without a
 * word. An end marker cannot occur inside scan data (a 0xFF there is
 * followed by 0x00 or a restart marker), so the last FF D9 of the file
 * says whether the scans are whole. */
static ImageFileError inspect_jpeg(const unsigned char *p, size_t len, int max_side,
                                   ImageFileInfo *out)
{
    size_t at = 2;
    bool have_size = false;
    for (;;) {
        if (len - at < 2)
            return IMAGEFILE_TRUNCATED;
        if (p[at] != 0xFF)
            return IMAGEFILE_DAMAGED;
        while (at < len && p[at] == 0xFF) /* fill bytes */
            at++;
        if (at >= len)
            return IMAGEFILE_TRUNCATED;
        unsigned m = p[at++];
        if (m == 0x01 || (m >= 0xD0 && m <= 0xD7))
            continue; /* no length */
        if (m == 0xD8 || m == 0xD9 || m == 0x00)
            return IMAGEFILE_DAMAGED; /* a second start, an end before any scan */
        if (len - at < 2)
            return IMAGEFILE_TRUNCATED;
        unsigned n = be16(p + at);
        if (n < 2)
            return IMAGEFILE_DAMAGED;
        if (len - at < n)
            return IMAGEFILE_TRUNCATED;
        if (is_frame_marker(m)) {
            if (n < 7)
                return IMAGEFILE_DAMAGED;
            unsigned h = be16(p + at + 3), w = be16(p + at + 5);
            if (w == 0 || h == 0)
                return IMAGEFILE_NO_SIZE; /* the height from a later DNL: not for us */
            out->w = (int)w;
            out->h = (int)h;
            if (w > (unsigned)max_side || h > (unsigned)max_side)
                return IMAGEFILE_TOO_LARGE;
            have_size = true;
        }
        at += n;
        if (m == 0xDA) { /* the first scan: its data follows */
            if (!have_size)
                return IMAGEFILE_NO_SIZE;
            for (size_t i = len; i >= at + 2; i--)
                if (p[i - 2] == 0xFF && p[i - 1] == 0xD9)
                    return IMAGEFILE_OK;
            return IMAGEFILE_TRUNCATED;
        }
    }
}

/* ------------------------------------------------------------------ */
/* SVG                                                                 */
/* ------------------------------------------------------------------ */

/* Text that opens an <svg> element and closes it, with nothing but space
 * after: SDL_image's SVG parser draws whatever part of a cut file it
 * gets, so a cut is found here. No NUL bytes: the parser would stop at
 * the first. */
static ImageFileError inspect_svg(const unsigned char *p, size_t len)
{
    if (memchr(p, '\0', len))
        return IMAGEFILE_DAMAGED;
    const unsigned char *open = find(p, len, "<svg");
    if (!open)
        return IMAGEFILE_NOT_AN_IMAGE;
    size_t after = (size_t)(open - p) + 4;
    if (after >= len)
        return IMAGEFILE_TRUNCATED;
    if (!is_space(p[after]) && p[after] != '>' && p[after] != '/')
        return IMAGEFILE_NOT_AN_IMAGE; /* <svgfoo> */
    const unsigned char *close = NULL;
    for (const unsigned char *c = p + after; (c = find(c, len - (size_t)(c - p), "</svg"));
         c += 5)
        close = c;
    if (!close)
        return IMAGEFILE_TRUNCATED;
    const unsigned char *gt = memchr(close, '>', len - (size_t)(close - p));
    if (!gt)
        return IMAGEFILE_TRUNCATED;
    for (const unsigned char *c = gt + 1; c < p + len; c++)
        if (!is_space(*c))
            return IMAGEFILE_DAMAGED; /* something after the end */
    return IMAGEFILE_OK;
}

/* ------------------------------------------------------------------ */
/* Public                                                              */
/* ------------------------------------------------------------------ */

ImageFileError imagefile_inspect(const void *buf, size_t len, int max_side, ImageFileInfo *out)
{
    const unsigned char *p = buf;
    *out = (ImageFileInfo){ IMAGEFILE_UNKNOWN, 0, 0 };
    if (len >= sizeof png_signature && memcmp(p, png_signature, sizeof png_signature) == 0) {
        out->kind = IMAGEFILE_PNG;
        return inspect_png(p, len, max_side, out);
    }
    if (len >= 3 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF) {
        out->kind = IMAGEFILE_JPEG;
        return inspect_jpeg(p, len, max_side, out);
    }
    /* XML: an optional byte-order mark, space, then markup */
    size_t at = len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while (at < len && is_space(p[at]))
        at++;
    if (at < len && p[at] == '<' && find(p + at, len - at, "<svg")) {
        out->kind = IMAGEFILE_SVG;
        return inspect_svg(p + at, len - at);
    }
    return IMAGEFILE_NOT_AN_IMAGE;
}

const char *imagefile_message(ImageFileError e)
{
    static const char *const messages[] = {
#define IMAGEFILE_MESSAGE(code, message) message,
        IMAGEFILE_ERRORS(IMAGEFILE_MESSAGE)
#undef IMAGEFILE_MESSAGE
    };
    return (size_t)e < sizeof messages / sizeof messages[0] ? messages[e] : "unknown error";
}

const char *imagefile_kind_name(ImageFileKind kind)
{
    switch (kind) {
    case IMAGEFILE_PNG:
        return "PNG";
    case IMAGEFILE_JPEG:
        return "JPEG";
    case IMAGEFILE_SVG:
        return "SVG";
    default:
        return "unknown";
    }
}
