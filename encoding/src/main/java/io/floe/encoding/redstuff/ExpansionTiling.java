package io.floe.encoding.redstuff;

import java.util.ArrayList;
import java.util.List;

/**
 * How the streamed encoder cuts the expansion of a blob into tiles of about {@code tileBytes} (n codewords' worth of
 * symbol bytes). Reed-Solomon over GF(2^16) works element by element, and reed-solomon-simd (so Walrus, so
 * {@link BlobEncoder}) places a symbol's elements in its whole 64-byte blocks and in its tail: so a stripe of symbol
 * bytes made of whole blocks, or the tail alone, is itself a valid symbol whose expansion is the same stripe of every
 * expanded symbol. A tile is either {@code block} whole codewords of whole symbols (when n symbols fit a tile), or one
 * codeword restricted to one such stripe; either way each codeword's piece of a row or column is contiguous.
 *
 * @param block codewords per tile (1 when symbols are cut into stripes)
 * @param stripes the stripes of a symbol, covering {@code [0, s)} in order
 */
record ExpansionTiling(int block, List<Stripe> stripes) {
    /** Bytes {@code [from, from + width)} of every symbol. */
    record Stripe(int from, int width) {
    }

    static ExpansionTiling plan(int n, int s, long tileBytes) {
        if ((long) n * s <= tileBytes) {
            int block = (int) Math.min(n, tileBytes / ((long) n * s));
            return new ExpansionTiling(block, List.of(new Stripe(0, s)));
        }
        int width = (int) Math.max(64, tileBytes / n / 64 * 64);
        int full = s / 64 * 64;
        List<Stripe> stripes = new ArrayList<>();
        for (int from = 0; from < full; from += width) {
            stripes.add(new Stripe(from, Math.min(width, full - from)));
        }
        if (full < s) {
            stripes.add(new Stripe(full, s - full));
        }
        return new ExpansionTiling(1, List.copyOf(stripes));
    }

    /** Largest piece of one codeword a tile holds, in bytes. */
    long pieceBytes(int s) {
        int widest = stripes.stream().mapToInt(Stripe::width).max().orElse(s);
        return (long) block * widest;
    }
}
