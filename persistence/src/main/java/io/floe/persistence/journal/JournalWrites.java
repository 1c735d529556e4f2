package io.floe.persistence.journal;

import io.floe.metrics.FloeMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.persistence.AtomicWrite;
import scala.collection.immutable.Seq;
import scala.concurrent.Future;
import scala.jdk.javaapi.FutureConverters;

/**
 * Times a journal's writes, as the journal plugin itself sees them (from the batch handed to the plugin to the
 * database's acknowledgement, so entity mailboxes and stashes are not in it): {@value #WRITES} (exported as
 * {@code floe_journal_write_seconds}, tagged {@code plugin} and {@code outcome} ok or failed) and the events written
 * ({@code floe_journal_events_written_total}). The journal classes of Floe's two plugins ({@link TimedJdbcJournal},
 * {@link TimedCassandraJournal}) call it; the rest of the plugin is untouched.
 */
final class JournalWrites {
    static final String WRITES = "floe.journal.write";
    static final String EVENTS = "floe.journal.events.written";

    private final MeterRegistry registry;
    private final String plugin;
    private final Counter events;

    JournalWrites(ActorSystem system, String plugin) {
        this.registry = FloeMetrics.get(Adapter.toTyped(system)).registry();
        this.plugin = plugin;
        this.events = Counter.builder(EVENTS).tag("plugin", plugin).description("Events the journal wrote")
                .register(registry);
    }

    /** {@code write}, the plugin's answer to {@code messages}, unchanged; its time is recorded when it completes. */
    <T> Future<T> timed(Seq<AtomicWrite> messages, Future<T> write) {
        long start = System.nanoTime();
        int count = 0;
        for (scala.collection.Iterator<AtomicWrite> it = messages.iterator(); it.hasNext(); ) {
            count += it.next().size();
        }
        int written = count;
        FutureConverters.asJava(write).whenComplete((result, error) -> {
            FloeMetrics.latency(WRITES).tags("plugin", plugin, "outcome", error == null ? "ok" : "failed")
                    .description("Time of the journal's batch writes").register(registry)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            if (error == null) {
                events.increment(written);
            }
        });
        return write;
    }
}
