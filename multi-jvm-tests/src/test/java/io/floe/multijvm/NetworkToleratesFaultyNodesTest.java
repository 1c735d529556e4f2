package io.floe.multijvm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.redstuff.EncodedBlob;
import io.floe.encoding.redstuff.EncodingConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads of a real network of 6 storage-node JVMs and a gateway (16 shards: f = 5, nodes hold 3 or 2 shards, a read
 * needs 6 valid primary slivers) never fail and never return a wrong byte while nodes misbehave: node-1 sits behind
 * a {@link LyingNodeProxy} that falsifies every sliver, metadata and recovery-symbol answer (scenario 6), and nodes
 * holding f shards in all are killed with SIGKILL while reads are in flight (scenario 2).
 */
@MultiJvmTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class NetworkToleratesFaultyNodesTest {
    private static final int NODES = 6;
    private static final int SHARDS = 16;
    private static final int LIAR = 0;
    private static final EncodingConfig CONFIG = new EncodingConfig(SHARDS);
    private static final Logger LOG = LoggerFactory.getLogger(NetworkToleratesFaultyNodesTest.class);

    @RegisterExtension
    static final FloeNetworkExtension NETWORK =
            FloeNetworkExtension.perClass(NetworkToleratesFaultyNodesTest::networkWithALiar);

    private static LyingNodeProxy proxy;
    private static FloeNetwork network;
    private static Gateway gateway;
    private static final Map<BlobId, byte[]> STORED = new LinkedHashMap<>();
    private static final Map<BlobId, EncodedBlob> ENCODED = new LinkedHashMap<>();
    /** The nodes test 3 kills (and test 4 brings one of back). */
    private static final List<Integer> VICTIMS = new ArrayList<>();

    /** Node-1's public URL in the committee is a lying proxy's, started before the network. */
    private static NetworkSpec networkWithALiar(ExtensionContext context) throws IOException {
        proxy = LyingNodeProxy.start();
        return NetworkSpec.of(NODES, SHARDS).withNodeOptions(proxy.fronting(LIAR));
    }

    @BeforeAll
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    static void storeBlobs() {
        network = NETWORK.network();
        gateway = new Gateway(network.gatewayUrl());
        assertEquals(proxy.url(), nodeUrlInCommittee("node-" + (LIAR + 1)),
                "the committee reaches the liar through the proxy");
        int seed = 600;
        for (int size : List.of(1_000_000, 400_000, 65_539, 5_000)) {
            byte[] blob = Blobs.random(seed++, size);
            Gateway.StoreAnswer stored = gateway.store(blob, "");
            assertTrue(stored.newlyCreated(), () -> stored.json().toString());
            STORED.put(stored.blobId(), blob);
            ENCODED.put(stored.blobId(), Blobs.encode(blob, SHARDS));
        }
    }

    /** Runs before the extension stops the network: the liar's peers then find its proxy gone, as if it died. */
    @AfterAll
    static void stopProxy() {
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    @Order(1)
    void lyingNodeServesWrongBytesButEveryReadIsExact() {
        List<Integer> liarShards = gateway.shardsOf("node-" + (LIAR + 1));
        Map<NodeSlivers.Key, byte[]> held = NodeSlivers.expected(liarShards, ENCODED.values(), SHARDS);
        NodeSlivers.awaitServed(network, LIAR, held, Duration.ofSeconds(30));
        assertEquals(held.keySet(), NodeSlivers.notServed(proxy.url(), held),
                "through its public URL the liar serves not one sliver right");

        long liesBefore = sliverLies();
        for (Map.Entry<BlobId, byte[]> blob : STORED.entrySet()) {
            BlobId id = blob.getKey();
            byte[] bytes = blob.getValue();
            Http.Response whole = gateway.read(id);
            assertEquals(200, whole.status(), whole::excerpt);
            assertArrayEquals(bytes, whole.body(), "whole read of " + id);
            for (int[] range : rangesOnLiar(ENCODED.get(id), liarShards, bytes.length)) {
                assertRange(id, bytes, range[0], range[1]);
            }
            assertRange(id, bytes, 0, Math.min(bytes.length, 10) - 1);
            Http.Response tail = gateway.readRange(id, "bytes=-100");
            assertEquals(206, tail.status(), tail::excerpt);
            assertArrayEquals(Arrays.copyOfRange(bytes, bytes.length - 100, bytes.length), tail.body());
        }
        assertTrue(sliverLies() > liesBefore, "the gateway asked the liar for slivers and got lies");
        assertTrue(proxy.lies(LyingNodeProxy.METADATA) + sliverLies() > 0, "the proxy lied");
    }

    @Test
    @Order(2)
    void storesThroughTheLiarStillCertifyAndReadBack() {
        byte[] blob = Blobs.random(650, 250_000);
        Gateway.StoreAnswer stored = gateway.store(blob, "");
        assertTrue(stored.newlyCreated(), () -> stored.json().toString());
        assertArrayEquals(blob, gateway.read(stored.blobId()).body());
        STORED.put(stored.blobId(), blob);
        ENCODED.put(stored.blobId(), Blobs.encode(blob, SHARDS));
    }

    @Test
    @Order(3)
    void readsInFlightWhileNodesHoldingFShardsAreKilledReturnExactBytes() throws Exception {
        proxy.lying(false); // f faults at a time: the killed nodes are these f
        List<Integer> victims = victimsHoldingAtMostF();
        VICTIMS.addAll(victims);
        // Stored but never read: the gateway has not seen them certified yet, so their first read asks their Blob
        // entities, some of which die with the victims.
        Map<BlobId, byte[]> unread = new LinkedHashMap<>();
        for (int seed = 660; seed < 666; seed++) {
            byte[] blob = Blobs.random(seed, 120_000);
            unread.put(gateway.store(blob, "").blobId(), blob);
        }
        ContinuousReads reads = ContinuousReads.start(gateway, STORED, 3, Duration.ofSeconds(90));
        List<ContinuousReads.Read> all;
        long killedAt;
        try {
            Await.until(Duration.ofSeconds(30), () -> reads.completed() >= 12, "12 reads before the kill");
            killedAt = System.nanoTime();
            victims.forEach(network::kill9);
            long after = reads.completed();
            for (Map.Entry<BlobId, byte[]> blob : unread.entrySet()) {
                long start = System.nanoTime();
                Http.Response r = gateway.read(blob.getKey());
                long millis = (System.nanoTime() - start) / 1_000_000;
                LOG.info("first read of {} after the kill: HTTP {} in {} ms", blob.getKey(), r.status(), millis);
                assertEquals(200, r.status(), () -> "first read of " + blob.getKey() + " after the kill: "
                        + r.excerpt());
                assertArrayEquals(blob.getValue(), r.body(), "first read of " + blob.getKey());
                // The gateway certified it itself: it does not wait for a dead Blob entity's fail-over (~20 s).
                assertTrue(millis < 10_000, () -> "first read of " + blob.getKey() + " took " + millis + " ms");
            }
            // Reads go on through the fail-over (a dead member is downed 8-22 s after its death).
            Await.until(Duration.ofSeconds(60), () -> reads.completed() >= after + 30
                            && System.nanoTime() - killedAt > Duration.ofSeconds(20).toNanos(),
                    "30 reads and 20 s after the kill");
        } finally {
            all = reads.stop();
            unread.forEach((id, blob) -> {
                STORED.put(id, blob);
                ENCODED.put(id, Blobs.encode(blob, SHARDS));
            });
        }
        List<ContinuousReads.Read> wrong = all.stream().filter(r -> !r.exact()).toList();
        long inFlight = all.stream().filter(r -> r.spans(killedAt)).count();
        LOG.info("{} reads, {} in flight at the kill, {} after it; slowest {} ms", all.size(), inFlight,
                all.stream().filter(r -> r.startNanos() > killedAt).count(),
                all.stream().mapToLong(r -> (r.endNanos() - r.startNanos()) / 1_000_000).max().orElse(0));
        assertTrue(wrong.isEmpty(), () -> wrong.size() + " of " + all.size() + " reads failed or were wrong: "
                + wrong.stream().limit(5).toList());
        assertTrue(inFlight > 0, "at least one read was in flight when the nodes died");
        assertTrue(all.stream().filter(r -> r.startNanos() > killedAt).count() >= 30, "reads after the kill");
    }

    /**
     * One of the killed nodes comes back and rebuilds what was stored while it was dead, although the liar answers
     * its metadata and recovery-symbol requests with wrong bytes: symbols that do not rebuild a sliver matching its
     * hash are replaced by proven ones, and a liar's proofs fail.
     */
    @Test
    @Order(4)
    void killedNodeHealsAlthoughAPeerLiesToIt() throws Exception {
        proxy.lying(true);
        int returning = VICTIMS.get(0);
        Map<BlobId, EncodedBlob> missed = new LinkedHashMap<>();
        for (int seed = 670; seed < 672; seed++) {
            byte[] blob = Blobs.random(seed, 300_000);
            Gateway.StoreAnswer stored = Await.value(Duration.ofSeconds(120), () -> {
                Http.Response r = gateway.put(blob, "");
                return r.status() == 200 ? Optional.of(Gateway.answer(r.json())) : Optional.empty();
            }, "a store with f shards dead and a liar");
            STORED.put(stored.blobId(), blob);
            ENCODED.put(stored.blobId(), Blobs.encode(blob, SHARDS));
            missed.put(stored.blobId(), ENCODED.get(stored.blobId()));
        }
        long symbolLies = proxy.lies(LyingNodeProxy.RECOVERY_SYMBOLS);
        network.restart(returning);
        List<Integer> shards = gateway.shardsOf("node-" + (returning + 1));
        NodeSlivers.awaitServed(network, returning, NodeSlivers.expected(shards, ENCODED.values(), SHARDS),
                Duration.ofSeconds(120));
        RecoveryCounters c = network.recovery(returning);
        LOG.info("node-{} healed past the liar: {} slivers rebuilt, {} bytes fetched for {}; the liar falsified {} "
                        + "recovery-symbol and {} metadata answers", returning + 1, c.sliversRebuilt(), c.bytesFetched(),
                c.bytesRebuilt(), proxy.lies(LyingNodeProxy.RECOVERY_SYMBOLS) - symbolLies,
                proxy.lies(LyingNodeProxy.METADATA));
        // At least one sliver per missed pair: a first attempt that rebuilt a pair's secondary and then could not
        // gather the primary's symbols ends Failed, which carries no counts, and the retry rebuilds only the primary.
        int missedPairs = NodeSlivers.expected(shards, missed.values(), SHARDS).size() / 2;
        assertTrue(c.sliversRebuilt() >= missedPairs, () -> "the missed pairs were rebuilt: " + c);
    }

    private static long sliverLies() {
        return proxy.lies(LyingNodeProxy.SLIVER) + proxy.lies(LyingNodeProxy.SLIVER_BATCH);
    }

    private static void assertRange(BlobId id, byte[] bytes, int first, int last) {
        Http.Response r = gateway.readRange(id, "bytes=" + first + "-" + last);
        assertEquals(206, r.status(), r::excerpt);
        assertArrayEquals(Arrays.copyOfRange(bytes, first, last + 1), r.body(),
                "bytes " + first + "-" + last + " of " + id);
        Http.Response b = gateway.byteRange(id, first, last + 1 - first);
        assertEquals(200, b.status(), b::excerpt);
        assertArrayEquals(Arrays.copyOfRange(bytes, first, last + 1), b.body(), "/byte-range " + first + " of " + id);
    }

    /**
     * Byte ranges inside the systematic rows that the liar holds: a range read fetches exactly those primary slivers,
     * so the liar is asked first and must be skipped.
     */
    private static List<int[]> rangesOnLiar(EncodedBlob encoded, List<Integer> liarShards, int length) {
        int np = CONFIG.primarySourceSymbols();
        long rowBytes = (long) CONFIG.secondarySourceSymbols() * CONFIG.symbolSize(length);
        List<int[]> ranges = new ArrayList<>();
        for (int shard : liarShards) {
            int row = SliverPairIndex.onShard(new ShardIndex(shard), encoded.blobId().rotation(SHARDS), SHARDS).value();
            long start = row * rowBytes;
            if (row < np && start < length) {
                ranges.add(new int[] {(int) start, (int) Math.min(length, start + rowBytes) - 1});
            }
        }
        return ranges;
    }

    /** Nodes other than the liar and the journal's host whose shards add up to at most f, as many shards as fit. */
    private static List<Integer> victimsHoldingAtMostF() {
        int f = CONFIG.maxFaulty();
        int journal = network.journalOwner().orElse(-1);
        List<Integer> victims = new ArrayList<>();
        int shards = 0;
        for (int i = 0; i < NODES; i++) {
            int held = gateway.shardsOf("node-" + (i + 1)).size();
            if (i != LIAR && i != journal && shards + held <= f) {
                victims.add(i);
                shards += held;
            }
        }
        assertFalse(victims.isEmpty(), "some node can be killed");
        return victims;
    }

    private static String nodeUrlInCommittee(String nodeId) {
        for (var node : gateway.status().path("nodes")) {
            if (node.path("id").asText().equals(nodeId)) {
                return node.path("url").asText();
            }
        }
        throw new AssertionError("no " + nodeId + " in " + gateway.status());
    }
}
