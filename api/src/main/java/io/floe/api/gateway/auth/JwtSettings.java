package io.floe.api.gateway.auth;

import com.typesafe.config.Config;
import io.floe.protocol.config.ConfigSection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * JWT authentication of the publisher's {@code PUT /v1/blobs} ({@value #PATH}, documented in the api module's
 * reference.conf), Walrus's {@code --jwt-*} publisher options.
 *
 * <p>Invariant: when {@code decodeKey} is present it is a usable key of {@code algorithm} (checked here, at start-up,
 * so a misconfigured publisher fails to start rather than refusing every upload).
 *
 * @param enabled         whether uploads need a token at all (off: every other field is ignored)
 * @param decodeKey       the HMAC secret or EdDSA public key; empty: signatures are not checked (Walrus's mode for a
 *                        publisher behind a gateway that checked them already)
 * @param algorithm       the one algorithm tokens must be signed with
 * @param expiringSeconds when above 0, every token must have {@code exp - iat} equal to it (Walrus's rule)
 * @param verifyUpload    whether the upload must match the token's {@code epochs}, {@code max_epochs}, {@code size},
 *                        {@code max_size} and {@code send_object_to} claims
 * @param cacheSize       the most token IDs remembered against replay; uploads beyond it wait for tokens to expire
 * @param cacheRefresh    how often remembered IDs of expired tokens are dropped
 */
public record JwtSettings(boolean enabled, Optional<byte[]> decodeKey, JwtAlgorithm algorithm, long expiringSeconds,
                          boolean verifyUpload, int cacheSize, Duration cacheRefresh) {
    /** The block this record is read from. */
    public static final String PATH = "floe.gateway.jwt";

    public JwtSettings {
        decodeKey.ifPresent(algorithm::requireUsableKey);
        if (expiringSeconds < 0) {
            throw new IllegalArgumentException("expiring-seconds must be >= 0, was " + expiringSeconds);
        }
        if (cacheSize < 1 || cacheRefresh.isNegative() || cacheRefresh.isZero()) {
            throw new IllegalArgumentException("the replay cache needs a size >= 1 and a positive refresh");
        }
    }

    /** Authentication off, as {@code floe local} and the reference configuration have it. */
    public static JwtSettings disabled() {
        return new JwtSettings(false, Optional.empty(), JwtAlgorithm.HS256, 0, false, 1, Duration.ofSeconds(5));
    }

    /** Reads {@value #PATH} of a resolved configuration. */
    public static JwtSettings from(Config root) {
        ConfigSection c = ConfigSection.of(root, PATH);
        JwtAlgorithm algorithm;
        try {
            algorithm = JwtAlgorithm.parse(c.string("algorithm"));
        } catch (IllegalArgumentException e) {
            throw c.bad("algorithm", e.getMessage());
        }
        Optional<byte[]> key;
        try {
            key = decodeKey(c.string("decode-secret"));
            key.ifPresent(algorithm::requireUsableKey);
        } catch (IllegalArgumentException e) {
            throw c.bad("decode-secret", e.getMessage());
        }
        long expiring = c.longValue("expiring-seconds");
        if (expiring < 0) {
            throw c.bad("expiring-seconds", "must be >= 0, was " + expiring);
        }
        return new JwtSettings(c.bool("enabled"), key, algorithm, expiring, c.bool("verify-upload"),
                c.positiveInt("replay-cache-size"), c.positiveDuration("replay-cache-refresh"));
    }

    /**
     * Walrus's reading of the secret: {@code 0x} and an even number of hex digits are those bytes, anything else is
     * the text's UTF-8 bytes; an empty text is no key.
     */
    static Optional<byte[]> decodeKey(String secret) {
        if (secret.isEmpty()) {
            return Optional.empty();
        }
        if (!secret.startsWith("0x")) {
            return Optional.of(secret.getBytes(StandardCharsets.UTF_8));
        }
        String hex = secret.substring(2);
        if (hex.length() % 2 != 0) {
            throw new IllegalArgumentException("a 0x secret needs an even number of hex digits");
        }
        try {
            return Optional.of(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a 0x secret must be hex digits only");
        }
    }

    @Override
    public String toString() {
        // The secret stays out of logs.
        return "JwtSettings[enabled=" + enabled + ", algorithm=" + algorithm.jwsName() + ", signaturesChecked="
                + decodeKey.isPresent() + ", expiringSeconds=" + expiringSeconds + ", verifyUpload=" + verifyUpload
                + ", cacheSize=" + cacheSize + ", cacheRefresh=" + cacheRefresh + "]";
    }
}
