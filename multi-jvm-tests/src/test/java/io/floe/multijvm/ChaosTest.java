package io.floe.multijvm;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.encoding.metadata.BlobId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The chaos run (issue 12): a mixed store/read workload ({@link ChaosLoad}) runs while {@link ChaosMonkey} kills -9,
 * freezes and restarts random storage nodes, never more than f shards' worth at once; then every acknowledged blob
 * must read back byte for byte. Failed stores are counted, not failures; a wrong or missing acknowledged blob is one.
 * It prints its figures (duration, kills, freezes, stores, reads, failures, longest stall) and writes them to
 * {@code target/chaos-figures.txt}, where {@code bench/chaos.sh} finds them.
 *
 * <p>System properties: {@code floe.chaos.seconds} (default 30: the suite's short variant), {@code floe.chaos.seed},
 * {@code floe.chaos.writers} and {@code floe.chaos.readers} (default 2 each), {@code floe.chaos.nodes} and
 * {@code floe.chaos.shards} (default 4 and 10, the shape it shares with the other classes),
 * {@code floe.chaos.fault-first-seed} (default true: see {@link ChaosMonkey} on the first seed node).
 */
@MultiJvmTest
class ChaosTest {
    private static final Duration DURATION = Duration.ofSeconds(Long.getLong("floe.chaos.seconds", 30));
    private static final long SEED = Long.getLong("floe.chaos.seed", System.currentTimeMillis());
    private static final int WRITERS = Integer.getInteger("floe.chaos.writers", 2);
    private static final int READERS = Integer.getInteger("floe.chaos.readers", 2);
    private static final boolean FAULT_FIRST_SEED = Boolean.parseBoolean(System.getProperty("floe.chaos.fault-first-seed", "true"));
    /** Past the run: the last fault's restart, the clients' last requests, and reading every blob back. */
    private static final Duration AFTER_THE_RUN = Duration.ofMinutes(6);
    private static final Duration READ_BACK = Duration.ofSeconds(60);
    private static final Path FIGURES = Path.of("target", "chaos-figures.txt");

    /** Shared with the other classes of this shape: the run ends with every node serving. */
    @RegisterExtension
    static final FloeNetworkExtension NETWORK = FloeNetworkExtension.shared(NetworkSpec.of(
            Integer.getInteger("floe.chaos.nodes", 4), Integer.getInteger("floe.chaos.shards", 10)));

    @Test
    void everyAcknowledgedBlobReadsBackAfterKillsFreezesAndRestarts() {
        assertTimeoutPreemptively(DURATION.plus(AFTER_THE_RUN), ChaosTest::run);
    }

    private static void run() throws Exception {
        FloeNetwork network = NETWORK.network();
        Gateway gateway = new Gateway(network.gatewayUrl());
        ChaosMonkey monkey = new ChaosMonkey(network, gateway, SEED, FAULT_FIRST_SEED);
        long started = System.nanoTime();
        try (ChaosLoad load = ChaosLoad.start(gateway, SEED, WRITERS, READERS)) {
            monkey.runUntil(started + DURATION.toNanos());
            load.stop();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            List<String> failures = load.failures();
            failures.addAll(readBack(gateway, load.acknowledged()));
            String figures = figures(took, monkey, load, failures.size());
            System.out.println(figures);
            Files.writeString(FIGURES, figures + System.lineSeparator(), StandardCharsets.UTF_8);
            assertTrue(failures.isEmpty(), () -> failures.size() + " failures (seed " + SEED + "): "
                    + failures.subList(0, Math.min(20, failures.size())));
            assertTrue(load.storesOk.get() > 0, "no store succeeded in the whole run: " + figures);
        }
    }

    /** Reads every acknowledged blob once the network is whole again; answers what did not read back exactly. */
    private static List<String> readBack(Gateway gateway, Map<BlobId, byte[]> acknowledged) {
        List<String> missing = new ArrayList<>();
        for (Map.Entry<BlobId, byte[]> blob : acknowledged.entrySet()) {
            try {
                byte[] read = Await.value(READ_BACK, () -> bytesOnceServed(gateway, blob.getKey()),
                        "a read of " + blob.getKey());
                if (!Arrays.equals(read, blob.getValue())) {
                    missing.add(blob.getKey() + " reads back other bytes than were stored");
                }
            } catch (AssertionError notRead) {
                missing.add(notRead.getMessage());
            }
        }
        return missing;
    }

    /** The blob's bytes on a 200; nothing yet on a 503; any other answer is an error that ends the wait. */
    private static Optional<byte[]> bytesOnceServed(Gateway gateway, BlobId id) {
        Http.Response r = gateway.read(id);
        if (r.status() == 503) {
            return Optional.empty();
        }
        if (r.status() != 200) {
            throw new AssertionError("GET " + id + " answered " + r.status() + " after the run: " + r.excerpt());
        }
        return Optional.of(r.body());
    }

    private static String figures(Duration took, ChaosMonkey monkey, ChaosLoad load, int failures) {
        return String.format("CHAOS duration=%ds kills=%d freezes=%d restarts=%d downed-while-frozen=%d"
                        + " stores=%d/%d reads=%d/%d failures=%d longest-store-stall=%.1fs longest-read-stall=%.1fs"
                        + " acknowledged=%d seed=%d",
                took.toSeconds(), monkey.kills, monkey.freezes, monkey.restarts, monkey.downedWhileFrozen,
                load.storesOk.get(), load.storesAttempted.get(), load.readsOk.get(), load.readsAttempted.get(),
                failures, load.storeStalls.longest().toMillis() / 1000.0, load.readStalls.longest().toMillis() / 1000.0,
                load.acknowledged().size(), SEED);
    }
}
