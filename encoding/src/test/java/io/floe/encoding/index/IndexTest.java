package io.floe.encoding.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.floe.encoding.metadata.BlobId;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Pair and sliver indices, and the rotation that places a blob's sliver pairs on shards. */
class IndexTest {
    @Test
    void rotationIsTheBlobIdReadBigEndianModuloN() {
        SplittableRandom random = new SplittableRandom(99);
        for (int trial = 0; trial < 200; trial++) {
            byte[] bytes = new byte[BlobId.LENGTH];
            random.nextBytes(bytes);
            BlobId id = BlobId.of(bytes);
            for (int n : new int[] {4, 10, 1000, 49155, 65535}) {
                assertEquals(new BigInteger(1, bytes).mod(BigInteger.valueOf(n)).intValue(), id.rotation(n),
                    id + " mod " + n);
            }
        }
    }

    @Test
    void pairsAreRotatedOntoDistinctShardsAndBack() {
        int n = 13;
        for (int rotation = 0; rotation < n; rotation++) {
            Set<Integer> shards = new HashSet<>();
            for (int i = 0; i < n; i++) {
                SliverPairIndex pair = new SliverPairIndex(i);
                ShardIndex shard = pair.shard(rotation, n);
                assertEquals((i + rotation) % n, shard.value());
                assertEquals(pair, SliverPairIndex.onShard(shard, rotation, n));
                shards.add(shard.value());
            }
            assertEquals(n, shards.size(), "rotation " + rotation + " is a permutation");
        }
    }

    @Test
    void pairHoldsPrimaryIAndSecondaryNMinus1MinusI() {
        int n = 7;
        for (int i = 0; i < n; i++) {
            SliverPairIndex pair = new SliverPairIndex(i);
            assertEquals(i, pair.sliverIndex(SliverType.PRIMARY, n).value());
            assertEquals(n - 1 - i, pair.sliverIndex(SliverType.SECONDARY, n).value());
            for (SliverType type : SliverType.values()) {
                assertEquals(pair, SliverPairIndex.of(type, pair.sliverIndex(type, n), n));
            }
        }
    }

    @Test
    void indicesOutsideTheirRangeAreRefused() {
        assertThrows(IndexOutOfBoundsException.class, () -> new SliverIndex(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> new SliverIndex(SliverIndex.MAX + 1));
        assertThrows(IndexOutOfBoundsException.class, () -> new SliverPairIndex(5).shard(0, 5));
        assertThrows(IndexOutOfBoundsException.class, () -> new ShardIndex(3).within(3));
    }
}
