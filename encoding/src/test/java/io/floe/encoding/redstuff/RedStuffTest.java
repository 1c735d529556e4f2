package io.floe.encoding.redstuff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.encoding.index.SliverIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.merkle.HashBatch;
import io.floe.encoding.metadata.MetadataMismatchException;
import io.floe.encoding.metadata.VerifiedMetadata;
import io.floe.encoding.redstuff.BlobDecoder.ConsistencyCheck;
import io.floe.encoding.rs.GfKernels;
import io.floe.encoding.rs.RsParameters;
import io.floe.encoding.rs.UnsupportedShardCountException;
import io.floe.encoding.testing.InconsistentEncoding;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedStuffTest {
    static byte[] randomBlob(long seed, int size) {
        byte[] blob = new byte[size];
        new SplittableRandom(seed).nextBytes(blob);
        return blob;
    }

    static List<Sliver> slivers(EncodedBlob encoded, SliverType type, int... indices) {
        List<Sliver> out = new ArrayList<>();
        for (int i : indices) {
            out.add(encoded.sliver(type, new SliverIndex(i)));
        }
        return out;
    }

    /** The build runs these tests once more on the scalar engines (pom.xml, scalar-engines); this checks it does. */
    @Test
    void runsOnTheEnginesTheBuildAsksFor() {
        String lanes = System.getProperty("floe.hash.lanes", "auto");
        String kernel = System.getProperty("floe.gf.kernel", "auto");
        if (!lanes.equals("auto")) {
            assertEquals(lanes, HashBatch.engineName());
        }
        if (kernel.equals("native")) {
            // "native" names the engine; the kernel's name adds the ISA it runs (native-avx2, native-gfni512, ...)
            assertEquals("native-", GfKernels.defaultKernel().name().substring(0, "native-".length()));
        } else if (!kernel.equals("auto")) {
            assertEquals(kernel, GfKernels.defaultKernel().name());
        }
    }

    @Test
    void symbolSizeFollowsWalrusRule() {
        EncodingConfig c = new EncodingConfig(1000);
        assertEquals(334, c.primarySourceSymbols());
        assertEquals(667, c.secondarySourceSymbols());
        assertEquals(2, c.symbolSize(0));
        assertEquals(2, c.symbolSize(334 * 667 * 2));
        assertEquals(4, c.symbolSize(334 * 667 * 2 + 1));
        assertEquals(14_599_533_452L, c.maxBlobSize());
        assertThrows(BlobTooLargeException.class, () -> c.symbolSize(14_599_533_453L));
        assertEquals(3, assertThrows(InvalidShardCountException.class, () -> new EncodingConfig(3)).nShards());
        assertThrows(InvalidShardCountException.class, () -> new EncodingConfig(EncodingConfig.MAX_SHARDS + 1));
    }

    @Test
    void maxShardCountIsTheLargestBothCodesSupport() {
        EncodingConfig largest = new EncodingConfig(EncodingConfig.MAX_SHARDS);
        int n = largest.nShards();
        new RsParameters(largest.primarySourceSymbols(), n - largest.primarySourceSymbols(), 2);
        new RsParameters(largest.secondarySourceSymbols(), n - largest.secondarySourceSymbols(), 2);
        int next = n + 1;
        int np = next - 2 * ((next - 1) / 3);
        assertThrows(UnsupportedShardCountException.class, () -> new RsParameters(np, next - np, 2));
    }

    @ParameterizedTest(name = "n={0} size={1}")
    @CsvSource({"4, 0", "7, 1", "10, 100", "10, 5000", "31, 4097", "100, 70000"})
    void decodesFromAnyMinimalSetOfEitherAxis(int n, int size) {
        byte[] blob = randomBlob(n * 31L + size, size);
        EncodedBlob encoded = new BlobEncoder(new EncodingConfig(n)).encode(blob);
        BlobDecoder decoder = new BlobDecoder(encoded.metadata());
        EncodingConfig c = encoded.config();
        int np = c.primarySourceSymbols();
        int ns = c.secondarySourceSymbols();
        int[] lastPrimary = IntStream.range(n - np, n).toArray();
        int[] lastSecondary = IntStream.range(n - ns, n).toArray();
        assertArrayEquals(blob, decoder.decode(slivers(encoded, SliverType.PRIMARY, lastPrimary), ConsistencyCheck.DEFAULT));
        assertArrayEquals(blob, decoder.decode(slivers(encoded, SliverType.SECONDARY, lastSecondary), ConsistencyCheck.STRICT));
        int[] systematic = IntStream.range(0, np).toArray();
        assertArrayEquals(blob, decoder.decode(slivers(encoded, SliverType.PRIMARY, systematic), ConsistencyCheck.DEFAULT));
    }

    /**
     * A writer that committed to a corrupted row: every sliver verifies, but rows and columns disagree. Re-hashing
     * the systematic rows (Walrus's default) catches it when they were decoded from columns; re-encoding the whole
     * blob (strict) catches it from either axis. From the systematic rows themselves the default check cannot tell,
     * as in Walrus: their hashes are the ones the writer committed to.
     */
    @Test
    void consistencyChecksRejectAnInconsistentEncoding() {
        int n = 10;
        InconsistentEncoding writer = InconsistentEncoding.tamperingPrimary(
            new BlobEncoder(new EncodingConfig(n)).encode(randomBlob(6, 3000)), 1);
        BlobDecoder decoder = new BlobDecoder(writer.metadata());
        List<Sliver> columns = new ArrayList<>();
        List<Sliver> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            columns.add(writer.sliver(SliverType.SECONDARY, new SliverIndex(i)));
            rows.add(writer.sliver(SliverType.PRIMARY, new SliverIndex(i)));
        }
        assertThrows(InconsistentBlobException.class, () -> decoder.decode(columns, ConsistencyCheck.DEFAULT));
        assertThrows(InconsistentBlobException.class, () -> decoder.decode(columns, ConsistencyCheck.STRICT));
        assertThrows(InconsistentBlobException.class, () -> decoder.decode(rows, ConsistencyCheck.STRICT));
        decoder.decode(rows, ConsistencyCheck.DEFAULT);
    }

    @Test
    void tooFewSliversAreRefused() {
        EncodedBlob encoded = new BlobEncoder(new EncodingConfig(10)).encode(randomBlob(1, 300));
        BlobDecoder decoder = new BlobDecoder(encoded.metadata());
        assertThrows(NotEnoughSliversException.class,
            () -> decoder.decode(slivers(encoded, SliverType.PRIMARY, 0, 1, 1, 5), ConsistencyCheck.DEFAULT));
    }

    @Test
    void everySliverVerifiesAndATamperedOneIsRejected() {
        EncodedBlob encoded = new BlobEncoder(new EncodingConfig(13)).encode(randomBlob(2, 2000));
        SliverVerifier verifier = new SliverVerifier(encoded.metadata());
        for (SliverType type : SliverType.values()) {
            for (int i = 0; i < 13; i++) {
                Sliver sliver = encoded.sliver(type, new SliverIndex(i));
                verifier.verify(sliver);
                byte[] bad = sliver.data().clone();
                bad[bad.length / 2] ^= 1;
                Sliver tampered = new Sliver(type, sliver.index(), sliver.symbolSize(), bad);
                SliverHashMismatchException e =
                    assertThrows(SliverHashMismatchException.class, () -> verifier.verify(tampered));
                assertEquals(type, e.type());
                Sliver moved = new Sliver(type, new SliverIndex((i + 1) % 13), sliver.symbolSize(), sliver.data());
                assertFalse(verifier.isValid(moved));
            }
        }
    }

    @Test
    void metadataRoundTripsThroughBcsAndRejectsAForeignId() {
        EncodedBlob a = new BlobEncoder(new EncodingConfig(10)).encode(randomBlob(3, 99));
        EncodedBlob b = new BlobEncoder(new EncodingConfig(10)).encode(randomBlob(4, 99));
        VerifiedMetadata parsed = VerifiedMetadata.fromBcs(a.metadata().toBcs());
        assertEquals(a.metadata(), parsed);
        assertThrows(MetadataMismatchException.class,
            () -> new VerifiedMetadata(b.blobId(), a.metadata().metadata()));
    }

    @Test
    void sliverBcsRoundTrips() {
        EncodedBlob encoded = new BlobEncoder(new EncodingConfig(10)).encode(randomBlob(5, 1000));
        Sliver sliver = encoded.sliver(SliverType.SECONDARY, new SliverIndex(3));
        assertEquals(sliver, Sliver.fromBcs(SliverType.SECONDARY, sliver.toBcs()));
    }
}
