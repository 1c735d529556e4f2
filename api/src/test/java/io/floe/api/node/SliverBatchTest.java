package io.floe.api.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.encoding.bcs.BcsWriter;
import io.floe.encoding.index.SliverIndex;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.redstuff.Sliver;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SliverBatchTest {
    private static Sliver sliver(SliverType type, int index, int bytes) {
        byte[] data = new byte[bytes];
        new Random(index).nextBytes(data);
        return new Sliver(type, new SliverIndex(index), 2, data);
    }

    @Test
    void encodesEachSliverAsItsWalrusBcsAndDecodesBackTheSameEntries() {
        List<SliverBatch.Entry> entries = List.of(
                new SliverBatch.Entry(new SliverPairIndex(3), sliver(SliverType.PRIMARY, 3, 300)),
                new SliverBatch.Entry(new SliverPairIndex(3), sliver(SliverType.SECONDARY, 6, 40)),
                new SliverBatch.Entry(new SliverPairIndex(200), sliver(SliverType.PRIMARY, 200, 2)));

        byte[] body = SliverBatch.encode(entries);

        BcsWriter expected = new BcsWriter().length(3);
        for (SliverBatch.Entry e : entries) {
            expected.u16(e.pair().value()).u8(e.sliver().type() == SliverType.PRIMARY ? 0 : 1)
                    .bytes(e.sliver().toBcs());
        }
        assertArrayEquals(expected.toByteArray(), body);
        assertEquals(entries, SliverBatch.decode(body));
    }

    @Test
    void anEmptyBatchIsItsCountAlone() {
        assertArrayEquals(new byte[] {0}, SliverBatch.encode(List.of()));
        assertEquals(List.of(), SliverBatch.decode(new byte[] {0}));
    }
}
