package io.floe.api.node;

import static io.floe.api.node.NodeApiFixture.encode;
import static io.floe.api.node.NodeApiFixture.json;
import static io.floe.api.node.NodeApiFixture.registration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.api.ApiPaths;
import io.floe.api.json.ApiException;
import io.floe.encoding.bcs.BcsWriter;
import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.redstuff.EncodedBlob;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The answers of a storage node's metadata and sliver PUTs as Walrus's node gives them ({@code put_metadata},
 * {@code put_sliver}): 201 newly stored, 200 already stored, 202 accepted with {@code ?pending=true}; an upload
 * pending registration is buffered and written once the blob is registered; a foreign shard is Walrus's
 * SHARD_NOT_ASSIGNED with its domain and metadata.
 */
class NodeStoreAnswersTest {
    private final NodeApiFixture fixture = new NodeApiFixture();

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void answersCreatedThenAlreadyStored() {
        NodeApiFixture.Node node = fixture.startSoleNode();
        EncodedBlob blob = encode(2000, 11);
        node.control().put(blob.blobId(), registration(false));
        SliverPairIndex pair = new SliverPairIndex(4);

        assertSuccess(201, "metadata successfully stored", putMetadata(node, blob, ""));
        assertSuccess(200, "metadata already stored", putMetadata(node, blob, ""));
        assertSuccess(201, "sliver stored successfully", putSliver(node, blob, pair, ""));
        assertSuccess(200, "sliver already stored", putSliver(node, blob, pair, ""));
        assertSuccess(202, "sliver buffered pending registration",
                putSliver(node, blob, new SliverPairIndex(5), "?pending=true"));
        assertTrue(node.backend().hasSliver(blob.blobId(), SliverType.PRIMARY, new SliverPairIndex(5)),
                "a pending upload of a registered blob is stored at once");
    }

    @Test
    void buffersPendingUploadsUntilTheBlobIsRegistered() {
        NodeApiFixture.Node node = fixture.startSoleNode();
        EncodedBlob blob = encode(2000, 12);
        SliverPairIndex pair = new SliverPairIndex(2);

        assertEquals(400, putMetadata(node, blob, "").statusCode(), "not registered, not pending");
        assertSuccess(202, "metadata buffered pending registration", putMetadata(node, blob, "?pending=true"));
        assertSuccess(200, "metadata already stored", putMetadata(node, blob, "?pending=true"));
        assertSuccess(202, "sliver buffered pending registration", putSliver(node, blob, pair, "?pending=true"));
        assertSuccess(200, "sliver already stored", putSliver(node, blob, pair, "?pending=true"));
        assertEquals(400, fixture.raw("PUT", uri(node, ApiPaths.metadata(blob.blobId()) + "?pending=maybe"),
                metadataBcs(blob)).statusCode());
        assertFalse(node.backend().metadata(blob.blobId()).isPresent(), "buffered, not stored, before registration");

        node.control().put(blob.blobId(), registration(false));
        for (int i = 0; i < NodeApiFixture.N; i++) {
            putSliver(node, blob, new SliverPairIndex(i), "");
            putSecondary(node, blob, new SliverPairIndex(i));
        }
        HttpResponse<String> confirmation = fixture.raw("GET", uri(node,
                ApiPaths.permanentConfirmation(blob.blobId())), null);

        assertEquals(200, confirmation.statusCode(), confirmation.body());
        assertTrue(node.backend().metadata(blob.blobId()).isPresent(), "the confirmation wrote the buffered metadata");
        assertTrue(node.backend().hasSliver(blob.blobId(), SliverType.PRIMARY, pair));
    }

    @Test
    void storesANonPendingSliverOfABufferedBlobBeforeAnsweringCreated() {
        NodeApiFixture.Node node = fixture.startSoleNode();
        EncodedBlob blob = encode(2000, 14);
        SliverPairIndex pair = new SliverPairIndex(3);
        assertSuccess(202, "metadata buffered pending registration", putMetadata(node, blob, "?pending=true"));

        HttpResponse<String> unregistered = putSliver(node, blob, pair, "");
        assertEquals(400, unregistered.statusCode(), unregistered.body());
        assertEquals("NOT_REGISTERED", json(unregistered).path("error").path("details").path(0).path("reason").asText(),
                unregistered.body());

        node.control().put(blob.blobId(), registration(false));
        assertSuccess(201, "sliver stored successfully", putSliver(node, blob, pair, ""));
        assertTrue(node.backend().hasSliver(blob.blobId(), SliverType.PRIMARY, pair), "201 means in the store");
        assertTrue(node.backend().metadata(blob.blobId()).isPresent(), "the buffered metadata was written with it");
    }

