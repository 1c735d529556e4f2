package io.floe.encoding.redstuff;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Where one encoding's large arrays come from: fresh ones for {@link BlobEncoder#encode} (its slivers leave with the
 * result), or, for {@link BlobEncoder#computeMetadata} (only hashes leave), the arrays of the encoder's previous
 * call of the same shape. A 64 MiB blob at n = 1000 fills about 400 MB of slivers and corner; allocated anew per
 * call, the young GC copied what was live of them at every collection, about a third of the call's time.
 *
 * <p>Invariant: the encoder overwrites every byte of an array it takes from here before reading it (source rows
 * are zero-padded explicitly), so a reused array never carries a byte of an earlier blob into a result. Not
 * thread-safe: an instance serves one call at a time ({@link BlobEncoder} hands it out exclusively).
 */
final class EncoderBuffers {
    /** The roles of the arrays, each a count x length matrix fixed by (n, symbol size). */
    enum Role { PRIMARY, SECONDARY, CORNER_ROWS, CORNER_RECOVERY }

    private final boolean reuse;
    private final byte[][][] kept = new byte[Role.values().length][][];

    private EncoderBuffers(boolean reuse) {
        this.reuse = reuse;
    }

    /** Fresh arrays every time: what {@link BlobEncoder#encode} hands out with its result. */
    static EncoderBuffers fresh() {
        return new EncoderBuffers(false);
    }

    /** Arrays kept from call to call while their shape stays the same. */
    static EncoderBuffers reused() {
        return new EncoderBuffers(true);
    }

    boolean reusing() {
        return reuse;
    }

    /** {@code count} arrays of {@code length} bytes for {@code role}, with unspecified contents when reused. */
    byte[][] get(Role role, int count, int length) {
        byte[][] arrays = kept[role.ordinal()];
        if (arrays != null && arrays.length == count && (count == 0 || arrays[0].length == length)) {
            return arrays;
        }
        byte[][] made = new byte[count][];
        // Zeroing new memory is a pass over it: spread it over the cores like the work that fills it.
        IntStream.range(0, count).parallel().forEach(i -> made[i] = new byte[length]);
        if (reuse) {
            kept[role.ordinal()] = made;
        }
        return made;
    }

    /** Row r of the blob's source matrix (ns symbols) into {@code row}, zero past the blob's end. */
    static void fillSourceRow(byte[] blob, int r, byte[] row) {
        long from = (long) r * row.length;
        int copied = (int) Math.max(0, Math.min(row.length, blob.length - from));
        if (copied > 0) {
            System.arraycopy(blob, (int) from, row, 0, copied);
        }
        Arrays.fill(row, copied, row.length, (byte) 0);
    }
}
