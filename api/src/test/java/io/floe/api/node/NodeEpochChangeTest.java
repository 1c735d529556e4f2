package io.floe.api.node;

import static io.floe.api.node.NodeApiFixture.NODE_A;
import static io.floe.api.node.NodeApiFixture.NODE_B;
import static io.floe.api.node.NodeApiFixture.await;
import static io.floe.api.node.NodeApiFixture.encode;
import static io.floe.api.node.NodeApiFixture.failure;
import static io.floe.api.node.NodeApiFixture.registration;
import static io.floe.protocol.testing.MessageOracle.blobCert;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.api.json.StoredOnNodeStatus;
import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.redstuff.EncodedBlob;
import io.floe.encoding.redstuff.SliverPair;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.EpochCommittees;
import io.floe.protocol.committee.EpochState;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.signing.SignedMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The node API through an epoch change, epoch 3 to 4, seen from node a: it loses shard 0 to b and gains shard 5 from
 * b; shards 1-4 stay with a, 6-9 with b. Writes go to the new committee's owner (or wherever the shard's entity still
 * runs); reads are served by current and previous owners that store the sliver; everything else gets Walrus's
 * "shard not assigned" answer, which sends the reader to the shard's other owner.
 */
class NodeEpochChangeTest {
    private static final int N = NodeApiFixture.N;
    private static final Epoch NEXT = new Epoch(NodeApiFixture.EPOCH.value() + 1);
    private static final ShardIndex LOST = new ShardIndex(0);
    private static final ShardIndex GAINED = new ShardIndex(5);
    private static final ShardIndex KEPT = new ShardIndex(1);
    private static final ShardIndex FOREIGN = new ShardIndex(7);

    private final NodeApiFixture fixture = new NodeApiFixture();

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void acceptsSliversOfShardsItOwnsNowOrStillRuns() {
        NodeApiFixture.Node node = changingNode(Set.of());
        EncodedBlob blob = registered(node, 1);

        await(put(node, blob, GAINED));
        await(put(node, blob, LOST));
        node.backend().release(LOST);
        NodeRequestException moved = failure(put(node, blob, LOST));
        NodeRequestException foreign = failure(put(node, blob, FOREIGN));

        assertTrue(node.backend().hasSliver(blob.blobId(), SliverType.PRIMARY, pairOn(blob, GAINED)));
        assertTrue(node.backend().hasSliver(blob.blobId(), SliverType.PRIMARY, pairOn(blob, LOST)));
        assertNotAssigned(moved);
        assertNotAssigned(foreign);
        assertTrue(moved.errorMessage().contains("owned by node node-b at " + NodeApiFixture.NODE_B_URL),
                moved.errorMessage());
    }

    @Test
    void servesStoredSliversOfShardsHeldInTheCurrentOrPreviousCommittee() {
        NodeApiFixture.Node node = changingNode(Set.of(NODE_A, NODE_B));
        EncodedBlob blob = encode(3000, 2);
        for (ShardIndex shard : List.of(LOST, GAINED, KEPT, FOREIGN)) {
            store(node, blob, shard);
        }
        node.backend().release(LOST); // the entity went to b, which has synced; the change is not done yet

        assertTrue(get(node, blob, LOST).isPresent(), "the previous owner serves until the change is done");
        assertTrue(get(node, blob, GAINED).isPresent());
        assertEquals(StoredOnNodeStatus.STORED, await(node.client().sliverStatus(blob.blobId(), pairOn(blob, LOST),
                SliverType.PRIMARY)));
        assertEquals(2, await(node.client().getSlivers(blob.blobId(), SliverType.PRIMARY,
                List.of(pairOn(blob, LOST), pairOn(blob, GAINED)))).size());
        assertNotAssigned(failure(node.client().getSliver(blob.blobId(), pairOn(blob, FOREIGN), SliverType.PRIMARY)));
        assertNotAssigned(failure(node.client().getSlivers(blob.blobId(), SliverType.PRIMARY,
                List.of(pairOn(blob, GAINED), pairOn(blob, FOREIGN)))));

        node.backend().epochs(done());
        assertNotAssigned(failure(node.client().getSliver(blob.blobId(), pairOn(blob, LOST), SliverType.PRIMARY)));
        assertTrue(get(node, blob, GAINED).isPresent());
    }

    @Test
    void sendsReadersOfASliverItHasNotSyncedYetToItsPreviousOwner() {
        NodeApiFixture.Node node = changingNode(Set.of());
        EncodedBlob blob = encode(3000, 3);

        NodeRequestException gained = failure(node.client().getSliver(blob.blobId(), pairOn(blob, GAINED),
                SliverType.PRIMARY));
        NodeRequestException lost = failure(node.client().getSliver(blob.blobId(), pairOn(blob, LOST),
                SliverType.PRIMARY));
        Optional<?> kept = get(node, blob, KEPT);
        node.backend().epochs(changing(Set.of(NODE_A)));
        Optional<?> gainedAfterSync = get(node, blob, GAINED);

        assertNotAssigned(gained);
        assertTrue(gained.errorMessage().startsWith("shard 5 is not yet synced to this node in epoch 4"),
                gained.errorMessage());
        assertTrue(gained.errorMessage().contains("its data is still on node node-b at " + NodeApiFixture.NODE_B_URL),
                gained.errorMessage());
        assertNotAssigned(lost);
        assertEquals(Optional.empty(), kept, "a sliver its own synced shard lacks is simply not found (404)");
        assertEquals(Optional.empty(), gainedAfterSync);
    }

