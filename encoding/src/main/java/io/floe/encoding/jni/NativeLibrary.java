package io.floe.encoding.jni;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Loads Floe's native library ({@code libfloers.so}: the RS engine and the Blake2b hasher, built from
 * {@code src/main/native} by Maven when gcc is present) once per JVM. Invariant: {@link #LOADED} is true exactly when
 * the library's native methods may be called; when it is absent or fails to load, one warning is logged and the
 * callers keep their Java code.
 */
public final class NativeLibrary {
    static final String RESOURCE = "/native/linux-x86_64/libfloers.so";
    private static final System.Logger LOG = System.getLogger(NativeLibrary.class.getName());
    /** True when the library is loaded into this JVM. */
    public static final boolean LOADED = load();

    private NativeLibrary() {
    }

    private static boolean load() {
        URL url = NativeLibrary.class.getResource(RESOURCE);
        try {
            if (url == null) {
                throw new IOException(RESOURCE + " is not on the class path (built without gcc?)");
            }
            System.load(url.getProtocol().equals("file") ? Path.of(url.toURI()).toString() : extract(url));
            return true;
        } catch (IOException | URISyntaxException | LinkageError | SecurityException e) {
            LOG.log(System.Logger.Level.WARNING, "native library not loaded, using the Java kernels and hashers: " + e);
            return false;
        }
    }

    /** Copies the library out of a jar into an owner-only temporary file, deleted when the JVM exits. */
    private static String extract(URL url) throws IOException {
        Path file = Files.createTempFile("floers", ".so",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        file.toFile().deleteOnExit();
        try (InputStream in = url.openStream()) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file.toString();
    }
}
