/* imagefile: the test logos (tests/logos/) judged whole, then cut, damaged
 * and blown up byte by byte; each case asserts the exact fault, and the
 * size is known from the header even when the file is refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "imagefile.h"
#include "png_bytes.h"

#define LOGOS LIMBER_SOURCE_DIR "/tests/logos/"

typedef struct {
    unsigned char *bytes;
    size_t len;
} Blob;

static Blob slurp(const char *path)
{
    Blob b = { NULL, 0 };
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    long n = ftell(f);
    assert_true(n > 0);
    rewind(f);
    b.bytes = malloc((size_t)n);
    assert_non_null(b.bytes);
    assert_int_equal(fread(b.bytes, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    b.len = (size_t)n;
    return b;
}

/* The PNG with its IHDR saying w x h, CRC made right again. */
static void png_resize(Blob *b, uint32_t w, uint32_t h)
{
    put_be32(b->bytes + 16, w);
    put_be32(b->bytes + 20, h);
    put_be32(b->bytes + 29, crc32_bitwise(b->bytes + 12, 17));
}

/* The offset of the JPEG's frame header (after FF C0 and the length). */
static size_t jpeg_frame(const Blob *b)
{
    for (size_t i = 2; i + 9 < b->len; i++)
        if (b->bytes[i] == 0xFF && b->bytes[i + 1] == 0xC0)
            return i + 4;
    fail_msg("no SOF0 in the test JPEG");
    return 0;
}

typedef struct {
    const char *name;
    ImageFileError want;
    ImageFileKind kind;
    int w, h;
} Want;

static void check(const Want *c, const void *bytes, size_t len)
{
    ImageFileInfo info;
    ImageFileError e = imagefile_inspect(bytes, len, 4096, &info);
    if (e != c->want || info.kind != c->kind || info.w != c->w || info.h != c->h)
        fail_msg("%s: got %s (%d) %s %dx%d; wanted %s (%d) %s %dx%d", c->name,
                 imagefile_message(e), e, imagefile_kind_name(info.kind), info.w, info.h,
                 imagefile_message(c->want), c->want, imagefile_kind_name(c->kind), c->w, c->h);
}

