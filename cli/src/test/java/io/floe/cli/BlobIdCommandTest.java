package io.floe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.floe.encoding.chunks.ChunkLayout;
import io.floe.encoding.chunks.ChunkManifest;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.redstuff.BlobEncoder;
import io.floe.encoding.redstuff.EncodingConfig;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobIdCommandTest {
    private static final String V1_TEXT = "walrus blob id v1 regression test";
    private static final String V1_ID_AT_10 = "RcU82Mwf-CFkv1LaI_2qcpANwpGUuG3TMwnVzZxD2kY";
    private static final long MAX_AT_10 = new EncodingConfig(10).maxBlobSize();

    @TempDir
    Path dir;

    @Test
    void printsWalrusRegressionVectorAtTenShards() throws IOException {
        Captured result = Captured.run(new BlobIdCommand(), text(V1_TEXT), "--n-shards", "10");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals(V1_ID_AT_10 + "\n", result.out());
        assertEquals("", result.err());
    }

    @Test
    void acceptsOptionBeforeFileAndWithEqualsSign() throws IOException {
        Captured result = Captured.run(new BlobIdCommand(), "--n-shards=10", text(V1_TEXT));

        assertEquals(0, result.exitCode(), result.err());
        assertEquals(V1_ID_AT_10 + "\n", result.out());
    }

    @Test
    void defaultsToThousandShardsLikeWalrus() throws IOException {
        Captured result = Captured.run(new BlobIdCommand(), text("some other string"));

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("M4hsZGQ1oCktdzegB6HnI6Mi28S2nqOPHxK-W7_4BUk\n", result.out());
    }

    @Test
    void printsJsonWithLengthAndShardCount() throws IOException {
        String file = text(V1_TEXT);
        Captured result = Captured.run(new BlobIdCommand(), file, "--n-shards", "10", "--json");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("{\"blobId\":\"" + V1_ID_AT_10 + "\",\"file\":" + CliAssertions.jsonString(file)
            + ",\"unencodedLength\":33,\"nShards\":10}\n", result.out());
    }

    @Test
    void helpGoesToStdoutAndSucceeds() {
        Captured result = Captured.run(new BlobIdCommand(), "--help");

        assertEquals(0, result.exitCode());
        assertTrue(result.out().startsWith("usage: floe blob-id FILE"), result.out());
        assertEquals("", result.err());
    }

    @Test
    void missingFileFailsWithOneLineAndExitOne() {
        String missing = dir.resolve("nope.bin").toString();
        Captured result = Captured.run(new BlobIdCommand(), missing);

        assertFailure(result, 1, "error: no such file: " + missing);
    }

    @Test
    void directoryIsNotABlob() {
        assertFailure(Captured.run(new BlobIdCommand(), dir.toString()), 1, "is a directory");
    }

    @Test
    void unreadableFileFails() throws IOException {
        Path file = Files.writeString(dir.resolve("secret"), "x");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(file), "running as root: every file is readable");

        assertFailure(Captured.run(new BlobIdCommand(), file.toString()), 1, "permission denied");
    }

    @Test
    void missingFileArgumentIsUsageError() {
        assertFailure(Captured.run(new BlobIdCommand(), "--n-shards", "10"), 2, "error: missing FILE");
    }

    @Test
    void rejectsShardCountsOutsideRange() throws IOException {
        String file = text(V1_TEXT);
        assertFailure(Captured.run(new BlobIdCommand(), file, "--n-shards", "3"), 2, "got 3");
        assertFailure(Captured.run(new BlobIdCommand(), file, "--n-shards", "65536"), 2, "got 65536");
        assertFailure(Captured.run(new BlobIdCommand(), file, "--n-shards", "-5"), 2, "got -5");
    }

    @Test
    void rejectsShardCountsBeyondTheGf16Code() throws IOException {
        // From 49156 shards on, the primary code (np originals, 2f recovery) needs more than 65536 field points.
        String file = text(V1_TEXT);
        assertEquals(0, Captured.run(new BlobIdCommand(), file, "--n-shards", "4").exitCode());
        assertFailure(Captured.run(new BlobIdCommand(), file, "--n-shards", "49156"), 2, "[4, 49155], got 49156");
        assertFailure(Captured.run(new BlobIdCommand(), file, "--n-shards", "65535"), 2, "[4, 49155], got 65535");
    }

    @Test
    void rejectsMalformedOptions() throws IOException {
        String file = text(V1_TEXT);
        assertFailure(Captured.run(new BlobIdCommand(), file, "--n-shards", "ten"), 2, "needs an integer, got 'ten'");
        assertFailure(Captured.run(new BlobIdCommand(), file, "--n-shards"), 2, "--n-shards needs a value");
        assertFailure(Captured.run(new BlobIdCommand(), file, "--n-shards", "--json"), 2, "needs a value");
        assertFailure(Captured.run(new BlobIdCommand(), file, "--shards", "10"), 2, "unknown option --shards");
        assertFailure(Captured.run(new BlobIdCommand(), file, "--json", "--json"), 2, "more than once");
        assertFailure(Captured.run(new BlobIdCommand(), file, "other"), 2, "unexpected argument 'other'");
    }

    @Test
    void aFileThatFitsOneBlobExactlyIsNotChunked() throws IOException {
        // n = 10: np = 4, ns = 7, so one blob holds at most 4 * 7 * 65534 bytes.
        Path file = sparse("edge.bin", MAX_AT_10);

        Captured result = Captured.run(new BlobIdCommand(), file.toString(), "--n-shards", "10");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals(idOf(new byte[(int) MAX_AT_10]) + "\n", result.out());
        assertEquals("", result.err());
    }

    @Test
    void aFileTooLargeForOneBlobIsNamedByItsChunkManifest() throws IOException {
        // Was "blob too large" before issue 17: such a file is now stored in chunks plus a manifest.
        Path file = sparse("big.bin", MAX_AT_10 + 1);
        ChunkManifest manifest = new ChunkManifest(new ChunkLayout(10, MAX_AT_10 + 1),
            List.of(BlobId.parse(idOf(new byte[(int) MAX_AT_10])), BlobId.parse(idOf(new byte[1]))));
        String manifestId = idOf(manifest.toBytes());

        Captured human = Captured.run(new BlobIdCommand(), file.toString(), "--n-shards", "10");
        Captured json = Captured.run(new BlobIdCommand(), file.toString(), "--n-shards", "10", "--json");

        assertEquals(0, human.exitCode(), human.err());
        assertEquals(manifestId + "\n", human.out(), "stdout is still just the ID");
        assertEquals("(chunked: 2 chunks of up to 1.7 MiB at n = 10; the ID is their manifest's)\n", human.err());
        assertEquals("{\"blobId\":\"" + manifestId + "\",\"file\":" + CliAssertions.jsonString(file.toString())
            + ",\"unencodedLength\":" + (MAX_AT_10 + 1) + ",\"nShards\":10,\"chunked\":true,\"chunkCount\":2,"
            + "\"chunkSize\":" + MAX_AT_10 + ",\"chunks\":[{\"blobId\":\"" + manifest.chunks().get(0)
            + "\",\"offset\":0,\"length\":" + MAX_AT_10 + "},{\"blobId\":\"" + manifest.chunks().get(1)
            + "\",\"offset\":" + MAX_AT_10 + ",\"length\":1}]}\n", json.out());
    }

    @Test
    void aHugeFileIsRefusedOnlyForTheHeapItsLargestChunkNeeds() throws IOException {
        // Was "at most 2147483639 bytes" before issue 17: files are read region by region, never into one byte[].
        Path file = sparse("huge.bin", 1L << 31);

        Captured result = Captured.run(new BlobIdCommand(() -> 1024 * 1024), file.toString());

        assertFailure(result, 1, "not enough memory: encoding a blob of 2.0 GiB with 1000 shards");
    }

    @Test
    void refusesUpFrontWhenTheHeapIsTooSmall() throws IOException {
        Captured result = Captured.run(new BlobIdCommand(() -> 1024 * 1024), text(V1_TEXT));

        assertFailure(result, 1, "not enough memory");
        assertTrue(result.err().contains("FLOE_JAVA_OPTS=-Xmx"), result.err());
    }

    @Test
    void scratchGoesBesideTheFileWhenItsDirectoryIsWritableElseToTmpdir() throws IOException {
        Path tmpdir = Path.of(System.getProperty("java.io.tmpdir"));
        assertEquals(dir.toAbsolutePath(), LocalFiles.scratchDir(Path.of(text(V1_TEXT))));
        assertEquals(tmpdir, LocalFiles.scratchDir(dir.resolve("gone").resolve("blob.bin")));
        Path locked = Files.createDirectory(dir.resolve("locked"));
        Path file = Files.write(locked.resolve("blob.bin"), new byte[] {1});
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-x------"));
        try {
            assumeFalse(Files.isWritable(locked), "running as root: every directory is writable");
            assertEquals(tmpdir, LocalFiles.scratchDir(file));
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /** One line on stderr, starting with "error: " and containing {@code expected}; nothing on stdout. */
    private static void assertFailure(Captured result, int exitCode, String expected) {
        assertEquals(exitCode, result.exitCode(), result.err());
        assertEquals("", result.out());
        assertEquals(1, result.errLines().size(), result.err());
        assertTrue(result.err().startsWith("error: "), result.err());
        assertTrue(result.err().contains(expected), () -> "expected '" + expected + "' in: " + result.err());
    }

    /** The blob ID at n = 10, straight from the in-memory encoder. */
    private static String idOf(byte[] blob) {
        return new BlobEncoder(new EncodingConfig(10)).computeMetadata(blob).blobId().toString();
    }

    private String text(String content) throws IOException {
        return Files.write(dir.resolve("blob.txt"), content.getBytes(StandardCharsets.UTF_8)).toString();
    }

    // setLength makes a sparse file: size checks see the length, the disk holds no data.
    private Path sparse(String name, long length) throws IOException {
        Path file = dir.resolve(name);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(length);
        }
        return file;
    }
}
