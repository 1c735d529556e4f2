package io.floe.encoding.redstuff;

import java.util.Arrays;
import java.util.stream.IntStream;

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
        IntStream.range(0, rows.length).parallel().forEach(r -> {
            int from = (int) Math.min(blob.length, (long) r * rowBytes);
            rows[r] = Arrays.copyOfRange(blob, from, from + rowBytes);
        });
        return rows;
    }

    /** The ns source columns (np symbols each) of the given source rows. */
    static byte[][] columns(EncodingConfig config, byte[][] rows, int s) {
        int bytes = config.primarySourceSymbols() * s;
        byte[][] columns = new byte[config.secondarySourceSymbols()][];
        IntStream.range(0, columns.length).parallel().forEach(j -> columns[j] = new byte[bytes]);
        columnsInto(config, rows, s, columns);
        return columns;
    }

    /** Writes the ns source columns into {@code columns[0..ns)} (np * s bytes each, every byte overwritten). */
    static void columnsInto(EncodingConfig config, byte[][] rows, int s, byte[][] columns) {
        int np = config.primarySourceSymbols();
        IntStream.range(0, config.secondarySourceSymbols()).parallel().forEach(j -> {
            byte[] column = columns[j];
            for (int r = 0; r < np; r++) {
                System.arraycopy(rows[r], j * s, column, r * s, s);
            }
        });
    }
}
