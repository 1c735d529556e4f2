/*
 * Encode of shards that are runs of symbols (Red Stuff's slivers: `width` symbols of s bytes, each symbol in the
 * crate's byte layout and each symbol position its own codeword), straight from the symbol layout. Lanes never
 * interact, so any one-to-one placement of the symbols' 16-bit lanes in 64-byte blocks encodes the same codewords,
 * and padding lanes only cost work. The placement here keeps every symbol whole: its full blocks as they are, then
 * its tail (s % 64 bytes: low bytes, then high bytes) as one block of its own, padded. Each chunk of such blocks is
 * copied into the work rows, encoded, and its recovery rows copied back: one copy in and one out, in C, where Java
 * packed and unpacked every sliver around its own chunk copies. Java only takes this path when the padding is
 * small (ReedSolomon.encodesSymbolRuns).
 */
#include <string.h>
#include "floe_rs.h"

/*
 * Copies 0 < n < 64 bytes with fixed-size moves the compiler inlines (two overlapping ones for 4 to 63 bytes): a
 * symbol's tail halves are a few to 31 bytes, and a libc memcpy call for each, three calls per symbol with its
 * whole blocks, cost a 64 MiB blob's encode at n = 1000 more than its Reed-Solomon arithmetic.
 */
static inline __attribute__((always_inline)) void copy_short(uint8_t *dst, const uint8_t *src, size_t n) {
    if (n >= 32) {
        memcpy(dst, src, 32);
        memcpy(dst + n - 32, src + n - 32, 32);
    } else if (n >= 16) {
        memcpy(dst, src, 16);
        memcpy(dst + n - 16, src + n - 16, 16);
    } else if (n >= 8) {
        memcpy(dst, src, 8);
        memcpy(dst + n - 8, src + n - 8, 8);
    } else if (n >= 4) {
        memcpy(dst, src, 4);
        memcpy(dst + n - 4, src + n - 4, 4);
    } else {
        /* Fixed moves here too: a byte loop may be turned back into a memcpy call by the compiler. */
        if (n & 2) {
            memcpy(dst, src, 2);
        }
        if (n & 1) {
            dst[n - 1] = src[n - 1];
        }
    }
}

/* Copies whole 64-byte blocks, each with one fixed-size (inlined) move. */
static inline __attribute__((always_inline)) void copy_blocks(uint8_t *dst, const uint8_t *src, size_t blocks) {
    for (size_t i = 0; i < blocks; i++) {
        memcpy(dst + 64 * i, src + 64 * i, 64);
    }
}

/*
 * Copies blocks [first, end) of a run of symbols of s bytes (block b of symbol c is virtual block c * per + b)
 * into a work row (to_row) or back. The padding lanes of tail blocks are left as they are: their results are
 * never copied back.
 */
static void move_blocks(uint8_t *sym, uint8_t *row, size_t s, size_t first, size_t end, int to_row) {
    size_t full = s / 64 * 64, half = (s - full) / 2, per = full / 64 + (half > 0);
    for (size_t b = first; b < end;) {
        size_t c = b / per, in = b % per;
        uint8_t *p = sym + c * s + in * 64, *q = row + (b - first) * 64;
        size_t run = 0;
        if (in * 64 < full) {
            run = full / 64 - in;
            if (run > end - b) {
                run = end - b;
            }
            if (to_row) {
                copy_blocks(q, p, run);
            } else {
                copy_blocks(p, q, run);
            }
        }
        if (b + run < end && in + run == per - 1 && half > 0) {
            uint8_t *lo = sym + c * s + full, *ql = q + run * 64;
            if (to_row) {
                copy_short(ql, lo, half);
                copy_short(ql + 32, lo + half, half);
            } else {
                copy_short(lo, ql, half);
                copy_short(lo + half, ql + 32, half);
            }
            run++;
        }
        b += run;
    }
}

void rs_encode_symbols(const rs_engine *e, uint8_t *w, size_t stride, int k, int m, int c, int high_rate,
                       uint8_t *const *src, uint8_t *const *dest, size_t s, size_t first, size_t end) {
    size_t chunk = stride / 64;
    for (size_t b = first; b < end; b += chunk) {
        size_t stop = end - b < chunk ? end : b + chunk;
        for (int i = 0; i < k; i++) {
            move_blocks(src[i], w + (size_t) i * stride, s, b, stop, 1);
        }
        rs_encode_chunk(e, w, stride, (stop - b) * 64, k, m, c, high_rate, NULL, NULL);
        for (int j = 0; j < m; j++) {
            move_blocks(dest[j], w + (size_t) j * stride, s, b, stop, 0);
        }
    }
}
