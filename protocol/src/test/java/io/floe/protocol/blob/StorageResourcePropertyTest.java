package io.floe.protocol.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.floe.protocol.committee.Epoch;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Walrus's storage rules on seeded random resources: a split by epoch or by size fuses back to the original, and no
 * split creates or loses a byte-epoch.
 */
class StorageResourcePropertyTest {
    private static final int CASES = 2000;

    @Test
    void splitByEpochThenFuseGivesTheOriginal() {
        Random random = new Random(13);
        for (int i = 0; i < CASES; i++) {
            StorageResource r = resource(random, 2);
            Epoch at = r.start().plus(1 + random.nextInt(r.epochs() - 1));
            StorageResource.Split split = r.splitByEpoch(at, ObjectId.random());
            assertEquals(byteEpochs(r), byteEpochs(split.kept()) + byteEpochs(split.split()), r.toString());
            assertEquals(r, split.kept().fusePeriods(split.split()));
            // Either order fuses, keeping the receiver's ID.
            assertEquals(r.end(), split.split().fusePeriods(split.kept()).end());
            assertEquals(r.start(), split.split().fusePeriods(split.kept()).start());
        }
    }

    @Test
    void splitBySizeThenFuseGivesTheOriginal() {
        Random random = new Random(14);
        for (int i = 0; i < CASES; i++) {
            StorageResource r = resource(random, 1);
            long kept = (long) (random.nextDouble() * (r.size() + 1));
            StorageResource.Split split = r.splitBySize(Math.min(kept, r.size()), ObjectId.random());
            assertEquals(byteEpochs(r), byteEpochs(split.kept()) + byteEpochs(split.split()), r.toString());
            assertEquals(r, split.kept().fuseAmount(split.split()));
        }
    }

    @Test
    void refusesSplitsOutsideAndFusesThatDoNotFit() {
        StorageResource r = new StorageResource(ObjectId.random(), new Epoch(2), new Epoch(5), 100);
        assertThrows(IllegalArgumentException.class, () -> r.splitByEpoch(new Epoch(2), ObjectId.random()));
        assertThrows(IllegalArgumentException.class, () -> r.splitByEpoch(new Epoch(5), ObjectId.random()));
        assertThrows(IllegalArgumentException.class, () -> r.splitBySize(101, ObjectId.random()));
        assertThrows(IllegalArgumentException.class, () -> r.splitBySize(-1, ObjectId.random()));
        StorageResource later = new StorageResource(ObjectId.random(), new Epoch(6), new Epoch(8), 100);
        assertThrows(IllegalArgumentException.class, () -> r.fusePeriods(later));
        StorageResource bigger = new StorageResource(ObjectId.random(), new Epoch(5), new Epoch(8), 101);
        assertThrows(IllegalArgumentException.class, () -> r.fusePeriods(bigger));
        assertThrows(IllegalArgumentException.class, () -> r.fuseAmount(later));
    }

    private static StorageResource resource(Random random, int minEpochs) {
        int start = 1 + random.nextInt(50);
        int epochs = minEpochs + random.nextInt(60);
        return new StorageResource(ObjectId.random(), new Epoch(start), new Epoch(start + epochs),
                random.nextInt(4) == 0 ? random.nextInt(10) : (long) random.nextInt(1 << 30) * 16);
    }

    private static long byteEpochs(StorageResource r) {
        return Math.multiplyExact(r.size(), (long) r.epochs());
    }
}
