package io.floe.cli.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.floe.protocol.account.SignedRequest;
import io.floe.protocol.signing.Ed25519PublicKey;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A signed request as it travels over HTTP: {@code {"request":"<base64>","publicKey":"<base64>","signature":
 * "<base64>"}} (standard base64 with padding), the body of {@code POST /v1/transactions}; base64 of that JSON is the
 * {@code X-Floe-Signed-Request} header of a signed {@code PUT /v1/blobs}.
 *
 * <p>Invariant: {@link #parse} of {@link #json} gives back the same request, key and signature bytes.
 */
public final class SignedEnvelope {
    /** The header that carries a signed {@code register_blob} beside a blob's bytes. */
    public static final String HEADER = "X-Floe-Signed-Request";

    private SignedEnvelope() {
    }

    /** The envelope as one compact JSON object. */
    public static String json(SignedRequest signed) {
        Base64.Encoder base64 = Base64.getEncoder();
        return CliJson.line(CliJson.object().put("request", base64.encodeToString(signed.request()))
            .put("publicKey", base64.encodeToString(signed.publicKey().bytes()))
            .put("signature", base64.encodeToString(signed.signature())));
    }

    /** The value of {@link #HEADER}: base64 of {@link #json}. */
    public static String header(SignedRequest signed) {
        return Base64.getEncoder().encodeToString(json(signed).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The request an envelope carries.
     *
     * @throws IllegalArgumentException when it is not an envelope
     */
    public static SignedRequest parse(String json) {
        try {
            JsonNode root = CliJson.tree(json);
            Base64.Decoder base64 = Base64.getDecoder();
            return new SignedRequest(base64.decode(field(root, "request")),
                Ed25519PublicKey.of(base64.decode(field(root, "publicKey"))), base64.decode(field(root, "signature")));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a signed request envelope: " + e.getOriginalMessage());
        }
    }

    /** The request a {@link #HEADER} value carries. */
    public static SignedRequest parseHeader(String header) {
        return parse(new String(Base64.getDecoder().decode(header), StandardCharsets.US_ASCII));
    }

    private static String field(JsonNode root, String name) {
        JsonNode node = root == null ? null : root.get(name);
        if (node == null || !node.isTextual()) {
            throw new IllegalArgumentException("a signed request envelope has a string " + name);
        }
        return node.textValue();
    }
}
