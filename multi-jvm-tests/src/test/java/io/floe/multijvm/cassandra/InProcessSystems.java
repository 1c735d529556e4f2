package io.floe.multijvm.cassandra;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/** Configuration of an actor system in the test JVM: Floe's serialization and defaults, one journal, no cluster. */
final class InProcessSystems {
    private InProcessSystems() {
    }

    /** {@code journal} (resolved, from EmbeddedJournal.config or CassandraJournal.config) over Floe's defaults. */
    static Config config(Config journal) {
        return journal
                .withFallback(ConfigFactory.parseString("pekko.actor.provider = local\n"
                        + "pekko.loglevel = INFO\n"
                        + "pekko.coordinated-shutdown.exit-jvm = off"))
                .withFallback(ConfigFactory.load());
    }
}
