package io.floe.api.node;

import io.floe.encoding.EncodingException;
import io.floe.encoding.bcs.BcsReader;
import io.floe.encoding.bcs.BcsWriter;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.redstuff.Sliver;
import java.util.ArrayList;
import java.util.List;

/**
 * Floe's batch body for several slivers of one blob on one node (an extension; Walrus moves one sliver per
 * request): BCS {@code vector<{pair: u16, sliver_type: u8 (0 primary, 1 secondary), sliver: vector<u8>}>}, where
 * {@code sliver} is Walrus's {@code SliverData} BCS. One request instead of one per sliver keeps small blobs cheap:
 * a store at n = 100 would otherwise be 200 requests.
 */
public final class SliverBatch {
    /** One sliver and the pair it belongs to. */
    public record Entry(SliverPairIndex pair, Sliver sliver) {
    }

    private SliverBatch() {
    }

    public static byte[] encode(List<Entry> entries) {
        int size = 8;
        for (Entry e : entries) {
            size += e.sliver().bcsLength() + 8;
        }
        BcsWriter out = new BcsWriter(size);
        out.length(entries.size());
        for (Entry e : entries) {
            out.u16(e.pair().value());
            out.u8(e.sliver().type() == SliverType.PRIMARY ? 0 : 1);
            // Written in place: a sliver's bytes are copied once into the body, not through toBcs() first.
            out.length(e.sliver().bcsLength());
            e.sliver().writeTo(out);
        }
        return out.toByteArray();
    }

    /** Parses a batch; throws {@link EncodingException} or {@link IllegalArgumentException} when malformed. */
    public static List<Entry> decode(byte[] body) {
        BcsReader in = new BcsReader(body);
        int count = in.length();
        List<Entry> entries = new ArrayList<>(Math.min(count, 4096));
        for (int i = 0; i < count; i++) {
            SliverPairIndex pair = pairIndex(in.u16());
            int type = in.u8();
            if (type > 1) {
                throw new IllegalArgumentException("sliver type must be 0 (primary) or 1 (secondary), was " + type);
            }
            int length = in.length();
            int at = in.position();
            in.skip(length);
            // Read in place: the sliver's data is copied out of the body once.
            entries.add(new Entry(pair, Sliver.fromBcs(type == 0 ? SliverType.PRIMARY : SliverType.SECONDARY, body,
                    at, length)));
        }
        in.expectEnd();
        return entries;
    }

    /** A u16 from the body; 65535 fits the u16 but is no pair index, and is refused as malformed input. */
    private static SliverPairIndex pairIndex(int value) {
        try {
            return new SliverPairIndex(value);
        } catch (IndexOutOfBoundsException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
