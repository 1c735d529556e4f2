package io.floe.encoding.redstuff;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        assertEquals(bcs.length, Sliver.bcsSize(200));
        assertEquals(2 + 200 + 2 + 2, bcs.length);
        assertEquals(sliver, Sliver.fromBcs(SliverType.SECONDARY, bcs));
        assertEquals(4, bcs[202]);
        assertEquals(300 & 0xff, bcs[204] & 0xff);
    }
}
