package io.floe.multijvm.cassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.typesafe.config.Config;
import io.floe.multijvm.Await;
import io.floe.persistence.cassandra.CassandraJournal;
import io.floe.persistence.cassandra.CassandraJournalSettings;
import io.floe.persistence.cassandra.CassandraServer;
import io.floe.persistence.readside.CassandraBlobIndexStore;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.persistence.Persistence;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@link JournalContract} on a real Cassandra 5.0 node (pekko-persistence-cassandra), in a keyspace of this run
 * that the plugin creates with its tables, and again ({@link OnTheProductionSchema}) in one made from the production
 * schema file with create-schema off.
 */
@CassandraTest
class JournalOnCassandraTest extends JournalContract {
    private static CassandraServer server;
    private static String keyspace;

    @BeforeAll
    static void useSharedServer(CassandraServer shared) {
        server = shared;
        keyspace = freshKeyspace("journal_");
    }

    @Override
    protected Config journalConfig() {
        return CassandraJournal.config(CassandraJournalSettings.local(server.contactPoint(), keyspace));
    }

    @Override
    protected void assertSnapshotStored(String persistenceId, long sequenceNr) {
        assertSnapshotStored(keyspace, persistenceId, sequenceNr);
    }

    static String freshKeyspace(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static void assertSnapshotStored(String keyspace, String persistenceId, long sequenceNr) {
        try (CqlSession session = CqlSession.builder().addContactPoint(server.address())
                .withLocalDatacenter("datacenter1").build()) {
            List<Long> stored = session.execute("SELECT sequence_nr FROM " + keyspace
                    + ".snapshots WHERE persistence_id = ?", persistenceId).all().stream()
                    .map((Row r) -> r.getLong(0)).toList();
            assertTrue(stored.contains(sequenceNr), () -> "rows of " + keyspace + ".snapshots for " + persistenceId
                    + ": " + stored);
        }
    }

    /**
     * docs/production/schema.cql in a fresh keyspace, members creating nothing (create-schema off): the journal,
     * snapshots and tag views run on it, the read side prepares all its statements and writes, and its tables and
     * columns are exactly those the plugin and the read side create for themselves.
     */
    @Nested
    class OnTheProductionSchema extends JournalContract {
        private static final Duration CREATED = Duration.ofSeconds(60);
        private static String production;

        @BeforeAll
        static void applySchemaFile() throws IOException {
            production = freshKeyspace("production_");
            ProductionSchema.apply(server, production);
        }

        private static CassandraJournalSettings settings(String keyspace, boolean createSchema) {
            return new CassandraJournalSettings(List.of(server.contactPoint()), "datacenter1", keyspace, 1,
                    createSchema);
        }

        @Override
        protected Config journalConfig() {
            return CassandraJournal.config(settings(production, false));
        }

        @Override
        protected void assertSnapshotStored(String persistenceId, long sequenceNr) {
            JournalOnCassandraTest.assertSnapshotStored(production, persistenceId, sequenceNr);
        }

        @Test
        void theReadSideRunsOnTheSchemaFile() throws Exception {
            try (CassandraBlobIndexStore store = CassandraBlobIndexStore.open(settings(production, false))) {
                store.apply(List.of(), "start").toCompletableFuture().get(BOUND.toSeconds(), TimeUnit.SECONDS);
                assertEquals(Optional.of("start"),
                        store.offset().toCompletableFuture().get(BOUND.toSeconds(), TimeUnit.SECONDS));
            }
        }

        @Test
        void hasTheTablesAndColumnsThePluginAndTheReadSideCreate() throws Exception {
            String created = freshKeyspace("created_");
            ActorTestKit kit = ActorTestKit.create("schema", InProcessSystems.config(
                    CassandraJournal.config(settings(created, true))));
            try (CassandraBlobIndexStore store = CassandraBlobIndexStore.open(settings(created, true))) {
                // The journal and the snapshot store create their keyspace and tables when they start.
                Persistence persistence = Persistence.get(Adapter.toClassic(kit.system()));
                persistence.journalFor("", com.typesafe.config.ConfigFactory.empty());
                persistence.snapshotStoreFor("", com.typesafe.config.ConfigFactory.empty());
                store.offset().toCompletableFuture().get(CREATED.toSeconds(), TimeUnit.SECONDS);
                Set<String> wanted = ProductionSchema.tables(server, production);
                Await.until(CREATED, () -> ProductionSchema.tables(server, created).equals(wanted),
                        "the plugin and the read side to create " + wanted);
            } finally {
                kit.shutdownTestKit();
            }
            assertEquals(ProductionSchema.columns(server, created), ProductionSchema.columns(server, production));
        }
    }
}
