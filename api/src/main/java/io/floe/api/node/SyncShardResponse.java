package io.floe.api.node;

import io.floe.encoding.EncodingException;
import io.floe.encoding.bcs.BcsReader;
import io.floe.encoding.bcs.BcsWriter;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.redstuff.Sliver;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The answer to {@code POST /v1/migrate/sync_shard}: Walrus's BCS {@code SyncShardResponse::V1(Vec<(BlobId, Sliver)>)},
 * that is {@code variant 0, vector<{blob_id [u8;32], sliver: enum {0 Primary(SliverData), 1 Secondary(SliverData)}}>},
 * where {@code SliverData} is {@link Sliver#toBcs()}. Entries are in blob-ID order.
 */
public final class SyncShardResponse {
    private static final int V1 = 0;

    /** One sliver of the requested shard and the blob it belongs to. */
    public record Entry(BlobId blobId, Sliver sliver) {
        public Entry {
            Objects.requireNonNull(blobId, "blobId");
            Objects.requireNonNull(sliver, "sliver");
        }
    }

    private SyncShardResponse() {
    }

    public static byte[] encode(List<Entry> entries) {
        int size = 8;
        for (Entry e : entries) {
            size += BlobId.LENGTH + e.sliver().data().length + 16;
        }
        BcsWriter out = new BcsWriter(size).variant(V1).length(entries.size());
        for (Entry e : entries) {
            out.fixedBytes(e.blobId().bytes()).variant(e.sliver().type() == SliverType.PRIMARY ? 0 : 1);
            byte[] sliver = e.sliver().toBcs();
            out.fixedBytes(sliver);
        }
        return out.toByteArray();
    }

    /** Parses an answer; throws {@link EncodingException} or {@link IllegalArgumentException} when malformed. */
    public static List<Entry> decode(byte[] body) {
        BcsReader in = new BcsReader(body);
        int version = in.variant();
        if (version != V1) {
            throw new IllegalArgumentException("sync response version " + version + ", only V1 (0) exists");
        }
        int count = in.length();
        List<Entry> entries = new ArrayList<>(Math.min(count, 4096));
        for (int i = 0; i < count; i++) {
            BlobId blobId = BlobId.of(in.fixedBytes(BlobId.LENGTH));
            int tag = in.variant();
            if (tag > 1) {
                throw new IllegalArgumentException("sliver variant must be 0 (primary) or 1 (secondary), was " + tag);
            }
            // SliverData is self-delimiting (length-prefixed data, u16 symbol size, u16 index): mark its extent.
            int start = in.position();
            in.bytes();
            in.u16();
            in.u16();
            byte[] sliver = Arrays.copyOfRange(body, start, in.position());
            entries.add(new Entry(blobId, Sliver.fromBcs(tag == 0 ? SliverType.PRIMARY : SliverType.SECONDARY, sliver)));
        }
        in.expectEnd();
        return entries;
    }
}
