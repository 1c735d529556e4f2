package io.floe.multijvm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.cli.local.NetworkLayout;
import io.floe.encoding.metadata.BlobId;
import io.floe.multijvm.cassandra.CassandraTest;
import io.floe.persistence.cassandra.CassandraServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A network across hosts: three storage nodes, the gateway and the Cassandra node that holds their journal each run
 * in a Linux network namespace of their own ({@link NetworkNamespaces}), with their own address on a test bridge:
 * <pre>
 *   test JVM (root namespace) 10.77.15.1 -- bridge floe-t-br0 --+-- floe-t-node-1    10.77.15.10
 *                                                               +-- floe-t-node-2    10.77.15.11
 *                                                               +-- floe-t-node-3    10.77.15.12
 *                                                               +-- floe-t-gateway   10.77.15.13
 *                                                               +-- floe-t-cassandra 10.77.15.14 (CQL 9042)
 * </pre>
 * Every member binds and announces its namespace's address alone (Artery, node or gateway API), so nothing works
 * through 127.0.0.1: each namespace's loopback is its own. The network stores, reads, loses one host's member to
 * kill -9 and reads again. Needs root and {@code ip}, the machine's {@link NamespaceLock} (no other run of this test
 * at the same time) and a bridge that forwards between namespaces ({@link BridgeProbe}); skipped otherwise, saying
 * which is missing.
 */
