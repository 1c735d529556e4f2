package io.floe.protocol.signing;

import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A storage node's Ed25519 protocol public key as the ledger records it and Walrus exchanges it: 32 raw bytes.
 *
 * <p>Invariants: always exactly {@value Ed25519#PUBLIC_KEY_LENGTH} bytes, never changed after construction (the
 * bytes are copied in and out); two keys are equal when their bytes are. The bytes need not be a point on the
 * curve: a peer's bad key is recorded as sent and simply fails {@link Ed25519#verify}.
 */
public final class Ed25519PublicKey {
    private final byte[] raw;

    private Ed25519PublicKey(byte[] raw) {
        this.raw = raw;
    }

    /**
     * The key with these raw bytes.
     *
     * @throws IllegalArgumentException if they are not 32 bytes
     */
    public static Ed25519PublicKey of(byte[] raw32) {
        if (raw32 == null || raw32.length != Ed25519.PUBLIC_KEY_LENGTH) {
            throw new IllegalArgumentException("an Ed25519 public key has " + Ed25519.PUBLIC_KEY_LENGTH
                    + " bytes, got " + (raw32 == null ? "null" : raw32.length));
        }
        return new Ed25519PublicKey(raw32.clone());
    }

    /** The raw form of a JDK key, e.g. one made by {@link Ed25519#generate()} or read from a key file. */
    public static Ed25519PublicKey of(PublicKey key) {
        return new Ed25519PublicKey(Ed25519.raw(key));
    }

    /** The 32 raw bytes (a copy). */
    public byte[] bytes() {
        return raw.clone();
    }

    /** The raw bytes in standard base64, as the HTTP APIs and logs show a key. */
    public String base64() {
        return Base64.getEncoder().encodeToString(raw);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ed25519PublicKey other && Arrays.equals(raw, other.raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    /** The raw bytes in hex. */
    @Override
    public String toString() {
        return HexFormat.of().formatHex(raw);
    }
}
