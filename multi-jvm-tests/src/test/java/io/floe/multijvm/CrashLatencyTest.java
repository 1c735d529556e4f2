package io.floe.multijvm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.cli.local.NetworkLayout;
import io.floe.encoding.metadata.BlobId;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Availability through a crash (issue 12): under a steady store and read load, a storage node killed with SIGKILL
 * (first the one holding the cluster singletons: the system ledger and the sharding coordinators, then another one)
 * stalls no request by more than {@link #BOUND} over the usual latency, and every store and read succeeds: 4 nodes
 * of 10 shards leave at least 7 shards, a quorum, when one dies. No storage node serves the embedded journal's H2
 * file (the gateway, started first, does), so the second kill stands for every other node.
 *
 * <p>"Usual" is the 90th percentile latency of the calm phase before the kill; the requests judged are those running
 * at any time during the {@link #WATCHED} after the kill. Each test restarts its victim, leaving the network whole.
 *
 * <p>A latency bound is a benchmark, not a test: tagged {@code bench}, this class stays out of {@code mvn verify} (on a
 * loaded 2-core machine a store once took 0.3 s past the bound) and runs with {@code bench/crash-latency.sh}. That
 * stores and reads keep succeeding through a kill is the suite's part, in {@code NetworkSurvivesNodeFailuresTest}.
 */
@MultiJvmTest
@org.junit.jupiter.api.Tag("bench")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CrashLatencyTest {
    private static final Logger LOG = LoggerFactory.getLogger(CrashLatencyTest.class);
    private static final Duration BOUND = Duration.ofSeconds(5);
    private static final Duration CALM = Duration.ofSeconds(10);
    private static final Duration WATCHED = Duration.ofSeconds(20);
    private static final int WRITERS = 2;

    /** Shared: the same shape as NetworkSurvivesNodeFailuresTest's network, and each test leaves it whole. */
    @RegisterExtension
    static final FloeNetworkExtension NETWORK = FloeNetworkExtension.shared(NetworkSpec.of(4, 10));

    private static FloeNetwork network;
    private static Gateway gateway;
    private static final Map<BlobId, byte[]> READABLE = new LinkedHashMap<>();

    @BeforeAll
    static void storeBlobsToRead() throws Exception {
        network = NETWORK.network();
        if (!network.journalHolders().equals(List.of(NetworkLayout.GATEWAY))) {
            // An earlier class's gateway death left a storage node serving the file: start as floe local does.
            LOG.info("the journal file is served by {}, not the gateway: restarting the network",
                    network.journalHolders());
            network.restartAll();
        }
        gateway = new Gateway(network.gatewayUrl());
        for (int k = 0; k < 6; k++) {
            byte[] blob = Blobs.random(1200 + k, 2_000 + 10_000 * k);
            READABLE.put(gateway.store(blob, "").blobId(), blob);
        }
    }

    @Test
    @Order(1)
    void killOfTheLedgerHolderStallsNoRequestPastTheBound() throws Exception {
        int holder = Await.value(Duration.ofSeconds(30), () -> boxed(network.ledgerHolder()),
                "a storage node to hold the cluster singletons");
        killUnderLoad(holder, 1);
    }

    @Test
    @Order(2)
    void killOfAnotherNodeStallsNoRequestPastTheBound() throws Exception {
        int holder = network.ledgerHolder().orElse(-1);
        killUnderLoad(holder == 0 ? 1 : 0, 2);
    }

    private static void killUnderLoad(int victim, long seed) throws Exception {
        LatencyLoad load = LatencyLoad.start(gateway, READABLE, WRITERS, seed);
        List<LatencyLoad.Op> ops;
        long killed;
        try {
            sleep(CALM);
            killed = System.nanoTime();
            network.kill9(victim);
            sleep(WATCHED);
        } finally {
            ops = load.stop();
        }
        long calmEnd = killed;
        List<LatencyLoad.Op> calm = ops.stream().filter(op -> op.endNanos() < calmEnd).toList();
        List<LatencyLoad.Op> around = ops.stream().filter(op -> op.overlaps(killed, killed + WATCHED.toNanos()))
                .toList();
        long usual = LatencyLoad.quantileMillis(calm, 0.9).orElseThrow();
        LatencyLoad.Op longest = around.stream().max(java.util.Comparator.comparingLong(LatencyLoad.Op::millis))
                .orElseThrow();
        List<LatencyLoad.Op> failed = ops.stream().filter(op -> op.status() != 200).toList();
        LOG.info("kill of {}: {} calm requests (p90 {} ms), {} around the kill, longest {}, failed {}",
                NetworkLayout.nodeName(victim), calm.size(), usual,
                around.size(), longest, failed.size());
        network.restart(victim);
        assertTrue(failed.isEmpty(), () -> failed.size() + " requests failed: " + summary(failed));
        assertTrue(longest.millis() <= usual + BOUND.toMillis(), () -> "after the kill of "
                + NetworkLayout.nodeName(victim) + " a request took " + longest + ", usual (p90) " + usual + " ms");
    }

    private static String summary(List<LatencyLoad.Op> ops) {
        return ops.stream().limit(10).map(LatencyLoad.Op::toString).collect(Collectors.joining("; "));
    }

    /** The load runs on its own threads: the test thread only marks time. */
    private static void sleep(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }

    private static java.util.Optional<Integer> boxed(java.util.OptionalInt value) {
        return value.isPresent() ? java.util.Optional.of(value.getAsInt()) : java.util.Optional.empty();
    }
}
