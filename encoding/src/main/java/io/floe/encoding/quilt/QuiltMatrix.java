package io.floe.encoding.quilt;

/**
 * A quilt's bytes seen as Walrus lays them out: {@code rows x columns} symbols of {@code symbolSize} bytes, row
 * major. A file written from column {@code c} runs down column {@code c} symbol by symbol, then down {@code c + 1},
 * and so on; {@link #write} and {@link #read} address bytes that way.
 */
final class QuiltMatrix {
    final byte[] bytes;
    final int rows;
    final int columns;
    final int symbolSize;

    QuiltMatrix(byte[] bytes, int rows, int columns, int symbolSize) {
        this.bytes = bytes;
        this.rows = rows;
        this.columns = columns;
        this.symbolSize = symbolSize;
    }

    /** Bytes in one column. */
    long columnSize() {
        return (long) symbolSize * rows;
    }

    /** Columns that {@code length} bytes fill when written from the top of a column. */
    int columnsFor(long length) {
        return (int) ((length + columnSize() - 1) / columnSize());
    }

    /** Copies {@code data} to the column-wise offset {@code offset} from the top of {@code startColumn}. */
    void write(int startColumn, long offset, byte[] data) {
        copy(startColumn, offset, data, data.length, true);
    }

    /** {@code length} bytes from the column-wise offset {@code offset} below the top of {@code startColumn}. */
    byte[] read(int startColumn, long offset, int length) {
        if (length < 0 || offset < 0) {
            throw new QuiltFormatException("a read of " + length + " bytes at offset " + offset
                    + " (a size field over 2^31, or broken)");
        }
        if (offset + length > (columns - (long) startColumn) * columnSize()) {
            throw new QuiltFormatException(length + " bytes at offset " + offset + " from column " + startColumn
                    + " run past the last column (" + columns + " columns of " + columnSize() + " bytes)");
        }
        byte[] out = new byte[length];
        copy(startColumn, offset, out, length, false);
        return out;
    }

    /** One symbol-sized piece at a time: each piece is contiguous in the row-major bytes. */
    private void copy(int startColumn, long offset, byte[] data, int length, boolean toMatrix) {
        long symbol = offset / symbolSize;
        int within = (int) (offset % symbolSize);
        long column = startColumn + symbol / rows;
        int row = (int) (symbol % rows);
        int rowSize = symbolSize * columns;
        int done = 0;
        while (done < length) {
            int at = (int) (row * (long) rowSize + column * symbolSize + within);
            int n = Math.min(symbolSize - within, length - done);
            if (toMatrix) {
                System.arraycopy(data, done, bytes, at, n);
            } else {
                System.arraycopy(bytes, at, data, done, n);
            }
            done += n;
            within = 0;
            row++;
            if (row == rows) {
                row = 0;
                column++;
            }
        }
    }
}
