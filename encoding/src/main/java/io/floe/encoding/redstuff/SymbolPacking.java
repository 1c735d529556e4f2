package io.floe.encoding.redstuff;

/**
 * Turns a run of {@code count} symbols of {@code s} bytes (each in the crate's byte layout) into one wide shard of
 * {@code count * s} bytes, and back. One Reed-Solomon call over wide shards then encodes every column (or row) of
 * the matrix at once: lanes never interact, so any one-to-one placement of the symbols' lanes is allowed.
 *
 * <p>The placement chosen keeps the copying cheap: the full 64-byte blocks of every symbol are copied as they are,
 * one symbol after another; the short tails of all symbols (when {@code s} is not a multiple of 64) are gathered
 * lane by lane into a region of their own at the end. When {@code s} is a multiple of 64 it is the identity.
 */
final class SymbolPacking {
    private SymbolPacking() {
    }

    /** True when packing changes nothing, so sliver arrays can be used as shards directly. */
    static boolean isIdentity(int s) {
        return s % 64 == 0;
    }

    /** Packs {@code count} symbols at {@code src[srcOff..]} into {@code dst[0 .. count*s)}. */
    static void pack(byte[] src, int srcOff, int count, int s, byte[] dst) {
        move(src, srcOff, count, s, dst, true);
    }

    /** Unpacks a wide shard into {@code count} symbols at {@code dst[dstOff..]}. */
    static void unpack(byte[] wide, int count, int s, byte[] dst, int dstOff) {
        move(dst, dstOff, count, s, wide, false);
    }

    private static void move(byte[] symbols, int off, int count, int s, byte[] wide, boolean toWide) {
        if (isIdentity(s)) {
            copy(symbols, off, wide, 0, count * s, toWide);
            return;
        }
        if (s == 2) {
            moveTwoByte(symbols, off, count, wide, toWide);
            return;
        }
        int full = s / 64 * 64;
        for (int c = 0; c < count; c++) {
            copy(symbols, off + c * s, wide, c * full, full, toWide);
        }
        moveTails(symbols, off, count, s, full, wide, toWide);
    }

    /**
     * {@link #moveTails} for 2-byte symbols (every small blob's): symbol c is lane c, its low byte in the lane's low
     * half of a 64-byte block, its high byte 32 further; the last {@code count % 32} lanes form a short block. A
     * plain loop per direction, as the general one spends two calls per one-byte run here.
     */
    private static void moveTwoByte(byte[] symbols, int off, int count, byte[] wide, boolean toWide) {
        int fullLanes = count / 32 * 32;
        int rest = count - fullLanes;
        int restLo = 2 * fullLanes;
        if (toWide) {
            for (int c = 0; c < fullLanes; c++) {
                int w = (c >>> 5 << 6) + (c & 31);
                wide[w] = symbols[off + 2 * c];
                wide[w + 32] = symbols[off + 2 * c + 1];
            }
            for (int i = 0; i < rest; i++) {
                wide[restLo + i] = symbols[off + 2 * (fullLanes + i)];
                wide[restLo + rest + i] = symbols[off + 2 * (fullLanes + i) + 1];
            }
        } else {
            for (int c = 0; c < fullLanes; c++) {
                int w = (c >>> 5 << 6) + (c & 31);
                symbols[off + 2 * c] = wide[w];
                symbols[off + 2 * c + 1] = wide[w + 32];
            }
            for (int i = 0; i < rest; i++) {
                symbols[off + 2 * (fullLanes + i)] = wide[restLo + i];
                symbols[off + 2 * (fullLanes + i) + 1] = wide[restLo + rest + i];
            }
        }
    }

    /** The tails (bytes past the {@code full} bytes of whole blocks) of all symbols, gathered lane by lane. */
    private static void moveTails(byte[] symbols, int off, int count, int s, int full, byte[] wide, boolean toWide) {
        int half = (s - full) / 2;
        int base = count * full;
        int tailBytes = count * (s - full);
        int tailFullLanes = tailBytes / 64 * 32;
        int tailHalf = tailBytes % 64 / 2;
        // A symbol's tail lanes are consecutive lanes of the tail region, so they move as runs: split where a run
        // would leave a 32-lane block (tailFullLanes is a multiple of 32, so no run straddles the short block).
        int lane = 0;
        for (int c = 0; c < count; c++) {
            int lo = off + c * s + full;
            for (int u = 0; u < half; ) {
                int run;
                int wideLo;
                int wideHi;
                if (lane < tailFullLanes) {
                    run = Math.min(half - u, 32 - (lane & 31));
                    wideLo = base + (lane >>> 5) * 64 + (lane & 31);
                    wideHi = wideLo + 32;
                } else {
                    run = half - u;
                    wideLo = base + tailFullLanes * 2 + (lane - tailFullLanes);
                    wideHi = wideLo + tailHalf;
                }
                copy(symbols, lo + u, wide, wideLo, run, toWide);
                copy(symbols, lo + half + u, wide, wideHi, run, toWide);
                u += run;
                lane += run;
            }
        }
    }

    private static void copy(byte[] symbols, int off, byte[] wide, int wideOff, int len, boolean toWide) {
        if (len <= 8) {
            // Small symbols' tails are runs of a byte or two: a plain loop beats an arraycopy call per run.
            for (int i = 0; i < len; i++) {
                if (toWide) {
                    wide[wideOff + i] = symbols[off + i];
                } else {
                    symbols[off + i] = wide[wideOff + i];
                }
            }
        } else if (toWide) {
            System.arraycopy(symbols, off, wide, wideOff, len);
        } else {
            System.arraycopy(wide, wideOff, symbols, off, len);
        }
    }
}
