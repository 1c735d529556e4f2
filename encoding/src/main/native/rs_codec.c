/*
 * The codec's whole-chunk work (RS16-SPEC.md §3-§6) over a flat work array, the C twin of Fft.java and of
 * ReedSolomon's chunk bodies: Java loads the shards' chunk into the rows and stores the results; everything in
 * between is one call here, so the JNI transition is paid once per chunk, not once per butterfly.
 */
#include <string.h>
#include "floe_rs.h"

#define ROW(r) (w + (size_t) (r) * stride)

static void xor_row(uint8_t *restrict dst, const uint8_t *restrict src, size_t len) {
    for (size_t i = 0; i < len; i++) {
        dst[i] ^= src[i];
    }
}

/* Radix-4 FFT of rows [pos, pos + size), layers two at a time as Fft.fft; outputs below t are defined. */
static void fft(const rs_engine *e, uint8_t *w, size_t stride, int pos, int size, int t, int delta, size_t len) {
    int dist4 = size;
    for (int dist = size >> 2; dist != 0; dist4 = dist, dist >>= 2) {
        for (int r = 0; r < t; r += dist4) {
            int base = r + dist + delta - 1;
            unsigned log01 = rs_skew[base], log02 = rs_skew[base + dist], log23 = rs_skew[base + 2 * dist];
            for (int i = pos + r; i < pos + r + dist; i++) {
                e->fft4(ROW(i), ROW(i + dist), ROW(i + 2 * dist), ROW(i + 3 * dist), len, log01, log23, log02);
            }
        }
    }
    if (dist4 == 2) {
        for (int r = 0; r < t; r += 2) {
            e->fft2(ROW(pos + r), ROW(pos + r + 1), len, rs_skew[r + delta]);
        }
    }
}

/* Radix-4 IFFT of rows [pos, pos + size) as Fft.ifft; rows at or above t must hold zeros. */
static void ifft(const rs_engine *e, uint8_t *w, size_t stride, int pos, int size, int t, int delta, size_t len) {
    int dist = 1;
    for (int dist4 = 4; dist4 <= size; dist = dist4, dist4 <<= 2) {
        for (int r = 0; r < t; r += dist4) {
            int base = r + dist + delta - 1;
            unsigned log01 = rs_skew[base], log02 = rs_skew[base + dist], log23 = rs_skew[base + 2 * dist];
            for (int i = pos + r; i < pos + r + dist; i++) {
                e->ifft4(ROW(i), ROW(i + dist), ROW(i + 2 * dist), ROW(i + 3 * dist), len, log01, log23, log02);
            }
        }
    }
    if (dist < size) {
        unsigned log = rs_skew[dist + delta - 1];
        for (int i = pos; i < pos + dist; i++) {
            e->ifft2(ROW(i), ROW(i + dist), len, log);
        }
    }
}

/* Formal derivative over rows [0, n) (§4); every row is read before it is written. */
static void formal_derivative(uint8_t *w, size_t stride, int n, size_t len) {
    for (int i = 1; i < n; i++) {
        int width = i & -i;
        for (int u = 0; u < width; u++) {
            xor_row(ROW(i - width + u), ROW(i + u), len);
        }
    }
}

static int min_int(int a, int b) {
    return a < b ? a : b;
}

/* §5.3 and §5.4; rows [0, k) hold the originals' chunk, recovery j is left in row j. */
void rs_encode_chunk(const rs_engine *e, uint8_t *w, size_t stride, size_t len, int k, int m, int c, int high_rate) {
    if (high_rate) {
        int rows = c * ((k + c - 1) / c);
        for (int i = k; i < rows; i++) {
            memset(ROW(i), 0, len);
        }
        for (int q = 0; q * c < rows; q++) {
            ifft(e, w, stride, q * c, c, min_int(c, k - q * c), q * c + c, len);
            for (int i = 0; q > 0 && i < c; i++) {
                xor_row(ROW(i), ROW(q * c + i), len);
            }
        }
        fft(e, w, stride, 0, c, m, 0, len);
        return;
    }
    for (int i = k; i < c; i++) {
        memset(ROW(i), 0, len);
    }
    ifft(e, w, stride, 0, c, k, 0, len);
    for (int q = 1; q * c < m; q++) {
        for (int i = 0; i < c; i++) {
            memcpy(ROW(q * c + i), ROW(i), len);
        }
    }
    for (int q = 0; q * c < m; q++) {
        fft(e, w, stride, q * c, c, min_int(c, m - q * c), q * c + c, len);
    }
}

/*
 * §6.5 on rows [0, n): in_logs[p] is the locator log of a received point (its row holds the shard's chunk) or -1
 * (the row is zeroed here); the missing originals' points out_points are restored in place, multiplied at the
 * end by out_logs (65535 minus their locator logs).
 */
void rs_decode_chunk(const rs_engine *e, uint8_t *w, size_t stride, size_t len, int n, int end,
                     const int32_t *in_logs, const int32_t *out_points, const int32_t *out_logs, int out_count) {
    for (int p = 0; p < n; p++) {
        if (in_logs[p] < 0) {
            memset(ROW(p), 0, len);
        } else {
            e->mul(ROW(p), ROW(p), len, (unsigned) in_logs[p]);
        }
    }
    ifft(e, w, stride, 0, n, end, 0, len);
    formal_derivative(w, stride, n, len);
    fft(e, w, stride, 0, n, end, 0, len);
    for (int i = 0; i < out_count; i++) {
        e->mul(ROW(out_points[i]), ROW(out_points[i]), len, (unsigned) out_logs[i]);
    }
}
