package io.floe.api.gateway;

import io.floe.api.node.SliverBatch;
import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.redstuff.EncodedSlivers;
import io.floe.encoding.redstuff.EncodingConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The slivers one node receives of a blob (both slivers of each pair on its shards), cut into batches of at most
 * {@code batchBytes} sliver bytes (or one sliver, when a sliver alone is larger: {@link #batchHeap}) and planned from the sizes alone: a batch's slivers are read from the
 * {@link EncodedSlivers} only when {@link Plan#load} builds it for sending, so a blob whose slivers live in a file is
 * never all on the heap; the writer bounds how many batches are loaded at once.
 *
 * <p>Invariant: the batches of a plan together hold every sliver of the node's pairs exactly once, in shard order,
 * primary before secondary, as the eager cut did.
 */
final class SliverBatches {
    /** One sliver of a batch, not loaded yet. */
    record Slot(SliverPairIndex pair, boolean primary) {
    }

    /** The slots of one batch. */
    record Plan(List<Slot> slots) {
        /**
         * Reads the batch's slivers, each alone ({@link EncodedSlivers#sliver}): a pair cut by a batch border, or a
         * sliver larger than a batch, costs no second read of its other half.
         */
        List<SliverBatch.Entry> load(EncodedSlivers encoded) {
            List<SliverBatch.Entry> entries = new ArrayList<>(slots.size());
            for (Slot slot : slots) {
                entries.add(new SliverBatch.Entry(slot.pair(), encoded.sliver(slot.pair(), slot.primary() ? SliverType.PRIMARY : SliverType.SECONDARY)));
            }
            return entries;
        }

        /**
         * The batch's request body ({@link SliverBatch}), each sliver read from {@code encoded} straight into its
         * place: one array per batch, no sliver arrays besides it.
         */
        byte[] body(EncodedSlivers encoded) {
            EncodingConfig config = encoded.config();
            int n = config.nShards();
            int s = encoded.symbolSize();
            List<SliverBatch.Frame> frames = slots.stream().map(slot -> {
                SliverType type = slot.primary() ? SliverType.PRIMARY : SliverType.SECONDARY;
                int bytes = slot.primary() ? config.primarySliverBytes(s) : config.secondarySliverBytes(s);
                return new SliverBatch.Frame(slot.pair(), type, slot.pair().sliverIndex(type, n), s, bytes);
            }).toList();
            return SliverBatch.encode(frames, (i, body, offset) ->
                    encoded.readSliver(slots.get(i).pair(), frames.get(i).type(), body, offset));
        }
    }

    private SliverBatches() {
    }

    /** The batches of the pairs on {@code shards}, from sliver sizes only (nothing is read). */
    static List<Plan> plan(EncodedSlivers encoded, List<ShardIndex> shards, long batchBytes) {
        EncodingConfig config = encoded.config();
        int n = config.nShards();
        int rotation = encoded.blobId().rotation(n);
        long primaryBytes = config.primarySliverBytes(encoded.symbolSize());
        long secondaryBytes = config.secondarySliverBytes(encoded.symbolSize());
        List<Plan> plans = new ArrayList<>();
        List<Slot> current = new ArrayList<>();
        long bytes = 0;
        for (ShardIndex shard : shards) {
            SliverPairIndex pair = SliverPairIndex.onShard(shard, rotation, n);
            for (boolean primary : new boolean[] {true, false}) {
                long size = primary ? primaryBytes : secondaryBytes;
                if (!current.isEmpty() && bytes + size > batchBytes) {
                    plans.add(new Plan(List.copyOf(current)));
                    current = new ArrayList<>();
                    bytes = 0;
                }
                current.add(new Slot(pair, primary));
                bytes += size;
            }
        }
        if (!current.isEmpty()) {
            plans.add(new Plan(List.copyOf(current)));
        }
        return plans;
    }

    /**
     * The most sliver bytes one batch of {@code encoded} holds: {@code batchBytes}, or its largest sliver when that
     * alone is larger (a full chunk's primary sliver is ~4.4 MB at n = 100, ~44 MB at n = 1000).
     */
    static long batchHeap(EncodingConfig config, int symbolSize, long batchBytes) {
        long largest = Math.max(config.primarySliverBytes(symbolSize), config.secondarySliverBytes(symbolSize));
        return Math.max(batchBytes, largest);
    }

    /** Sliver bytes of the whole encoded blob (every pair of every shard). */
    static long encodedBytes(EncodingConfig config, long unencodedLength) {
        int symbolSize = config.symbolSize(unencodedLength);
        return (long) config.nShards()
                * (config.primarySliverBytes(symbolSize) + (long) config.secondarySliverBytes(symbolSize));
    }
}