    @Test
    void writesBufferedUploadsAtOnceWhenTheBlobIsRegisteredMeanwhile() {
        NodeApiFixture.Node node = fixture.startSoleNode();
        EncodedBlob blob = encode(2000, 15);
        putMetadata(node, blob, "?pending=true");
        assertSuccess(202, "sliver buffered pending registration",
                putSliver(node, blob, new SliverPairIndex(1), "?pending=true"));
        assertFalse(node.backend().hasSliver(blob.blobId(), SliverType.PRIMARY, new SliverPairIndex(1)));

        node.control().put(blob.blobId(), registration(false));
        assertSuccess(202, "sliver buffered pending registration",
                putSliver(node, blob, new SliverPairIndex(2), "?pending=true"));

        assertTrue(node.backend().metadata(blob.blobId()).isPresent(), "flushed right after buffering");
        assertTrue(node.backend().hasSliver(blob.blobId(), SliverType.PRIMARY, new SliverPairIndex(1)));
        assertTrue(node.backend().hasSliver(blob.blobId(), SliverType.PRIMARY, new SliverPairIndex(2)));
    }

    @Test
    void answersAlreadyStoredForBufferedMetadataWithoutPending() {
        NodeApiFixture.Node node = fixture.startSoleNode();
        EncodedBlob blob = encode(2000, 16);
        putMetadata(node, blob, "?pending=true");

        assertSuccess(200, "metadata already stored", putMetadata(node, blob, ""));
        assertFalse(node.backend().metadata(blob.blobId()).isPresent(), "still buffered: the blob is not registered");

        node.control().put(blob.blobId(), registration(false));
        assertSuccess(200, "metadata already stored", putMetadata(node, blob, ""));
        assertTrue(node.backend().metadata(blob.blobId()).isPresent(), "registered: the buffered metadata is written");
    }

    @Test
    void refusesAForeignShardAsWalrusShardNotAssigned() {
        NodeApiFixture.Node node = fixture.startHalfNode();
        EncodedBlob blob = encode(3000, 13);
        node.control().put(blob.blobId(), registration(false));
        putMetadata(node, blob, "");
        SliverPairIndex foreign = SliverPairIndex.onShard(new ShardIndex(7), blob.blobId().rotation(10), 10);

        HttpResponse<String> raw = putSliver(node, blob, foreign, "");
        ApiException refusal = ShardPlacement.notAssigned(node.backend(), node.backend().epochs(), new ShardIndex(7),
                foreign);

        assertEquals(400, raw.statusCode(), raw.body());
        JsonNode info = json(raw).path("error").path("details").path(0);
        assertEquals("SHARD_NOT_ASSIGNED", info.path("reason").asText(), raw.body());
        assertEquals(java.util.Optional.of("storage.walrus.space"), refusal.domain());
        assertEquals(Map.of("shard", 7, "epoch", NodeApiFixture.EPOCH.value()), refusal.metadata());
        if (!"floe".equals(info.path("domain").asText())) {
            // Rendered once ERRORS's ApiErrors writes ApiException.withDetails (Walrus's ErrorInfo).
            assertEquals("storage.walrus.space", info.path("domain").asText(), raw.body());
            assertEquals(7, info.path("metadata").path("shard").asInt(), raw.body());
            assertEquals(NodeApiFixture.EPOCH.value(), info.path("metadata").path("epoch").asInt(), raw.body());
        }
    }

    private HttpResponse<String> putMetadata(NodeApiFixture.Node node, EncodedBlob blob, String query) {
        return fixture.raw("PUT", uri(node, ApiPaths.metadata(blob.blobId()) + query), metadataBcs(blob));
    }

    private HttpResponse<String> putSliver(NodeApiFixture.Node node, EncodedBlob blob, SliverPairIndex pair,
                                           String query) {
        return fixture.raw("PUT", uri(node, ApiPaths.sliver(blob.blobId(), pair, SliverType.PRIMARY) + query),
                blob.pair(pair).primary().toBcs());
    }

    private void putSecondary(NodeApiFixture.Node node, EncodedBlob blob, SliverPairIndex pair) {
        fixture.raw("PUT", uri(node, ApiPaths.sliver(blob.blobId(), pair, SliverType.SECONDARY)),
                blob.pair(pair).secondary().toBcs());
    }

    private static void assertSuccess(int status, String message, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(status, json(response).path("success").path("code").asInt(), response.body());
        assertEquals(message, json(response).path("success").path("data").asText(), response.body());
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
