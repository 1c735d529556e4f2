package io.floe.persistence.files;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Folders and files only their owner may use: folders {@code 0700}, files {@code 0600}. A network's data folders
 * hold slivers, the journal and node keys, which no other local user should read (nor, for the keys and the journal,
 * change). On a file system without POSIX permissions (Windows) these calls create folders and leave modes alone.
 *
 * <p>Invariant: every folder Floe creates for data is made here, owner-only from its first moment, and a folder made
 * before by an older version (0755) is tightened when a member next uses it.
 */
public final class OwnerOnly {
    public static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnly() {
    }

    /** True where the default file system keeps POSIX modes. */
    public static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /** Creates {@code dir} (and missing parents) as {@code 0700}, or tightens it to {@code 0700} if it exists. */
    public static Path folder(Path dir) throws IOException {
        if (!posix()) {
            return Files.createDirectories(dir);
        }
        if (Files.isDirectory(dir)) {
            Files.setPosixFilePermissions(dir, FOLDER);
            return dir;
        }
        FileAttribute<Set<PosixFilePermission>> mode = PosixFilePermissions.asFileAttribute(FOLDER);
        return Files.createDirectories(dir, mode);
    }

    /** The attributes that create a file as {@code 0600} ({@code Files.createFile}, {@code createTempFile}). */
    public static FileAttribute<?>[] fileAttributes() {
        return posix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
    }

    /** Sets {@code 0600} on every regular file directly in {@code dir} (files another program created there). */
    public static void filesIn(Path dir) throws IOException {
        if (!posix() || !Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file) && !Files.isSymbolicLink(file)) {
                    try {
                        Files.setPosixFilePermissions(file, FILE);
                    } catch (java.nio.file.NoSuchFileException e) {
                        // A lock or temporary file its program removed meanwhile: nothing left to protect.
                    }
                }
            }
        }
    }
}
