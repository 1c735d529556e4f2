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
 * ({@link SystematicRebuild}); at most the bytes its caller reserved ({@link ReadBudget}) are held at once, whatever
 * the blob's size; a group that cannot be completed fails the stream, so a reader gets a short body, never a
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

    /** @param groupBytes sliver bytes fetched together (one batch request per node at most) */
    SliverStream(RowFetch fetch, SystematicRebuild rebuild, long groupBytes) {
        this.fetch = fetch;
        this.rebuild = rebuild;
        this.groupBytes = groupBytes;
    }

    /**
     * Bytes {@code [start, start + length)} of the blob (checked by the caller against its length), holding at most
     * {@code heldBytes} of slivers at once: its window of groups in flight and the one being emitted (at least one
     * group in flight whatever {@code heldBytes} says).
     */
    Source<ByteString, NotUsed> range(ShardHolders holders, VerifiedMetadata metadata, long start, long length,
                                      long heldBytes) {
        if (length == 0) {
            return Source.empty();
        }
        long rowBytes = rowBytes(metadata);
        int first = (int) (start / rowBytes);
        int last = (int) ((start + length - 1) / rowBytes);
        long perGroup = rowsPerGroup(rowBytes, last - first + 1L);
        int window = (int) Math.max(1, Math.min(Integer.MAX_VALUE, heldBytes / (perGroup * rowBytes) - 1));
        List<List<Integer>> groups = new ArrayList<>();
        for (int from = first; from <= last; from += (int) perGroup) {
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

    /**
     * The sliver bytes {@link #range} holds for {@code length} bytes of rows of {@code rowBytes} when given
     * {@code readAhead} bytes ahead: its window of groups and the one being emitted, never more groups than the range
     * has. With {@code readAhead} 0, the least it runs with (one group in flight).
     */
    long heldBytes(long rowBytes, long length, long readAhead) {
        long rows = Math.max(1, (length + rowBytes - 1) / rowBytes + 1);
        long group = rowsPerGroup(rowBytes, rows) * rowBytes;
        long groups = (rows * rowBytes + group - 1) / group;
        long window = Math.max(1, readAhead / group);
        return Math.min(groups, window + 1) * group;
    }

    private long rowsPerGroup(long rowBytes, long rows) {
        return Math.min(rows, Math.max(1, groupBytes / rowBytes));
    }

    static long rowBytes(VerifiedMetadata metadata) {
        return rowBytes(metadata.metadata().nShards(), metadata.metadata().unencodedLength());
    }

    /** The blob bytes one systematic primary sliver holds, for a blob of {@code length} bytes at {@code n}. */
    static long rowBytes(int n, long length) {
        EncodingConfig config = new EncodingConfig(n);
        return (long) config.secondarySourceSymbols() * config.symbolSize(length);
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
