package io.floe.api.gateway.auth;

import io.floe.protocol.signing.Ed25519;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The JWT signature algorithms the publisher verifies (a token's header {@code alg} must name the configured one).
 * Walrus's publisher also takes ES256/384, RS256/384/512 and PS256/384/512; Floe verifies the HMAC family and EdDSA
 * (Ed25519), and refuses the others at start-up by name rather than accepting a key it would misread.
 *
 * <p>Invariant: {@link #verifies} answers {@code false} for anything it cannot check and never throws: its inputs
 * come from clients.
 */
public enum JwtAlgorithm {
    HS256("HmacSHA256"),
    HS384("HmacSHA384"),
    HS512("HmacSHA512"),
    /** Ed25519 with a 32-byte public key, as Walrus's {@code --jwt-algorithm EdDSA}. */
    EDDSA(null);

    /** Walrus's other options, named in the error for them. */
    private static final String WALRUS_ONLY = "ES256 ES384 RS256 RS384 RS512 PS256 PS384 PS512";

    private final String macName;

    JwtAlgorithm(String macName) {
        this.macName = macName;
    }

    /** The {@code alg} name of JWS headers ({@code HS256}, {@code EdDSA}). */
    public String jwsName() {
        return this == EDDSA ? "EdDSA" : name();
    }

    /**
     * The algorithm named {@code name} (case-insensitive).
     *
     * @throws IllegalArgumentException for an unknown name or one of Walrus's algorithms Floe does not verify
     */
    public static JwtAlgorithm parse(String name) {
        String upper = name.trim().toUpperCase(Locale.ROOT);
        for (JwtAlgorithm a : values()) {
            if (a.name().equals(upper)) {
                return a;
            }
        }
        if (Arrays.asList(WALRUS_ONLY.split(" ")).contains(upper)) {
            throw new IllegalArgumentException(name + " is a Walrus JWT algorithm Floe does not verify yet;"
                    + " use HS256, HS384, HS512 or EdDSA");
        }
        throw new IllegalArgumentException("unknown JWT algorithm '" + name + "'; use HS256, HS384, HS512 or EdDSA");
    }

    /** Checks that {@code key} can serve this algorithm (an EdDSA key is 32 bytes); names the problem otherwise. */
    void requireUsableKey(byte[] key) {
        if (this == EDDSA && key.length != Ed25519.PUBLIC_KEY_LENGTH) {
            throw new IllegalArgumentException("an EdDSA decode key is the 32-byte Ed25519 public key as 0x and 64"
                    + " hex digits, got " + key.length + " bytes");
        }
        if (this != EDDSA && key.length == 0) {
            throw new IllegalArgumentException("an HMAC decode secret must not be empty");
        }
    }

    /** Whether {@code signature} signs {@code signingInput} (the token's {@code header.payload}) under {@code key}. */
    boolean verifies(byte[] key, byte[] signingInput, byte[] signature) {
        if (this == EDDSA) {
            return Ed25519.verify(key, signingInput, signature);
        }
        try {
            Mac mac = Mac.getInstance(macName);
            mac.init(new SecretKeySpec(key, macName));
            // Constant-time: a byte-by-byte early exit would let a client find a valid MAC one byte at a time.
            return MessageDigest.isEqual(mac.doFinal(signingInput), signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
