package io.floe.cli.wallet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.floe.cli.client.CliJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;

/**
 * The wallet file: {@code {"version":1,"scheme":"ed25519","privateKey":"<base64 seed>","address":"0x.."}}.
 *
 * <p>Invariants: a wallet this class creates is readable by its owner only (folder 0700, file 0600, set at creation,
 * never widened afterwards) and is never overwritten; a wallet file whose modes let anyone else read or write it,
 * or whose address is not the one its key derives, is refused rather than used.
 */
public final class WalletFile {
    public static final String VARIABLE = "FLOE_WALLET";
    static final int VERSION = 1;
    static final String SCHEME = "ed25519";
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> FOLDER_MODE = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    private WalletFile() {
    }

    /**
     * Where the wallet lives by default: {@code $FLOE_WALLET}, else {@code $XDG_CONFIG_HOME/floe/wallet.json}, else
     * {@code $HOME/.config/floe/wallet.json} (the JVM's user.home when HOME is unset).
     */
    public static Path defaultPath(Function<String, String> variables) {
        String explicit = variables.apply(VARIABLE);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String config = variables.apply("XDG_CONFIG_HOME");
        if (config == null || config.isBlank()) {
            String home = variables.apply("HOME");
            config = Path.of(home == null || home.isBlank() ? System.getProperty("user.home") : home, ".config")
                    .toString();
        }
        return Path.of(config, "floe", "wallet.json");
    }

    /** The wallet at {@code path}, created with a fresh key when there is none yet. */
    public static Wallet loadOrCreate(Path path) {
        if (Files.exists(path)) {
            return load(path);
        }
        Wallet wallet = Wallet.generate();
        try {
            createFolders(path.toAbsolutePath().getParent());
            write(path, wallet);
            return wallet;
        } catch (FileAlreadyExistsException e) {
            return load(path); // another floe process created it a moment ago: use that one, never replace it
        } catch (IOException e) {
            throw new WalletException("cannot create the wallet " + path + ": " + reason(e));
        }
    }

    /** The wallet at {@code path}; refused when it is missing, readable by others or not a Floe wallet. */
    public static Wallet load(Path path) {
        String text;
        try {
            checkModes(path);
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new WalletException("no wallet at " + path);
        } catch (IOException e) {
            throw new WalletException("cannot read the wallet " + path + ": " + reason(e));
        }
        return parse(path, text);
    }

    /** The file's text for {@code wallet}, one JSON line. */
    static String text(Wallet wallet) {
        return CliJson.line(CliJson.object().put("version", VERSION).put("scheme", SCHEME)
                .put("privateKey", Base64.getEncoder().encodeToString(wallet.seed()))
                .put("address", wallet.address().value())) + "\n";
    }

    private static Wallet parse(Path path, String text) {
        JsonNode root;
        try {
            root = CliJson.tree(text);
        } catch (JsonProcessingException e) {
            root = null;
        }
        if (root == null || !root.isObject() || root.path("version").asInt(-1) != VERSION
                || !SCHEME.equals(root.path("scheme").asText())) {
            throw new WalletException(path + " is not a Floe wallet (version " + VERSION + ", scheme " + SCHEME + ")");
        }
        Wallet wallet;
        try {
            wallet = Wallet.fromSeed(Base64.getDecoder().decode(root.path("privateKey").asText()));
        } catch (IllegalArgumentException e) {
            throw new WalletException("the wallet " + path + " has no valid privateKey: " + e.getMessage());
        }
        String address = root.path("address").asText("");
        if (!address.isEmpty() && !address.equalsIgnoreCase(wallet.address().value())) {
            throw new WalletException("the wallet " + path + " says address " + address + " but its key is "
                    + wallet.address());
        }
        return wallet;
    }

    // Only the owner may read a key; a wallet others can read (or write) might already be someone else's.
    private static void checkModes(Path path) throws IOException {
        if (!posix(path)) {
            return;
        }
        Set<PosixFilePermission> modes = Files.getPosixFilePermissions(path);
        if (!OWNER_ONLY.containsAll(modes)) {
            throw new WalletException("the wallet " + path + " has mode " + PosixFilePermissions.toString(modes)
                    + ", readable or writable by others; make it owner-only (chmod 600 " + path + ")");
        }
    }

    private static void createFolders(Path folder) throws IOException {
        if (folder == null || Files.isDirectory(folder)) {
            return;
        }
        createFolders(folder.getParent());
        if (posix(folder.getParent())) {
            Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(FOLDER_MODE));
        } else {
            Files.createDirectory(folder);
        }
    }

    // CREATE_NEW: the mode is set as the file is made, so the key is never readable by others, not even briefly.
    private static void write(Path path, Wallet wallet) throws IOException {
        FileAttribute<?>[] attributes = posix(path.toAbsolutePath().getParent())
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE_MODE)} : new FileAttribute<?>[0];
        Files.createFile(path, attributes);
        Files.write(path, text(wallet).getBytes(StandardCharsets.UTF_8), StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC);
    }

    private static boolean posix(Path path) {
        Path existing = path == null ? Path.of("").toAbsolutePath() : path;
        return existing.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static String reason(IOException e) {
        return e.getMessage() != null ? e.getClass().getSimpleName() + " " + e.getMessage()
                : e.getClass().getSimpleName();
    }
}
