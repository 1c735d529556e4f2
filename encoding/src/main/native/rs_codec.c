/*
 * The codec's whole-chunk work (RS16-SPEC.md §3-§6) over a flat work array, the C twin of Fft.java and of
 * ReedSolomon's chunk bodies: Java loads the shards' chunk into the rows and stores the results; everything in
 * between is one call here, so the JNI transition is paid once per chunk, not once per butterfly.
 */
#include <string.h>
#include "floe_rs.h"

#define ROW(r) (w + (size_t) (r) * stride)

static int round_up(int x, int unit) {
    return (x + unit - 1) / unit * unit;
}

static void xor_row(uint8_t *restrict dst, const uint8_t *restrict src, size_t len) {
    for (size_t i = 0; i < len; i++) {
        dst[i] ^= src[i];
    }
}

/* Where result row j goes: dest[j] for j < dest_count when the caller gave dest, else its work row. */
#define OUT(j) (dest && (j) < dest_count ? dest[j] : ROW(j))

/*
 * Radix-4 FFT of rows [pos, pos + size), layers two at a time as Fft.fft; outputs below t are defined. The first
 * layer reads its input from rows [from, from + size) (from == pos: in place); it writes every row of the range.
 * With dest, the defined outputs of rows j < dest_count end in dest[j]: written there by the last layer when it is
 * a single one (size an odd power of two, as at n = 1000: C = 512), else copied.
 */
static void fft(const rs_engine *e, uint8_t *w, size_t stride, int pos, int size, int t, int delta, size_t len,
                int from, uint8_t *const *dest, int dest_count) {
    if (from != pos && size < 2) {
        memcpy(ROW(pos), ROW(from), len);
        from = pos;
    }
    int dist4 = size;
    for (int dist = size >> 2; dist != 0; dist4 = dist, dist >>= 2) {
        int needed = round_up(t, dist); /* the rows later layers read */
        for (int r = 0; r < t; r += dist4) {
            int base = r + dist + delta - 1;
            unsigned log01 = rs_skew[base], log02 = rs_skew[base + dist], log23 = rs_skew[base + 2 * dist];
            if (r + 2 * dist >= needed) {
                log23 = RS_SKIP; /* rows r + 2 dist and up: no later layer reads them */
            }
            uint8_t *const out[4] = { ROW(pos + r), ROW(pos + r + dist), ROW(pos + r + 2 * dist),
                                      ROW(pos + r + 3 * dist) };
            const uint8_t *const in[4] = { ROW(from + r), ROW(from + r + dist), ROW(from + r + 2 * dist),
                                           ROW(from + r + 3 * dist) };
            e->fft4(out, in, stride, (size_t) dist, len, log01, log23, log02);
        }
        from = pos;
    }
    if (dist4 == 2) {
        for (int r = 0; r < t; r += 2) {
            uint8_t *const out[2] = { OUT(pos + r), OUT(pos + r + 1) };
            const uint8_t *const in[2] = { ROW(from + r), ROW(from + r + 1) };
            e->fft2(out, in, 0, 1, len, rs_skew[r + delta]);
        }
        return;
    }
    for (int j = pos; dest && j < pos + t && j < dest_count; j++) {
        memcpy(dest[j], ROW(j), len);
    }
}

/* The input of row r: src[r] for the first nsrc rows when src is given, else the row itself. */
#define IN(r) (src && (r) < nsrc ? src[r] : ROW(r))

/*
 * Radix-4 IFFT of rows [pos, pos + size) as Fft.ifft; rows at or above t must hold zeros. With acc >= 0 the last
 * layer XORs its results into rows [acc, acc + size) (every row of the range) instead of storing them. With src
 * (size at least 4), the first layer reads row r from IN(r) instead, and overwrites every row below t it reads.
 */