@MultiJvmTest
@CassandraTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class NetworkAcrossHostsTest {
    private static final int NODES = 3;
    private static final int SHARDS = 10;
    private static final int KILLED = 2;
    private static final Duration READ_AFTER_KILL = Duration.ofSeconds(60);

    @RegisterExtension
    static final FloeNetworkExtension NETWORK = FloeNetworkExtension.perClass(NetworkAcrossHostsTest::acrossHosts);

    private static FloeNetwork network;
    private static Gateway gateway;
    private static final Map<BlobId, byte[]> STORED = new LinkedHashMap<>();

    /**
     * One namespace per member and one for Cassandra, which starts first; every member journals to it. Each thing
     * goes into the class's store as soon as it exists, and JUnit closes the store's values in reverse order
     * (Cassandra, the namespaces with anything still in them, the lock) when the class ends, also when the network's
     * start fails and no {@code @AfterAll} method runs. The members are stopped before, by the extension or by a
     * failed {@link FloeNetwork#start} itself. Skipped, with nothing started, when another run holds the namespaces
     * or when two namespaces do not reach each other over the bridge.
     */
    private static NetworkSpec acrossHosts(ExtensionContext context) throws IOException {
        Optional<String> why = NetworkNamespaces.unavailable();
        skipUnless(why.isEmpty(), why::orElseThrow);
        ExtensionContext.Store store = context.getStore(ExtensionContext.Namespace.create(NetworkAcrossHostsTest.class));
        NamespaceLock.Lease lease = NamespaceLock.tryAcquire();
        skipUnless(lease.lock().isPresent(), lease::whyNot);
        store.put(NamespaceLock.class, lease.lock().orElseThrow());
        NetworkNamespaces hosts = NetworkNamespaces.create(lease.lock().orElseThrow(), hostNames());
        store.put(NetworkNamespaces.class, hosts);
        Optional<String> cut = BridgeProbe.unreachable(hosts, NetworkLayout.nodeName(0), NetworkLayout.CASSANDRA);
        skipUnless(cut.isEmpty(), cut::orElseThrow);
        CassandraServer cassandra = startCassandra(hosts);
        store.put(CassandraServer.class, cassandra);
        return NetworkSpec.of(NODES, SHARDS).on(hosts.memberHosts()).withMemberOptions(
                "-Dfloe.persistence.mode=cassandra",
                "-Dfloe.persistence.cassandra.contact-points=" + cassandra.contactPoint(),
                "-Dfloe.persistence.cassandra.create-schema=true");
    }

    private static void skipUnless(boolean runs, Supplier<String> why) {
        Assumptions.assumeTrue(runs, () -> why.get() + ": NetworkAcrossHostsTest skipped");
    }

    private static List<String> hostNames() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            names.add(NetworkLayout.nodeName(i));
        }
        names.addAll(List.of(NetworkLayout.GATEWAY, NetworkLayout.CASSANDRA));
        return names;
    }

    /** A node a killed run left behind was killed with its namespace by {@link NetworkNamespaces#create}. */
    private static CassandraServer startCassandra(NetworkNamespaces hosts) throws IOException {
        Path dir = TestDirs.fresh("NetworkAcrossHostsTest-cassandra");
        CassandraServer cassandra = CassandraServer.start(CassandraServer.Settings.of(
                CassandraServer.configuredClasspathFile(), dir, CassandraServer.DEFAULT_NATIVE_PORT,
                CassandraServer.DEFAULT_STORAGE_PORT).on(hosts.address(NetworkLayout.CASSANDRA),
                hosts.prefix(NetworkLayout.CASSANDRA)));
        System.out.printf("FIGURE Cassandra in its namespace, cold start to first CQL answer: %.1f s%n",
                cassandra.lastStartTime().toMillis() / 1000.0);
        return cassandra;
    }

    @BeforeAll
    static void connect() {
        network = NETWORK.network();
        gateway = new Gateway(network.gatewayUrl());
    }

    @Test
    @Order(1)
    void everyMemberIsReachedAtItsOwnAddressOnly() {
        NetworkLayout layout = network.layout();
        assertTrue(network.gatewayUrl().startsWith("http://" + NetworkNamespaces.SUBNET), network.gatewayUrl());
        Http.Response status = Http.get(network.gatewayUrl() + "/status", Duration.ofSeconds(10));
        assertEquals(200, status.status(), status::excerpt);
        Map<String, String> announced = new HashMap<>();
        status.json().path("nodes").forEach(n -> announced.put(n.path("id").asText(), n.path("url").asText()));
        for (int i = 0; i < NODES; i++) {
            String node = NetworkLayout.nodeName(i);
            assertEquals(layout.storageUrlOf(node), announced.get(node), "the ledger's URL of " + node);
            assertTrue(Ports.isFree(layout.storagePort(i)), node + "'s API port is free on this host's 127.0.0.1");
        }
        assertTrue(Ports.isFree(layout.gatewayPort()), "the gateway's port is free on this host's 127.0.0.1");
    }

    @Test
    @Order(2)
    void storesAndReadsAcrossHosts() {
        for (int size : List.of(30_000, 400_000)) {
            byte[] blob = random(size, size);
            Gateway.StoreAnswer stored = gateway.store(blob, "");
            assertTrue(stored.newlyCreated(), () -> stored.json().toString());
            STORED.put(stored.blobId(), blob);
        }
        for (Map.Entry<BlobId, byte[]> blob : STORED.entrySet()) {
            Http.Response read = gateway.read(blob.getKey());
            assertEquals(200, read.status(), read::excerpt);
            assertArrayEquals(blob.getValue(), read.body(), "blob " + blob.getKey());
        }
    }

    @Test
    @Order(3)
    void readsAgainAfterOneHostsMemberIsKilled() {
        assertFalse(STORED.isEmpty(), "the store scenario ran first");
        network.kill9(KILLED);
        for (Map.Entry<BlobId, byte[]> blob : STORED.entrySet()) {
            Http.Response read = Await.value(READ_AFTER_KILL, () -> {
                Http.Response r = gateway.read(blob.getKey());
                assertFalse(r.status() == 404, () -> "read of " + blob.getKey() + ": " + r.excerpt());
                return r.status() == 200 ? Optional.of(r) : Optional.empty();
            }, "blob " + blob.getKey() + " to read back without " + NetworkLayout.nodeName(KILLED));
            assertArrayEquals(blob.getValue(), read.body(), "blob " + blob.getKey() + " after the kill");
        }
    }

    private static byte[] random(long seed, int size) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
