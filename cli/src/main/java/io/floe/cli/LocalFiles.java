package io.floe.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Checks and messages for the local files the gateway commands read and write, so failures name the file. */
final class LocalFiles {
    private LocalFiles() {
    }

    static Path path(String file) {
        try {
            return Path.of(file);
        } catch (InvalidPathException e) {
            throw new UsageException("not a valid path: " + file);
        }
    }

    /** {@code file} as a path to an existing, readable regular file, else a one-line failure. */
    static Path readableFile(String file) {
        Path path = path(file);
        if (!Files.exists(path)) {
            throw new CommandFailedException("no such file: " + file);
        }
        if (Files.isDirectory(path)) {
            throw new CommandFailedException(file + " is a directory, not a file");
        }
        if (!Files.isReadable(path)) {
            throw new CommandFailedException("cannot read " + file + ": permission denied");
        }
        return path;
    }

    /** {@code file} as a path a new file can be renamed to: not a directory, in a directory that exists. */
    static Path writableTarget(String file) {
        Path path = path(file).toAbsolutePath();
        if (Files.isDirectory(path)) {
            throw new CommandFailedException(file + " is a directory, not a file");
        }
        Path parent = path.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new CommandFailedException("cannot write " + file + ": no such directory " + parent);
        }
        return path;
    }

    /**
     * Where the scratch file for {@code file}'s blob ID goes (2 to 3.5 times a large blob, DESIGN-ADDENDA §14):
     * beside the file when its directory is writable, since a disk that holds the file more likely has room for a
     * few times it than {@code java.io.tmpdir} (often a small tmpfs in RAM); else {@code java.io.tmpdir}.
     */
    static Path scratchDir(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && Files.isDirectory(parent) && Files.isWritable(parent)) {
            return parent;
        }
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
