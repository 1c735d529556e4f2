package io.floe.api.node;

import static io.floe.api.node.NodeApiFixture.await;
import static io.floe.api.node.NodeApiFixture.encode;
import static io.floe.api.node.NodeApiFixture.failure;
import static io.floe.api.node.NodeApiFixture.json;
import static io.floe.api.node.NodeApiFixture.registration;
import static io.floe.protocol.testing.MessageOracle.blobCert;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.api.ApiPaths;
import io.floe.api.json.BlobStatus;
import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.redstuff.EncodedBlob;
import io.floe.encoding.redstuff.SliverPair;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.Registration;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.signing.SignedMessage;
import io.floe.protocol.testing.TestKey;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NodeConfirmationTest {
    /** Walrus's reason for a blob not registered here, the one its TS SDK keys on (the wire carries no other). */
    private static final String NOT_REGISTERED = "NOT_REGISTERED";

    private final NodeApiFixture fixture = new NodeApiFixture();

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void confirmsOnlyOnceEveryPairOfItsShardsIsStored() throws Exception {
        NodeApiFixture.Node node = fixture.startSoleNode();
        EncodedBlob blob = encode(3000, 11);
        node.control().put(blob.blobId(), registration(false));
        await(node.client().putMetadata(blob.metadata()));
        storePairs(node, blob, 0, NodeApiFixture.N - 1);
        await(node.client().putSliver(blob.blobId(), new SliverPairIndex(9), blob.pair(new SliverPairIndex(9)).primary()));

        NodeRequestException early = failure(node.client().confirmation(blob.blobId(), Optional.empty()));
        await(node.client().putSliver(blob.blobId(), new SliverPairIndex(9), blob.pair(new SliverPairIndex(9)).secondary()));
        SignedMessage signed = await(node.client().confirmation(blob.blobId(), Optional.empty()));

        assertEquals(409, early.status());
        assertEquals(ConfirmationEndpoint.NOT_ALL_SLIVERS_STORED, early.code());
        assertTrue(early.errorMessage().contains("9 of 10") && early.errorMessage().contains("[9]"), early.errorMessage());
        assertArrayEquals(blobCert(NodeApiFixture.EPOCH, blob.blobId(), null), signed.serializedMessage());
        assertTrue(TestKey.verifies(node.backend().publicKey(), signed));
        byte[] otherEpoch = signed.serializedMessage();
        otherEpoch[3] ^= 0x01;
        assertTrue(!TestKey.verifies(node.backend().publicKey(), new SignedMessage(otherEpoch, signed.signature())));
    }

    @Test
    void confirmsADeletableRegistrationByItsObjectId() throws Exception {
        NodeApiFixture.Node node = fixture.startSoleNode();
        EncodedBlob blob = encode(500, 12);
        Registration deletable = registration(true);
        node.control().put(blob.blobId(), deletable);
        await(node.client().putMetadata(blob.metadata()));
        storePairs(node, blob, 0, NodeApiFixture.N);

        SignedMessage signed = await(node.client().confirmation(blob.blobId(), Optional.of(deletable.objectId())));
        NodeRequestException permanent = failure(node.client().confirmation(blob.blobId(), Optional.empty()));
        NodeRequestException otherObject = failure(node.client().confirmation(blob.blobId(), Optional.of(ObjectId.random())));

        assertArrayEquals(blobCert(NodeApiFixture.EPOCH, blob.blobId(), deletable.objectId()), signed.serializedMessage());
        assertTrue(TestKey.verifies(node.backend().publicKey(), signed));
        assertEquals(400, permanent.status());
        assertEquals(NOT_REGISTERED, permanent.code());
        assertEquals(NOT_REGISTERED, otherObject.code());
    }

    @Test
    void aRememberedRecordNoLongerPassesForARegistrationTheNodeSawDeleted() throws Exception {
        NodeApiFixture.Node node = fixture.startSoleNode();
        EncodedBlob blob = encode(500, 15);
        Registration deleted = registration(true);
        Registration kept = registration(true);
        node.control().put(blob.blobId(), deleted, kept);
        await(node.client().putMetadata(blob.metadata()));
        storePairs(node, blob, 0, NodeApiFixture.N);

        // Its owner deletes one registration; the node's event processor follows the Deleted event.
        node.control().put(blob.blobId(), kept);
        node.backend().markObjectDeleted(blob.blobId(), deleted.objectId());
        NodeRequestException refused = failure(node.client().confirmation(blob.blobId(),
                Optional.of(deleted.objectId())));
        SignedMessage signed = await(node.client().confirmation(blob.blobId(), Optional.of(kept.objectId())));

        assertEquals(400, refused.status());
        assertEquals(NOT_REGISTERED, refused.code());
        assertEquals(2, node.control().blobLookups(), "the entity was asked again for the deleted one only");
        assertArrayEquals(blobCert(NodeApiFixture.EPOCH, blob.blobId(), kept.objectId()), signed.serializedMessage());
    }

    @Test
    void confirmsWithTheSliversOfItsOwnShardsOnly() throws Exception {
        NodeApiFixture.Node node = fixture.startHalfNode();
        EncodedBlob blob = encode(3000, 13);
        node.control().put(blob.blobId(), registration(false));
        await(node.client().putMetadata(blob.metadata()));
        int rotation = blob.blobId().rotation(NodeApiFixture.N);
        // Shard 0 is this node's in the current committee but its entity does not run here yet (as for a new owner
        // still syncing it): the node takes its slivers and counts them.
        node.backend().release(new ShardIndex(0));
        List<ShardIndex> own = node.backend().committee().shardsOf(NodeApiFixture.NODE_A);
        for (ShardIndex shard : own.subList(1, own.size())) {
            int pair = SliverPairIndex.onShard(shard, rotation, NodeApiFixture.N).value();
            storePairs(node, blob, pair, pair + 1);
        }

        NodeRequestException incomplete = failure(node.client().confirmation(blob.blobId(), Optional.empty()));
        int pairOnShard0 = SliverPairIndex.onShard(new ShardIndex(0), rotation, NodeApiFixture.N).value();
        storePairs(node, blob, pairOnShard0, pairOnShard0 + 1);
        SignedMessage signed = await(node.client().confirmation(blob.blobId(), Optional.empty()));

        assertEquals(ConfirmationEndpoint.NOT_ALL_SLIVERS_STORED, incomplete.code());
        assertTrue(incomplete.errorMessage().contains("4 of 5"), incomplete.errorMessage());
        assertTrue(TestKey.verifies(node.backend().publicKey(), signed));
    }

    @Test
    void answersConfirmationJsonInWalrusShape() {
        NodeApiFixture.Node node = fixture.startSoleNode();
        EncodedBlob blob = encode(500, 14);
        node.control().put(blob.blobId(), registration(false));
        await(node.client().putMetadata(blob.metadata()));
        storePairs(node, blob, 0, NodeApiFixture.N);

        HttpResponse<String> response = fixture.raw("GET", uri(node, ApiPaths.permanentConfirmation(blob.blobId())), null);

        JsonNode success = json(response).path("success");
        assertEquals(200, success.path("code").asInt());
        String message = success.path("data").path("signed").path("serializedMessage").asText();
        assertEquals(Base64.getEncoder().encodeToString(blobCert(NodeApiFixture.EPOCH, blob.blobId(), null)), message);
        assertEquals(64, Base64.getDecoder().decode(success.path("data").path("signed").path("signature").asText()).length);
    }

    @Test
    void reportsBlobStatusFromTheControlPlane() {
        NodeApiFixture.Node node = fixture.startSoleNode();
        EncodedBlob blob = encode(500, 15);
        Registration permanent = registration(false).certifiedAt(new Epoch(2));
        node.control().put(blob.blobId(), permanent, registration(true));

        BlobStatus status = await(node.client().blobStatus(blob.blobId()));
        HttpResponse<String> unknown = fixture.raw("GET", uri(node, ApiPaths.blobStatus(encode(9, 16).blobId())), null);

        BlobStatus.Permanent p = assertInstanceOf(BlobStatus.Permanent.class, status);
        assertEquals(NodeApiFixture.END_EPOCH, p.endEpoch());
        assertTrue(p.isCertified());
        assertEquals(Optional.of(new Epoch(2)), p.initialCertifiedEpoch());
        assertEquals(new BlobStatus.DeletableCounts(1, 0), p.deletableCounts());
        assertEquals("{\"success\":{\"code\":200,\"data\":\"nonexistent\"}}", unknown.body());
    }

    @Test
    void answersHealth() {
        NodeApiFixture.Node node = fixture.startHalfNode();
        node.backend().release(new ShardIndex(4));

        NodeHealth health = await(node.client().health());
        JsonNode data = json(fixture.raw("GET", uri(node, ApiPaths.health()), null)).path("success").path("data");
        node.backend().release(new ShardIndex(3));
        NodeHealth later = await(node.client().health());

        assertEquals(NodeApiFixture.NODE_A, health.nodeId());
        assertEquals(NodeApiFixture.EPOCH, health.epoch());
        assertEquals(NodeHealth.ACTIVE, health.nodeStatus());
        assertEquals(node.backend().publicKey(), health.publicKey());
        assertEquals(5, health.shardsOwned().size());
        assertEquals(4, health.shardsHeld().size());
        assertEquals(5, data.path("shardSummary").path("owned").asInt());
        assertEquals(4, data.path("shardSummary").path("ownedShardStatus").path("ready").asInt());
        assertEquals(1, data.path("shardSummary").path("ownedShardStatus").path("unknown").asInt());
        assertTrue(data.path("uptime").has("secs") && data.path("uptime").has("nanos"), data.toString());
        assertEquals(3, later.shardsHeld().size(), "health is computed per request");
        assertTrue(later.uptime().compareTo(health.uptime()) > 0);
    }

    @Test
    void answersDetailedHealthWithEachShardsStatus() {
        NodeApiFixture.Node node = fixture.startHalfNode();
        node.backend().release(new ShardIndex(4));
        node.backend().host(new ShardIndex(8)); // still serving a shard it no longer owns

        JsonNode plain = json(fixture.raw("GET", uri(node, ApiPaths.health()), null)).path("success").path("data");
        JsonNode data = json(fixture.raw("GET", uri(node, ApiPaths.health() + "?detailed=true"), null))
                .path("success").path("data");

        assertFalse(plain.has("shardDetail"), "Walrus leaves shardDetail out unless asked");
        JsonNode detail = data.path("shardDetail");
        assertEquals("[{\"shard\":0,\"status\":\"ready\"},{\"shard\":1,\"status\":\"ready\"},{\"shard\":2,"
                + "\"status\":\"ready\"},{\"shard\":3,\"status\":\"ready\"},{\"shard\":4,\"status\":\"unknown\"}]",
                detail.path("owned").toString());
        assertEquals("[{\"shard\":8,\"status\":\"readOnly\"}]", detail.path("other").toString());
        assertEquals(1, data.path("shardSummary").path("readOnly").asInt());
        assertEquals(400, fixture.raw("GET", uri(node, ApiPaths.health() + "?detailed=yes"), null).statusCode());
    }

    private static void storePairs(NodeApiFixture.Node node, EncodedBlob blob, int from, int to) {
        for (int i = from; i < to; i++) {
            SliverPair pair = blob.pair(new SliverPairIndex(i));
            await(node.client().putSliver(blob.blobId(), pair.index(), pair.primary()));
            await(node.client().putSliver(blob.blobId(), pair.index(), pair.secondary()));
        }
    }

    private static URI uri(NodeApiFixture.Node node, String path) {
        return URI.create(node.url() + path);
    }
}