static void test_png(void **state)
{
    (void)state;
    Blob png = slurp(LOGOS "logo.png");
    const struct {
        Want want;
        size_t cut;     /* 0: whole */
        long flip;      /* flip the bits of this byte, -1 none */
        uint32_t w, h;  /* a new size in the header, 0 none */
    } cases[] = {
        { { "whole", IMAGEFILE_OK, IMAGEFILE_PNG, 200, 100 }, 0, -1, 0, 0 },
        { { "signature only", IMAGEFILE_TRUNCATED, IMAGEFILE_PNG, 0, 0 }, 8, -1, 0, 0 },
        { { "header cut", IMAGEFILE_TRUNCATED, IMAGEFILE_PNG, 0, 0 }, 30, -1, 0, 0 },
        { { "pixels cut", IMAGEFILE_TRUNCATED, IMAGEFILE_PNG, 200, 100 }, 60, -1, 0, 0 },
        { { "no IEND", IMAGEFILE_TRUNCATED, IMAGEFILE_PNG, 200, 100 }, png.len - 12, -1, 0, 0 },
        { { "last byte gone", IMAGEFILE_TRUNCATED, IMAGEFILE_PNG, 200, 100 }, png.len - 1, -1,
          0, 0 },
        { { "header byte flipped", IMAGEFILE_DAMAGED, IMAGEFILE_PNG, 0, 0 }, 0, 18, 0, 0 },
        { { "last CRC flipped", IMAGEFILE_DAMAGED, IMAGEFILE_PNG, 200, 100 }, 0,
          (long)png.len - 1, 0, 0 },
        { { "30000x30000", IMAGEFILE_TOO_LARGE, IMAGEFILE_PNG, 30000, 30000 }, 0, -1, 30000,
          30000 },
        { { "one too wide", IMAGEFILE_TOO_LARGE, IMAGEFILE_PNG, 4097, 1 }, 0, -1, 4097, 1 },
        { { "largest allowed", IMAGEFILE_OK, IMAGEFILE_PNG, 4096, 4096 }, 0, -1, 4096, 4096 },
        { { "no width", IMAGEFILE_NO_SIZE, IMAGEFILE_PNG, 0, 0 }, 0, -1, 0, 7 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Blob b = { malloc(png.len), png.len };
        assert_non_null(b.bytes);
        memcpy(b.bytes, png.bytes, png.len);
        if (cases[i].w || cases[i].h)
            png_resize(&b, cases[i].w, cases[i].h);
        if (cases[i].flip >= 0)
            b.bytes[cases[i].flip] ^= 0xFF;
        check(&cases[i].want, b.bytes, cases[i].cut ? cases[i].cut : b.len);
        free(b.bytes);
    }
    free(png.bytes);
}

static void test_jpeg(void **state)
{
    (void)state;
    Blob jpg = slurp(LOGOS "logo.jpg");
    size_t sof = jpeg_frame(&jpg);
    const struct {
        Want want;
        size_t cut;
        unsigned w, h; /* a new size in the frame header, 0 none */
    } cases[] = {
        { { "whole", IMAGEFILE_OK, IMAGEFILE_JPEG, 100, 200 }, 0, 0, 0 },
        { { "start only", IMAGEFILE_TRUNCATED, IMAGEFILE_JPEG, 0, 0 }, 3, 0, 0 },
        { { "cut before the frame", IMAGEFILE_TRUNCATED, IMAGEFILE_JPEG, 0, 0 }, sof - 2, 0, 0 },
        { { "cut in the scan", IMAGEFILE_TRUNCATED, IMAGEFILE_JPEG, 100, 200 }, jpg.len - 40, 0,
          0 },
        { { "end marker gone", IMAGEFILE_TRUNCATED, IMAGEFILE_JPEG, 100, 200 }, jpg.len - 2, 0,
          0 },
        { { "30000x30000", IMAGEFILE_TOO_LARGE, IMAGEFILE_JPEG, 30000, 30000 }, 0, 30000, 30000 },
        { { "no height", IMAGEFILE_NO_SIZE, IMAGEFILE_JPEG, 0, 0 }, 0, 100, 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Blob b = { malloc(jpg.len), jpg.len };
        assert_non_null(b.bytes);
        memcpy(b.bytes, jpg.bytes, jpg.len);
        if (cases[i].w) {
            b.bytes[sof + 1] = (unsigned char)(cases[i].h >> 8);
            b.bytes[sof + 2] = (unsigned char)cases[i].h;
            b.bytes[sof + 3] = (unsigned char)(cases[i].w >> 8);
            b.bytes[sof + 4] = (unsigned char)cases[i].w;
        }
        check(&cases[i].want, b.bytes, cases[i].cut ? cases[i].cut : b.len);
        free(b.bytes);
    }
    free(jpg.bytes);
}

static void test_svg_and_others(void **state)
{
    (void)state;
    Blob svg = slurp(LOGOS "logo.svg");
    const Want whole = { "whole SVG", IMAGEFILE_OK, IMAGEFILE_SVG, 0, 0 };
    check(&whole, svg.bytes, svg.len);
    const Want cut = { "SVG cut", IMAGEFILE_TRUNCATED, IMAGEFILE_SVG, 0, 0 };
    check(&cut, svg.bytes, svg.len - 10);
    free(svg.bytes);

    static const struct {
        Want want;
        const char *bytes;
        size_t len; /* 0: strlen */
    } cases[] = {
        { { "empty", IMAGEFILE_NOT_AN_IMAGE, IMAGEFILE_UNKNOWN, 0, 0 }, "", 0 },
        { { "text", IMAGEFILE_NOT_AN_IMAGE, IMAGEFILE_UNKNOWN, 0, 0 }, "Our clinic\n", 0 },
        { { "HTML", IMAGEFILE_NOT_AN_IMAGE, IMAGEFILE_UNKNOWN, 0, 0 }, "<html></html>", 0 },
        { { "GIF", IMAGEFILE_NOT_AN_IMAGE, IMAGEFILE_UNKNOWN, 0, 0 }, "GIF89a\1\0\1\0", 0 },
        { { "smallest SVG", IMAGEFILE_OK, IMAGEFILE_SVG, 0, 0 }, "<svg></svg>\n", 0 },
        { { "SVG with a BOM", IMAGEFILE_OK, IMAGEFILE_SVG, 0, 0 },
          "\xEF\xBB\xBF <svg width='1'></svg>", 0 },
        { { "svgfoo", IMAGEFILE_NOT_AN_IMAGE, IMAGEFILE_SVG, 0, 0 }, "<svgfoo></svgfoo>", 0 },
        { { "unclosed", IMAGEFILE_TRUNCATED, IMAGEFILE_SVG, 0, 0 }, "<svg><rect/>", 0 },
        { { "after the end", IMAGEFILE_DAMAGED, IMAGEFILE_SVG, 0, 0 }, "<svg></svg>junk", 0 },
        { { "NUL inside", IMAGEFILE_DAMAGED, IMAGEFILE_SVG, 0, 0 }, "<svg>\0</svg>", 12 },
        { { "PNG signature cut", IMAGEFILE_NOT_AN_IMAGE, IMAGEFILE_UNKNOWN, 0, 0 },
          "\x89PNG\r\n", 0 },
        { { "JPEG start alone", IMAGEFILE_TRUNCATED, IMAGEFILE_JPEG, 0, 0 }, "\xFF\xD8\xFF", 3 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check(&cases[i].want, cases[i].bytes,
              cases[i].len ? cases[i].len : strlen(cases[i].bytes));
}

static void test_messages(void **state)
{
    (void)state;
    assert_string_equal(imagefile_message(IMAGEFILE_OK), "ok");
    assert_string_equal(imagefile_message(IMAGEFILE_TOO_LARGE), "too many pixels");
    assert_string_equal(imagefile_message(IMAGEFILE_TRUNCATED),
                        "cut short: the file ends inside the image");
    assert_string_equal(imagefile_message((ImageFileError)99), "unknown error");
    assert_string_equal(imagefile_kind_name(IMAGEFILE_SVG), "SVG");
    assert_string_equal(imagefile_kind_name(IMAGEFILE_UNKNOWN), "unknown");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_png),
        cmocka_unit_test(test_jpeg),
        cmocka_unit_test(test_svg_and_others),
        cmocka_unit_test(test_messages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
