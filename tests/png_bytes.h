/* Editing a PNG's bytes in a test: a big-endian field, and the CRC-32 that
 * re-signs a changed chunk (computed the slow way: tests only). */
#ifndef LIMBER_TESTS_PNG_BYTES_H
#define LIMBER_TESTS_PNG_BYTES_H

#include <stddef.h>
#include <stdint.h>

static inline uint32_t crc32_bitwise(const unsigned char *p, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++)
            c = (c & 1) ? (c >> 1) ^ 0xEDB88320u : c >> 1;
    }
    return ~c;
}

static inline void put_be32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

#endif
