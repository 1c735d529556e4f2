package io.floe.multijvm.cassandra;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.typesafe.config.Config;
import io.floe.persistence.cassandra.CassandraJournal;
import io.floe.persistence.cassandra.CassandraJournalSettings;
import io.floe.persistence.cassandra.CassandraServer;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link JournalContract} on a real Cassandra 5.0 node (pekko-persistence-cassandra), in a keyspace of this run
 * that the plugin creates with its tables.
 */
@CassandraTest
class JournalOnCassandraTest extends JournalContract {
    private static CassandraServer server;
    private static String keyspace;

    @BeforeAll
    static void useSharedServer(CassandraServer shared) {
        server = shared;
        keyspace = "journal_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    @Override
    protected Config journalConfig() {
        return CassandraJournal.config(CassandraJournalSettings.local(server.contactPoint(), keyspace));
    }

    @Override
    protected void assertSnapshotStored(String persistenceId, long sequenceNr) {
        try (CqlSession session = CqlSession.builder().addContactPoint(server.address())
                .withLocalDatacenter("datacenter1").build()) {
            List<Long> stored = session.execute("SELECT sequence_nr FROM " + keyspace
                    + ".snapshots WHERE persistence_id = ?", persistenceId).all().stream()
                    .map((Row r) -> r.getLong(0)).toList();
            assertTrue(stored.contains(sequenceNr), () -> "rows of " + keyspace + ".snapshots for " + persistenceId
                    + ": " + stored);
        }
    }
}
