package io.floe.encoding.oracle;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Walrus's own RS2 encoder ({@code @mysten/walrus-wasm}, run by node through {@code src/test/oracle/oracle.mjs})
 * as a test oracle. Every call starts one node process; batch work into one call where possible.
 */
public final class WalrusOracle {

    /** One blob to compute metadata for. */
    public record Case(int nShards, byte[] blob) {}

    /** The essentials of a blob's metadata. */
    public record Metadata(byte[] blobId, byte[] rootHash, long unencodedLength) {}

    /**
     * The wasm's encoding. {@code primaryBcs[i]} / {@code secondaryBcs[i]} are the BCS {@code SliverData} buffers of
     * sliver pair {@code i} exactly as the wasm wrote them; {@code primaryHashes[i]} / {@code secondaryHashes[i]}
     * are pair {@code i}'s hashes from the metadata; {@code metadataBcs} is the metadata {@code encode} returned,
     * serialized as {@code BlobMetadataWithId} by the BCS layouts of Walrus's TypeScript SDK ({@code @mysten/walrus}).
     */
    public record Encoded(byte[][] primaryBcs, byte[][] secondaryBcs, byte[] metadataBcs, Metadata metadata,
                          byte[][] primaryHashes, byte[][] secondaryHashes) {}

    private static final HexFormat HEX = HexFormat.of();

    private final Path node;
    private final Path oracleDir;
    private final Duration timeout;

    /** An oracle with a 5-minute timeout per node call. */
    public WalrusOracle() {
        this(Duration.ofMinutes(5));
    }

    public WalrusOracle(Duration timeout) {
        this.timeout = timeout;
        this.node = findNode();
        this.oracleDir = findOracleDir();
        if (!Files.isDirectory(oracleDir.resolve("node_modules/@mysten/walrus-wasm"))) {
            throw new IllegalStateException("@mysten/walrus-wasm not installed: run `npm ci` in " + oracleDir);
        }
    }

