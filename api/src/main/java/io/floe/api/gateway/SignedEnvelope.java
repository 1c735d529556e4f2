package io.floe.api.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.api.json.ApiException;
import io.floe.api.json.Json;
import io.floe.protocol.account.SignedRequest;
import io.floe.protocol.signing.Ed25519PublicKey;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A signed request as clients send it over HTTP: {@code {"request":"<base64 ClientRequest bytes>","publicKey":
 * "<base64 32 bytes>","signature":"<base64 64 bytes>"}} (standard base64 with padding), as the body of
 * {@code POST /v1/transactions} or, itself base64-encoded, in the {@value #HEADER} header of {@code PUT /v1/blobs}.
 * Only the shape is checked here; the signature is verified by whoever acts on the request.
 */
final class SignedEnvelope {
    /** The header of a store paid by a client's signed {@code register_blob}. */
    static final String HEADER = "X-Floe-Signed-Request";

    private SignedEnvelope() {
    }

    /** The request in an envelope; 400 {@code INVALID_REQUEST} when the envelope is not one. */
    static SignedRequest fromJson(JsonNode envelope) {
        if (envelope == null || !envelope.isObject()) {
            throw invalid("a signed request is a JSON object with request, publicKey and signature");
        }
        byte[] request = base64(envelope, "request");
        byte[] publicKey = base64(envelope, "publicKey");
        byte[] signature = base64(envelope, "signature");
        try {
            return new SignedRequest(request, Ed25519PublicKey.of(publicKey), signature);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    /** The request in the {@value #HEADER} header's value (base64 of the envelope's JSON). */
    static SignedRequest fromHeader(String value) {
        byte[] json;
        try {
            json = Base64.getDecoder().decode(value.trim());
        } catch (IllegalArgumentException e) {
            throw invalid(HEADER + " is not base64: " + e.getMessage());
        }
        try {
            return fromJson(Json.parse(json));
        } catch (ApiException e) {
            throw e;
        } catch (RuntimeException e) {
            throw invalid(HEADER + " is not a signed request's JSON: "
                    + new String(json, 0, Math.min(json.length, 64), StandardCharsets.UTF_8));
        }
    }

    private static byte[] base64(JsonNode envelope, String field) {
        JsonNode node = envelope.get(field);
        if (node == null || !node.isTextual()) {
            throw invalid("the signed request has no " + field + " (a base64 string)");
        }
        try {
            return Base64.getDecoder().decode(node.asText());
        } catch (IllegalArgumentException e) {
            throw invalid("the signed request's " + field + " is not base64: " + e.getMessage());
        }
    }

    private static ApiException invalid(String message) {
        return ApiException.badRequest("INVALID_REQUEST", message);
    }
}
