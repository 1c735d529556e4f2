package io.floe.multijvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.api.ApiPaths;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.redstuff.BlobEncoder;
import io.floe.encoding.redstuff.EncodedBlob;
import io.floe.encoding.redstuff.EncodingConfig;
import io.floe.encoding.redstuff.Sliver;
import java.util.Random;

/** Seeded test blobs, their local encoding, and the checks every API test shares. */
public final class Blobs {
    private Blobs() {
    }

    /** {@code size} bytes that depend only on {@code seed}, so a failure can be reproduced. */
    public static byte[] random(long seed, int size) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** The blob encoded here as the gateway encodes it for {@code nShards} shards. */
    static EncodedBlob encode(byte[] blob, int nShards) {
        return new BlobEncoder(new EncodingConfig(nShards)).encode(blob);
    }

    static BlobId idOf(byte[] blob, int nShards) {
        return encode(blob, nShards).blobId();
    }

    /** The sliver of the given type in pair {@code pair} of a local encoding. */
    static Sliver sliver(EncodedBlob encoded, SliverPairIndex pair, SliverType type) {
        return type == SliverType.PRIMARY ? encoded.pair(pair).primary() : encoded.pair(pair).secondary();
    }

    /** The storage-node API path of that sliver (pair index, not sliver index, as Walrus has it). */
    static String sliverPath(BlobId id, SliverPairIndex pair, SliverType type) {
        return ApiPaths.sliver(id, pair, type);
    }

    /**
     * Asserts Floe's error answer in Walrus's shape: the HTTP status, and {@code {"error":{"status","code","message",
     * "details":[{"reason",...}]}}} with the status as code, a status name, a message and the given reason. Returns the
     * message for further checks.
     */
    static String assertError(Http.Response r, int status, String reason) {
        assertEquals(status, r.status(), () -> "expected HTTP " + status + ", got " + r.status() + ": " + r.excerpt());
        assertTrue(r.header("Content-Type").orElse("").startsWith("application/json"),
                () -> "error answers are JSON, got " + r.header("Content-Type"));
        JsonNode error = r.json().path("error");
        assertTrue(error.isObject(), () -> "no error object in " + r.excerpt());
        assertEquals(status, error.path("code").intValue(), () -> "error code in " + r.excerpt());
        assertEquals(reason, reason(r), () -> "error reason in " + r.excerpt());
        assertTrue(error.path("status").asText().matches("[A-Z][A-Z0-9_]*"),
                () -> "error status (Walrus's status name) in " + r.excerpt());
        assertTrue(error.path("message").isTextual() && !error.path("message").asText().isEmpty(),
                () -> "error message in " + r.excerpt());
        return error.path("message").asText();
    }

    /** The reason of an error answer, Walrus's {@code details[0].reason}. */
    public static String reason(Http.Response r) {
        return r.json().path("error").path("details").path(0).path("reason").asText();
    }

    /**
     * A store the client may simply retry: 503 (the control plane or the publisher cannot take it now) or Walrus's
     * 504 {@code INSUFFICIENT_CONFIRMATIONS} (too few nodes confirmed in time).
     */
    public static boolean retriableStoreFailure(Http.Response r) {
        return r.status() == 503 || r.status() == 504 && reason(r).equals("INSUFFICIENT_CONFIRMATIONS");
    }
}
