package io.floe.multijvm.cassandra;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.persistence.cassandra.CassandraJournal;
import io.floe.persistence.cassandra.CassandraJournalSettings;
import io.floe.persistence.cassandra.CassandraServer;
import io.floe.persistence.journal.EmbeddedJournal;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prints (does not assert) registration+certification events per second on each journal, from
 * {@link JournalThroughput} in the test JVM: {@code FIGURE journal ...} lines in the test output. The size of a run
 * comes from {@code -Dfloe.bench.journal.blobs} (default 300) and {@code -Dfloe.bench.journal.in-flight} (16);
 * bench/journal-throughput.sh runs a bigger one.
 */
@CassandraTest
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class JournalThroughputTest {
    private static final int BLOBS = Integer.getInteger("floe.bench.journal.blobs", 300);
    private static final int IN_FLIGHT = Integer.getInteger("floe.bench.journal.in-flight", 16);
    private static final int WARM_UP = Math.max(20, BLOBS / 5);

    @TempDir
    Path dir;

    @Test
    void embeddedJournal() throws Exception {
        ActorTestKit kit = ActorTestKit.create("bench", InProcessSystems.config(
                EmbeddedJournal.config(dir.resolve("journal"))));
        try {
            EmbeddedJournal.createSchema(kit.system()).toCompletableFuture().get(30, TimeUnit.SECONDS);
            report("embedded (H2)", new JournalThroughput(kit).run(WARM_UP, BLOBS, IN_FLIGHT));
        } finally {
            kit.shutdownTestKit();
        }
    }

    @Test
    void cassandraJournal(CassandraServer server) throws Exception {
        String keyspace = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        ActorTestKit kit = ActorTestKit.create("bench", InProcessSystems.config(CassandraJournal.config(
                CassandraJournalSettings.local(server.contactPoint(), keyspace))));
        try {
            report("Cassandra 5.0 (one node)", new JournalThroughput(kit).run(WARM_UP, BLOBS, IN_FLIGHT));
        } finally {
            kit.shutdownTestKit();
        }
    }

    private static void report(String journal, JournalThroughput.Result result) {
        System.out.printf("FIGURE journal %s: %.0f registration+certification events/s (%.0f blobs/s; %d blobs x %d"
                        + " events, %d in flight, %.1f s)%n", journal, result.eventsPerSecond(), result.blobsPerSecond(),
                result.blobs(), JournalThroughput.EVENTS_PER_BLOB, IN_FLIGHT, result.nanos() / 1e9);
        assertTrue(result.blobs() > 0);
    }
}
