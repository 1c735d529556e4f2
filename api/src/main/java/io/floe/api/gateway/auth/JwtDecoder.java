package io.floe.api.gateway.auth;

import static io.floe.api.gateway.auth.AuthFailure.INVALID_SIGNATURE;
import static io.floe.api.gateway.auth.AuthFailure.INVALID_TOKEN;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.api.json.Json;
import io.floe.protocol.account.Address;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Reads a compact JWS (RFC 7515: {@code base64url(header).base64url(payload).base64url(signature)}) into a
 * {@link Claim}. With a key, the header's {@code alg} must be the configured algorithm and the signature must verify
 * before the payload is read at all; without one (Walrus's mode for a publisher behind a gateway that checked
 * signatures already) neither is checked.
 *
 * <p>Invariant: anything malformed is refused with an {@link AuthFailure} ({@code INVALID_TOKEN} or
 * {@code INVALID_SIGNATURE}), never another exception.
 */
final class JwtDecoder {
    /** Unpadded base64url, as RFC 7515 writes each part. */
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_-]*");
    /** Largest claim values: Walrus reads epochs as u32. */
    private static final long U32_MAX = 0xFFFF_FFFFL;

    private final JwtAlgorithm algorithm;
    private final Optional<byte[]> key;

    JwtDecoder(JwtAlgorithm algorithm, Optional<byte[]> key) {
        this.algorithm = algorithm;
        this.key = key;
    }

    Claim decode(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw INVALID_TOKEN.refuse("a JWT has three dot-separated parts, this one " + parts.length);
        }
        if (key.isPresent()) {
            checkHeader(json(parts[0], "header"));
            byte[] signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
            if (!algorithm.verifies(key.get(), signingInput, base64(parts[2], "signature"))) {
                throw INVALID_SIGNATURE.refuse("it does not verify under this publisher's "
                        + algorithm.jwsName() + " key");
            }
        }
        return claim(json(parts[1], "payload"));
    }

    private void checkHeader(JsonNode header) {
        JsonNode alg = header.get("alg");
        if (alg == null || !alg.isTextual()) {
            throw INVALID_TOKEN.refuse("the header has no alg");
        }
        if (!alg.asText().equals(algorithm.jwsName())) {
            throw INVALID_TOKEN.refuse("it is signed with " + alg.asText() + ", this publisher takes "
                    + algorithm.jwsName());
        }
    }

    private static Claim claim(JsonNode payload) {
        return new Claim(requiredLong(payload, "exp"), optionalLong(payload, "iat", Long.MIN_VALUE, Long.MAX_VALUE),
                requiredText(payload, "jti"), address(payload, "send_object_to"),
                optionalLong(payload, "epochs", 0, U32_MAX), optionalLong(payload, "max_epochs", 0, U32_MAX),
                optionalLong(payload, "size", 0, Long.MAX_VALUE), optionalLong(payload, "max_size", 0, Long.MAX_VALUE));
    }

    private static long requiredLong(JsonNode payload, String name) {
        OptionalLong value = optionalLong(payload, name, Long.MIN_VALUE, Long.MAX_VALUE);
        if (value.isEmpty()) {
            throw INVALID_TOKEN.refuse("the claim " + name + " is required");
        }
        return value.getAsLong();
    }

    private static OptionalLong optionalLong(JsonNode payload, String name, long min, long max) {
        JsonNode value = payload.get(name);
        if (value == null || value.isNull()) {
            return OptionalLong.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()
                || value.asLong() < min || value.asLong() > max) {
            throw INVALID_TOKEN.refuse("the claim " + name + " must be an integer in [" + min + ", " + max + "]");
        }
        return OptionalLong.of(value.asLong());
    }

    private static String requiredText(JsonNode payload, String name) {
        JsonNode value = payload.get(name);
        if (value == null || !value.isTextual()) {
            throw INVALID_TOKEN.refuse("the claim " + name + " is required, as a string");
        }
        return value.asText();
    }

    private static Optional<Address> address(JsonNode payload, String name) {
        JsonNode value = payload.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Address.parse(value.isTextual() ? value.asText() : value.toString()));
        } catch (IllegalArgumentException e) {
            throw INVALID_TOKEN.refuse("the claim " + name + " must be an address, 0x and 64 hex digits");
        }
    }

    private static JsonNode json(String part, String what) {
        JsonNode node;
        try {
            node = Json.parse(base64(part, what));
        } catch (IllegalArgumentException e) {
            throw INVALID_TOKEN.refuse("its " + what + " is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw INVALID_TOKEN.refuse("its " + what + " is not a JSON object");
        }
        return node;
    }

    private static byte[] base64(String part, String what) {
        if (!PART.matcher(part).matches()) {
            throw INVALID_TOKEN.refuse("its " + what + " is not unpadded base64url");
        }
        try {
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw INVALID_TOKEN.refuse("its " + what + " is not unpadded base64url");
        }
    }
}
