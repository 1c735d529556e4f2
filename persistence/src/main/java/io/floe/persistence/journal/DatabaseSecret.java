package io.floe.persistence.journal;

import io.floe.persistence.files.OwnerOnly;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The password of a network's embedded database: 32 random bytes as URL-safe base64, kept in a {@code 0600} file
 * beside the database. Every member that shares the database reads the same file; the first to start creates it.
 *
 * <p>Invariants: the file is created once and whole (written to a temporary file, then linked into place, which fails
 * if another member linked its own first: both then use the winner's), and never replaced; a file that is not a
 * secret of this shape is refused rather than rewritten, since the database would no longer open with a new one.
 */
public final class DatabaseSecret {
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final int BYTES = 32;

    private DatabaseSecret() {
    }

    /** The secret in {@code file}, created first when there is none. */
    public static String readOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            create(file);
        }
        String secret = Files.readString(file, StandardCharsets.US_ASCII).trim();
        if (!SHAPE.matcher(secret).matches()) {
            throw new IOException(file + " does not hold a database secret (43 URL-safe base64 characters)");
        }
        return secret;
    }

    private static void create(Path file) throws IOException {
        byte[] random = new byte[BYTES];
        new SecureRandom().nextBytes(random);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n";
        Path dir = file.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, file.getFileName() + ".", ".tmp", OwnerOnly.fileAttributes());
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.write(StandardCharsets.US_ASCII.encode(secret));
                channel.force(true);
            }
            link(temp, file);
        } catch (FileAlreadyExistsException e) {
            // Another member created it at the same moment: its secret is the network's.
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Links {@code temp} in as {@code file}, failing if it exists; a plain rename where links are not supported. */
    private static void link(Path temp, Path file) throws IOException {
        try {
            Files.createLink(file, temp);
        } catch (UnsupportedOperationException e) {
            Files.move(temp, file);
        }
    }
}
