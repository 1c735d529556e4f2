package io.floe.persistence.cassandra;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueType;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code floe.persistence.cassandra} settings (reference.conf documents each key), read once. Invariants: at
 * least one contact point, each {@code host:port}; a keyspace name Cassandra accepts unquoted; a replication
 * factor of at least 1.
 */
public record CassandraJournalSettings(List<String> contactPoints, String localDatacenter, String keyspace,
                                       int replicationFactor, boolean createSchema) {
    public static final String PATH = "floe.persistence.cassandra";

    public CassandraJournalSettings {
        contactPoints = List.copyOf(contactPoints);
        if (contactPoints.isEmpty()) {
            throw new IllegalArgumentException(PATH + ".contact-points is empty");
        }
        for (String point : contactPoints) {
            if (!point.matches("[^:\\s]+:[0-9]{1,5}") && !point.matches("\\[[0-9a-fA-F:]+]:[0-9]{1,5}")) {
                throw new IllegalArgumentException(PATH + ".contact-points: '" + point + "' is not host:port");
            }
        }
        if (!keyspace.matches("[a-zA-Z][a-zA-Z0-9_]{0,47}")) {
            throw new IllegalArgumentException(PATH + ".keyspace: '" + keyspace
                    + "' is not a keyspace name (a letter, then up to 47 letters, digits or _)");
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException(PATH + ".replication-factor must be at least 1, was "
                    + replicationFactor);
        }
    }

    /** Settings for one local node (the keyspace created when missing, one replica). */
    public static CassandraJournalSettings local(String contactPoint, String keyspace) {
        return new CassandraJournalSettings(List.of(contactPoint), CassandraNodeFiles.LOCAL_DATACENTER, keyspace, 1,
                true);
    }

    public static CassandraJournalSettings from(Config config) {
        Config c = config.getConfig(PATH);
        return new CassandraJournalSettings(contactPoints(c), c.getString("local-datacenter"),
                c.getString("keyspace"), c.getInt("replication-factor"), c.getBoolean("create-schema"));
    }

    /** A list, or (from FLOE_CASSANDRA_CONTACT_POINTS) one comma-separated string. */
    private static List<String> contactPoints(Config c) {
        if (c.getValue("contact-points").valueType() == ConfigValueType.STRING) {
            return Arrays.stream(c.getString("contact-points").split(",")).map(String::trim)
                    .filter(s -> !s.isEmpty()).toList();
        }
        return c.getStringList("contact-points");
    }
}
