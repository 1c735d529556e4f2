package io.floe.api.gateway;

import io.floe.api.control.ControlPlane;
import io.floe.api.node.NodeClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;

/**
 * A gateway's client API ({@link ClientRoutes}) on 127.0.0.1, port 0, reading with the test's {@link BlobReader} and
 * writing through nodes reached with {@code http}, uploads spooled to a temporary folder (1 MiB bodies). Closing it
 * unbinds the server and deletes the spool folder.
 */
final class TestGateway implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final ServerBinding binding;
    private final Path spool;
    final URI url;

    TestGateway(ActorSystem<?> system, ControlPlane control, BlobReader reader, HttpClient http, Executor cpu)
            throws Exception {
        BlobWriter writer = new BlobWriter(system, control,
                info -> new NodeClient(http, URI.create(info.storageUrl()), TIMEOUT), cpu, Duration.ofMillis(10), 2);
        spool = Files.createTempDirectory("floe-spool");
        ClientRoutes routes = new ClientRoutes(system, control, writer, reader,
                new UploadSettings(1 << 20, spool, 1 << 20), node -> true, cpu);
        binding = Http.get(system).newServerAt("127.0.0.1", 0).bind(routes.createRoute())
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        url = URI.create("http://127.0.0.1:" + binding.localAddress().getPort());
    }

    @Override
    public void close() throws Exception {
        binding.unbind().toCompletableFuture().get(10, TimeUnit.SECONDS);
        Files.deleteIfExists(spool);
    }
}
