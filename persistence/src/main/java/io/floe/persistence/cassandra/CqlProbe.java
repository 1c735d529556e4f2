package io.floe.persistence.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.Row;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;

/**
 * Whether a Cassandra node answers CQL: a cheap TCP connect first (so a node still starting costs no driver
 * session and no driver warnings), then {@code SELECT release_version FROM system.local} through the Java driver,
 * which succeeds only once the node serves queries (the native port opens after the node has joined its ring).
 */
final class CqlProbe {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(5);

    private CqlProbe() {
    }

    /** The node's release version when it answers, empty while it does not (yet). */
    static Optional<String> releaseVersion(InetSocketAddress node) {
        if (!portOpen(node)) {
            return Optional.empty();
        }
        try (CqlSession session = session(node)) {
            Row row = session.execute("SELECT release_version FROM system.local").one();
            return row == null ? Optional.empty() : Optional.ofNullable(row.getString(0));
        } catch (RuntimeException notYet) {
            return Optional.empty();
        }
    }

    /** A short-lived session that loads no schema metadata (the probe needs none, and loading it takes time). */
    static CqlSession session(InetSocketAddress node) {
        DriverConfigLoader config = DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.CONNECTION_CONNECT_TIMEOUT, CONNECT_TIMEOUT)
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, QUERY_TIMEOUT)
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, QUERY_TIMEOUT)
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, QUERY_TIMEOUT)
                .withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false)
                .withBoolean(DefaultDriverOption.METADATA_TOKEN_MAP_ENABLED, false)
                .build();
        return CqlSession.builder().withConfigLoader(config).addContactPoint(node)
                .withLocalDatacenter(CassandraNodeFiles.LOCAL_DATACENTER).build();
    }

    static boolean portOpen(InetSocketAddress node) {
        try (Socket socket = new Socket()) {
            socket.connect(node, (int) CONNECT_TIMEOUT.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
