package io.floe.encoding.oracle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.encoding.index.SliverIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.SliverPairMetadata;
import io.floe.encoding.metadata.VerifiedMetadata;
import io.floe.encoding.redstuff.BlobDecoder;
import io.floe.encoding.redstuff.BlobEncoder;
import io.floe.encoding.redstuff.BlobTooLargeException;
import io.floe.encoding.redstuff.EncodedBlob;
import io.floe.encoding.redstuff.EncodingConfig;
import io.floe.encoding.redstuff.Sliver;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Floe against Walrus's own encoder (@mysten/walrus-wasm): blob IDs, sliver and metadata bytes (the metadata as the
 * Walrus TypeScript SDK serializes it), and decoding both ways.
 */
class WalrusCompatibilityTest {
    private static final int[] SHARD_COUNTS = {4, 7, 10, 31, 100, 301, 1000};
    private static final int MIB = 1 << 20;
    private final WalrusOracle oracle = new WalrusOracle();

    private static List<byte[]> blobs() {
        SplittableRandom random = new SplittableRandom(2026);
        int[] sizes = {0, 1, 2, 63, 64, 65, 127, 1000, 4097, MIB + 17, 1 + random.nextInt(300_000)};
        List<byte[]> out = new ArrayList<>();
        for (int size : sizes) {
            byte[] blob = new byte[size];
            random.nextBytes(blob);
            out.add(blob);
        }
        return out;
    }

    @Test
    void blobIdsEqualWalrusForEveryShardCountAndSize() {
        List<WalrusOracle.Case> cases = new ArrayList<>();
        for (int n : SHARD_COUNTS) {
            EncodingConfig config = new EncodingConfig(n);
            for (byte[] blob : blobs()) {
                if (blob.length <= config.maxBlobSize()) {
                    cases.add(new WalrusOracle.Case(n, blob));
                } else {
                    assertThrows(BlobTooLargeException.class, () -> new BlobEncoder(config).computeMetadata(blob));
                }
            }
        }
        List<WalrusOracle.Metadata> expected = oracle.metadata(cases);
        for (int i = 0; i < cases.size(); i++) {
            WalrusOracle.Case c = cases.get(i);
            byte[] ours = new BlobEncoder(new EncodingConfig(c.nShards())).computeMetadata(c.blob()).blobId().bytes();
            assertArrayEquals(expected.get(i).blobId(), ours, "n=" + c.nShards() + " size=" + c.blob().length);
        }
    }

    @Test
    void sizeLimitIsWalrusLimit() {
        EncodingConfig config = new EncodingConfig(4);
        int max = (int) config.maxBlobSize();
        byte[] largest = new byte[max];
        largest[max - 1] = 7;
        byte[] ours = new BlobEncoder(config).computeMetadata(largest).blobId().bytes();
        assertArrayEquals(oracle.metadata(List.of(new WalrusOracle.Case(4, largest))).get(0).blobId(), ours);
        byte[] tooLarge = new byte[max + 1];
        IllegalStateException refused = assertThrows(IllegalStateException.class,
            () -> oracle.metadata(List.of(new WalrusOracle.Case(4, tooLarge))));
        assertTrue(refused.getMessage().contains("too large"), refused.getMessage());
        assertThrows(BlobTooLargeException.class, () -> new BlobEncoder(config).computeMetadata(tooLarge));
    }

    @ParameterizedTest(name = "n={0} size={1}")
    @CsvSource({"4, 0", "10, 1000", "10, 4097", "31, 70001", "100, 200000", "1000, 5000"})
    void sliversAndPairHashesEqualWalrus(int n, int size) {
        byte[] blob = new byte[size];
        new SplittableRandom(n + size).nextBytes(blob);
        WalrusOracle.Encoded theirs = oracle.encode(n, blob);
        EncodedBlob ours = new BlobEncoder(new EncodingConfig(n)).encode(blob);
        for (int i = 0; i < n; i++) {
            // Walrus's buffer i holds sliver pair i: primary sliver i and secondary sliver n-1-i.
            assertArrayEquals(theirs.primaryBcs()[i], ours.sliver(SliverType.PRIMARY, new SliverIndex(i)).toBcs(),
                "primary " + i);
            assertArrayEquals(theirs.secondaryBcs()[i],
                ours.sliver(SliverType.SECONDARY, new SliverIndex(n - 1 - i)).toBcs(), "secondary of pair " + i);
            SliverPairMetadata pair = ours.metadata().metadata().hashes().get(i);
            assertArrayEquals(theirs.primaryHashes()[i], pair.primaryHash().bytes(), "primary hash " + i);
            assertArrayEquals(theirs.secondaryHashes()[i], pair.secondaryHash().bytes(), "secondary hash " + i);
        }
        assertArrayEquals(theirs.metadataBcs(), ours.metadata().toBcs(), "BlobMetadataWithId BCS");
        assertEquals(ours.metadata(), VerifiedMetadata.fromBcs(theirs.metadataBcs()));
    }

    @Test
    void floeDecodesWalrusSliversAndWalrusDecodesFloes() {
        int n = 31;
        byte[] blob = new byte[123_457];
        new SplittableRandom(31).nextBytes(blob);
        WalrusOracle.Encoded theirs = oracle.encode(n, blob);
        EncodedBlob ours = new BlobEncoder(new EncodingConfig(n)).encode(blob);
        int np = ours.config().primarySourceSymbols();
        List<Sliver> fromWalrus = new ArrayList<>();
        List<byte[]> fromFloe = new ArrayList<>();
        for (int i = n - np; i < n; i++) {
            fromWalrus.add(Sliver.fromBcs(SliverType.PRIMARY, theirs.primaryBcs()[i]));
            fromFloe.add(ours.sliver(SliverType.PRIMARY, new SliverIndex(i)).toBcs());
        }
        BlobDecoder decoder = new BlobDecoder(ours.metadata());
        assertArrayEquals(blob, decoder.decode(fromWalrus, BlobDecoder.ConsistencyCheck.STRICT));
        assertArrayEquals(blob, oracle.decode(n, ours.blobId().bytes(), blob.length, fromFloe));
        assertArrayEquals(blob, decoder.decode(fromWalrus, BlobDecoder.ConsistencyCheck.DEFAULT));
    }
}
