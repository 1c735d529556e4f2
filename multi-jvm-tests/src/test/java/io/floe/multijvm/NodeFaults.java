package io.floe.multijvm;

import io.floe.persistence.sliver.SliverStore;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Faults done to a storage node's process and disk from outside: POSIX signals to its pid, and changes to its data
 * folder while it is down. Nothing here talks to the node; the tests then watch how the network copes.
 */
public final class NodeFaults {
    /** The node's RocksDB sliver store, under its data folder (StorageRole opens {@code <data-dir>/slivers}). */
    public static final String SLIVER_STORE = "slivers";
    /**
     * What a wipe keeps: the node's protocol key is its identity in the committee (the ledger holds its public key;
     * Walrus keeps that key outside the storage database as well), its configuration and its log.
     */
    private static final Set<String> KEPT_BY_WIPE = Set.of("protocol.key", "member.conf", "floe.log");
    private static final Logger LOG = LoggerFactory.getLogger(NodeFaults.class);

    private NodeFaults() {
    }

    /** Sends {@code SIG<name>} (e.g. {@code STOP}, {@code CONT}) to process {@code pid} with kill(1). */
    public static void signal(long pid, String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).redirectErrorStream(true).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
                throw new IllegalStateException("kill -" + name + " " + pid + " did not finish within 10 s");
            }
            if (kill.exitValue() != 0) {
                String out = new String(kill.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                throw new IllegalStateException("kill -" + name + " " + pid + " failed: " + out.trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kill -" + name + " " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending SIG" + name + " to " + pid, e);
        }
    }

    /** Deletes everything in a node's data folder except its key, configuration and log. */
    public static void wipe(Path nodeDir) throws IOException {
        try (Stream<Path> top = Files.list(nodeDir)) {
            for (Path entry : top.toList()) {
                if (!KEPT_BY_WIPE.contains(entry.getFileName().toString())) {
                    deleteTree(entry);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * Flips bytes in the middle of the store's RocksDB blob files (where every sliver of 4 KiB or more lives, each
     * record under a CRC), newest file first, until at least one of the {@code expected} slivers no longer reads
     * back as its expected bytes; returns those. Values in SST files are not touched: there the index and footer
     * blocks of a file are near its data, and hitting them makes the whole database refuse to open, which is a lost
     * disk (see {@link #wipe}), not a corrupted sliver. The store is opened here once first, so that whatever the
     * node left in its write-ahead log is flushed into files that can be corrupted (RocksDB flushes what it
     * recovers from the log on open), and every expected sliver is checked to read back before. The node must be
     * down.
     *
     * @param expected the slivers the node should hold, with the BCS bytes a correct store returns
     */
    public static Set<NodeSlivers.Key> corruptSliverFiles(Path store, Map<NodeSlivers.Key, byte[]> expected) {
        Set<NodeSlivers.Key> before = unreadable(store, expected);
        if (!before.isEmpty()) {
            throw new IllegalStateException(before.size() + " expected slivers are missing or wrong in " + store
                    + " before any corruption, e.g. " + before.iterator().next());
        }
        List<Path> blobFiles = blobFilesNewestFirst(store);
        for (Path file : blobFiles) {
            flipMiddleBytes(file);
            Set<NodeSlivers.Key> broken = unreadable(store, expected);
            if (!broken.isEmpty()) {
                LOG.info("corrupted {} of {}: {} of {} expected slivers no longer read back", file.getFileName(),
                        store, broken.size(), expected.size());
                return broken;
            }
        }
        throw new IllegalStateException("flipping bytes in all " + blobFiles.size() + " blob files of " + store
                + " left every expected sliver readable");
    }

    private static List<Path> blobFilesNewestFirst(Path store) {
        try (Stream<Path> files = Files.list(store)) {
            // RocksDB numbers its files in creation order: the highest number is the newest file.
            return files.filter(f -> f.getFileName().toString().endsWith(".blob"))
                    .sorted(Comparator.comparing((Path f) -> f.getFileName().toString()).reversed()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + store, e);
        }
    }

    /** Inverts three bytes at 40, 50 and 60 % of the file: inside its records, away from its header and footer. */
    private static void flipMiddleBytes(Path file) {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            long length = raf.length();
            for (long at : new long[] {length * 2 / 5, length / 2, length * 3 / 5}) {
                raf.seek(at);
                int b = raf.read();
                raf.seek(at);
                raf.write(~b & 0xFF);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot corrupt " + file, e);
        }
    }

    /** The expected slivers that the store no longer returns with their expected bytes. */
    private static Set<NodeSlivers.Key> unreadable(Path store, Map<NodeSlivers.Key, byte[]> expected) {
        Set<NodeSlivers.Key> broken = new HashSet<>();
        try (SliverStore s = SliverStore.open(store)) {
            for (Map.Entry<NodeSlivers.Key, byte[]> e : expected.entrySet()) {
                NodeSlivers.Key k = e.getKey();
                try {
                    byte[] stored = s.sliver(k.shard(), k.type(), k.blobId()).map(v -> v.toBcs()).orElse(null);
                    if (!Arrays.equals(stored, e.getValue())) {
                        broken.add(k);
                    }
                } catch (RuntimeException corrupt) {
                    broken.add(k);
                }
            }
        }
        return broken;
    }
}
