package io.floe.protocol.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.floe.encoding.redstuff.BlobTooLargeException;
import org.junit.jupiter.api.Test;

/**
 * Values derived by hand from Walrus's formula (and agreeing with {@code encodedBlobLength} of the
 * {@code @mysten/walrus} npm package): n=10 has np=4, ns=7, so 28 symbols per matrix; n=1000 has np=334, ns=667.
 */
class StorageCostTest {

    @Test
    void smallBlobOnTenShardsUsesTheMinimumSymbolSize() {
        // s = 2 for 0..56 bytes; metadata 10 * (10*64 + 32) = 6720; slivers 10 * (7 + 4) * 2 = 220.
        assertEquals(6720, 10 * StorageCost.metadataLength(10));
        assertEquals(6940, StorageCost.encodedLength(0, 10));
        assertEquals(6940, StorageCost.encodedLength(56, 10));
    }

    @Test
    void oneByteMoreThanTwoBytesPerSymbolDoublesTheSlivers() {
        // 57 bytes need s = ceil(57/28) = 3, rounded to 4: slivers 10 * 11 * 4 = 440.
        assertEquals(7160, StorageCost.encodedLength(57, 10));
    }

    @Test
    void oneMebibyteOnTenShards() {
        // s = ceil(1048576 / 28) = 37450 (already even): 10 * 11 * 37450 + 6720.
        assertEquals(4_126_220, StorageCost.encodedLength(1L << 20, 10));
        assertEquals(4, StorageCost.storageUnits(4_126_220));
    }

    @Test
    void thousandShardsAreDominatedByMetadata() {
        // 1000 * (1000*64 + 32) + 1000 * (667 + 334) * 2
        assertEquals(66_034_000, StorageCost.encodedLength(1, 1000));
        assertEquals(63, StorageCost.storageUnits(66_034_000));
    }

    @Test
    void largestBlobOnThousandShards() {
        long max = 334L * 667 * 65534;
        assertEquals(65_663_566_000L, StorageCost.encodedLength(max, 1000));
        assertThrows(BlobTooLargeException.class, () -> StorageCost.encodedLength(max + 1, 1000));
    }

    @Test
    void unitsRoundUpToWholeMebibytes() {
        assertEquals(0, StorageCost.storageUnits(0));
        assertEquals(1, StorageCost.storageUnits(1));
        assertEquals(1, StorageCost.storageUnits(1L << 20));
        assertEquals(2, StorageCost.storageUnits((1L << 20) + 1));
        assertEquals(1L << 43, StorageCost.storageUnits(Long.MAX_VALUE));
    }

    @Test
    void costIsUnitsTimesStoragePerEpochPlusWrite() {
        // 63 units * (100 FROST * 5 epochs + 2000 FROST write)
        assertEquals(157_500, StorageCost.cost(66_034_000, 5, 100, 2000));
        assertEquals(4 * 2000, StorageCost.cost(4_126_220, 0, 100, 2000));
    }

    @Test
    void costThatOverflowsIsRefused() {
        assertThrows(ArithmeticException.class, () -> StorageCost.cost(Long.MAX_VALUE, 1000, Long.MAX_VALUE / 2, 1));
        assertThrows(IllegalArgumentException.class, () -> StorageCost.cost(1, -1, 1, 1));
    }
}
