package io.floe.multijvm.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.Row;
import io.floe.persistence.cassandra.CassandraServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The production schema file (docs/production/schema.cql) applied to a keyspace of a test run: its keyspace name
 * replaced, and one replica in the test server's only datacenter instead of three.
 */
final class ProductionSchema {
    static final Path FILE = Path.of("..", "docs", "production", "schema.cql");

    private ProductionSchema() {
    }

    /** The file's statements for {@code keyspace}, comments left out. */
    static List<String> statements(String keyspace) throws IOException {
        String cql = Files.readAllLines(FILE).stream().filter(line -> !line.trim().startsWith("--"))
                .collect(Collectors.joining("\n"))
                .replace("EXISTS floe\n", "EXISTS " + keyspace + "\n")
                .replace(" floe.", " " + keyspace + ".")
                .replace("'datacenter1': 3", "'datacenter1': 1");
        List<String> statements = new ArrayList<>();
        for (String statement : cql.split(";")) {
            if (!statement.isBlank()) {
                statements.add(statement.trim());
            }
        }
        return statements;
    }

    static void apply(CassandraServer server, String keyspace) throws IOException {
        try (CqlSession session = session(server)) {
            for (String statement : statements(keyspace)) {
                session.execute(statement);
            }
        }
    }

    /** Every column of every table of {@code keyspace}: table, name, type, kind, position and clustering order. */
    static Set<String> columns(CassandraServer server, String keyspace) {
        try (CqlSession session = session(server)) {
            Set<String> columns = new TreeSet<>();
            for (Row r : session.execute("SELECT table_name, column_name, type, kind, position, clustering_order"
                    + " FROM system_schema.columns WHERE keyspace_name = ?", keyspace)) {
                columns.add(r.getString(0) + "." + r.getString(1) + " " + r.getString(2) + " " + r.getString(3)
                        + " " + r.getInt(4) + " " + r.getString(5));
            }
            return columns;
        }
    }

    /** The names of the tables of {@code keyspace}. */
    static Set<String> tables(CassandraServer server, String keyspace) {
        try (CqlSession session = session(server)) {
            return session.execute("SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?", keyspace)
                    .all().stream().map(r -> r.getString(0)).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    // Schema changes wait for every node to agree; the driver's default 2 s is too short on a busy test machine.
    private static CqlSession session(CassandraServer server) {
        return CqlSession.builder().addContactPoint(server.address()).withLocalDatacenter("datacenter1")
                .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(60)).build())
                .build();
    }
}
