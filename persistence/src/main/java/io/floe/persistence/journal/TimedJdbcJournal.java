package io.floe.persistence.journal;

import com.typesafe.config.Config;
import org.apache.pekko.persistence.AtomicWrite;
import org.apache.pekko.persistence.jdbc.journal.JdbcAsyncWriteJournal;
import scala.collection.immutable.Seq;
import scala.concurrent.Future;
import scala.runtime.BoxedUnit;
import scala.util.Try;

/**
 * The embedded journal (pekko-persistence-jdbc on H2), its writes timed by {@link JournalWrites}; selected by
 * {@code jdbc-journal.class} in floe-embedded-journal.conf. It behaves exactly as the plugin's own journal.
 */
public class TimedJdbcJournal extends JdbcAsyncWriteJournal {
    private final JournalWrites writes = new JournalWrites(context().system(), "jdbc");

    public TimedJdbcJournal(Config config) {
        super(config);
    }

    @Override
    public Future<Seq<Try<BoxedUnit>>> asyncWriteMessages(Seq<AtomicWrite> messages) {
        return writes.timed(messages, super.asyncWriteMessages(messages));
    }
}
