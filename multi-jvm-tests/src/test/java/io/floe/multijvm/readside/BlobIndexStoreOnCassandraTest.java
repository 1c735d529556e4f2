package io.floe.multijvm.readside;

import io.floe.multijvm.cassandra.CassandraTest;
import io.floe.persistence.cassandra.CassandraJournalSettings;
import io.floe.persistence.cassandra.CassandraServer;
import io.floe.persistence.readside.BlobIndexStore;
import io.floe.persistence.readside.BlobIndexStoreContract;
import io.floe.persistence.readside.CassandraBlobIndexStore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * The read-side store contract on the run's real Cassandra 5.0 node: each test in a keyspace of its own, created
 * with its tables by the store (create-schema on), so LOGGED batches, the owner partitions' clustering-key pages
 * and the token-ordered full listing all run on the real server.
 */
@CassandraTest
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class BlobIndexStoreOnCassandraTest extends BlobIndexStoreContract {
    private static CassandraServer server;

    @BeforeAll
    static void useSharedServer(CassandraServer shared) {
        server = shared;
    }

    @Override
    protected BlobIndexStore open(String name) {
        return CassandraBlobIndexStore.open(CassandraJournalSettings.local(server.contactPoint(), name));
    }
}
