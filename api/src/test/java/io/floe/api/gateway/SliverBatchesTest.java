package io.floe.api.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.api.node.SliverBatch;
import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.redstuff.BlobEncoder;
import io.floe.encoding.redstuff.EncodingConfig;
import io.floe.encoding.redstuff.Sliver;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A node's sliver batches are planned from sizes without reading a sliver, each batch reads its slivers only when
 * loaded (each sliver alone, never its whole pair), stays within the byte bound unless one sliver alone exceeds it,
 * and together the batches hold every sliver of the node's shards once, in shard order, primary first.
 */
class SliverBatchesTest {
    private static final int N = 10;

    @Test
    void plansFromSizesAndReadsEachBatchWhenLoaded() {
        CountingSlivers encoded = encoded(300_000);
        List<ShardIndex> shards = List.of(new ShardIndex(0), new ShardIndex(3), new ShardIndex(4), new ShardIndex(9));
        int primary = encoded.config().primarySliverBytes(encoded.symbolSize());
        int secondary = encoded.config().secondarySliverBytes(encoded.symbolSize());
        long bound = primary + secondary + primary / 2;

        List<SliverBatches.Plan> plans = SliverBatches.plan(encoded, shards, bound);

        assertEquals(0, encoded.pairReads.get(), "planning read no sliver");
        List<SliverBatch.Entry> all = new ArrayList<>();
        for (SliverBatches.Plan plan : plans) {
            int before = encoded.sliverReads.get();
            List<SliverBatch.Entry> batch = plan.load(encoded);
            assertEquals(batch.size(), encoded.sliverReads.get() - before, "one read per sliver of the batch");
            assertEquals(0, encoded.pairReads.get(), "no whole pair read for a batch");
            assertTrue(batch.stream().mapToLong(e -> e.sliver().data().length).sum() <= bound);
            all.addAll(batch);
        }
        assertEquals(expected(encoded, shards), describe(all));
        assertTrue(plans.size() > 1, "the bound cut the node's slivers into several batches");
    }

    @Test
    void putsASmallBlobInOneBatch() {
        CountingSlivers encoded = encoded(1_000);
        List<ShardIndex> shards = List.of(new ShardIndex(1), new ShardIndex(2));

        List<SliverBatches.Plan> plans = SliverBatches.plan(encoded, shards, NodeUploads.BATCH_BYTES);

        assertEquals(1, plans.size());
        assertEquals(expected(encoded, shards), describe(plans.get(0).load(encoded)));
    }

    @Test
    void buildsEachBatchBodyFromTheSliversItReadsInPlaceAsFromLoadedSlivers(@org.junit.jupiter.api.io.TempDir
                                                                               java.nio.file.Path dir)
            throws java.io.IOException {
        byte[] blob = new byte[200_000];
        new Random(7).nextBytes(blob);
        java.nio.file.Path file = java.nio.file.Files.write(dir.resolve("blob"), blob);
        List<ShardIndex> shards = List.of(new ShardIndex(2), new ShardIndex(5), new ShardIndex(6));
        try (io.floe.encoding.redstuff.EncodedBlobFile onDisk = new io.floe.encoding.redstuff.FileBlobEncoder(
                new EncodingConfig(N)).encode(file, 0, blob.length, dir)) {
            CountingSlivers inMemory = encoded(200_000);
            for (io.floe.encoding.redstuff.EncodedSlivers encoded
                    : List.<io.floe.encoding.redstuff.EncodedSlivers>of(onDisk, inMemory)) {
                List<SliverBatches.Plan> plans = SliverBatches.plan(encoded, shards, 30_000);
                assertTrue(plans.size() > 1);
                for (SliverBatches.Plan plan : plans) {
                    org.junit.jupiter.api.Assertions.assertArrayEquals(SliverBatch.encode(plan.load(encoded)),
                            plan.body(encoded), encoded.getClass().getSimpleName());
                }
            }
        }
    }

    @Test
    void sizesTheWholeEncodingFromTheLength() {
        EncodingConfig config = new EncodingConfig(N);
        CountingSlivers encoded = encoded(123_457);
        long sum = 0;
        for (int i = 0; i < N; i++) {
            var pair = encoded.pair(new SliverPairIndex(i));
            sum += pair.primary().data().length + pair.secondary().data().length;
        }
        assertEquals(sum, SliverBatches.encodedBytes(config, 123_457));
    }

    private static List<String> expected(CountingSlivers encoded, List<ShardIndex> shards) {
        List<String> slivers = new ArrayList<>();
        int rotation = encoded.blobId().rotation(N);
        for (ShardIndex shard : shards) {
            SliverPairIndex pair = SliverPairIndex.onShard(shard, rotation, N);
            var stored = encoded.pair(pair);
            slivers.add(describe(pair, stored.primary()));
            slivers.add(describe(pair, stored.secondary()));
        }
        return slivers;
    }

    private static List<String> describe(List<SliverBatch.Entry> entries) {
        return entries.stream().map(e -> describe(e.pair(), e.sliver())).toList();
    }

    private static String describe(SliverPairIndex pair, Sliver sliver) {
        return pair.value() + " " + sliver.type() + " " + java.util.Arrays.hashCode(sliver.data());
    }

    private static CountingSlivers encoded(int length) {
        byte[] blob = new byte[length];
        new Random(length).nextBytes(blob);
        return new CountingSlivers(new BlobEncoder(new EncodingConfig(N)).encode(blob));
    }
}
