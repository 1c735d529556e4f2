package io.floe.encoding.metadata;

import io.floe.encoding.merkle.Blake2b256;
import java.util.Arrays;
import java.util.Base64;

/**
 * A blob's 32-byte ID: {@code Blake2b256(encoding_type || unencoded_length u64 LE || merkle_root)}, shown as
 * URL-safe base64 without padding (43 characters). Same content and shard count give the same ID.
 */
public final class BlobId {
    public static final int LENGTH = 32;
    private final byte[] bytes;

    private BlobId(byte[] bytes) {
        this.bytes = bytes;
    }

    public static BlobId of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new InvalidBlobIdException("a blob ID has 32 bytes, got " + bytes.length);
        }
        return new BlobId(bytes.clone());
    }

    /**
     * Parses the URL-safe base64 form; rejects anything else with a reason. Only the canonical encoding is accepted:
     * the last character carries 4 unused bits that must be zero, so each ID has exactly one text (the JDK decoder
     * would otherwise read 16 different texts as the same ID).
     */
    public static BlobId parse(String text) {
        if (text.length() != 43) {
            throw new InvalidBlobIdException("a blob ID is 43 URL-safe base64 characters, got " + text.length());
        }
        BlobId id;
        try {
            id = of(Base64.getUrlDecoder().decode(text));
        } catch (IllegalArgumentException e) {
            throw new InvalidBlobIdException("not URL-safe base64: " + text);
        }
        if (!id.toString().equals(text)) {
            throw new InvalidBlobIdException("not the canonical encoding of a blob ID (the unused low bits of the last "
                    + "character must be zero): " + text + ", canonical " + id);
        }
        return id;
    }

    /** The ID that metadata with this root and length must carry. */
    public static BlobId compute(EncodingType type, long unencodedLength, byte[] merkleRoot) {
        byte[] input = new byte[1 + 8 + merkleRoot.length];
        input[0] = (byte) type.code();
        for (int i = 0; i < 8; i++) {
            input[1 + i] = (byte) (unencodedLength >>> (8 * i));
        }
        System.arraycopy(merkleRoot, 0, input, 9, merkleRoot.length);
        return new BlobId(Blake2b256.hash(input));
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    /** The ID read as a big-endian integer, modulo {@code n}: the rotation of sliver pairs over shards. */
    public int rotation(int n) {
        int r = 0;
        for (byte b : bytes) {
            r = (int) (((long) r * 256 + (b & 0xFF)) % n);
        }
        return r;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlobId other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
