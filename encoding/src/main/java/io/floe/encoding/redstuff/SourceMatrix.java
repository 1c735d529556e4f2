package io.floe.encoding.redstuff;

import java.util.Arrays;

/**
 * The blob as Red Stuff sees it: zero-padded to np x ns symbols, row-major. Rows are the systematic primary slivers,
 * columns the systematic secondary slivers.
 */
final class SourceMatrix {
    private SourceMatrix() {
    }

    /** The np source rows (ns symbols each), zero-padded past the blob's end. */
    static byte[][] rows(EncodingConfig config, byte[] blob, int s) {
        int rowBytes = config.primarySliverBytes(s);
        byte[][] rows = new byte[config.primarySourceSymbols()][];
        for (int r = 0; r < rows.length; r++) {
            int from = (int) Math.min(blob.length, (long) r * rowBytes);
            rows[r] = Arrays.copyOfRange(blob, from, from + rowBytes);
        }
        return rows;
    }

    /** The ns source columns (np symbols each) of the given source rows. */
    static byte[][] columns(EncodingConfig config, byte[][] rows, int s) {
        int np = config.primarySourceSymbols();
        byte[][] columns = new byte[config.secondarySourceSymbols()][np * s];
        for (int j = 0; j < columns.length; j++) {
            for (int r = 0; r < np; r++) {
                System.arraycopy(rows[r], j * s, columns[j], r * s, s);
            }
        }
        return columns;
    }
}
