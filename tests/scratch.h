/* Files in a test's scratch directory: read whole, written in one go, and
 * versions of a pose one can tell apart, for the reload tests (library,
 * live). Include after cmocka.h. */
#ifndef LIMBER_TESTS_SCRATCH_H
#define LIMBER_TESTS_SCRATCH_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The file at path, NUL-terminated (at most 64 KiB); the caller frees it. */
static inline char *read_all(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *buf = malloc(1 << 16);
    assert_non_null(buf);
    size_t n = fread(buf, 1, (1 << 16) - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

/* len bytes of text into path, opened with mode ("wb", "ab", "r+b" ...). */
static inline void write_file(const char *path, const char *mode, const char *text, size_t len)
{
    FILE *f = fopen(path, mode);
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

/* The pose text good with "loop 6" made "loop 6.K": a version one can tell
 * by its loop beat, V(K). The caller frees it. */
static inline char *pose_version(const char *good, int k)
{
    const char *at = strstr(good, "loop 6");
    assert_non_null(at);
    size_t n = strlen(good) + 8, head = (size_t)(at - good) + 6;
    char *s = malloc(n);
    assert_non_null(s);
    snprintf(s, n, "%.*s.%d%s", (int)head, good, k, at + 6);
    return s;
}

/* The loop beat of version K. */
#define V(k) (6.0 + (k) / 10.0)

#endif
