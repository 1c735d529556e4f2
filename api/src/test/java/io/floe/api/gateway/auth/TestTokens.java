package io.floe.api.gateway.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.floe.api.json.Json;
import io.floe.protocol.signing.Ed25519;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Compact JWS tokens as an issuer would make them, for the publisher-auth tests. */
public final class TestTokens {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private TestTokens() {
    }

    /** Claims with {@code exp} and {@code jti}, the two Walrus requires. */
    public static ObjectNode claims(long exp, String jti) {
        ObjectNode claims = Json.object();
        claims.put("exp", exp);
        claims.put("jti", jti);
        return claims;
    }

    /** {@code claims} signed with the HMAC {@code alg} ({@code HS256}, {@code HS384}, {@code HS512}) and {@code secret}. */
    public static String hmac(String alg, byte[] secret, ObjectNode claims) {
        String input = part(header(alg)) + "." + part(claims);
        String macName = "Hmac" + alg.replace("HS", "SHA");
        try {
            Mac mac = Mac.getInstance(macName);
            mac.init(new SecretKeySpec(secret, macName));
            return input + "." + B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    public static String hs256(String secret, ObjectNode claims) {
        return hmac("HS256", secret.getBytes(StandardCharsets.UTF_8), claims);
    }

    /** {@code claims} signed with Ed25519 ({@code alg} EdDSA). */
    public static String eddsa(PrivateKey key, ObjectNode claims) {
        String input = part(header("EdDSA")) + "." + part(claims);
        return input + "." + B64.encodeToString(Ed25519.sign(key, input.getBytes(StandardCharsets.US_ASCII)));
    }

    /** A token with these raw header and payload JSON texts and signature bytes, for malformed cases. */
    public static String raw(String header, String payload, byte[] signature) {
        return B64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + B64.encodeToString(signature);
    }

    private static ObjectNode header(String alg) {
        ObjectNode header = Json.object();
        header.put("typ", "JWT");
        header.put("alg", alg);
        return header;
    }

    private static String part(ObjectNode json) {
        return B64.encodeToString(Json.bytes(json));
    }
}
