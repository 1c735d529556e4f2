package io.floe.encoding.redstuff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.floe.encoding.index.SliverIndex;
import io.floe.encoding.index.SliverType;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SliverHashTest {
    private static final int N = 10;

    @Test
    void equalsTheHashTheEncoderCommittedToForEverySliver() {
        EncodedBlob encoded = new BlobEncoder(new EncodingConfig(N)).encode(RedStuffTest.randomBlob(21, 4000));
        for (SliverType type : SliverType.values()) {
            for (int i = 0; i < N; i++) {
                SliverIndex index = new SliverIndex(i);
                assertEquals(encoded.metadata().metadata().sliverHash(type, index),
                    SliverHash.of(encoded.sliver(type, index), N), type + " " + i);
            }
        }
    }

    @Test
    void changesWhenOneByteChangesAndRefusesTheWrongSymbolCount() {
        EncodedBlob encoded = new BlobEncoder(new EncodingConfig(N)).encode(RedStuffTest.randomBlob(22, 900));
        Sliver original = encoded.sliver(SliverType.PRIMARY, new SliverIndex(3));
        byte[] data = original.data().clone();
        data[data.length - 1] ^= 1;
        Sliver tampered = new Sliver(SliverType.PRIMARY, original.index(), original.symbolSize(), data);
        Sliver short1 = new Sliver(SliverType.PRIMARY, original.index(), original.symbolSize(),
            Arrays.copyOf(data, data.length - original.symbolSize()));

        assertNotEquals(SliverHash.of(original, N), SliverHash.of(tampered, N));
        assertThrows(SliverSizeException.class, () -> SliverHash.of(short1, N));
    }
}
