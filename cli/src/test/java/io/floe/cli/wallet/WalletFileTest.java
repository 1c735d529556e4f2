package io.floe.cli.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.protocol.account.Address;
import io.floe.protocol.account.VerifiedRequest;
import io.floe.protocol.proto.FloeAccountProto.ClientRequest;
import io.floe.protocol.proto.FloeAccountProto.TransferOp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalletFileTest {
    @TempDir
    Path dir;

    @Test
    void createsTheWalletOwnerOnlyOnFirstUseAndReadsTheSameKeyBack() throws IOException {
        Path path = dir.resolve("config/floe/wallet.json");

        Wallet created = WalletFile.loadOrCreate(path);
        Wallet loaded = WalletFile.loadOrCreate(path);

        assertEquals(created.address(), loaded.address());
        assertEquals(created.address(), Address.of(created.publicKey()));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(path.getParent())));
        assertEquals("rwx------", PosixFilePermissions.toString(
            Files.getPosixFilePermissions(path.getParent().getParent())));
        String text = Files.readString(path);
        assertTrue(text.startsWith("{\"version\":1,\"scheme\":\"ed25519\",\"privateKey\":\""), text);
        assertTrue(text.contains("\"address\":\"" + created.address() + "\""), text);
    }

    @Test
    void refusesAWalletOthersCanRead() throws IOException {
        Path path = dir.resolve("wallet.json");
        WalletFile.loadOrCreate(path);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));

        WalletException e = assertThrows(WalletException.class, () -> WalletFile.loadOrCreate(path));

        assertTrue(e.getMessage().contains("has mode rw-r--r--") && e.getMessage().contains("chmod 600"),
            e.getMessage());
    }

    @Test
    void refusesAFileThatIsNotAWalletOrWhoseAddressIsNotItsKeys() throws IOException {
        Path path = Files.writeString(dir.resolve("wallet.json"), "{\"version\":2}",
            java.nio.file.StandardOpenOption.CREATE_NEW);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        assertTrue(assertThrows(WalletException.class, () -> WalletFile.load(path)).getMessage()
            .contains("is not a Floe wallet"));

        String other = WalletFile.text(Wallet.generate());
        String mine = WalletFile.text(Wallet.generate());
        Files.writeString(path, mine.replaceAll("\"address\":\"[^\"]+\"",
            other.replaceAll("(?s).*(\"address\":\"[^\"]+\").*", "$1")));
        assertTrue(assertThrows(WalletException.class, () -> WalletFile.load(path)).getMessage()
            .contains("but its key is"));
        assertTrue(assertThrows(WalletException.class, () -> WalletFile.load(dir.resolve("none.json")))
            .getMessage().startsWith("no wallet at "));
    }

    @Test
    void theDefaultPathFollowsFloeWalletThenXdgThenHome() {
        assertEquals(Path.of("/w/my.json"), WalletFile.defaultPath(Map.of("FLOE_WALLET", "/w/my.json",
            "XDG_CONFIG_HOME", "/x")::get));
        assertEquals(Path.of("/x/floe/wallet.json"), WalletFile.defaultPath(Map.of("XDG_CONFIG_HOME", "/x",
            "HOME", "/h")::get));
        assertEquals(Path.of("/h/.config/floe/wallet.json"), WalletFile.defaultPath(Map.of("HOME", "/h")::get));
    }

    @Test
    void signsRequestsThatVerifyWithAFreshIdAndAnExpiryFiveMinutesAhead() {
        Wallet wallet = Wallet.generate();
        Clock clock = Clock.fixed(Instant.ofEpochMilli(1_000_000), ZoneOffset.UTC);
        RequestSigner signer = new RequestSigner(wallet, clock);
        ClientRequest.Builder transfer = ClientRequest.newBuilder()
            .setTransfer(TransferOp.newBuilder().setTo(wallet.address().value()).setAmount(5));

        VerifiedRequest first = signer.sign(transfer).verify(1_000_000);
        VerifiedRequest second = signer.sign(transfer).verify(1_000_000);

        assertEquals(wallet.address(), first.account());
        assertEquals(1_000_000 + RequestSigner.VALIDITY.toMillis(), first.expiresAtMillis());
        assertTrue(!first.key().equals(second.key()), "each signed request has its own ID");
        assertEquals(5, first.request().getTransfer().getAmount());
    }
}
