/* libFuzzer target: imagefile_inspect on any bytes must not crash or read
 * out of bounds, and keeps its promises: a whole PNG or JPEG has a size
 * within the limit, an SVG none, an unknown kind is never whole. Built and
 * run by tests/fuzz/run. */
#include <stdint.h>
#include <stdlib.h>

#include "imagefile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    enum { MAX_SIDE = 4096 };
    ImageFileInfo info;
    ImageFileError e = imagefile_inspect(data, size, MAX_SIDE, &info);
    if (e > IMAGEFILE_TOO_LARGE || info.w < 0 || info.h < 0)
        abort();
    if (e == IMAGEFILE_OK) {
        if (info.kind == IMAGEFILE_UNKNOWN)
            abort();
        if (info.kind == IMAGEFILE_SVG && (info.w || info.h))
            abort();
        if (info.kind != IMAGEFILE_SVG &&
            (info.w < 1 || info.h < 1 || info.w > MAX_SIDE || info.h > MAX_SIDE))
            abort();
    }
    if (e == IMAGEFILE_TOO_LARGE && info.w <= MAX_SIDE && info.h <= MAX_SIDE)
        abort();
    if (imagefile_message(e)[0] == '\0')
        abort();
    return 0;
}
