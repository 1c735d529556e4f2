package io.floe.api.node;

import io.floe.encoding.EncodingException;
import io.floe.encoding.bcs.BcsReader;
import io.floe.encoding.bcs.BcsWriter;
import io.floe.encoding.index.SliverIndex;
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

    /** The batch body, built in one array of its exact size: each sliver is copied once, into its place. */
    public static byte[] encode(List<Entry> entries) {
        List<Frame> frames = entries.stream().map(e -> new Frame(e.pair(), e.sliver().type(), e.sliver().index(),
                e.sliver().symbolSize(), e.sliver().data().length)).toList();
        return encode(frames, (i, body, offset) -> {
            byte[] data = entries.get(i).sliver().data();
            System.arraycopy(data, 0, body, offset, data.length);
        });
    }

    /** A sliver of a batch known by its shape alone: its {@code bytes} data bytes are filled in place. */
    public record Frame(SliverPairIndex pair, SliverType type, SliverIndex index, int symbolSize, int bytes) {
        /** Size of its {@code SliverData} BCS (the data's length prefix, the data, two u16). */
        int sliverBcsSize() {
            return Sliver.bcsSize(bytes);
        }
    }

    /** Writes the data of frame {@code frame} into {@code body} from {@code offset} on (its length is the frame's). */
    @FunctionalInterface
    public interface Filler {
        void fill(int frame, byte[] body, int offset);
    }

    /**
     * The batch body of {@code frames}, in one array of its exact size, each sliver's data written straight into its
     * place by {@code fill} (a writer reads slivers from its sliver file into the body, with no array of their own).
     */
    public static byte[] encode(List<Frame> frames, Filler fill) {
        long size = BcsWriter.uleb128Size(frames.size());
        for (Frame f : frames) {
            size += 3 + BcsWriter.uleb128Size(f.sliverBcsSize()) + f.sliverBcsSize();
        }
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a sliver batch of " + size + " bytes does not fit one array");
        }
        BcsWriter out = new BcsWriter((int) size);
        out.length(frames.size());
        int[] dataAt = new int[frames.size()];
        for (int i = 0; i < frames.size(); i++) {
            Frame f = frames.get(i);
            out.u16(f.pair().value());
            out.u8(f.type() == SliverType.PRIMARY ? 0 : 1);
            out.length(f.sliverBcsSize());
            out.length(f.bytes());
            dataAt[i] = out.size();
            out.skip(f.bytes());
            out.u16(f.symbolSize());
            out.u16(f.index().value());
        }
        byte[] body = out.toByteArray();
        for (int i = 0; i < frames.size(); i++) {
            fill.fill(i, body, dataAt[i]);
        }
        return body;
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
