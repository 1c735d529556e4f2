package io.floe.protocol.blob;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The 32-byte ID of one registration of a blob (Walrus's Sui blob object ID), shown as {@code 0x} and 64 hex
 * digits.
 */
public final class ObjectId {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final byte[] bytes;

    private ObjectId(byte[] bytes) {
        this.bytes = bytes;
    }

    public static ObjectId of(byte[] bytes) {
        if (bytes == null || bytes.length != 32) {
            throw new IllegalArgumentException("an object ID has 32 bytes");
        }
        return new ObjectId(bytes.clone());
    }

    public static ObjectId random() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return new ObjectId(b);
    }

    /** Parses {@code 0x} followed by 64 hex digits (the prefix is optional). */
    public static ObjectId parse(String text) {
        String hex = text.startsWith("0x") ? text.substring(2) : text;
        if (hex.length() != 64) {
            throw new IllegalArgumentException("an object ID is 0x and 64 hex digits: " + text);
        }
        try {
            return new ObjectId(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("an object ID is 0x and 64 hex digits: " + text, e);
        }
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ObjectId other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "0x" + HexFormat.of().formatHex(bytes);
    }
}
