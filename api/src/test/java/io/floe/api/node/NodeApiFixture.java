package io.floe.api.node;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.floe.api.ServerBindings;
import io.floe.api.json.Json;
import io.floe.encoding.redstuff.BlobEncoder;
import io.floe.encoding.redstuff.EncodedBlob;
import io.floe.encoding.redstuff.EncodingConfig;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.Registration;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;
import io.floe.protocol.signing.Ed25519PublicKey;
import io.floe.protocol.testing.TestKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.ServerBinding;

/**
 * Real storage-node servers on 127.0.0.1, port 0, over in-memory backends, and a {@link NodeClient} for each.
 * Everything it starts it stops in {@link #close}.
 */
final class NodeApiFixture implements AutoCloseable {
    static final int N = 10;
    static final Epoch EPOCH = new Epoch(3);
    static final Epoch END_EPOCH = new Epoch(10);
    static final NodeId NODE_A = new NodeId("node-a");
    static final NodeId NODE_B = new NodeId("node-b");
    static final String NODE_B_URL = "http://node-b.example:9186";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ActorTestKit testKit;
    private final ExecutorService clientThreads = Executors.newFixedThreadPool(4);
    private final HttpClient http = HttpClient.newBuilder().executor(clientThreads).build();
    private final List<ServerBinding> bindings = Collections.synchronizedList(new ArrayList<>());
    private final TestKey keys = TestKey.generate();

    /** A node under test: its backend, its control plane, its URL and a client for it. */
    record Node(InMemoryNodeBackend backend, FixedControlPlane control, URI url, NodeClient client) {
    }

    NodeApiFixture() {
        this(ConfigFactory.empty());
    }

    /** With {@code overrides} on the test configuration (short {@code floe.http} timeouts, say). */
    NodeApiFixture(Config overrides) {
        testKit = ActorTestKit.create("node-api-test", overrides.withFallback(ConfigFactory.load()));
    }

    /** Node A alone, holding all shards. */
    Node startSoleNode() {
        return start(committee(Collections.nCopies(N, NODE_A)), NodeRoutes.maxSliverBodyBytes(N));
    }

    /** Node A holds shards 0-4, node B (not started) holds 5-9. */
    Node startHalfNode() {
        List<NodeId> owners = new ArrayList<>();
        for (int k = 0; k < N; k++) {
            owners.add(k < N / 2 ? NODE_A : NODE_B);
        }
        return start(committee(owners), NodeRoutes.maxSliverBodyBytes(N));
    }

    Node start(Committee committee, long maxSliverBytes) {
        FixedControlPlane control = new FixedControlPlane(committee);
        InMemoryNodeBackend backend = new InMemoryNodeBackend(NODE_A, committee, control, keys);
        NodeRoutes routes = new NodeRoutes(backend, NodeRoutes.blockingExecutor(testKit.system()), maxSliverBytes);
        ServerBinding binding = await(ServerBindings.serverAt(testKit.system(), "127.0.0.1", 0).bind(routes.createRoute()));
        bindings.add(binding);
        URI url = URI.create("http://127.0.0.1:" + binding.localAddress().getPort());
        return new Node(backend, control, url, new NodeClient(http, url, TIMEOUT));
    }

    Committee committee(List<NodeId> owners) {
        return committee(EPOCH, owners);
    }

    Committee committee(Epoch epoch, List<NodeId> owners) {
        byte[] otherKey = new byte[32];
        new Random(7).nextBytes(otherKey);
        List<StorageNodeInfo> members = new ArrayList<>();
        members.add(new StorageNodeInfo(NODE_A, "http://127.0.0.1:0", keys.publicKey(), 1000));
        if (owners.contains(NODE_B)) {
            members.add(new StorageNodeInfo(NODE_B, NODE_B_URL, Ed25519PublicKey.of(otherKey), 1000));
        }
        return new Committee(epoch, members, owners);
    }

    static EncodedBlob encode(int length, long seed) {
        byte[] data = new byte[length];
        new Random(seed).nextBytes(data);
        return new BlobEncoder(new EncodingConfig(N)).encode(data);
    }

    static Registration registration(boolean deletable) {
        return new Registration(ObjectId.random(), "0xowner", 1000, 50_000, new Epoch(1), END_EPOCH, deletable, 100,
                Optional.empty());
    }

    /** A raw exchange, to check status lines and JSON shapes exactly as a non-Floe client sees them. */
    HttpResponse<String> raw(String method, URI uri, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return await(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
    }

    static JsonNode json(HttpResponse<String> response) {
        return Json.parse(response.body().getBytes(StandardCharsets.UTF_8));
    }

    static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("failed: " + e.getCause(), e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The {@link NodeRequestException} the stage fails with (within the bound). */
    static NodeRequestException failure(CompletionStage<?> stage) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> stage.toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        return assertInstanceOf(NodeRequestException.class, e.getCause());
    }

    @Override
    public void close() {
        for (ServerBinding binding : bindings) {
            await(binding.unbind());
        }
        testKit.shutdownTestKit();
        clientThreads.shutdownNow();
    }
}
