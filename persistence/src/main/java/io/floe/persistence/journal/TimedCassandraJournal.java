package io.floe.persistence.journal;

import com.typesafe.config.Config;
import org.apache.pekko.persistence.AtomicWrite;
import org.apache.pekko.persistence.cassandra.journal.CassandraJournal;
import scala.collection.immutable.Seq;
import scala.concurrent.Future;
import scala.runtime.BoxedUnit;
import scala.util.Try;

/**
 * The Cassandra journal (pekko-persistence-cassandra), its writes timed by {@link JournalWrites}; selected by
 * {@code pekko.persistence.cassandra.journal.class} in floe-cassandra-journal.conf. It behaves exactly as the
 * plugin's own journal.
 */
public class TimedCassandraJournal extends CassandraJournal {
    private final JournalWrites writes = new JournalWrites(context().system(), "cassandra");

    public TimedCassandraJournal(Config config, String configPath) {
        super(config, configPath);
    }

    @Override
    public Future<Seq<Try<BoxedUnit>>> asyncWriteMessages(Seq<AtomicWrite> messages) {
        return writes.timed(messages, super.asyncWriteMessages(messages));
    }
}
