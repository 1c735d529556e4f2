package io.floe.api.gateway;

import io.floe.encoding.metadata.VerifiedMetadata;
import io.floe.encoding.redstuff.EncodingConfig;
import io.floe.encoding.redstuff.Sliver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * A byte range of one ordinary blob as a stream (DESIGN-ADDENDA §14): the systematic primary slivers that hold it
 * (sliver i is bytes {@code [i * rowBytes, (i + 1) * rowBytes)} of the blob) are fetched in groups of consecutive
 * rows, a bounded number of groups ahead, and emitted in order as each group is complete.
 *
 * <p>Invariants: every emitted byte belongs to a sliver verified against the metadata, fetched or rebuilt
 * ({@link SystematicRebuild}); at most {@code window} groups (each about one batch request's bytes) are held at once,
 * whatever the blob's size; a group that cannot be completed fails the stream, so a reader gets a short body, never a
 * wrong byte.
 */
final class SliverStream {
    /** The verified primary slivers of some rows that their holders serve (missing ones left out). */
    interface RowFetch {
        CompletableFuture<List<Sliver>> rows(ShardHolders holders, VerifiedMetadata metadata, List<Integer> rows);
    }

    private final RowFetch fetch;
    private final SystematicRebuild rebuild;
    private final long groupBytes;
    private final long windowBytes;

    /**
     * @param groupBytes sliver bytes fetched together (one batch request per node at most)
     * @param windowBytes sliver bytes a read may hold ahead of what it has emitted (at least one group)
     */
    SliverStream(RowFetch fetch, SystematicRebuild rebuild, long groupBytes, long windowBytes) {
        this.fetch = fetch;
        this.rebuild = rebuild;
        this.groupBytes = groupBytes;
        this.windowBytes = windowBytes;
    }

    /** Bytes {@code [start, start + length)} of the blob; the caller checked them against its length. */
    Source<ByteString, NotUsed> range(ShardHolders holders, VerifiedMetadata metadata, long start, long length) {
        if (length == 0) {
            return Source.empty();
        }
        long rowBytes = rowBytes(metadata);
        int first = (int) (start / rowBytes);
        int last = (int) ((start + length - 1) / rowBytes);
        int perGroup = (int) Math.max(1, groupBytes / rowBytes);
        int window = (int) Math.max(1, windowBytes / (perGroup * rowBytes));
        List<List<Integer>> groups = new ArrayList<>();
        for (int from = first; from <= last; from += perGroup) {
            List<Integer> group = new ArrayList<>();
            for (int r = from; r <= Math.min(last, from + perGroup - 1); r++) {
                group.add(r);
            }
            groups.add(group);
        }
        return Source.from(groups)
                .mapAsync(window, group -> complete(holders, metadata, group))
                .mapConcat(slivers -> slices(slivers, rowBytes, start, start + length));
    }

    static long rowBytes(VerifiedMetadata metadata) {
        EncodingConfig config = new EncodingConfig(metadata.metadata().nShards());
        return (long) config.secondarySourceSymbols() * config.symbolSize(metadata.metadata().unencodedLength());
    }

    /** The group's slivers in row order: fetched, and whatever no holder served rebuilt. */
    private CompletableFuture<List<Sliver>> complete(ShardHolders holders, VerifiedMetadata metadata,
                                                     List<Integer> group) {
        return fetch.rows(holders, metadata, group).thenCompose(found -> {
            Map<Integer, CompletableFuture<Sliver>> byRow = new TreeMap<>();
            found.forEach(s -> byRow.putIfAbsent(s.index().value(), CompletableFuture.completedFuture(s)));
            for (int row : group) {
                byRow.computeIfAbsent(row, r -> rebuild.primary(holders, metadata, r));
            }
            return CompletableFuture.allOf(byRow.values().toArray(CompletableFuture[]::new))
                    .thenApply(done -> byRow.values().stream().map(CompletableFuture::join).toList());
        });
    }

    /** The parts of {@code slivers} (consecutive rows, in order) inside {@code [from, to)} of the blob. */
    private static List<ByteString> slices(List<Sliver> slivers, long rowBytes, long from, long to) {
        List<ByteString> out = new ArrayList<>(slivers.size());
        for (Sliver s : slivers) {
            long rowStart = s.index().value() * rowBytes;
            long a = Math.max(from, rowStart);
            long b = Math.min(to, rowStart + rowBytes);
            // The sliver is ours alone (decoded from its own response), so it is wrapped, not copied.
            out.add(ByteString.fromArrayUnsafe(s.data(), (int) (a - rowStart), (int) (b - a)));
        }
        return out;
    }
}
