package io.floe.multijvm.cassandra;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import io.floe.persistence.journal.EmbeddedJournal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.io.TempDir;

/** {@link JournalContract} on the embedded journal (H2 through pekko-persistence-jdbc), one database per class. */
class JournalOnEmbeddedTest extends JournalContract {
    @TempDir
    static Path dir;

    @Override
    protected Config journalConfig() {
        return EmbeddedJournal.config(dir.resolve("journal"));
    }

    @Override
    protected void prepare(ActorTestKit kit) throws Exception {
        EmbeddedJournal.createSchema(kit.system()).toCompletableFuture().get(BOUND.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    protected void assertSnapshotStored(String persistenceId, long sequenceNr) throws Exception {
        String url = journalConfig().getString("pekko-persistence-jdbc.shared-databases.floe-embedded.db.url");
        List<Long> stored = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             PreparedStatement select = c.prepareStatement(
                     "SELECT \"sequence_number\" FROM PUBLIC.\"snapshot\" WHERE \"persistence_id\" = ?")) {
            select.setString(1, persistenceId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    stored.add(rows.getLong(1));
                }
            }
        }
        assertTrue(stored.contains(sequenceNr), () -> "snapshot rows of " + persistenceId + ": " + stored);
    }
}
