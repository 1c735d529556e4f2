package io.floe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobIdCommandTest {
    private static final String V1_TEXT = "walrus blob id v1 regression test";
    private static final String V1_ID_AT_10 = "RcU82Mwf-CFkv1LaI_2qcpANwpGUuG3TMwnVzZxD2kY";

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
    void refusesBlobTooLargeForShardCount() throws IOException {
        // n = 10: np = 4, ns = 7, so at most 4 * 7 * 65534 bytes.
        Path file = sparse("big.bin", 4L * 7 * 65534 + 1);

        assertFailure(Captured.run(new BlobIdCommand(), file.toString(), "--n-shards", "10"), 1, "blob too large");
    }

    @Test
    void refusesFilesThatDoNotFitInAByteArray() throws IOException {
        Path file = sparse("huge.bin", 1L << 31);

        assertFailure(Captured.run(new BlobIdCommand(), file.toString()), 1, "at most 2147483639 bytes");
    }

    @Test
    void refusesUpFrontWhenTheHeapIsTooSmall() throws IOException {
        Captured result = Captured.run(new BlobIdCommand(() -> 1024 * 1024), text(V1_TEXT));

        assertFailure(result, 1, "not enough memory");
        assertTrue(result.err().contains("FLOE_JAVA_OPTS=-Xmx"), result.err());
    }

    /** One line on stderr, starting with "error: " and containing {@code expected}; nothing on stdout. */
    private static void assertFailure(Captured result, int exitCode, String expected) {
        assertEquals(exitCode, result.exitCode(), result.err());
        assertEquals("", result.out());
        assertEquals(1, result.errLines().size(), result.err());
        assertTrue(result.err().startsWith("error: "), result.err());
        assertTrue(result.err().contains(expected), () -> "expected '" + expected + "' in: " + result.err());
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
