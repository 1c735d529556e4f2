package io.floe.encoding.redstuff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.encoding.bcs.BcsWriter;
import io.floe.encoding.index.SliverIndex;
import io.floe.encoding.index.SliverType;
import org.junit.jupiter.api.Test;

class SliverBcsTest {
    @Test
    void writesWalrusSliverDataOfTheSizeItAnnounces() {
        // 200 bytes: a two-byte length prefix, as real slivers have.
        Sliver sliver = new Sliver(SliverType.SECONDARY, new SliverIndex(300), 4, RedStuffTest.randomBlob(5, 200));
        byte[] bcs = sliver.toBcs();

        assertEquals(sliver.bcsSize(), bcs.length);
        assertEquals(2 + 200 + 2 + 2, bcs.length);
        assertEquals(sliver, Sliver.fromBcs(SliverType.SECONDARY, bcs));
        assertEquals(4, bcs[202]);
        assertEquals(300 & 0xff, bcs[204] & 0xff);
    }

    @Test
    void appendsTheSameBytesAfterWhatAWriterHolds() {
        Sliver sliver = new Sliver(SliverType.PRIMARY, new SliverIndex(2), 2, new byte[] {1, 2, 3, 4});
        BcsWriter out = new BcsWriter().u8(9);
        sliver.writeBcs(out);

        byte[] expected = new byte[1 + sliver.bcsSize()];
        expected[0] = 9;
        System.arraycopy(sliver.toBcs(), 0, expected, 1, sliver.bcsSize());
        assertArrayEquals(expected, out.toByteArray());
    }
}
