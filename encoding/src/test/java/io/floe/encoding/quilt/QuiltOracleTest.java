package io.floe.encoding.quilt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.oracle.QuiltOracle;
import io.floe.encoding.redstuff.BlobEncoder;
import io.floe.encoding.redstuff.EncodingConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Floe's quilts against Walrus's TypeScript SDK, both ways: for the same files and shard count the SDK's
 * {@code encodeQuilt} gives the same bytes, blob ID and patch IDs, and the SDK's reader reads every patch (bytes,
 * identifier, tags) out of a quilt Floe encoded, by Floe's patch IDs.
 */
class QuiltOracleTest {
    private static final byte[] PNG_HEAD = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private static List<QuiltOracle.Case> cases;
    private static List<QuiltOracle.Encoded> walrus;

    @BeforeAll
    static void encodeWithTheSdk() {
        Random random = new Random(14);
        cases = List.of(
                new QuiltOracle.Case(10, List.of(file("readme.txt", text("hello quilt"), Map.of()),
                        file("logo.png", png(random, 3000), Map.of("content-type", "image/png")),
                        file("data.bin", bytes(random, 777), Map.of("creator", "floe", "version", "1.0")))),
                new QuiltOracle.Case(10, List.of(file("empty", new byte[0], Map.of()),
                        file("Zebra", bytes(random, 5), Map.of("k", "")), file("\u00e9t\u00e9 \u6f22\u5b57", text("x"),
                                Map.of("\u00fcber", "stra\u00dfe")),
                        file("\uD83D\uDE00 smile", bytes(random, 40), Map.of()),
                        file("\uFF21 fullwidth", bytes(random, 41), Map.of()))),
                new QuiltOracle.Case(4, List.of(file("only", bytes(random, 100), Map.of("a", "b")))),
                new QuiltOracle.Case(1000, many(random, 60)),
                new QuiltOracle.Case(1000, List.of(file("big", bytes(random, 200_000), Map.of("size", "big")),
                        file("small", bytes(random, 10), Map.of()))));
        walrus = new QuiltOracle().encode(cases);
    }

    @Test
    void sameBytesBlobIdAndPatchIdsAsWalrus() {
        for (int c = 0; c < cases.size(); c++) {
            QuiltOracle.Case input = cases.get(c);
            QuiltOracle.Encoded expected = walrus.get(c);
            Quilt quilt = QuiltEncoder.encode(input.files(), input.nShards());
            assertArrayEquals(expected.quilt(), quilt.bytes(), "quilt bytes, case " + c);
            BlobId id = blobId(quilt);
            assertEquals(expected.quiltId(), id.toString(), "blob ID, case " + c);
            assertEquals(expected.patches().size(), quilt.patches().size());
            for (int i = 0; i < quilt.patches().size(); i++) {
                QuiltPatch patch = quilt.patches().get(i);
                assertEquals(expected.patches().get(i), new QuiltOracle.Patch(patch.id(id).toString(),
                        patch.startIndex(), patch.endIndex(), patch.identifier()), "case " + c + " patch " + i);
            }
        }
    }

    @Test
    void floeReadsEveryPatchOfWalrusQuilts() {
        for (int c = 0; c < cases.size(); c++) {
            QuiltReader reader = QuiltReader.of(walrus.get(c).quilt(), cases.get(c).nShards());
            for (QuiltFile file : cases.get(c).files()) {
                QuiltFile read = reader.read(reader.patch(file.identifier()).orElseThrow());
                assertArrayEquals(file.contents(), read.contents(), file.identifier());
                assertEquals(file.tags(), read.tags());
            }
        }
    }

    @Test
    void walrusReaderReadsEveryPatchOfFloeQuiltsByFloePatchIds() {
        QuiltOracle oracle = new QuiltOracle();
        for (int c = 0; c < cases.size(); c++) {
            Quilt quilt = QuiltEncoder.encode(cases.get(c).files(), cases.get(c).nShards());
            BlobId id = blobId(quilt);
            List<String> ids = quilt.patches().stream().map(p -> p.id(id).toString()).toList();
            QuiltOracle.Read read = oracle.read(quilt.nShards(), quilt.bytes(), ids);
            for (int i = 0; i < ids.size(); i++) {
                QuiltPatch patch = quilt.patches().get(i);
                QuiltFile input = cases.get(c).files().stream()
                        .filter(f -> f.identifier().equals(patch.identifier())).findFirst().orElseThrow();
                assertArrayEquals(input.contents(), read.contents().get(i), patch.identifier());
                assertEquals(new QuiltOracle.Named(null, patch.identifier(), patch.tags()), read.patches().get(i));
            }
            if (!sdkIndexBugApplies(quilt)) {
                assertEquals(named(quilt, id), read.index(), "the SDK's index listing, case " + c);
            }
        }
    }

    /**
     * The SDK's {@code readIndex} puts the first patch at {@code ceil(indexSize / columnSize)}, leaving out the 5-byte
     * prefix that its encoder (and Walrus's Rust reader) count: an index ending in a column's last 5 bytes is listed
     * one column early.
     */
    private static boolean sdkIndexBugApplies(Quilt quilt) {
        EncodingConfig config = new EncodingConfig(quilt.nShards());
        long columnSize = (long) quilt.bytes().length / config.secondarySourceSymbols();
        long indexSize = QuiltBcs.index(quilt.patches()).length;
        return (indexSize + columnSize - 1) / columnSize != quilt.patches().get(0).startIndex();
    }

    private static List<QuiltOracle.Named> named(Quilt quilt, BlobId id) {
        return quilt.patches().stream().map(p -> new QuiltOracle.Named(p.id(id).toString(), p.identifier(),
                p.tags())).toList();
    }

    private static BlobId blobId(Quilt quilt) {
        return new BlobEncoder(new EncodingConfig(quilt.nShards())).computeMetadata(quilt.bytes()).blobId();
    }

    private static List<QuiltFile> many(Random random, int count) {
        List<QuiltFile> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, String> tags = i % 3 == 0 ? Map.of("n", Integer.toString(i)) : Map.of();
            files.add(file(String.format("dir/file-%03d.dat", count - i), bytes(random, random.nextInt(2000)), tags));
        }
        return files;
    }

    private static QuiltFile file(String identifier, byte[] contents, Map<String, String> tags) {
        return new QuiltFile(identifier, contents, new TreeMap<>(tags));
    }

    private static byte[] png(Random random, int length) {
        byte[] b = bytes(random, length);
        System.arraycopy(PNG_HEAD, 0, b, 0, PNG_HEAD.length);
        return b;
    }

    private static byte[] bytes(Random random, int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
