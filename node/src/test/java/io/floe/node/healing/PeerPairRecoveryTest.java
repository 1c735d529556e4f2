package io.floe.node.healing;

import static io.floe.encoding.testing.InconsistentEncoding.garbled;
import static io.floe.node.healing.PeerNetwork.N;
import static io.floe.node.healing.PeerNetwork.await;
import static io.floe.node.healing.PeerNetwork.shardOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.api.node.NodeHealth;
import io.floe.encoding.index.SliverIndex;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.VerifiedMetadata;
import io.floe.encoding.redstuff.BlobEncoder;
import io.floe.encoding.redstuff.EncodedBlob;
import io.floe.encoding.redstuff.EncodingConfig;
import io.floe.encoding.redstuff.SliverPair;
import io.floe.encoding.testing.InconsistentEncoding;
import io.floe.protocol.committee.NodeId;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeerPairRecoveryTest {
    private static final NodeId A = new NodeId("node-a");
    private static final NodeId B = new NodeId("node-b");
    private static final NodeId C = new NodeId("node-c");
    private static final NodeId D = new NodeId("node-d");
    private static final RecoverySettings SETTINGS =
            TestSettings.recovery("symbol-requests = 2, request-timeout = 5s, proof-free-first = on, "
                    + "busy-retry-delay = 100ms");
    /** 60 kB at n = 10: 2144-byte symbols, primary slivers of 15 kB, secondary of 8.6 kB. */
    private static final int BLOB_BYTES = 60_000;
    /** A proof at n = 10 is 4 nodes of 33 bytes plus its length; a proven symbol adds a u16 target index. */
    private static final int PROOF_BYTES = 1 + 4 * 33 + 2;

    @TempDir
    Path dir;
    private PeerNetwork net;

    @AfterEach
    void stop() {
        if (net != null) {
            net.close();
        }
    }

    @Test
    void rebuildsAMissingPairWithAtMostASliverOfTrafficPerSliver() {
        EncodedBlob blob = blob(1);
        net = new PeerNetwork(dir, blob.blobId(), layout(List.of(0, 1, 2), List.of(3, 4, 5), List.of(6, 7), List.of(8, 9)));
        net.store(blob.metadata(), blob::sliver, A, List.of(0), false);

        RecoveryOutcome.Rebuilt rebuilt = assertInstanceOf(RecoveryOutcome.Rebuilt.class, recover(A, blob, 0));
        NodeHealth.Recovery health = await(net.node(A).client().health()).recovery();

        assertPairStored(A, blob, 0);
        assertEquals(2, rebuilt.slivers());
        assertEquals(pairBytes(blob, 0), rebuilt.bytesRebuilt());
        assertTrue(rebuilt.bytesFetched() > 0 && rebuilt.bytesFetched() <= 1.2 * rebuilt.bytesRebuilt(),
                rebuilt.toString());
        assertEquals(2, health.sliversRebuilt());
        assertEquals(rebuilt.bytesFetched(), health.bytesFetched());
    }

    @Test
    void wipedNodeFetchesTheMetadataAndRebuildsEveryPairFromPeersAlone() {
        EncodedBlob blob = blob(2);
        net = new PeerNetwork(dir, blob.blobId(), layout(List.of(0, 1, 2), List.of(3, 4, 5), List.of(6, 7), List.of(8, 9)));
        net.store(blob.metadata(), blob::sliver, A, List.of(0, 1, 2), true);

        long fetched = 0;
        long rebuiltBytes = 0;
        for (int p = 0; p < 3; p++) {
            RecoveryOutcome.Rebuilt rebuilt = assertInstanceOf(RecoveryOutcome.Rebuilt.class, recover(A, blob, p));
            fetched += rebuilt.bytesFetched();
            rebuiltBytes += rebuilt.bytesRebuilt();
            assertPairStored(A, blob, p);
        }

        assertEquals(Optional.of(blob.metadata()), net.node(A).store().metadata(blob.blobId()));
        assertTrue(fetched <= 1.2 * rebuiltBytes + blob.metadata().toBcs().length, fetched + " for " + rebuiltBytes);
        assertEquals(6, net.node(A).metrics().snapshot().sliversRebuilt());
    }

    @Test
    void pairsRecoveredTogetherAskEachPeerOncePerSliverType() {
        EncodedBlob blob = blob(9);
        net = new PeerNetwork(dir, blob.blobId(), layout(List.of(0, 1, 2), List.of(3, 4, 5), List.of(6, 7), List.of(8, 9)));
        net.store(blob.metadata(), blob::sliver, A, List.of(0, 1, 2), true);
        List<SliverPairIndex> pairs = List.of(new SliverPairIndex(0), new SliverPairIndex(1), new SliverPairIndex(2));

        RecoveryOutcome.Rebuilt rebuilt = assertInstanceOf(RecoveryOutcome.Rebuilt.class,
                await(net.recovery(A, SETTINGS).recover(blob.blobId(), pairs)));

        for (int p = 0; p < 3; p++) {
            assertPairStored(A, blob, p);
        }
        assertEquals(6, rebuilt.slivers());
        assertEquals(pairBytes(blob, 0) + pairBytes(blob, 1) + pairBytes(blob, 2), rebuilt.bytesRebuilt());
        assertTrue(rebuilt.bytesFetched() <= 1.2 * rebuilt.bytesRebuilt() + blob.metadata().toBcs().length,
                rebuilt.toString());
        for (NodeId peer : List.of(B, C, D)) {
            assertTrue(net.node(peer).symbolRequests().get() <= 2, peer.value() + " asked "
                    + net.node(peer).symbolRequests().get() + " times for 3 pairs");
        }
    }

    @Test
    void aPeerRefusingBatchesIsAskedInHalvesDownToTheSingleTargetForm() {
        EncodedBlob blob = blob(11);
        net = new PeerNetwork(dir, blob.blobId(), layout(List.of(0, 1, 2), List.of(3, 4, 5), List.of(6, 7), List.of(8, 9)));
        net.store(blob.metadata(), blob::sliver, A, List.of(0, 1, 2), true);
        for (NodeId peer : List.of(B, C, D)) {
            net.node(peer).refusesBatches().set(true);
        }
        List<SliverPairIndex> pairs = List.of(new SliverPairIndex(0), new SliverPairIndex(1), new SliverPairIndex(2));

        RecoveryOutcome outcome = await(net.recovery(A, SETTINGS).recover(blob.blobId(), pairs));

        assertInstanceOf(RecoveryOutcome.Rebuilt.class, outcome, outcome.toString());
        for (int p = 0; p < 3; p++) {
            assertPairStored(A, blob, p);
        }
        List<String> queries = List.of(B, C, D).stream().flatMap(peer -> net.node(peer).symbolQueries().stream()).toList();
        assertTrue(queries.stream().anyMatch(q -> q.matches("targetSliver=\\d+,\\d+,\\d+&.*")), queries.toString());
        assertTrue(queries.stream().anyMatch(q -> q.matches("targetSliver=\\d+,\\d+&.*")), queries.toString());
        // A single target is asked in the form nodes knew before batches.
        assertTrue(queries.stream().filter(q -> !q.split("&")[0].contains(","))
                .allMatch(q -> q.matches("targetSliver=\\d+&targetType=(primary|secondary)(&sourceSlivers=[\\d,]+)?"
                        + "&proofs=false")), queries.toString());
    }

    @Test
    void pairsRecoveredTogetherSkipAPeerThatServesWrongSymbols() {
        EncodedBlob blob = blob(10);
        net = new PeerNetwork(dir, blob.blobId(), layout(List.of(0, 1, 2), List.of(3, 4, 5), List.of(6, 7), List.of(8, 9)));
        net.store(blob.metadata(), blob::sliver, A, List.of(0, 1, 2), false);
        net.node(PeerPlan.order(net.committee(), A, new SliverPairIndex(0)).get(0).id()).lies().set(true);
        List<SliverPairIndex> pairs = List.of(new SliverPairIndex(0), new SliverPairIndex(1), new SliverPairIndex(2));

        assertInstanceOf(RecoveryOutcome.Rebuilt.class, await(net.recovery(A, SETTINGS).recover(blob.blobId(), pairs)));

        for (int p = 0; p < 3; p++) {
            assertPairStored(A, blob, p);
        }
    }

    @Test
    void aPairAlreadyHeldFetchesNothing() {
        EncodedBlob blob = blob(3);
        net = new PeerNetwork(dir, blob.blobId(), layout(List.of(0, 1, 2), List.of(3, 4, 5), List.of(6, 7), List.of(8, 9)));
        net.store(blob.metadata(), blob::sliver, A, List.of(), false);

        assertInstanceOf(RecoveryOutcome.AlreadyHeld.class, recover(A, blob, 1));
        for (NodeId peer : List.of(B, C, D)) {
            assertEquals(0, net.node(peer).symbolRequests().get(), peer.value());
        }
    }

    @Test
    void skipsAPeerThatServesWrongSymbols() {
        EncodedBlob blob = blob(4);
        net = new PeerNetwork(dir, blob.blobId(), layout(List.of(0, 1, 2), List.of(3, 4, 5), List.of(6, 7), List.of(8, 9)));
        net.store(blob.metadata(), blob::sliver, A, List.of(0), false);
        // The peer a recovery of pair 0 asks first changes a byte of the first symbol it sends.
        NodeId liar = PeerPlan.order(net.committee(), A, new SliverPairIndex(0)).get(0).id();
        net.node(liar).lies().set(true);

        assertInstanceOf(RecoveryOutcome.Rebuilt.class, recover(A, blob, 0));

        assertPairStored(A, blob, 0);
        assertEquals(2, net.node(liar).symbolRequests().get(),
                "asked once without proofs and once with them (its proof fails), then skipped for the primary sliver");
    }

    @Test
    void aPeerWhoseSliversRottedServesNoSymbolsFromThem() {
        EncodedBlob blob = blob(8);
        Map<NodeId, List<Integer>> layout = layout(List.of(0, 1, 2), List.of(3, 4, 5), List.of(6, 7), List.of(8, 9));
        net = new PeerNetwork(dir, blob.blobId(), layout);
        net.store(blob.metadata(), blob::sliver, A, List.of(0), false);
        NodeId rotten = PeerPlan.order(net.committee(), A, new SliverPairIndex(0)).get(0).id();
        for (int p : layout.get(rotten)) {
            for (SliverType type : SliverType.values()) {
                net.node(rotten).store().putSliver(shardOf(blob.blobId(), p), blob.blobId(), garbled(blob.sliver(type,
                        new SliverPairIndex(p).sliverIndex(type, N))));
            }
        }
        SliverIndex target = new SliverPairIndex(0).sliverIndex(SliverType.SECONDARY, N);

        var served = await(net.node(rotten).client().recoverySymbols(blob.blobId(), SliverType.SECONDARY, target, List.of()));
        RecoveryOutcome outcome = recover(A, blob, 0);

        assertEquals(List.of(), served.symbols(), "its own check keeps symbols of slivers failing their hash at home");
        assertInstanceOf(RecoveryOutcome.Rebuilt.class, outcome);
        assertPairStored(A, blob, 0);
    }

    @Test
    void skipsAPeerThatIsDown() {
        EncodedBlob blob = blob(5);
        net = new PeerNetwork(dir, blob.blobId(), layout(List.of(0, 1, 2), List.of(3, 4, 5), List.of(6, 7), List.of(8, 9)));
        net.store(blob.metadata(), blob::sliver, A, List.of(1), false);
        net.stop(PeerPlan.order(net.committee(), A, new SliverPairIndex(1)).get(0).id());

        assertInstanceOf(RecoveryOutcome.Rebuilt.class, recover(A, blob, 1));

        assertPairStored(A, blob, 1);
    }

    @Test
    void provenSymbolsAloneCostASliverPlusProofs() {
        EncodedBlob blob = blob(6);
        net = new PeerNetwork(dir, blob.blobId(), layout(List.of(0), List.of(1, 2, 3), List.of(4, 5, 6), List.of(7, 8, 9)));
        net.store(blob.metadata(), blob::sliver, A, List.of(0), false);
        RecoverySettings proven = TestSettings.recovery("symbol-requests = 2, request-timeout = 5s, "
                + "proof-free-first = off, busy-retry-delay = 100ms");

        RecoveryOutcome.Rebuilt rebuilt = assertInstanceOf(RecoveryOutcome.Rebuilt.class,
                await(net.recovery(A, proven).recover(blob.blobId(), new SliverPairIndex(0))));

        assertPairStored(A, blob, 0);
        int symbols = new EncodingConfig(N).primarySourceSymbols() + new EncodingConfig(N).secondarySourceSymbols();
        assertTrue(rebuilt.bytesFetched() <= 1.2 * rebuilt.bytesRebuilt() + symbols * PROOF_BYTES, rebuilt.toString());
    }

    @Test
    void inconsistentEncodingEndsWithAProofThatVerifies() {
        // A malicious writer replaces primary sliver 4 and commits to the replacement's hash (and a new blob ID).
        InconsistentEncoding lie = InconsistentEncoding.tamperingPrimary(blob(7), 4);
        VerifiedMetadata metadata = lie.metadata();
        // Node A holds the forged row (pair 4): its symbol for secondary sliver 4 (pair 5's) is always used.
        net = new PeerNetwork(dir, metadata.blobId(), layout(List.of(4, 5, 6), List.of(0, 1, 2), List.of(3, 7), List.of(8, 9)));
        net.store(metadata, lie::sliver, A, List.of(5), false);

        RecoveryOutcome outcome = await(net.recovery(A, SETTINGS).recover(metadata.blobId(), new SliverPairIndex(5)));

        RecoveryOutcome.Inconsistent inconsistent = assertInstanceOf(RecoveryOutcome.Inconsistent.class, outcome);
        assertEquals(SliverType.SECONDARY, inconsistent.proof().targetType());
        assertEquals(new SliverIndex(4), inconsistent.proof().targetIndex());
        assertTrue(inconsistent.proof().verify(metadata));
        assertEquals(1, net.node(A).metrics().snapshot().inconsistenciesFound());
        assertFalse(net.node(A).store().hasSliver(shardOf(metadata.blobId(), 5), SliverType.SECONDARY, metadata.blobId()));
    }

    private RecoveryOutcome recover(NodeId node, EncodedBlob blob, int pair) {
        return await(net.recovery(node, SETTINGS).recover(blob.blobId(), new SliverPairIndex(pair)));
    }

    private void assertPairStored(NodeId node, EncodedBlob blob, int p) {
        SliverPair pair = blob.pair(new SliverPairIndex(p));
        var store = net.node(node).store();
        assertEquals(Optional.of(pair.primary()), store.sliver(shardOf(blob.blobId(), p), SliverType.PRIMARY, blob.blobId()));
        assertEquals(Optional.of(pair.secondary()),
                store.sliver(shardOf(blob.blobId(), p), SliverType.SECONDARY, blob.blobId()));
    }

    private static long pairBytes(EncodedBlob blob, int p) {
        SliverPair pair = blob.pair(new SliverPairIndex(p));
        return pair.primary().data().length + pair.secondary().data().length;
    }

    private static Map<NodeId, List<Integer>> layout(List<Integer> a, List<Integer> b, List<Integer> c, List<Integer> d) {
        Map<NodeId, List<Integer>> layout = new LinkedHashMap<>();
        layout.put(A, a);
        layout.put(B, b);
        layout.put(C, c);
        layout.put(D, d);
        return layout;
    }

    private static EncodedBlob blob(long seed) {
        byte[] data = new byte[BLOB_BYTES];
        new Random(seed).nextBytes(data);
        return new BlobEncoder(new EncodingConfig(N)).encode(data);
    }
}
