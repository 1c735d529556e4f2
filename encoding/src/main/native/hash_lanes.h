/*
 * Blake2b-256 over LANES messages at once, one message per 64-bit lane of a vector, written once and included per
 * instruction set by hash_simd.c (and with LANES 1, plain words, by hash_scalar.c), which define before each
 * inclusion:
 *   NAME(x)  the function name for this ISA          ATTR  its target attribute       LANES  lanes per vector
 *   V        the vector type                          SET1(u64) ADD(a, b) XOR(a, b) LOADV(p) STOREV(p, v)
 *   ROR32(x) ROR24(x) ROR16(x) ROR63(x)               GATHER(base, idx): 64-bit words at base + idx[lane]
 *   SHL(x, n) SHR(x, n)  shifts of every lane by n bits
 *   LOAD_BLOCK(m, data, len, prefix, b)  optional: fills m[16] with block b's words of every lane, in place of the
 *                        gathers (AVX-512: masked loads and a transpose)
 * All messages of a call have one length, so every lane takes the same blocks, counters and final flag, and every
 * message word comes from the same offset in each lane's input: without LOAD_BLOCK one gather per word fills a
 * vector, so no transpose is written out (a message under 8 bytes is one block with one non-zero word, assembled per
 * lane, with or without LOAD_BLOCK). A last group with fewer messages repeats the last one in its spare lanes and
 * drops their digests.
 */

#define G_V(a, b, c, d, x, y) do { \
        v[a] = ADD(ADD(v[a], v[b]), x); v[d] = ROR32(XOR(v[d], v[a])); \
        v[c] = ADD(v[c], v[d]); v[b] = ROR24(XOR(v[b], v[c])); \
        v[a] = ADD(ADD(v[a], v[b]), y); v[d] = ROR16(XOR(v[d], v[a])); \
        v[c] = ADD(v[c], v[d]); v[b] = ROR63(XOR(v[b], v[c])); \
    } while (0)

static ATTR void NAME(compress)(V h[8], const V m[16], uint64_t t, int last) {
    V v[16];
    for (int i = 0; i < 8; i++) {
        v[i] = h[i];
        v[i + 8] = SET1(fh_iv[i]);
    }
    v[12] = XOR(v[12], SET1(t));
    if (last) {
        v[14] = XOR(v[14], SET1(~0ULL));
    }
    for (int r = 0; r < 12; r++) {
        const uint8_t *s = fh_sigma[r];
        G_V(0, 4, 8, 12, m[s[0]], m[s[1]]);
        G_V(1, 5, 9, 13, m[s[2]], m[s[3]]);
        G_V(2, 6, 10, 14, m[s[4]], m[s[5]]);
        G_V(3, 7, 11, 15, m[s[6]], m[s[7]]);
        G_V(0, 5, 10, 15, m[s[8]], m[s[9]]);
        G_V(1, 6, 11, 12, m[s[10]], m[s[11]]);
        G_V(2, 7, 8, 13, m[s[12]], m[s[13]]);
        G_V(3, 4, 9, 14, m[s[14]], m[s[15]]);
    }
    for (int i = 0; i < 8; i++) {
        h[i] = XOR(h[i], XOR(v[i], v[i + 8]));
    }
}

#ifndef LOAD_BLOCK
/*
 * Message word at stream byte p (p a multiple of 8) of every lane, for messages of len >= 8 data bytes: read
 * straight from the inputs, never past a message's end. The prefix word is the first data bytes shifted up one
 * byte; the word where a message ends is the 8 bytes that end there, shifted down; words after it are zero.
 */
static inline __attribute__((always_inline)) ATTR V NAME(word)(const uint8_t *base, V idx, size_t len,
                                                               uint8_t prefix, size_t p) {
    size_t total = len + 1;
    if (p >= total) {
        return SET1(0);
    }
    if (p == 0) {
        return XOR(SHL(GATHER(base, idx), 8), SET1(prefix));
    }
    if (p + 8 <= total) {
        return GATHER(base + p - 1, idx);
    }
    return SHR(GATHER(base + len - 8, idx), 8 * (8 - (total - p)));
}
#endif

/* One group of LANES messages of len >= 8 bytes, data[] pointing at each; digests to d[word][lane]. */
static ATTR void NAME(group_direct)(uint8_t prefix, size_t len, const uint8_t *const data[LANES], V h[8]) {
    const size_t blocks = fh_blocks(len);
    V m[16];
#ifdef LOAD_BLOCK
    for (size_t b = 0; b < blocks; b++) {
        LOAD_BLOCK(m, data, len, prefix, b);
        NAME(compress)(h, m, fh_counter(len, b, blocks), b + 1 == blocks);
    }
#else
    int64_t off[LANES] __attribute__((aligned(64)));
    for (int l = 0; l < LANES; l++) {
        off[l] = (int64_t) ((uintptr_t) data[l] - (uintptr_t) data[0]);
    }
    V idx = LOADV(off);
    for (size_t b = 0; b < blocks; b++) {
        for (int w = 0; w < 16; w++) {
            m[w] = NAME(word)(data[0], idx, len, prefix, FH_BLOCK * b + 8 * w);
        }
        NAME(compress)(h, m, fh_counter(len, b, blocks), b + 1 == blocks);
    }
#endif
}

/* One group of LANES messages under 8 bytes: one block whose only non-zero word is the prefix and the data. */
static ATTR void NAME(group_short)(uint8_t prefix, size_t len, const uint8_t *const data[LANES], V h[8]) {
    uint64_t first[LANES] __attribute__((aligned(64)));
    for (int l = 0; l < LANES; l++) {
        uint64_t x = prefix;
        for (size_t i = 0; i < len; i++) {
            x |= (uint64_t) data[l][i] << (8 * (i + 1));
        }
        first[l] = x;
    }
    V m[16];
    m[0] = LOADV(first);
    for (int w = 1; w < 16; w++) {
        m[w] = SET1(0);
    }
    NAME(compress)(h, m, (uint64_t) len + 1, 1);
}

ATTR void NAME(fh_hash)(uint8_t prefix, size_t len, const uint8_t *const *in, size_t count, uint8_t *out) {
    for (size_t g = 0; g < count; g += LANES) {
        const uint8_t *data[LANES];
        for (int l = 0; l < LANES; l++) {
            data[l] = in[g + l < count ? g + l : count - 1];
        }
        V h[8];
        for (int i = 0; i < 8; i++) {
            h[i] = SET1(i == 0 ? fh_iv[0] ^ (0x01010000ULL | FH_DIGEST) : fh_iv[i]);
        }
        if (len >= 8) {
            NAME(group_direct)(prefix, len, data, h);
        } else {
            NAME(group_short)(prefix, len, data, h);
        }
        uint64_t d[4][LANES] __attribute__((aligned(64)));
        for (int i = 0; i < 4; i++) {
            STOREV(d[i], h[i]);
        }
        for (int l = 0; l < LANES && g + l < count; l++) {
            for (int i = 0; i < 4; i++) {
                memcpy(out + FH_DIGEST * (g + l) + 8 * i, &d[i][l], 8);
            }
        }
    }
}

#undef G_V
