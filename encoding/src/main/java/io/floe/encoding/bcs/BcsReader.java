package io.floe.encoding.bcs;

import java.util.Objects;

/**
 * Cursor over BCS bytes in {@code data[offset, limit)}, decoding exactly as the Rust {@code bcs} crate does.
 *
 * <p>Invariant: every read either returns a value the crate would accept and advances past it, or throws
 * {@link BcsException} carrying the offset of the offending value; nothing is read at or beyond {@code limit}.
 * ULEB128 values must be canonical (no trailing zero digit) and fit a u32; sequence lengths must also be at
 * most 2^31 - 1. Callers finish with {@link #expectEnd()} because BCS forbids trailing bytes. Not thread-safe.
 */
public final class BcsReader {
    /** ULEB128 for a u32 has at most 5 digits of 7 bits; the crate stops looking after shift 28. */
    private static final int MAX_ULEB128_BYTES = 5;

    private final byte[] data;
    private final int limit;
    private int pos;

    /** Reads all of {@code data}. */
    public BcsReader(byte[] data) {
        this(data, 0, data.length);
    }

    /** Reads {@code data[offset, limit)}; {@code limit} is an absolute, exclusive end index. */
    public BcsReader(byte[] data, int offset, int limit) {
        Objects.checkFromToIndex(offset, limit, data.length);
        this.data = data;
        this.pos = offset;
        this.limit = limit;
    }

    /** Absolute offset of the next byte to read. */
    public int position() {
        return pos;
    }

    /** Bytes left before the limit. */
    public int remaining() {
        return limit - pos;
    }

    public int u8() {
        require(1, "u8");
        return data[pos++] & 0xFF;
    }

    /** Reads a little-endian u16 as an int in [0, 65535]. */
    public int u16() {
        return (int) littleEndian(2, "u16");
    }

    /** Reads a little-endian u32 as a long in [0, 2^32 - 1]. */
    public long u32() {
        return littleEndian(4, "u32");
    }

    /** Reads a little-endian u64; values at or above 2^63 come back negative (use the unsigned Long methods). */
    public long u64() {
        return littleEndian(8, "u64");
    }

    /** Reads a bool; only 0 and 1 are canonical. */
    public boolean bool() {
        int start = pos;
        int b = u8();
        if (b > 1) {
            throw new BcsException("expected bool 0 or 1, got " + b, start);
        }
        return b == 1;
    }

    /**
     * Reads a ULEB128 u32 as the crate's {@code parse_u32_from_uleb128}: at most 5 bytes, the last digit nonzero
     * unless the value is the single byte 0, and the value at most 2^32 - 1.
     */
    public long uleb128() {
        int start = pos;
        long value = 0;
        for (int i = 0; i < MAX_ULEB128_BYTES; i++) {
            if (pos >= limit) {
                throw new BcsException("truncated ULEB128", start);
            }
            int b = data[pos++] & 0xFF;
            int digit = b & 0x7F;
            value |= (long) digit << (7 * i);
            if (digit == b) {
                return finishUleb128(value, digit, i, start);
            }
        }
        throw new BcsException("ULEB128 overflows u32", start);
    }

    /** Reads a sequence length: a ULEB128 of at most {@link BcsWriter#MAX_SEQUENCE_LENGTH}. */
    public int length() {
        int start = pos;
        long len = uleb128();
        if (len > BcsWriter.MAX_SEQUENCE_LENGTH) {
            throw new BcsException("sequence length " + len + " exceeds 2^31 - 1", start);
        }
        return (int) len;
    }

    /**
     * Reads an enum variant tag (ULEB128 u32). Tags above {@code Integer.MAX_VALUE} are refused here because no
     * Walrus enum has that many variants; callers still reject tags their enum does not define.
     */
    public int variant() {
        int start = pos;
        long tag = uleb128();
        if (tag > Integer.MAX_VALUE) {
            throw new BcsException("enum variant " + tag + " out of range", start);
        }
        return (int) tag;
    }

    /** Reads a {@code vector<u8>}: ULEB128 length, then that many bytes. */
    public byte[] bytes() {
        int start = pos;
        int len = length();
        if (len > remaining()) {
            // Checked before allocating, so a hostile length cannot make us allocate gigabytes.
            throw new BcsException("byte vector of length " + len + " runs past the end", start);
        }
        return fixedBytes(len);
    }

    /** Reads {@code len} bytes without a length prefix (a fixed array such as {@code [u8; 32]}). */
    public byte[] fixedBytes(int len) {
        require(checkedLength(len), "fixed bytes");
        byte[] out = new byte[len];
        System.arraycopy(data, pos, out, 0, len);
        pos += len;
        return out;
    }

    /** Reads {@code len} bytes into {@code dst[off, off+len)}. */
    public void fixedBytes(byte[] dst, int off, int len) {
        Objects.checkFromIndexSize(off, checkedLength(len), dst.length);
        require(len, "fixed bytes");
        System.arraycopy(data, pos, dst, off, len);
        pos += len;
    }

    /** Steps over {@code len} bytes (a value read in place by its own reader). */
    public void skip(int len) {
        require(checkedLength(len), "skipped bytes");
        pos += len;
    }

    /** Throws unless every byte up to the limit has been read: BCS values have exactly one encoding. */
    public void expectEnd() {
        if (pos != limit) {
            throw new BcsException(remaining() + " trailing bytes", pos);
        }
    }

    private static long finishUleb128(long value, int lastDigit, int index, int start) {
        if (index > 0 && lastDigit == 0) {
            throw new BcsException("non-canonical ULEB128 (trailing zero digit)", start);
        }
        if (value > BcsWriter.MAX_ULEB128) {
            throw new BcsException("ULEB128 value " + value + " overflows u32", start);
        }
        return value;
    }

    private long littleEndian(int width, String type) {
        require(width, type);
        long value = 0;
        for (int i = 0; i < width; i++) {
            value |= (long) (data[pos + i] & 0xFF) << (8 * i);
        }
        pos += width;
        return value;
    }

    private void require(int n, String what) {
        if (n > limit - pos) {
            throw new BcsException("unexpected end of input reading " + n + " bytes of " + what, pos);
        }
    }

    private static int checkedLength(int len) {
        if (len < 0) {
            throw new IllegalArgumentException("negative length " + len);
        }
        return len;
    }
}
