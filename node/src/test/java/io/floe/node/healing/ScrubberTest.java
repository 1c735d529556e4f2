package io.floe.node.healing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.redstuff.BlobEncoder;
import io.floe.encoding.redstuff.EncodedBlob;
import io.floe.encoding.redstuff.EncodingConfig;
import io.floe.persistence.sliver.SliverStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScrubberTest {
    private static final int N = 7;

    @TempDir
    Path dir;
    private final ActorTestKit kit = ActorTestKit.create("scrubber",
            ConfigFactory.parseString("pekko.actor.provider = local").withFallback(ConfigFactory.load()));
    private final HealingMetrics metrics = new HealingMetrics();
    private final Set<BlobId> rechecked = ConcurrentHashMap.newKeySet();

    @AfterEach
    void stop() {
        kit.shutdownTestKit();
    }

    @Test
    void passesOverTheStoreAtTheConfiguredRateAndReportsDamage() {
        ShardIndex shard = new ShardIndex(3);
        try (SliverStore store = SliverStore.open(dir)) {
            EncodedBlob victim = null;
            for (int i = 0; i < 10; i++) {
                byte[] data = new byte[2000];
                new Random(i).nextBytes(data);
                EncodedBlob blob = new BlobEncoder(new EncodingConfig(N)).encode(data);
                var pair = blob.pair(SliverPairIndex.onShard(shard, blob.blobId().rotation(N), N));
                store.putMetadata(blob.metadata());
                store.putSliver(shard, blob.blobId(), pair.primary());
                // Blob 4 gets a valid secondary sliver of its own, but the next pair's: only the index check tells.
                store.putSliver(shard, blob.blobId(), i == 4 ? blob.pair(new SliverPairIndex(
                        (pair.index().value() + 1) % N)).secondary() : pair.secondary());
                victim = i == 4 ? blob : victim;
            }
            long started = System.nanoTime();
            try (Scrubber scrubber = new Scrubber(kit.system(), store, repairs(), metrics,
                    new ScrubSettings(10, Duration.ofHours(1)), Clock.systemUTC())) {
                scrubber.start();
                BlobId expected = victim.blobId();
                kit.createTestProbe().awaitAssert(Duration.ofSeconds(20), () -> {
                    assertEquals(20, metrics.snapshot().sliversScrubbed());
                    return null;
                });
                assertEquals(Set.of(expected), rechecked);
                assertEquals(1, metrics.snapshot().scrubMismatches());
                assertFalse(store.hasSliver(shard, SliverType.SECONDARY, expected));
            }
            assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() >= 1500,
                    "20 slivers at 10 per second take about two seconds");
        }
    }

    private ScrubRepairs repairs() {
        return new ScrubRepairs() {
            @Override
            public void recheck(BlobId blobId) {
                rechecked.add(blobId);
            }

            @Override
            public void dropDamagedFamily(ShardIndex shard, SliverType type) {
                throw new AssertionError("no family is damaged");
            }

            @Override
            public void dropDamagedMetadata() {
                throw new AssertionError("no metadata is damaged");
            }
        };
    }
}
