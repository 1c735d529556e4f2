package io.floe.multijvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.encoding.metadata.BlobId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The publisher and aggregator API of a test network's gateway, spoken over plain HTTP so that tests see status
 * codes, headers and error bodies exactly as a client would. Calls are bounded by {@link #TIMEOUT}.
 */
public final class Gateway {
    /** Longer than a store can take while a node is freshly dead (the gateway's 30 s node-request timeout). */
    public static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final String url;

    public Gateway(String url) {
        this.url = url;
    }

    public String url() {
        return url;
    }

    /** What a store answered: which of Walrus's shapes, for which blob and registration. */
    public record StoreAnswer(String kind, BlobId blobId, String objectId, JsonNode json) {
        public boolean newlyCreated() {
            return kind.equals("newlyCreated");
        }

        public boolean alreadyCertified() {
            return kind.equals("alreadyCertified");
        }
    }

    public Http.Response put(byte[] blob, String query) {
        return Http.put(url + "/v1/blobs" + (query.isEmpty() ? "" : "?" + query), blob, TIMEOUT);
    }

    /** Stores {@code blob} and insists on a 200 answer. */
    public StoreAnswer store(byte[] blob, String query) {
        Http.Response r = put(blob, query);
        assertEquals(200, r.status(),
                () -> "store of " + blob.length + " bytes answered " + r.status() + ": " + r.excerpt());
        return answer(r.json());
    }

    static StoreAnswer answer(JsonNode json) {
        if (json.has("newlyCreated")) {
            JsonNode blob = json.path("newlyCreated").path("blobObject");
            return new StoreAnswer("newlyCreated", BlobId.parse(blob.path("blobId").asText()), blob.path("id").asText(),
                    json);
        }
        assertTrue(json.has("alreadyCertified"), () -> "unknown store answer " + json);
        JsonNode certified = json.path("alreadyCertified");
        return new StoreAnswer("alreadyCertified", BlobId.parse(certified.path("blobId").asText()),
                certified.path("objectId").asText(), json);
    }

    public Http.Response read(BlobId id) {
        return Http.get(url + "/v1/blobs/" + id, TIMEOUT);
    }

    public Http.Response read(String rawId) {
        return Http.get(url + "/v1/blobs/" + rawId, TIMEOUT);
    }

    public Http.Response readRange(BlobId id, String rangeHeader) {
        return Http.get(url + "/v1/blobs/" + id, TIMEOUT, "Range", rangeHeader);
    }

    public Http.Response byteRange(BlobId id, long start, long length) {
        return Http.get(url + "/v1/blobs/" + id + "/byte-range?start=" + start + "&length=" + length, TIMEOUT);
    }

    public Http.Response blobStatusResponse(BlobId id) {
        return Http.get(url + "/v1/blobs/" + id + "/status", TIMEOUT);
    }

    public JsonNode blobStatus(BlobId id) {
        Http.Response r = blobStatusResponse(id);
        assertEquals(200, r.status(), () -> "blob status of " + id + ": " + r.excerpt());
        return r.json();
    }

    /** Object IDs of the blob's registrations that carry a certified epoch. */
    public List<String> certifiedRegistrations(BlobId id) {
        List<String> certified = new ArrayList<>();
        blobStatus(id).path("registrations").forEach(reg -> {
            if (!reg.path("certifiedEpoch").isNull() && !reg.path("certifiedEpoch").isMissingNode()) {
                certified.add(reg.path("objectId").asText());
            }
        });
        return certified;
    }

    public JsonNode status() {
        Http.Response r = Http.get(url + "/status", TIMEOUT);
        assertEquals(200, r.status(), () -> "/status: " + r.excerpt());
        return r.json();
    }

    /** The committee member that owns shard {@code shard}, from {@code /status}. */
    public String ownerOfShard(int shard) {
        for (JsonNode node : status().path("nodes")) {
            for (JsonNode s : node.path("shards")) {
                if (s.asInt() == shard) {
                    return node.path("id").asText();
                }
            }
        }
        throw new AssertionError("no node owns shard " + shard + " in " + status());
    }

    /** The shards the committee gives node {@code nodeId}, from {@code /status}. */
    public List<Integer> shardsOf(String nodeId) {
        List<Integer> shards = new ArrayList<>();
        for (JsonNode node : status().path("nodes")) {
            if (node.path("id").asText().equals(nodeId)) {
                node.path("shards").forEach(s -> shards.add(s.asInt()));
            }
        }
        return shards;
    }
}
