package io.floe.persistence.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.floe.persistence.files.OwnerOnly;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A member's embedded database opens only with the network's secret; its folder and files are the owner's alone. */
class EmbeddedJournalSecretTest {
    @TempDir
    Path dir;
    ActorTestKit kit;

    @AfterEach
    void stop() {
        if (kit != null) {
            kit.shutdownTestKit();
        }
    }

    private Path journalDir() {
        return dir.resolve("journal");
    }

    private String url() {
        return EmbeddedJournal.config(journalDir()).getString(EmbeddedJournal.DATABASE_PATH + ".url");
    }

    @Test
    void aNewDatabaseRefusesTheEmptyPasswordAndTheJournalWorksWithTheSecret() throws Exception {
        Config secured = EmbeddedJournal.secure(EmbeddedJournal.config(journalDir()));

        String secret = Files.readString(journalDir().resolve(EmbeddedJournal.SECRET_FILE_NAME)).trim();
        assertEquals(secret, secured.getString(EmbeddedJournal.DATABASE_PATH + ".password"));
        assertEquals(43, secret.length());
        assertRefusesEmptyPassword();
        kit = ActorTestKit.create("secured-journal", secured
                .withFallback(ConfigFactory.parseString("pekko.actor.provider = local")).withFallback(ConfigFactory.load()));
        EmbeddedJournal.createSchema(kit.system()).toCompletableFuture().get(30, TimeUnit.SECONDS);
        ActorRef<EmbeddedJournalTest.Items.Command> items = kit.spawn(EmbeddedJournalTest.Items.create("secured"));
        TestProbe<Done> done = kit.createTestProbe();
        items.tell(new EmbeddedJournalTest.Items.Add("a", done.getRef()));
        done.expectMessage(EmbeddedJournalTest.TIMEOUT, Done.getInstance());
    }

    @Test
    void anOlderDatabaseWithTheEmptyPasswordKeepsItsDataAndIsGivenTheSecret() throws Exception {
        try (Connection c = DriverManager.getConnection(url(), "sa", ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE older (v INT)");
            s.execute("INSERT INTO older VALUES (7)");
        }
        Config secured = EmbeddedJournal.secure(EmbeddedJournal.config(journalDir()));

        assertRefusesEmptyPassword();
        String secret = secured.getString(EmbeddedJournal.DATABASE_PATH + ".password");
        try (Connection c = DriverManager.getConnection(url(), "sa", secret); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT v FROM older")) {
            assertTrue(rows.next());
            assertEquals(7, rows.getInt(1));
        }
        // A second member (or the next start) reads the same secret and opens the database as it is.
        Config again = EmbeddedJournal.secure(EmbeddedJournal.config(journalDir()));
        assertEquals(secret, again.getString(EmbeddedJournal.DATABASE_PATH + ".password"));
    }

    @Test
    void theFolderIsTheOwnersAndEveryFileInItToo() throws Exception {
        Files.createDirectories(journalDir(), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        EmbeddedJournal.secure(EmbeddedJournal.config(journalDir()));

        assertEquals("rwx------", mode(journalDir()));
        try (Stream<Path> files = Files.list(journalDir())) {
            List<Path> all = files.toList();
            assertTrue(all.stream().anyMatch(f -> f.getFileName().toString().endsWith(".mv.db")), all::toString);
            for (Path f : all) {
                assertEquals("rw-------", mode(f), f::toString);
            }
        }
    }

    @Test
    void aSecretFileOfTheWrongShapeIsRefusedNotReplaced() throws Exception {
        OwnerOnly.folder(journalDir());
        Path file = journalDir().resolve(EmbeddedJournal.SECRET_FILE_NAME);
        Files.writeString(file, "not a secret\n");
        assertThrows(java.io.UncheckedIOException.class,
                () -> EmbeddedJournal.secure(EmbeddedJournal.config(journalDir())));
        assertEquals("not a secret\n", Files.readString(file));
    }

    private void assertRefusesEmptyPassword() {
        SQLException refused = assertThrows(SQLException.class, () -> DriverManager.getConnection(url(), "sa", "").close());
        assertEquals(DatabasePassword.WRONG_USER_OR_PASSWORD, refused.getErrorCode(), refused.getMessage());
    }

    private static String mode(Path p) throws java.io.IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
