package io.floe.multijvm.cassandra;

import io.floe.persistence.cassandra.CassandraServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real Cassandra node for the whole test run: started the first time a test asks for a {@link CassandraServer}
 * parameter (or a network's spec for {@link #server}), kept in the root context's store and closed with it, after the
 * last test class, whether the tests passed or not (the server's own shutdown hook covers a test JVM stopped from
 * outside). Test classes get it with {@link CassandraTest}. Its folder is
 * {@code target/cassandra-node}, emptied first; its two ports are free ones on 127.0.0.1.
 *
 * <p>The store value is an {@link AutoCloseable}: JUnit 5.13 deprecated {@code Store.CloseableResource} in favour of
 * closing {@code AutoCloseable} values, with the same life cycle.
 */
public final class SharedCassandra implements ParameterResolver {
    private static final Logger LOG = LoggerFactory.getLogger(SharedCassandra.class);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedCassandra.class);

    /** The store entry: closing it stops the server. */
    private record Running(CassandraServer server) implements AutoCloseable {
        @Override
        public void close() {
            server.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == CassandraServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server(context);
    }

    /** The run's server, started now if no class has asked for it yet. */
    static CassandraServer server(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Running.class, key -> start(), Running.class).server();
    }

    private static Running start() {
        try {
            Path dir = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("target")
                    .resolve("cassandra-node");
            // A node an earlier, killed run left behind is found through its folder: end it before emptying that.
            CassandraServer.stopLeftOver(dir);
            fresh(dir);
            int[] ports = freePorts();
            CassandraServer server = CassandraServer.start(CassandraServer.Settings.of(
                    CassandraServer.configuredClasspathFile(), dir, ports[0], ports[1]));
            LOG.info("FIGURE Cassandra cold start (empty folder) to first CQL answer: {} ms",
                    server.lastStartTime().toMillis());
            System.out.printf("FIGURE Cassandra cold start (empty folder) to first CQL answer: %.1f s%n",
                    server.lastStartTime().toMillis() / 1000.0);
            return new Running(server);
        } catch (IOException e) {
            throw new UncheckedIOException("the shared Cassandra did not start", e);
        }
    }

    /** A native and a storage port, both free on 127.0.0.1 now (held open together so they differ). */
    private static int[] freePorts() throws IOException {
        try (ServerSocket a = bound(); ServerSocket b = bound()) {
            return new int[] {a.getLocalPort(), b.getLocalPort()};
        }
    }

    private static ServerSocket bound() throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress("127.0.0.1", 0));
        return s;
    }

    private static Path fresh(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return Files.createDirectories(dir);
    }
}
