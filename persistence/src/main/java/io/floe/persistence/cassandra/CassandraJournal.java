package io.floe.persistence.cassandra;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.util.Map;

/**
 * The Cassandra event journal: pekko-persistence-cassandra's journal, snapshot store and read journal on the
 * keyspace and servers of {@link CassandraJournalSettings}. The configuration it hands out always gives the driver
 * the contact points as a list (the form the driver reads), whichever form the settings came in.
 */
public final class CassandraJournal {
    /** Classpath resource with the plugin selection and the mapping of floe.persistence.cassandra onto it. */
    public static final String CONFIG_RESOURCE = "floe-cassandra-journal.conf";
    /** Plugin ID of the read journal, for {@code PersistenceQuery.getReadJournalFor}. */
    public static final String READ_JOURNAL_PLUGIN_ID = "pekko.persistence.cassandra.query";
    /** Plugin IDs of the journal and the snapshot store (also the config paths of their settings). */
    public static final String JOURNAL_PLUGIN_ID = "pekko.persistence.cassandra.journal";
    public static final String SNAPSHOT_PLUGIN_ID = "pekko.persistence.cassandra.snapshot";
    private static final String DRIVER_CONTACT_POINTS = "datastax-java-driver.basic.contact-points";

    private CassandraJournal() {
    }

    /**
     * The resolved settings that put a system's journal, snapshots and read journal in Cassandra with
     * {@code settings}: merge them over the rest, {@code CassandraJournal.config(s).withFallback(config)}.
     */
    public static Config config(CassandraJournalSettings settings) {
        ClassLoader loader = CassandraJournal.class.getClassLoader();
        Config journal = ConfigFactory.parseResources(loader, CONFIG_RESOURCE);
        if (journal.isEmpty()) {
            throw new IllegalStateException("resource " + CONFIG_RESOURCE + " is missing from the classpath");
        }
        Config overrides = ConfigFactory.parseMap(Map.of(
                CassandraJournalSettings.PATH + ".contact-points",
                ConfigValueFactory.fromIterable(settings.contactPoints()),
                CassandraJournalSettings.PATH + ".local-datacenter", settings.localDatacenter(),
                CassandraJournalSettings.PATH + ".keyspace", settings.keyspace(),
                CassandraJournalSettings.PATH + ".replication-factor", settings.replicationFactor(),
                CassandraJournalSettings.PATH + ".create-schema", settings.createSchema()));
        Config source = overrides.withFallback(ConfigFactory.defaultReference(loader));
        return withContactPointList(overrides.withFallback(journal).resolveWith(source).withFallback(overrides));
    }

    /**
     * {@code resolved} with the driver's contact points set from {@code floe.persistence.cassandra.contact-points}
     * as a list: the journal file copies that key as it is, and a comma-separated string (from the environment)
     * would not do for the driver.
     */
    public static Config withContactPointList(Config resolved) {
        CassandraJournalSettings settings = CassandraJournalSettings.from(resolved);
        return ConfigFactory.parseMap(Map.of(DRIVER_CONTACT_POINTS,
                ConfigValueFactory.fromIterable(settings.contactPoints()))).withFallback(resolved);
    }
}
