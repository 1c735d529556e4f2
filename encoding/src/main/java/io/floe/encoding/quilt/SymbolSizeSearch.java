package io.floe.encoding.quilt;

import io.floe.encoding.redstuff.EncodingConfig;

/**
 * The smallest symbol size at which every piece (the index first, then each file) fits whole consecutive columns,
 * found by the binary search of Walrus's TypeScript SDK ({@code computeSymbolSize}). Its bounds are computed in
 * doubles, as JavaScript numbers, because the search's result depends on where it starts; integer arithmetic would
 * pick other symbol sizes for some inputs and so other blob IDs.
 */
final class SymbolSizeSearch {
    /** RS2 symbols hold whole 2-byte field elements. */
    private static final int ALIGNMENT = 2;

    private SymbolSizeSearch() {
    }

    static int smallest(long[] sizes, int columns, int rows, int maxIndexColumns) {
        if (sizes.length > columns) {
            throw new QuiltOversizeException((sizes.length - 1) + " files and the index need more than the " + columns
                    + " columns of a quilt for this shard count");
        }
        double sum = 0;
        double max = 0;
        for (long s : sizes) {
            sum += s;
            max = Math.max(max, s);
        }
        double low = Math.max(Math.max(sum / ((double) columns * rows), sizes[0] / ((double) rows * maxIndexColumns)),
                Math.ceil((double) QuiltEncoder.INDEX_PREFIX / rows));
        double high = Math.ceil(max / ((double) columns / sizes.length) * rows);
        while (low < high) {
            double mid = Math.floor((low + high) / 2);
            if (fits(sizes, columns, mid * rows)) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        double symbolSize = Math.ceil(low / ALIGNMENT) * ALIGNMENT;
        if (!fits(sizes, columns, symbolSize * rows)) {
            throw new QuiltOversizeException("the files do not fit one quilt for this shard count");
        }
        if (symbolSize > EncodingConfig.MAX_SYMBOL_SIZE) {
            throw new QuiltOversizeException("the quilt would need symbols of " + (long) symbolSize + " bytes, more "
                    + "than " + EncodingConfig.MAX_SYMBOL_SIZE + "; store fewer or smaller files");
        }
        return (int) symbolSize;
    }

    private static boolean fits(long[] sizes, int columns, double columnSize) {
        double used = 0;
        for (long s : sizes) {
            used += Math.ceil(s / columnSize);
        }
        return used <= columns;
    }
}
