package io.floe.multijvm.cassandra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import io.floe.encoding.metadata.BlobId;
import io.floe.multijvm.Await;
import io.floe.multijvm.Blobs;
import io.floe.multijvm.FloeNetwork;
import io.floe.multijvm.FloeNetworkExtension;
import io.floe.multijvm.Gateway;
import io.floe.multijvm.Http;
import io.floe.multijvm.MultiJvmTest;
import io.floe.persistence.cassandra.CassandraServer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real network (4 storage-node JVMs and a gateway, 10 shards) whose members keep their journal and snapshots in
 * the shared Cassandra node, configured only through {@code floe.persistence.*}: what it certified survives a
 * restart of every member, and when Cassandra stops underneath the running network a store is refused with 503
 * within a bound, and once Cassandra is back on the same folder stores succeed again and every blob certified
 * before reads back byte for byte. The tests run in order on the {@link CassandraNetwork}, after
 * {@code EpochsOnCassandraTest}.
 */
@MultiJvmTest
@CassandraTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class NetworkOnCassandraTest {
    /** A store must be refused within this while the journal is down: no hang. */
    private static final Duration REFUSAL = Duration.ofSeconds(90);
    private static final Duration RECOVERY = Duration.ofSeconds(150);
    /** Stores outlive the test: the network's epochs are short (16 s), a restart and an outage last several. */
    private static final String LASTING = "epochs=max";

    @RegisterExtension
    static final FloeNetworkExtension NETWORK = CassandraNetwork.extension().endingTheGroup();

    private static CassandraServer cassandra;
    private static FloeNetwork network;
    private static Gateway gateway;
    private static final Map<BlobId, byte[]> CERTIFIED = new LinkedHashMap<>();

    @BeforeAll
    static void connect(CassandraServer server) {
        cassandra = server;
        network = NETWORK.network();
        gateway = new Gateway(network.gatewayUrl());
    }

    /** Runs before the extension stops the network, which needs no journal to stop. */
    @AfterAll
    static void restartCassandra() throws Exception {
        // Later test classes share the server: leave it running whatever happened here.
        if (cassandra != null && !cassandra.isRunning()) {
            cassandra.start();
        }
    }

    @Test
    @Order(1)
    void certifiedBlobsSurviveARestartOfEveryMember() throws Exception {
        for (int size : List.of(20_000, 300_000, 1_000_000)) {
            byte[] blob = random(100 + size, size);
            Gateway.StoreAnswer stored = gateway.store(blob, LASTING);
            assertTrue(stored.newlyCreated(), () -> stored.json().toString());
            CERTIFIED.put(stored.blobId(), blob);
        }
        assertEventsInCassandra(CERTIFIED.keySet());

        network.restartAll();
        gateway = new Gateway(network.gatewayUrl());
        for (Map.Entry<BlobId, byte[]> blob : CERTIFIED.entrySet()) {
            assertEquals("certified", gateway.blobStatus(blob.getKey()).path("status").asText());
            Http.Response read = gateway.read(blob.getKey());
            assertEquals(200, read.status(), read::excerpt);
            assertArrayEquals(blob.getValue(), read.body(), "blob " + blob.getKey() + " after the restart");
        }
    }

    @Test
    @Order(2)
    void storesAreRefusedWhileCassandraIsDownAndResumeWhenItIsBack() throws Exception {
        cassandra.stop();
        long began = System.nanoTime();
        Http.Response refused = gateway.put(random(7, 40_000), LASTING);
        Duration took = Duration.ofNanos(System.nanoTime() - began);
        assertTrue(Blobs.retriableStoreFailure(refused), () -> "a store without the journal: " + refused.excerpt());
        assertTrue(took.compareTo(REFUSAL) < 0, "refused after " + took.toSeconds() + " s, not within " + REFUSAL);
        System.out.printf("FIGURE store refused with %d %.1f s after it was sent, Cassandra down%n",
                refused.status(), took.toMillis() / 1000.0);

        cassandra.start();
        System.out.printf("FIGURE Cassandra restart on its data to first CQL answer: %.1f s%n",
                cassandra.lastStartTime().toMillis() / 1000.0);
        long back = System.nanoTime();
        byte[] after = random(8, 60_000);
        Gateway.StoreAnswer stored = Await.value(RECOVERY, () -> storeUnless503(after),
                "a store to succeed again after Cassandra's restart");
        System.out.printf("FIGURE first successful store %.1f s after Cassandra answered CQL again%n",
                (System.nanoTime() - back) / 1e9);
        assertTrue(stored.newlyCreated() || stored.alreadyCertified(), () -> stored.json().toString());
        CERTIFIED.put(stored.blobId(), after);
        for (Map.Entry<BlobId, byte[]> blob : CERTIFIED.entrySet()) {
            Http.Response read = Await.value(RECOVERY, () -> {
                Http.Response r = gateway.read(blob.getKey());
                assertFalse(r.status() == 404 || r.status() >= 500 && r.status() != 503,
                        () -> "read of " + blob.getKey() + ": " + r.excerpt());
                return r.status() == 200 ? Optional.of(r) : Optional.empty();
            }, "blob " + blob.getKey() + " to read back");
            assertArrayEquals(blob.getValue(), read.body(), "blob " + blob.getKey() + " after the outage");
        }
    }

    /**
     * The answer of a store that succeeded; empty on 503 (still unavailable) or Walrus's 504 (too few confirmations:
     * a 503 before errors took Walrus's shape); fails on anything else.
     */
    private static Optional<Gateway.StoreAnswer> storeUnless503(byte[] blob) {
        Http.Response r = gateway.put(blob, LASTING);
        if (Blobs.retriableStoreFailure(r)) {
            return Optional.empty();
        }
        assertEquals(200, r.status(), () -> "store after the outage: " + r.excerpt());
        return Optional.of(gatewayAnswer(r));
    }

    private static Gateway.StoreAnswer gatewayAnswer(Http.Response r) {
        var json = r.json();
        if (json.has("newlyCreated")) {
            var blob = json.path("newlyCreated").path("blobObject");
            return new Gateway.StoreAnswer("newlyCreated", BlobId.parse(blob.path("blobId").asText()),
                    blob.path("id").asText(), json);
        }
        var certified = json.path("alreadyCertified");
        return new Gateway.StoreAnswer("alreadyCertified", BlobId.parse(certified.path("blobId").asText()),
                certified.path("objectId").asText(), json);
    }

    /** The Blob entities' events are in the network's keyspace: the members really journal to Cassandra. */
    private static void assertEventsInCassandra(Iterable<BlobId> blobs) {
        try (CqlSession session = CqlSession.builder().addContactPoint(cassandra.address())
                .withLocalDatacenter("datacenter1").build()) {
            String keyspace = CassandraNetwork.keyspace();
            for (BlobId id : blobs) {
                long events = session.execute("SELECT sequence_nr FROM " + keyspace
                        + ".messages WHERE persistence_id = ? AND partition_nr = 0", "Blob|" + id).all().size();
                assertTrue(events >= 2, "registration and certification of " + id + " in " + keyspace
                        + ".messages, found " + events + " events");
            }
        }
    }

    private static byte[] random(long seed, int size) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
