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
        assertEverySliverHashMatches(N, RedStuffTest.randomBlob(21, 4000));
    }

    /**
     * Blobs of a few nonzero bytes have all-zero columns, whose hashes the encoder takes from the zero row's trees:
     * one block (n = 10), several blocks with a short last one (n = 1000), and zero columns between nonzero ones.
     */
    @Test
    void sparseBlobsCommitToTheHashesOfTheirSlivers() {
        byte[] scattered = new byte[3000];
        scattered[5] = 1;
        scattered[1700] = (byte) 0x80;
        assertEverySliverHashMatches(N, new byte[] {7});
        assertEverySliverHashMatches(1000, new byte[] {7});
        assertEverySliverHashMatches(100, scattered);
        assertEverySliverHashMatches(100, new byte[3000]);
    }

    private static void assertEverySliverHashMatches(int n, byte[] blob) {
        EncodedBlob encoded = new BlobEncoder(new EncodingConfig(n)).encode(blob);
        for (SliverType type : SliverType.values()) {
            for (int i = 0; i < n; i++) {
                SliverIndex index = new SliverIndex(i);
                assertEquals(encoded.metadata().metadata().sliverHash(type, index),
                    SliverHash.of(encoded.sliver(type, index), n), "n = " + n + ", " + type + " " + i);
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