static void ifft(const rs_engine *e, uint8_t *w, size_t stride, int pos, int size, int t, int delta, size_t len,
                 int acc, const uint8_t *const *src, int nsrc) {
    int xa = acc >= 0 ? acc : pos; /* the rows of x below are only used with acc >= 0 */
    int dist = 1;
    for (int dist4 = 4; dist4 <= size; dist = dist4, dist4 <<= 2) {
        int last = dist4 == size && acc >= 0;
        int nonzero = round_up(t, dist); /* the rows earlier layers wrote; the others still hold zeros */
        for (int r = 0; r < t; r += dist4) {
            int base = r + dist + delta - 1;
            unsigned log01 = rs_skew[base], log02 = rs_skew[base + dist], log23 = rs_skew[base + 2 * dist];
            if (r + 2 * dist >= nonzero) {
                log23 = RS_SKIP; /* rows r + 2 dist and up are zeros, and so would be their butterfly's outputs */
            }
            uint8_t *const s[4] = { ROW(pos + r), ROW(pos + r + dist), ROW(pos + r + 2 * dist),
                                    ROW(pos + r + 3 * dist) };
            uint8_t *const x[4] = { ROW(xa + r), ROW(xa + r + dist), ROW(xa + r + 2 * dist),
                                    ROW(xa + r + 3 * dist) };
            const uint8_t *const in[4] = { IN(pos + r), IN(pos + r + 1), IN(pos + r + 2), IN(pos + r + 3) };
            e->ifft4(s, src && dist == 1 ? in : NULL, last ? x : NULL, stride, (size_t) dist, len, log01, log23,
                     log02);
        }
    }
    if (dist < size) {
        uint8_t *const s[2] = { ROW(pos), ROW(pos + dist) };
        uint8_t *const x[2] = { ROW(xa), ROW(xa + dist) };
        e->ifft2(s, acc >= 0 ? x : NULL, stride, (size_t) dist, len, rs_skew[dist + delta - 1]);
    } else if (acc >= 0 && size == 1) {
        xor_row(ROW(acc), ROW(pos), len);
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

/*
 * §5.3 and §5.4; original i is src[i] (or, without src, rows [0, k) hold the originals' chunk), recovery j is left in
 * row j or in dest[j].
 */
void rs_encode_chunk(const rs_engine *e, uint8_t *w, size_t stride, size_t len, int k, int m, int c, int high_rate,
                     const uint8_t *const *src, uint8_t *const *dest) {
    int nsrc = k;
    if (src && c < 4) { /* no two-layer step to read them: load them */
        for (int i = 0; i < k; i++) {
            memcpy(ROW(i), src[i], len);
        }
        src = NULL;
    }
    if (high_rate) {
        int rows = c * ((k + c - 1) / c);
        for (int i = k; i < rows; i++) {
            memset(ROW(i), 0, len);
        }
        for (int q = 0; q * c < rows; q++) {
            ifft(e, w, stride, q * c, c, min_int(c, k - q * c), q * c + c, len, q > 0 ? 0 : -1, src, nsrc);
        }
        fft(e, w, stride, 0, c, m, 0, len, 0, dest, m);
        return;
    }
    for (int i = k; i < c; i++) {
        memset(ROW(i), 0, len);
    }
    ifft(e, w, stride, 0, c, k, 0, len, -1, src, nsrc);
    /* The later chunks' FFTs read the IFFT result from rows [0, c) before chunk 0's FFT overwrites it. */
    for (int q = 1; q * c < m; q++) {
        fft(e, w, stride, q * c, c, min_int(c, m - q * c), q * c + c, len, 0, dest, m);
    }
    fft(e, w, stride, 0, c, min_int(c, m), c, len, 0, dest, m);
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
    ifft(e, w, stride, 0, n, end, 0, len, -1, NULL, 0);
    formal_derivative(w, stride, n, len);
    fft(e, w, stride, 0, n, end, 0, len, 0, NULL, 0);
    for (int i = 0; i < out_count; i++) {
        e->mul(ROW(out_points[i]), ROW(out_points[i]), len, (unsigned) out_logs[i]);
    }
}
