package io.floe.multijvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.account.Address;
import io.floe.protocol.account.SignedRequest;
import io.floe.protocol.blob.ObjectId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The publisher and aggregator API of a test network's gateway, and its client control plane (signed transactions,
 * accounts, objects, the faucet), spoken over plain HTTP so that tests see status codes, headers and error bodies
 * exactly as a client would. Calls are bounded by {@link #TIMEOUT}.
 */
public final class Gateway {
    /** Longer than a store can take while a node is freshly dead (the gateway's 30 s node-request timeout). */
    public static final Duration TIMEOUT = Duration.ofSeconds(120);
    /** The header of a store paid and owned by a client account (the plan's HTTP API). */
    public static final String SIGNED_REQUEST_HEADER = "X-Floe-Signed-Request";

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

    /** A {@code PUT /v1/blobs} paid by the signer of {@code register} (header {@code X-Floe-Signed-Request}). */
    public Http.Response putSigned(byte[] blob, String query, SignedRequest register) {
        return Http.put(url + "/v1/blobs" + (query.isEmpty() ? "" : "?" + query), blob, TIMEOUT,
                SIGNED_REQUEST_HEADER, Wallet.header(register));
    }

    /** {@code POST /v1/transactions} of a signed request, answered as it comes. */
    public Http.Response submit(SignedRequest signed) {
        return Http.postJson(url + "/v1/transactions", Wallet.envelope(signed), TIMEOUT);
    }

    /** The {@code receipt} of a signed request the gateway must accept. */
    public JsonNode receipt(SignedRequest signed) {
        Http.Response r = submit(signed);
        assertEquals(200, r.status(), () -> "POST /v1/transactions of " + signed + " answered " + r.status() + ": "
                + r.excerpt());
        return r.json().path("receipt");
    }

    /** {@code POST /v1/faucet}, insisting on 200. */
    public JsonNode faucet(Address address, long amount) {
        Http.Response r = Http.post(url + "/v1/faucet?address=" + address + "&amount=" + amount, TIMEOUT);
        assertEquals(200, r.status(), () -> "faucet for " + address + ": " + r.excerpt());
        return r.json();
    }

    /** {@code GET /v1/accounts/{address}}: balance and free storage resources. */
    public JsonNode account(Address address) {
        Http.Response r = Http.get(url + "/v1/accounts/" + address, TIMEOUT);
        assertEquals(200, r.status(), () -> "account " + address + ": " + r.excerpt());
        return r.json();
    }

    public long balance(Address address) {
        return account(address).path("balance").asLong();
    }

    /** {@code GET /v1/objects/{objectId}}: the blob object and, for a shared one, its funds. */
    public Http.Response object(ObjectId objectId) {
        return Http.get(url + "/v1/objects/" + objectId, TIMEOUT);
    }

    public Http.Response readByObjectId(ObjectId objectId) {
        return Http.get(url + "/v1/blobs/by-object-id/" + objectId, TIMEOUT);
    }

    /** One page of {@code GET /v1/blobs?owner=..}, expired blobs included when asked. */
    public JsonNode listBlobs(Address owner, boolean includeExpired) {
        Http.Response r = Http.get(url + "/v1/blobs?owner=" + owner + (includeExpired ? "&include_expired=true" : ""),
                TIMEOUT);
        assertEquals(200, r.status(), () -> "listing of " + owner + ": " + r.excerpt());
        return r.json();
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
