package io.floe.multijvm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Which files a process has open, from Linux's {@code /proc/<pid>/fd}. */
final class OpenFiles {
    private OpenFiles() {
    }

    /** True when process {@code pid} has {@code file} (an absolute, normalized path) open. */
    static boolean hasOpen(long pid, Path file) {
        Path fds = Path.of("/proc", Long.toString(pid), "fd");
        try (var links = Files.list(fds)) {
            return links.anyMatch(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(file);
                } catch (IOException | UnsupportedOperationException e) {
                    return false; // the descriptor was closed meanwhile, or is not a link
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the open files of pid " + pid + " (Linux /proc needed)", e);
        }
    }
}
