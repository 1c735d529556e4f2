package io.floe.encoding.bcs;

import java.util.Arrays;
import java.util.Objects;

/**
 * Growable BCS output buffer. Fixed-width integers are little-endian; ULEB128 is used for sequence lengths and
 * enum variant tags.
 *
 * <p>Invariant: it only ever writes what {@link BcsReader} accepts back. Values outside a field's range are
 * refused with {@link IllegalArgumentException} (a caller bug, not bad input), including ULEB128 values above
 * u32 and sequence lengths above {@link #MAX_SEQUENCE_LENGTH}, which the Rust {@code bcs} crate refuses to write.
 * Not thread-safe.
 */
public final class BcsWriter {
    /** Largest sequence length BCS allows (the Rust crate's {@code MAX_SEQUENCE_LENGTH}, 2^31 - 1). */
    public static final int MAX_SEQUENCE_LENGTH = Integer.MAX_VALUE;
    /** Largest value a BCS ULEB128 may carry (u32::MAX). */
    public static final long MAX_ULEB128 = 0xFFFF_FFFFL;

    private byte[] buf;
    private int size;

    public BcsWriter() {
        this(64);
    }

    public BcsWriter(int initialCapacity) {
        if (initialCapacity < 0) {
            throw new IllegalArgumentException("negative capacity " + initialCapacity);
        }
        this.buf = new byte[Math.max(initialCapacity, 16)];
    }

    /** Writes a u8; {@code value} must be in [0, 255]. */
    public BcsWriter u8(int value) {
        checkRange(value, 0xFF, "u8");
        ensure(1);
        buf[size++] = (byte) value;
        return this;
    }

    /** Writes a u16 little-endian; {@code value} must be in [0, 65535]. */
    public BcsWriter u16(int value) {
        checkRange(value, 0xFFFF, "u16");
        return littleEndian(value, 2);
    }

    /** Writes a u32 little-endian; {@code value} must be in [0, 2^32 - 1]. */
    public BcsWriter u32(long value) {
        checkRange(value, 0xFFFF_FFFFL, "u32");
        return littleEndian(value, 4);
    }

    /** Writes a u64 little-endian; {@code value}'s 64 bits are taken as unsigned. */
    public BcsWriter u64(long value) {
        return littleEndian(value, 8);
    }

    /** Writes a bool as one byte, 0 or 1. */
    public BcsWriter bool(boolean value) {
        return u8(value ? 1 : 0);
    }

    /** Writes {@code value} (at most u32::MAX) as canonical ULEB128: 7 bits a byte, high bit = more follows. */
    public BcsWriter uleb128(long value) {
        checkRange(value, MAX_ULEB128, "ULEB128 (u32)");
        ensure(5);
        long rest = value;
        while (rest >= 0x80) {
            buf[size++] = (byte) (rest | 0x80);
            rest >>>= 7;
        }
        buf[size++] = (byte) rest;
        return this;
    }

    /** Writes the length prefix of a sequence or byte vector (ULEB128, at most {@link #MAX_SEQUENCE_LENGTH}). */
    public BcsWriter length(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative sequence length " + length);
        }
        return uleb128(length);
    }

    /** Writes an enum variant tag (ULEB128). */
    public BcsWriter variant(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("negative variant index " + index);
        }
        return uleb128(index);
    }

    /** Writes a {@code vector<u8>}: ULEB128 length, then the bytes. */
    public BcsWriter bytes(byte[] data) {
        return bytes(data, 0, data.length);
    }

    /** Writes {@code data[off, off+len)} as a {@code vector<u8>}. */
    public BcsWriter bytes(byte[] data, int off, int len) {
        // Checked before the length prefix so a bad slice leaves nothing half-written.
        Objects.checkFromIndexSize(off, len, data.length);
        length(len);
        return fixedBytes(data, off, len);
    }

    /** Writes bytes without a length prefix, as BCS does for fixed arrays such as {@code [u8; 32]}. */
    public BcsWriter fixedBytes(byte[] data) {
        return fixedBytes(data, 0, data.length);
    }

    /** Writes {@code data[off, off+len)} without a length prefix. */
    public BcsWriter fixedBytes(byte[] data, int off, int len) {
        Objects.checkFromIndexSize(off, len, data.length);
        ensure(len);
        System.arraycopy(data, off, buf, size, len);
        size += len;
        return this;
    }

    /**
     * Leaves {@code len} zero bytes for the caller to fill in the array {@link #toByteArray} returns (the data of a
     * {@code vector<u8>} whose length prefix was written, copied there straight from a file).
     */
    public BcsWriter skip(int len) {
        if (len < 0) {
            throw new IllegalArgumentException("negative length " + len);
        }
        ensure(len);
        size += len;
        return this;
    }

    /** Number of bytes written so far. */
    public int size() {
        return size;
    }

    /**
     * The bytes written so far. When they fill the buffer exactly (a writer made with the exact final size) the
     * buffer itself is returned, not a copy: a later write would grow into a new buffer, so it never changes.
     */
    public byte[] toByteArray() {
        return size == buf.length ? buf : Arrays.copyOf(buf, size);
    }

    /** Bytes the ULEB128 form of {@code value} takes (1 to 5). */
    public static int uleb128Size(long value) {
        checkRange(value, MAX_ULEB128, "ULEB128 (u32)");
        int bytes = 1;
        for (long rest = value >>> 7; rest != 0; rest >>>= 7) {
            bytes++;
        }
        return bytes;
    }

    private BcsWriter littleEndian(long value, int width) {
        ensure(width);
        for (int i = 0; i < width; i++) {
            buf[size++] = (byte) (value >>> (8 * i));
        }
        return this;
    }

    private void ensure(int extra) {
        int needed = size + extra;
        if (needed < 0) {
            throw new IllegalStateException("BCS output exceeds 2 GiB");
        }
        if (needed > buf.length) {
            // Doubling keeps appends amortised O(1); the clamp avoids overflow near the array limit.
            long grown = Math.max((long) buf.length * 2, needed);
            buf = Arrays.copyOf(buf, (int) Math.min(grown, Integer.MAX_VALUE - 8));
            if (buf.length < needed) {
                throw new IllegalStateException("BCS output exceeds the maximum array size");
            }
        }
    }

    private static void checkRange(long value, long max, String type) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(value + " does not fit " + type);
        }
    }
}
