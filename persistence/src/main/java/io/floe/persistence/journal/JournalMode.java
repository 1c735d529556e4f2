package io.floe.persistence.journal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.floe.persistence.cassandra.CassandraJournal;
import java.util.Arrays;
import java.util.Locale;

/**
 * Where a member keeps its events and snapshots ({@value #KEY}): each mode names the journal file that selects
 * and configures its plugins. A member merges exactly one of them, so the two never mix in one system.
 */
public enum JournalMode {
    /** pekko-persistence-jdbc on an H2 file on this machine. */
    EMBEDDED(EmbeddedJournal.CONFIG_RESOURCE),
    /** pekko-persistence-cassandra on an Apache Cassandra cluster. */
    CASSANDRA(CassandraJournal.CONFIG_RESOURCE);

    public static final String KEY = "floe.persistence.mode";

    private final String configResource;

    JournalMode(String configResource) {
        this.configResource = configResource;
    }

    /** The mode a configuration chooses. */
    public static JournalMode of(Config config) {
        return parse(config.getString(KEY));
    }

    public static JournalMode parse(String text) {
        return Arrays.stream(values()).filter(m -> m.configName().equals(text.trim().toLowerCase(Locale.ROOT)))
                .findFirst().orElseThrow(() -> new IllegalArgumentException(KEY + " = '" + text
                        + "' is not a journal mode; use embedded or cassandra"));
    }

    /** The mode as configuration files write it. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The journal file, unresolved: merge it under the member's own settings and resolve them together. */
    public Config journalConfig() {
        Config journal = ConfigFactory.parseResources(JournalMode.class.getClassLoader(), configResource);
        if (journal.isEmpty()) {
            throw new IllegalStateException("resource " + configResource + " is missing from the classpath");
        }
        return journal;
    }

    /** Last touches on the resolved whole: the driver's contact points as a list (see CassandraJournal). */
    public Config finish(Config resolved) {
        return this == CASSANDRA ? CassandraJournal.withContactPointList(resolved) : resolved;
    }
}
