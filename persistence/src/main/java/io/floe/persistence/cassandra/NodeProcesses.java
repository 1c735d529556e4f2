package io.floe.persistence.cassandra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ending node JVMs by process ID: a whole process tree at once, or a node an earlier, killed owner left running
 * (recorded in a pid file). A pid is only acted on when the process's command line carries the node's marker
 * option, so a recycled pid of an unrelated process is never touched.
 */
final class NodeProcesses {
    private static final Logger LOG = LoggerFactory.getLogger(NodeProcesses.class);
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    private NodeProcesses() {
    }

    /** SIGKILL to {@code root} and all its descendants, then a bounded wait for each to be gone. */
    static void killTree(ProcessHandle root) {
        List<ProcessHandle> all = new ArrayList<>(root.descendants().toList());
        all.add(root);
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle h : all) {
            h.onExit().completeOnTimeout(h, KILL_WAIT.toSeconds(), TimeUnit.SECONDS).join();
        }
    }

    /**
     * Ends the process the pid file names if it still runs with {@code marker} on its command line (SIGTERM,
     * SIGKILL after {@code grace}), and removes the pid file.
     */
    static void endOrphan(Path pidFile, String marker, Duration grace) throws IOException {
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).trim());
        } catch (NumberFormatException e) {
            deletePidFile(pidFile);
            return;
        }
        // ProcessHandle shows only the first 4 KiB of a command line: the marker must come early in it.
        Optional<ProcessHandle> orphan = ProcessHandle.of(pid)
                .filter(h -> h.info().commandLine().map(c -> c.contains(marker)).orElse(false));
        if (orphan.isPresent()) {
            LOG.warn("a node left running by an earlier owner (pid {}, {}) is stopped first", pid, marker);
            orphan.get().destroy();
            boolean ended = orphan.get().onExit().thenApply(h -> true)
                    .completeOnTimeout(false, grace.toSeconds(), TimeUnit.SECONDS).join();
            if (!ended) {
                killTree(orphan.get());
            }
        }
        deletePidFile(pidFile);
    }

    static void deletePidFile(Path pidFile) {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            LOG.debug("cannot delete {}: {}", pidFile, e.toString());
        }
    }
}
