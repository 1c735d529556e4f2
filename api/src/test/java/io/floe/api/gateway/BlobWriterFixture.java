package io.floe.api.gateway;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.floe.api.node.NodeClient;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.EpochCommittees;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;

/**
 * A {@link BlobWriter} over two fake storage nodes ({@link FakeStorageNode}) that share the shards of a
 * {@value #N}-shard committee alternately, and a {@link StubControlPlane} whose committee is theirs; the writer's
 * tests change the stub's answers and the nodes' behaviour. {@link #close} stops the nodes and the actor system.
 */
final class BlobWriterFixture implements AutoCloseable {
    static final int N = 10;
    final List<FakeStorageNode> nodes = List.of(new FakeStorageNode("a"), new FakeStorageNode("b"));
    final StubControlPlane control = new StubControlPlane(view(Epoch.GENESIS));
    final BlobWriter writer;
    private final ActorTestKit testKit;
    private final ExecutorService cpu = Executors.newFixedThreadPool(2);
    private org.apache.pekko.http.javadsl.ServerBinding binding;

    BlobWriterFixture(String systemName) {
        this(systemName, ConfigFactory.load());
    }

    /** With the actor system configured by {@code config} (e.g. the gateway's JWT settings). */
    BlobWriterFixture(String systemName, Config config) {
        this(systemName, config, true);
    }

    /** With small blobs sent to the nodes to hold while they are registered only when {@code holdWhileRegistering}. */
    BlobWriterFixture(String systemName, boolean holdWhileRegistering) {
        this(systemName, ConfigFactory.load(), holdWhileRegistering);
    }

    private BlobWriterFixture(String systemName, Config config, boolean holdWhileRegistering) {
        testKit = ActorTestKit.create(systemName, config);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        writer = new BlobWriter(testKit.system(), control,
                info -> new NodeClient(http, URI.create(info.storageUrl()), Duration.ofSeconds(10)), cpu,
                Duration.ofMillis(10), 2, NodeUploads.DEFAULT_UPLOAD_WINDOW, holdWhileRegistering);
    }

    /** The two nodes, shards alternating, as the committee of {@code epoch} with nothing moving. */
    EpochCommittees view(Epoch epoch) {
        List<StorageNodeInfo> members = nodes.stream().map(FakeStorageNode::info).toList();
        List<NodeId> owners = new ArrayList<>();
        for (int k = 0; k < N; k++) {
            owners.add(members.get(k % 2).id());
        }
        return EpochCommittees.genesis(new Committee(epoch, members, owners), Instant.now(), Duration.ofMinutes(1));
    }

    /**
     * Serves the gateway's routes over this writer (and a reader of the same nodes) on a free port of 127.0.0.1, with
     * {@code uploads}; returns its base URI. {@link #close} unbinds it.
     */
    URI serve(UploadSettings uploads) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        BlobReader reader = new BlobReader(info -> new NodeClient(http, URI.create(info.storageUrl()),
                Duration.ofSeconds(10)), cpu, 2);
        ClientRoutes routes = new ClientRoutes(system(), control, writer, reader, uploads, node -> true, cpu);
        try {
            binding = io.floe.api.ServerBindings.serverAt(system(), "127.0.0.1", 0).bind(routes.createRoute())
                    .toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the gateway did not bind", e);
        }
        return URI.create("http://127.0.0.1:" + binding.localAddress().getPort());
    }

    org.apache.pekko.actor.typed.ActorSystem<Void> system() {
        return testKit.system();
    }

    java.util.concurrent.Executor cpu() {
        return cpu;
    }

    @Override
    public void close() {
        if (binding != null) {
            binding.unbind().toCompletableFuture().join();
        }
        nodes.forEach(FakeStorageNode::close);
        testKit.shutdownTestKit();
        cpu.shutdownNow();
    }
}