    /** Whether node and the installed oracle are available (for {@code Assumptions}). */
    public static boolean available() {
        try {
            new WalrusOracle();
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /** Blob ID, root hash and length of each case, in order, from one node process. */
    public List<Metadata> metadata(List<Case> cases) {
        return withTempDir(dir -> {
            StringBuilder json = new StringBuilder("[");
            for (int i = 0; i < cases.size(); i++) {
                Path file = dir.resolve("blob-" + i);
                Files.write(file, cases.get(i).blob());
                json.append(i == 0 ? "" : ",").append("{\"n\":").append(cases.get(i).nShards())
                        .append(",\"file\":").append(jsonString(file.toAbsolutePath().toString())).append('}');
            }
            Path requests = dir.resolve("requests.json");
            Files.writeString(requests, json.append(']'));
            List<Metadata> result = new ArrayList<>();
            for (String line : run(dir, "metadata", requests.toString()).split("\n")) {
                if (!line.isBlank()) {
                    result.add(parseSummary(line));
                }
            }
            if (result.size() != cases.size()) {
                throw new IllegalStateException("oracle answered " + result.size() + " of " + cases.size() + " cases");
            }
            return result;
        });
    }

    /** Encodes {@code blob} for {@code nShards} shards with the wasm. */
    public Encoded encode(int nShards, byte[] blob) {
        return withTempDir(dir -> {
            Path input = dir.resolve("blob");
            Files.write(input, blob);
            Path out = dir.resolve("out");
            run(dir, "encode", Integer.toString(nShards), input.toString(), out.toString());
            byte[][] primary = new byte[nShards][];
            byte[][] secondary = new byte[nShards][];
            for (int i = 0; i < nShards; i++) {
                primary[i] = Files.readAllBytes(out.resolve("primary-" + i + ".bcs"));
                secondary[i] = Files.readAllBytes(out.resolve("secondary-" + i + ".bcs"));
            }
            List<String> lines = Files.readAllLines(out.resolve("hashes.txt"));
            byte[][] primaryHashes = new byte[nShards][];
            byte[][] secondaryHashes = new byte[nShards][];
            for (int i = 0; i < nShards; i++) {
                String[] pair = lines.get(1 + i).split(" ");
                primaryHashes[i] = HEX.parseHex(pair[0]);
                secondaryHashes[i] = HEX.parseHex(pair[1]);
            }
            return new Encoded(primary, secondary, Files.readAllBytes(out.resolve("metadata.bcs")),
                    parseSummary(lines.get(0)), primaryHashes, secondaryHashes);
        });
    }

    /**
     * Decodes a blob from BCS {@code SliverData<Primary>} buffers (any {@code n - 2f} distinct slivers; the index
     * inside each buffer says which sliver it is). The wasm does not check the blob ID or the slivers' hashes.
     */
    public byte[] decode(int nShards, byte[] blobId, long size, List<byte[]> primaryBcs) {
        return withTempDir(dir -> {
            List<String> args = new ArrayList<>(List.of("decode", Integer.toString(nShards),
                    Base64.getUrlEncoder().withoutPadding().encodeToString(blobId), Long.toString(size)));
            Path out = dir.resolve("decoded");
            args.add(out.toString());
            for (int i = 0; i < primaryBcs.size(); i++) {
                Path file = dir.resolve("primary-" + i + ".bcs");
                Files.write(file, primaryBcs.get(i));
                args.add(file.toString());
            }
            run(dir, args.toArray(String[]::new));
            return Files.readAllBytes(out);
        });
    }

    /** Median wall time in milliseconds of the wasm's {@code compute_metadata} over {@code repeats} runs. */
    public double timeMetadataMillis(int nShards, Path file, int repeats) {
        return withTempDir(dir -> Double.parseDouble(run(dir, "time-metadata", Integer.toString(nShards),
                file.toAbsolutePath().toString(), Integer.toString(repeats)).trim()));
    }

    // ---- plumbing ----

    private static Metadata parseSummary(String line) {
        String[] f = line.trim().split(" ");
        byte[] blobId = Base64.getUrlDecoder().decode(f[0]);
        if (!HEX.formatHex(blobId).equals(f[1])) {
            throw new IllegalStateException("inconsistent oracle line: " + line);
        }
        return new Metadata(blobId, HEX.parseHex(f[2]), Long.parseLong(f[3]));
    }

    /** Runs {@code node oracle.mjs args...}, returns its stdout; fails on non-zero exit or timeout. */
    private String run(Path dir, String... args) throws IOException, InterruptedException {
        return runScript(dir, "oracle.mjs", args);
    }

    /** Runs {@code node <script> args...} from the oracle folder (for the other oracle scripts beside it). */
    String runScript(Path dir, String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(node.toString(), oracleDir.resolve(script).toString()));
        command.addAll(List.of(args));
        Path stdout = dir.resolve("oracle.stdout");
        Path stderr = dir.resolve("oracle.stderr");
        Process process = new ProcessBuilder(command).directory(oracleDir.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        process.getOutputStream().close();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("oracle " + args[0] + " timed out after " + timeout);
            }
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("oracle " + args[0] + " exited with " + process.exitValue() + ": "
                    + Files.readString(stderr, StandardCharsets.UTF_8).strip());
        }
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    interface TempDirWork<T> {
        T apply(Path dir) throws IOException, InterruptedException;
    }

    static <T> T withTempDir(TempDirWork<T> work) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("walrus-oracle");
            return work.apply(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            if (dir != null) {
                deleteRecursively(dir);
            }
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort
        }
    }

    static String jsonString(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static Path findNode() {
        String path = System.getenv("PATH");
        for (String entry : path == null ? new String[0] : path.split(File.pathSeparator)) {
            for (String name : List.of("node", "node.exe")) {
                Path candidate = Paths.get(entry, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("node not found on PATH");
    }

    private static Path findOracleDir() {
        Path base = Paths.get(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        for (Path candidate : List.of(base.resolve("src/test/oracle"), base.resolve("encoding/src/test/oracle"))) {
            if (Files.isRegularFile(candidate.resolve("oracle.mjs"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("oracle.mjs not found under " + base);
    }
}
