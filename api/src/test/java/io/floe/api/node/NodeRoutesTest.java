package io.floe.api.node;

import static io.floe.api.node.NodeApiFixture.await;
import static io.floe.api.node.NodeApiFixture.encode;
import static io.floe.api.node.NodeApiFixture.failure;
import static io.floe.api.node.NodeApiFixture.json;
import static io.floe.api.node.NodeApiFixture.registration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.api.ApiPaths;
import io.floe.api.json.StoredOnNodeStatus;
import io.floe.encoding.bcs.BcsWriter;
import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.redstuff.BlobEncoder;
import io.floe.encoding.redstuff.EncodedBlob;
import io.floe.encoding.redstuff.EncodingConfig;
import io.floe.encoding.redstuff.Sliver;
import io.floe.encoding.redstuff.SliverPair;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NodeRoutesTest {
    private final NodeApiFixture fixture = new NodeApiFixture();

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void storesAndServesMetadataIdempotently() {
        NodeApiFixture.Node node = fixture.startSoleNode();
        EncodedBlob blob = encode(2000, 1);
        node.control().put(blob.blobId(), registration(false));

        assertEquals(StoredOnNodeStatus.NONEXISTENT, await(node.client().metadataStatus(blob.blobId())));
        await(node.client().putMetadata(blob.metadata()));
        HttpResponse<String> again = fixture.raw("PUT", uri(node, ApiPaths.metadata(blob.blobId())), metadataBcs(blob));

        assertEquals(200, again.statusCode());
        // Issue 14: a repeated store answers Walrus's "already stored" (the first one answers 201, NodeStoreAnswersTest).
        assertEquals("{\"success\":{\"code\":200,\"data\":\"metadata already stored\"}}", again.body());
        assertEquals(Optional.of(blob.metadata()), await(node.client().getMetadata(blob.blobId())));
        assertEquals(StoredOnNodeStatus.STORED, await(node.client().metadataStatus(blob.blobId())));
        assertTrue(node.backend().storeThreads().stream().allMatch(t -> t.contains("blocking-io-dispatcher")),
                "stores ran on " + node.backend().storeThreads());
    }

    @Test
    void refusesMetadataThatComputesAnotherBlobId() {
        NodeApiFixture.Node node = fixture.startSoleNode();
        EncodedBlob blob = encode(2000, 1);
        EncodedBlob other = encode(2000, 2);
        node.control().put(other.blobId(), registration(false));

        NodeRequestException e = failure(node.client().putMetadata(other.blobId(), blob.metadata().metadata()));

        assertEquals(400, e.status());
        assertEquals(MetadataEndpoints.BLOB_ID_MISMATCH, e.code());
        assertEquals(Optional.empty(), await(node.client().getMetadata(other.blobId())));
    }

    @Test
    void refusesMetadataOfUnregisteredBlobAsWalrusDoes() {
        NodeApiFixture.Node node = fixture.startSoleNode();
        EncodedBlob blob = encode(2000, 1);

        HttpResponse<String> response = fixture.raw("PUT", uri(node, ApiPaths.metadata(blob.blobId())), metadataBcs(blob));

        assertEquals(400, response.statusCode());
        JsonNode error = json(response).path("error");
        // Walrus's StoreMetadataError::NotCurrentlyRegistered, which the TS SDK turns into BlobNotRegisteredError.
        assertEquals(400, error.path("code").intValue());
        assertEquals("FAILED_PRECONDITION", error.path("status").asText());
        assertEquals("NOT_REGISTERED", error.path("details").path(0).path("reason").asText());
        assertEquals("storage.walrus.space", error.path("details").path(0).path("domain").asText());
        assertFalse(node.backend().metadata(blob.blobId()).isPresent());
    }

    @Test
    void refusesMetadataForAnotherShardCount() {
        NodeApiFixture.Node node = fixture.startSoleNode();
        EncodedBlob seven = new BlobEncoder(new EncodingConfig(7)).encode(new byte[100]);
        node.control().put(seven.blobId(), registration(false));

        NodeRequestException e = failure(node.client().putMetadata(seven.metadata()));

        assertEquals(400, e.status());
        assertEquals(MetadataEndpoints.WRONG_SHARD_COUNT, e.code());
    }

    @Test
    void storesAndServesEverySliverOfASmallBlob() {
        NodeApiFixture.Node node = fixture.startSoleNode();
        EncodedBlob blob = encode(3000, 3);
        node.control().put(blob.blobId(), registration(false));
        await(node.client().putMetadata(blob.metadata()));

        for (int i = 0; i < NodeApiFixture.N; i++) {
            SliverPair pair = blob.pair(new SliverPairIndex(i));
            await(node.client().putSliver(blob.blobId(), pair.index(), pair.primary()));
            await(node.client().putSliver(blob.blobId(), pair.index(), pair.secondary()));
            await(node.client().putSliver(blob.blobId(), pair.index(), pair.secondary()));
        }
        for (int i = 0; i < NodeApiFixture.N; i++) {
            SliverPair pair = blob.pair(new SliverPairIndex(i));
            for (Sliver expected : new Sliver[] {pair.primary(), pair.secondary()}) {
                assertEquals(Optional.of(expected), await(node.client().getSliver(blob.blobId(), pair.index(), expected.type())));
                assertEquals(StoredOnNodeStatus.STORED,
                        await(node.client().sliverStatus(blob.blobId(), pair.index(), expected.type())));
            }
        }
        assertTrue(node.backend().storeThreads().stream().allMatch(t -> t.contains("blocking-io-dispatcher")));
    }

    @Test
    void rejectsTamperedSliverAndStoresNothing() {
        NodeApiFixture.Node node = fixture.startSoleNode();
        EncodedBlob blob = encode(3000, 4);
        node.control().put(blob.blobId(), registration(false));
        await(node.client().putMetadata(blob.metadata()));
        SliverPairIndex pair = new SliverPairIndex(2);
        Sliver good = blob.pair(pair).secondary();
        byte[] data = good.data().clone();
        data[data.length / 2] ^= 0x01;

        NodeRequestException e = failure(node.client().putSliver(blob.blobId(), pair,
                new Sliver(good.type(), good.index(), good.symbolSize(), data)));

        assertEquals(400, e.status());
        assertEquals(SliverEndpoints.INVALID_SLIVER, e.code());
        assertFalse(node.backend().hasSliver(blob.blobId(), SliverType.SECONDARY, pair));
        assertEquals(Optional.empty(), await(node.client().getSliver(blob.blobId(), pair, SliverType.SECONDARY)));
    }

    @Test
    void refusesSliverBeforeMetadataAndUnderAnotherPair() {
        NodeApiFixture.Node node = fixture.startSoleNode();
        EncodedBlob blob = encode(3000, 5);
        node.control().put(blob.blobId(), registration(false));
        Sliver primaryOfPair1 = blob.pair(new SliverPairIndex(1)).primary();

        NodeRequestException early = failure(node.client().putSliver(blob.blobId(), new SliverPairIndex(1), primaryOfPair1));
        await(node.client().putMetadata(blob.metadata()));
        NodeRequestException moved = failure(node.client().putSliver(blob.blobId(), new SliverPairIndex(2), primaryOfPair1));
        NodeRequestException outOfRange = failure(node.client().putSliver(blob.blobId(), new SliverPairIndex(10), primaryOfPair1));

        assertEquals(409, early.status());
        assertEquals(SliverEndpoints.METADATA_NOT_STORED, early.code());
        assertEquals(SliverEndpoints.SLIVER_INDEX_MISMATCH, moved.code());
        assertEquals(400, outOfRange.status());
        assertEquals(ShardPlacement.INVALID_SLIVER_PAIR_INDEX, outOfRange.code());
        assertFalse(node.backend().hasSliver(blob.blobId(), SliverType.PRIMARY, new SliverPairIndex(2)));
    }

    @Test
    void sendsSliversOfOtherShardsToTheirOwner() {
        NodeApiFixture.Node node = fixture.startHalfNode();
        EncodedBlob blob = encode(3000, 6);
        node.control().put(blob.blobId(), registration(false));
        await(node.client().putMetadata(blob.metadata()));
        SliverPairIndex foreign = SliverPairIndex.onShard(new ShardIndex(7), blob.blobId().rotation(10), 10);

        NodeRequestException put = failure(node.client().putSliver(blob.blobId(), foreign, blob.pair(foreign).primary()));
        NodeRequestException get = failure(node.client().getSliver(blob.blobId(), foreign, SliverType.PRIMARY));
        HttpResponse<String> raw = fixture.raw("GET", uri(node, ApiPaths.sliver(blob.blobId(), foreign,
                SliverType.PRIMARY)), null);

        for (NodeRequestException e : new NodeRequestException[] {put, get}) {
            assertEquals(400, e.status());
            assertEquals(ShardPlacement.SHARD_NOT_ASSIGNED, e.code());
            assertTrue(e.errorMessage().contains("node-b") && e.errorMessage().contains(NodeApiFixture.NODE_B_URL),
                    e.errorMessage());
        }
        // Walrus's ShardNotAssigned: FAILED_PRECONDITION sent as 400, reason SHARD_NOT_ASSIGNED, its message first.
        assertError(raw, 400, ShardPlacement.SHARD_NOT_ASSIGNED, "FAILED_PRECONDITION");
        JsonNode error = json(raw).path("error");
        assertEquals("SHARD_NOT_ASSIGNED", error.path("details").path(0).path("reason").asText());
        assertTrue(error.path("message").asText().startsWith("shard 7 is not assigned to this node in epoch 3"),
                raw.body());
    }

    @Test
    void answersMalformedBlobIdUnknownPathAndWrongMethodWithErrorJson() {
        NodeApiFixture.Node node = fixture.startSoleNode();
        EncodedBlob blob = encode(100, 7);

        HttpResponse<String> badId = fixture.raw("GET", uri(node, "/v1/blobs/not-a-blob-id/metadata"), null);
        HttpResponse<String> unknown = fixture.raw("GET", uri(node, "/v1/blobs/" + blob.blobId() + "/nothing"), null);
        HttpResponse<String> method = fixture.raw("DELETE", uri(node, ApiPaths.metadata(blob.blobId())), null);

        assertError(badId, 400, "INVALID_BLOB_ID", "INVALID_ARGUMENT");
        assertError(unknown, 404, "NOT_FOUND", "NOT_FOUND");
        assertError(method, 405, "METHOD_NOT_ALLOWED", "METHOD_NOT_ALLOWED");
    }

    @Test
    void refusesBodiesOverTheLimit() {
        NodeApiFixture.Node node = fixture.start(fixture.committee(Collections.nCopies(10, NodeApiFixture.NODE_A)), 1000);
        EncodedBlob blob = encode(100_000, 8);

        HttpResponse<String> response = fixture.raw("PUT",
                uri(node, ApiPaths.sliver(blob.blobId(), new SliverPairIndex(0), SliverType.PRIMARY)),
                blob.pair(new SliverPairIndex(0)).primary().toBcs());

        assertEquals(413, response.statusCode());
        assertTrue(json(response).path("error").path("message").asText().contains("1000"), response.body());
    }

    @Test
    void acceptsSliverBodiesAboveTheServerDefaultLimit() {
        NodeApiFixture.Node node = fixture.startSoleNode();
        EncodedBlob blob = encode(100, 10);
        // Pekko's server-wide max-content-length is 8 MiB; the route's own limit (458 KB for n = 10) must rule, and
        // a larger one configured for big networks must lift the server default.
        NodeApiFixture.Node big = fixture.start(fixture.committee(Collections.nCopies(10, NodeApiFixture.NODE_A)),
                20_000_000);
        byte[] nineMegabytes = new byte[9 * 1024 * 1024];
        URI path = uri(big, ApiPaths.sliver(blob.blobId(), new SliverPairIndex(0), SliverType.PRIMARY));

        HttpResponse<String> response = fixture.raw("PUT", path, nineMegabytes);
        HttpResponse<String> overDefault = fixture.raw("PUT",
                uri(node, ApiPaths.sliver(blob.blobId(), new SliverPairIndex(0), SliverType.PRIMARY)), new byte[500_000]);

        assertEquals(409, response.statusCode(), response.body());
        assertEquals(SliverEndpoints.METADATA_NOT_STORED, json(response).path("error").path("details").path(0).path("reason").asText());
        assertEquals(413, overDefault.statusCode(), overDefault.body());
    }

    @Test
    void reportsControlPlaneOutageAs503() {
        NodeApiFixture.Node node = fixture.startSoleNode();
        EncodedBlob blob = encode(100, 9);
        node.control().setUnavailable(true);

        NodeRequestException e = failure(node.client().putMetadata(blob.metadata()));

        assertEquals(503, e.status());
        assertEquals("CONTROL_PLANE_UNAVAILABLE", e.code());
        assertTrue(e.errorMessage().contains("did not answer"), e.errorMessage());
    }

    /** Walrus's error JSON: {@code status} as the code, the status name {@code name}, {@code reason} in details. */
    private static void assertError(HttpResponse<String> response, int status, String reason, String name) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        JsonNode error = json(response).path("error");
        assertEquals(status, error.path("code").intValue(), response.body());
        assertEquals(reason, error.path("details").path(0).path("reason").asText(), response.body());
        assertEquals(name, error.path("status").asText());
        assertFalse(error.path("message").asText().isEmpty());
    }

    private static URI uri(NodeApiFixture.Node node, String path) {
        return URI.create(node.url() + path);
    }

    private static byte[] metadataBcs(EncodedBlob blob) {
        BcsWriter out = new BcsWriter();
        blob.metadata().metadata().writeTo(out);
        return out.toByteArray();
    }
}
