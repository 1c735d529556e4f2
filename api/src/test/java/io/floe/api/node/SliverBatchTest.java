package io.floe.api.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.floe.encoding.EncodingException;
import io.floe.encoding.bcs.BcsWriter;
import io.floe.encoding.index.SliverIndex;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.redstuff.Sliver;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link SliverBatch} writes each sliver's {@code SliverData} in place and reads it in place: the body is the one
 * its format documents (each sliver as {@code toBcs()} gives it, behind its length), whatever the length prefix's
 * width, and a sliver that runs past its declared length is refused.
 */
class SliverBatchTest {
    @Test
    void roundTripsSliversWhoseLengthPrefixesHaveOneToThreeBytes() {
        List<SliverBatch.Entry> entries = List.of(entry(3, SliverType.PRIMARY, 2, 10),
                entry(7, SliverType.SECONDARY, 4, 100), entry(0, SliverType.PRIMARY, 2, 20_000));
        byte[] body = SliverBatch.encode(entries);
        assertArrayEquals(documented(entries), body);
        List<SliverBatch.Entry> read = SliverBatch.decode(body);
        assertEquals(entries.size(), read.size());
        for (int i = 0; i < entries.size(); i++) {
            assertEquals(entries.get(i).pair(), read.get(i).pair());
            assertEquals(entries.get(i).sliver().type(), read.get(i).sliver().type());
            assertArrayEquals(entries.get(i).sliver().toBcs(), read.get(i).sliver().toBcs());
            assertEquals(entries.get(i).sliver().toBcs().length, entries.get(i).sliver().bcsSize());
        }
    }

    @Test
    void refusesASliverLongerThanItsDeclaredLength() {
        SliverBatch.Entry entry = entry(1, SliverType.PRIMARY, 2, 10);
        byte[] sliver = entry.sliver().toBcs();
        BcsWriter out = new BcsWriter().length(1).u16(1).u8(0).length(sliver.length - 1);
        out.fixedBytes(sliver);
        byte[] body = out.toByteArray();
        assertThrows(EncodingException.class, () -> SliverBatch.decode(body));
    }

    @Test
    void anEmptyBatchIsItsCountAlone() {
        assertArrayEquals(new byte[] {0}, SliverBatch.encode(List.of()));
        assertEquals(List.of(), SliverBatch.decode(new byte[] {0}));
    }

    /** The format as its Javadoc gives it, built from {@link Sliver#toBcs}. */
    private static byte[] documented(List<SliverBatch.Entry> entries) {
        BcsWriter out = new BcsWriter().length(entries.size());
        for (SliverBatch.Entry e : entries) {
            out.u16(e.pair().value()).u8(e.sliver().type() == SliverType.PRIMARY ? 0 : 1).bytes(e.sliver().toBcs());
        }
        return out.toByteArray();
    }

    private static SliverBatch.Entry entry(int pair, SliverType type, int symbolSize, int symbols) {
        byte[] data = new byte[symbolSize * symbols];
        new Random(pair * 31L + symbols).nextBytes(data);
        return new SliverBatch.Entry(new SliverPairIndex(pair), new Sliver(type, new SliverIndex(pair), symbolSize, data));
    }
}
