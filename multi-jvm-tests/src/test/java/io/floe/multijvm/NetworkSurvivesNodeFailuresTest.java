package io.floe.multijvm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.cli.local.NetworkLayout;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.redstuff.EncodedBlob;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real network of 4 storage-node JVMs and a gateway JVM (10 shards: f = 3, a node holds 2 or 3 shards, a read needs
 * 4 primary slivers and a certificate 7 shards' confirmations) loses members and gets them back: a dead node does
 * not stop reads or stores, a restarted node serves what it stored before, a registration acknowledged just before
 * the journal's host (the gateway, which serves the H2 file) is killed is kept, and a whole network started again on its folder finds every blob.
 *
 * <p>The first kill is also watched on the gateway's dashboard in headless Chromium ({@link DashboardWatch}): the
 * page shows every node up before it and the victim down within {@link #SHOWN_DOWN} after it.
 *
 * <p>The tests run in order on one network, each leaving every member running. A killed member is downed about a
 * second after its death (its cluster port refuses connections: proof of death, see FloeDowningProvider) and its
 * work moves at once, so stores and reads stall a few seconds at most (CrashLatencyTest bounds that); the tests
 * still accept a 503 during fail-over and retry within a bound, but never a wrong byte, a 404 or a 500.
 */
@MultiJvmTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class NetworkSurvivesNodeFailuresTest {
    private static final int NODES = 4;
    private static final int SHARDS = 10;
    private static final Duration FAIL_OVER = Duration.ofSeconds(120);
    /** How soon the gateway's dashboard must show a killed node down (it is downed about a second after). */
    private static final Duration SHOWN_DOWN = Duration.ofSeconds(10);
    private static final Duration DASHBOARD_TIMEOUT = Duration.ofSeconds(30);

    /** Shared: InvalidBlobTest's network has the same shape, and both leave every member running. */
    @RegisterExtension
    static final FloeNetworkExtension NETWORK = FloeNetworkExtension.shared(NetworkSpec.of(NODES, SHARDS));

    private static FloeNetwork network;
    private static Gateway gateway;
    /** Blobs stored while the network was whole, before any test ran. */
    private static final Map<BlobId, byte[]> INITIAL = new LinkedHashMap<>();
    /** Every blob stored and acknowledged so far, including during failures. */
    private static final Map<BlobId, byte[]> STORED = new LinkedHashMap<>();

    @BeforeAll
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    static void storeBlobs() {
        network = NETWORK.network();
        gateway = new Gateway(network.gatewayUrl());
        int seed = 20;
        for (int size : List.of(30_000, 300_000, 1_000_000)) {
            byte[] blob = Blobs.random(seed++, size);
            Gateway.StoreAnswer stored = gateway.store(blob, "");
            assertTrue(stored.newlyCreated(), () -> stored.json().toString());
            INITIAL.put(stored.blobId(), blob);
        }
        STORED.putAll(INITIAL);
    }

    @Test
    @Order(1)
    void readWithOneNodeStoppedReturnsExactBytes() throws Exception {
        int victim = nodeOtherThanJournalOwner(0);
        DashboardWatch dashboard = openDashboard(victim);
        long killed = System.nanoTime();
        try {
            network.kill9(victim);
            for (Map.Entry<BlobId, byte[]> blob : INITIAL.entrySet()) {
                assertArrayEquals(blob.getValue(), readDuringFailOver(blob.getKey()), "blob " + blob.getKey());
            }
            byte[] more = Blobs.random(29, 50_000);
            Gateway.StoreAnswer stored = storeDuringFailOver(more);
            assertTrue(stored.newlyCreated(), "a store with one node dead still gathers a quorum");
            STORED.put(stored.blobId(), more);
            assertArrayEquals(more, readDuringFailOver(stored.blobId()));
            if (dashboard != null) {
                checkShownDown(dashboard, victim, killed);
            }
        } finally {
            if (dashboard != null) {
                dashboard.close();
            }
            network.restart(victim);
        }
    }

    /**
     * The gateway's dashboard open in headless Chromium, once it shows every node up; null (and why, on stderr) when
     * no browser can run here. The page keeps watching {@code victim} while the test goes on.
     */
    private static DashboardWatch openDashboard(int victim) {
        Optional<String> unavailable = BrowserPage.unavailable();
        if (unavailable.isPresent()) {
            System.err.println("[floe] the dashboard is not watched in a browser: " + unavailable.get());
            return null;
        }
        DashboardWatch dashboard = DashboardWatch.start(network.gatewayUrl(), NODES, NetworkLayout.nodeName(victim),
                DASHBOARD_TIMEOUT);
        try {
            dashboard.awaitAllUp(DASHBOARD_TIMEOUT);
            return dashboard;
        } catch (RuntimeException | Error e) {
            dashboard.close();
            throw e;
        }
    }

    /** The page showed the victim down, and every other node up, within {@link #SHOWN_DOWN} of its kill. */
    private static void checkShownDown(DashboardWatch dashboard, int victim, long killed) {
        String name = NetworkLayout.nodeName(victim);
        DashboardWatch.Seen down = dashboard.awaitDown(SHOWN_DOWN.minusNanos(System.nanoTime() - killed)
                .plusSeconds(1));
        long afterMillis = (down.nanos() - killed) / 1_000_000;
        assertTrue(afterMillis <= SHOWN_DOWN.toMillis(), () -> "the dashboard showed " + name + " down only "
                + afterMillis + " ms after its kill");
        for (com.fasterxml.jackson.databind.JsonNode row : down.answer().path("nodes")) {
            assertTrue(row.path("id").asText().equals(name) || "up".equals(row.path("state").asText()),
                    () -> "the dashboard shows " + row + " while only " + name + " was killed");
        }
    }

    @Test
    @Order(2)
    void nodeRestartKeepsSlivers() throws Exception {
        int node = nodeOtherThanJournalOwner(1);
        Map<String, byte[]> slivers = sliversOn(node, INITIAL);
        // Uploads past the quorum finish in the background: wait until this node has all of its slivers first.
        Await.until(Duration.ofSeconds(30), () -> slivers.keySet().stream()
                        .allMatch(url -> Http.get(url, Gateway.TIMEOUT).status() == 200),
                "node-" + (node + 1) + " to hold its slivers");

        network.stop(node);
        network.restart(node);
        for (Map.Entry<String, byte[]> sliver : slivers.entrySet()) {
            Http.Response r = Http.get(sliver.getKey(), Gateway.TIMEOUT);
            assertEquals(200, r.status(), () -> sliver.getKey() + " after the restart: " + r.excerpt());
            assertArrayEquals(sliver.getValue(), r.body(), sliver.getKey());
        }
        for (BlobId id : INITIAL.keySet()) {
            assertEquals("certified", gateway.blobStatus(id).path("status").asText(), "status of " + id);
            assertTrue(!gateway.certifiedRegistrations(id).isEmpty(), "certified registrations of " + id);
        }
    }

    @Test
    @Order(3)
    void acknowledgedRegistrationSurvivesKill9() throws Exception {
        // The gateway starts first and serves the journal's H2 file (FloeNetwork): it is the journal's host.
        assertEquals(List.of(NetworkLayout.GATEWAY), network.journalHolders(), "the members with the journal open");
        byte[] blob = Blobs.random(31, 200_000);
        Gateway.StoreAnswer stored = gateway.store(blob, "");
        assertTrue(stored.newlyCreated(), () -> stored.json().toString());
        network.kill9Gateway();
        STORED.put(stored.blobId(), blob);
        network.restartGateway();

        Await.until(FAIL_OVER, () -> certifiedDuringFailOver(stored.blobId()).contains(stored.objectId()),
                "the survivors to report registration " + stored.objectId() + " certified");
        assertArrayEquals(blob, readDuringFailOver(stored.blobId()));
        byte[] after = Blobs.random(32, 40_000);
        Gateway.StoreAnswer next = storeDuringFailOver(after);
        assertTrue(next.newlyCreated(), "the survivors write to the journal");
        STORED.put(next.blobId(), after);
        List<String> holders = network.journalHolders();
        // A storage node took the file over, or the restarted gateway reopened it before any node needed it.
        assertEquals(1, holders.size(), () -> "one member took the journal file over: " + holders);
        assertArrayEquals(after, readDuringFailOver(next.blobId()));
    }

    /**
     * Scenario 7: the whole network stopped and started again on its folder reads back every certified blob, and
     * every node ends up holding its pair of each one, including the blobs stored while it was dead in tests 1 and
     * 3, which it rebuilt from its peers (scenario 1 across a full restart).
     */
    @Test
    @Order(4)
    void wholeNetworkRestartKeepsEveryBlob() throws Exception {
        network.restartAll();
        gateway = new Gateway(network.gatewayUrl());
        for (Map.Entry<BlobId, byte[]> blob : STORED.entrySet()) {
            assertArrayEquals(blob.getValue(), readDuringFailOver(blob.getKey()), "blob " + blob.getKey());
            assertEquals("certified", gateway.blobStatus(blob.getKey()).path("status").asText());
        }
        List<EncodedBlob> encoded = STORED.values().stream().map(b -> Blobs.encode(b, SHARDS)).toList();
        for (int i = 0; i < NODES; i++) {
            NodeSlivers.awaitServed(network, i, NodeSlivers.expected(gateway.shardsOf("node-" + (i + 1)), encoded,
                    SHARDS), FAIL_OVER);
        }
    }

    /**
     * The first node from {@code from} on that does not host the journal file: none does while the gateway serves it,
     * but a node that took it over after a gateway death in an earlier class's test would turn a kill into test 3's.
     */
    private static int nodeOtherThanJournalOwner(int from) {
        int owner = network.journalOwner().orElse(-1);
        for (int k = 0; k < NODES; k++) {
            int i = (from + k) % NODES;
            if (i != owner) {
                return i;
            }
        }
        throw new IllegalStateException("unreachable: there are " + NODES + " nodes");
    }

    /** Node API URL of every sliver node {@code i} stores for these blobs, with its expected BCS bytes. */
    private static Map<String, byte[]> sliversOn(int i, Map<BlobId, byte[]> blobs) {
        List<EncodedBlob> encoded = blobs.values().stream().map(b -> Blobs.encode(b, SHARDS)).toList();
        Map<String, byte[]> slivers = new LinkedHashMap<>();
        NodeSlivers.expected(gateway.shardsOf("node-" + (i + 1)), encoded, SHARDS)
                .forEach((key, bcs) -> slivers.put(network.nodeUrl(i) + key.path(), bcs));
        return slivers;
    }

    /** The blob's bytes once the gateway answers 200; meanwhile only 503 (control plane failing over) is accepted. */
    private static byte[] readDuringFailOver(BlobId id) {
        return Await.value(FAIL_OVER, () -> ok(gateway.read(id), "GET " + id).map(Http.Response::body),
                "a read of " + id);
    }

    /** As {@link #ok}, a store also retried on Walrus's 504 INSUFFICIENT_CONFIRMATIONS (was 503 before it). */
    private static Gateway.StoreAnswer storeDuringFailOver(byte[] blob) {
        return Await.value(FAIL_OVER, () -> {
            Http.Response r = gateway.put(blob, "");
            return Blobs.retriableStoreFailure(r) ? Optional.<Gateway.StoreAnswer>empty()
                    : ok(r, "PUT").map(answer -> Gateway.answer(answer.json()));
        }, "a store of " + blob.length + " bytes");
    }

    private static List<String> certifiedDuringFailOver(BlobId id) {
        Optional<Http.Response> r = ok(gateway.blobStatusResponse(id), "status of " + id);
        return r.isPresent() ? gateway.certifiedRegistrations(id) : List.of();
    }

    private static Optional<Http.Response> ok(Http.Response r, String what) {
        if (r.status() == 200) {
            return Optional.of(r);
        }
        if (r.status() != 503) {
            // An Error, not an exception: Await must not retry past a wrong answer.
            throw new AssertionError(what + " answered " + r.status() + " during fail-over: " + r.excerpt());
        }
        return Optional.empty();
    }
}