    @Test
    void servesRecoverySymbolsFromAPreviousShardUntilTheChangeIsDone() {
        NodeApiFixture.Node node = changingNode(Set.of(NODE_A, NODE_B));
        EncodedBlob blob = encode(3000, 4);
        node.backend().storeMetadata(blob.metadata());
        store(node, blob, LOST);
        node.backend().release(LOST);
        var source = List.of(pairOn(blob, LOST).sliverIndex(SliverType.PRIMARY, N));
        var target = new io.floe.encoding.index.SliverIndex(3);

        int during = await(node.client().recoverySymbols(blob.blobId(), SliverType.SECONDARY, target, source))
                .symbols().size();
        node.backend().epochs(done());
        NodeRequestException after = failure(node.client().recoverySymbols(blob.blobId(), SliverType.SECONDARY,
                target, source));

        assertEquals(1, during);
        assertNotAssigned(after);
    }

    @Test
    void confirmsInTheEpochOfItsCurrentCommitteeWithItsNewShards() {
        NodeApiFixture.Node node = changingNode(Set.of());
        EncodedBlob blob = registered(node, 5);
        List<CompletableFuture<Void>> puts = new ArrayList<>();
        for (ShardIndex shard : node.backend().committee().shardsOf(NODE_A)) {
            SliverPair pair = blob.pair(pairOn(blob, shard));
            puts.add(node.client().putSliver(blob.blobId(), pair.index(), pair.primary()));
            puts.add(node.client().putSliver(blob.blobId(), pair.index(), pair.secondary()));
        }
        puts.forEach(NodeApiFixture::await);

        SignedMessage signed = await(node.client().confirmation(blob.blobId(), Optional.empty()));

        assertArrayEquals(blobCert(NEXT, blob.blobId(), null), signed.serializedMessage());
    }

    /** Node a, which held shards 0-4 in epoch 3 (their entities run here), now in epoch 4's change. */
    private NodeApiFixture.Node changingNode(Set<NodeId> synced) {
        NodeApiFixture.Node node = fixture.startHalfNode();
        node.backend().epochs(changing(synced));
        return node;
    }

    private EpochCommittees changing(Set<NodeId> synced) {
        return new EpochCommittees(EpochState.EPOCH_CHANGE_SYNC, Instant.EPOCH, Duration.ofDays(1),
                fixture.committee(NEXT, owners(GAINED, LOST)),
                Optional.of(fixture.committee(NodeApiFixture.EPOCH, owners(LOST, GAINED))), Optional.empty(), synced);
    }

    private EpochCommittees done() {
        return new EpochCommittees(EpochState.EPOCH_CHANGE_DONE, Instant.EPOCH, Duration.ofDays(1),
                fixture.committee(NEXT, owners(GAINED, LOST)), Optional.empty(), Optional.empty(), Set.of());
    }

    /** Half the shards to a, half to b, except that {@code toA} goes to a and {@code toB} to b. */
    private static List<NodeId> owners(ShardIndex toA, ShardIndex toB) {
        List<NodeId> owners = new ArrayList<>();
        for (int k = 0; k < N; k++) {
            boolean a = k == toA.value() || (k < N / 2 && k != toB.value());
            owners.add(a ? NODE_A : NODE_B);
        }
        return owners;
    }

    private static EncodedBlob registered(NodeApiFixture.Node node, long seed) {
        EncodedBlob blob = encode(3000, seed);
        node.control().put(blob.blobId(), registration(false));
        await(node.client().putMetadata(blob.metadata()));
        return blob;
    }

    private static SliverPairIndex pairOn(EncodedBlob blob, ShardIndex shard) {
        return SliverPairIndex.onShard(shard, blob.blobId().rotation(N), N);
    }

    private static CompletableFuture<Void> put(NodeApiFixture.Node node, EncodedBlob blob, ShardIndex shard) {
        SliverPair pair = blob.pair(pairOn(blob, shard));
        return node.client().putSliver(blob.blobId(), pair.index(), pair.primary());
    }

    private static Optional<?> get(NodeApiFixture.Node node, EncodedBlob blob, ShardIndex shard) {
        return await(node.client().getSliver(blob.blobId(), pairOn(blob, shard), SliverType.PRIMARY));
    }

    /** Stores both slivers of the pair on {@code shard} behind the routes' back, as a sync or an earlier epoch did. */
    private static void store(NodeApiFixture.Node node, EncodedBlob blob, ShardIndex shard) {
        SliverPair pair = blob.pair(pairOn(blob, shard));
        node.backend().storeSliver(blob.blobId(), pair.index(), pair.primary());
        node.backend().storeSliver(blob.blobId(), pair.index(), pair.secondary());
    }

    private static void assertNotAssigned(NodeRequestException e) {
        assertEquals(400, e.status(), e.getMessage());
        assertEquals(ShardPlacement.SHARD_NOT_ASSIGNED, e.code(), e.getMessage());
    }
}
