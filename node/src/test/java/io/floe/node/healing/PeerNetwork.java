package io.floe.node.healing;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.extractUri;
import static org.apache.pekko.http.javadsl.server.Directives.mapResponse;

import com.typesafe.config.ConfigFactory;
import io.floe.actors.ledger.CommitteeView;
import io.floe.api.control.ControlPlane;
import io.floe.api.node.NodeClient;
import io.floe.api.node.NodeRoutes;
import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.index.SliverIndex;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.metadata.VerifiedMetadata;
import io.floe.encoding.redstuff.Sliver;
import io.floe.node.http.StorageNodeBackend;
import io.floe.node.shard.TestHostedShards;
import io.floe.persistence.keys.NodeKeys;
import io.floe.persistence.sliver.SliverStore;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.EpochCommittees;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Storage nodes in one JVM for recovery tests: each with a real {@link SliverStore} in its own folder, a real
 * {@link StorageNodeBackend} and {@link NodeRoutes} served on 127.0.0.1 port 0, in a committee that gives each node the
 * shards of the pairs the test names for one blob. Everything it starts it stops in {@link #close}.
 */
final class PeerNetwork implements AutoCloseable {
    static final int N = 10;
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /**
     * One node: its store, its recovery counters, how often it was asked for symbols, whether it lies (flips a byte of
     * the first symbol in every recovery-symbol answer), whether it refuses batches (400 to a recovery-symbol request
     * naming several targets, as a node too old to read them would), every recovery-symbol query it was sent, and a
     * client for it.
     */
    record Node(NodeId id, SliverStore store, HealingMetrics metrics, AtomicInteger symbolRequests, AtomicBoolean lies,
                AtomicBoolean refusesBatches, List<String> symbolQueries, NodeClient client, ServerBinding binding) {
    }

    /** Past the list length, tag, index and length prefix of the first symbol in either answer layout. */
    private static final int LIE_OFFSET = 16;

    private final ActorTestKit testKit = ActorTestKit.create("recovery-test",
            ConfigFactory.parseString("pekko.actor.provider = local").withFallback(ConfigFactory.defaultReference()));
    private final ExecutorService clientThreads = Executors.newFixedThreadPool(4);
    private final HttpClient http = HttpClient.newBuilder().executor(clientThreads).build();
    private final Map<NodeId, Node> nodes = new LinkedHashMap<>();
    private final java.util.Set<NodeId> stopped = new java.util.HashSet<>();
    private final Committee committee;

    /** {@code pairsByNode}: for each node, the pairs of {@code blobId} its shards hold (every pair exactly once). */
    PeerNetwork(Path dir, BlobId blobId, Map<NodeId, List<Integer>> pairsByNode) {
        NodeId[] owners = new NodeId[N];
        pairsByNode.forEach((id, pairs) -> pairs.forEach(p -> owners[shardOf(blobId, p).value()] = id));
        List<StorageNodeInfo> members = new ArrayList<>();
        Map<NodeId, String> urls = new LinkedHashMap<>();
        Committee[] current = new Committee[1];
        for (NodeId id : pairsByNode.keySet()) {
            Node node = start(dir.resolve(id.value()), id, owners, () -> Optional.ofNullable(current[0]));
            nodes.put(id, node);
            String url = "http://127.0.0.1:" + node.binding().localAddress().getPort();
            urls.put(id, url);
            members.add(new StorageNodeInfo(id, url, NodeKeys.loadOrCreate(dir.resolve(id.value())).publicKey(), 1000));
        }
        this.committee = new Committee(new Epoch(1), members, List.of(owners));
        current[0] = committee;
    }

    private Node start(Path dir, NodeId id, NodeId[] owners, java.util.function.Supplier<Optional<Committee>> committee) {
        SliverStore store = SliverStore.open(dir.resolve("slivers"));
        List<ShardIndex> own = new ArrayList<>();
        for (int k = 0; k < N; k++) {
            if (id.equals(owners[k])) {
                own.add(new ShardIndex(k));
            }
        }
        HealingMetrics metrics = new HealingMetrics();
        CommitteeView view = () -> committee.get().map(c -> EpochCommittees.genesis(c, Instant.EPOCH, Duration.ofDays(1)));
        StorageNodeBackend backend = new StorageNodeBackend(id, NodeKeys.loadOrCreate(dir), view,
                TestHostedShards.of(own), store, unusedControlPlane(), metrics, 2);
        AtomicInteger symbolRequests = new AtomicInteger();
        AtomicBoolean lies = new AtomicBoolean();
        AtomicBoolean refusesBatches = new AtomicBoolean();
        List<String> symbolQueries = new CopyOnWriteArrayList<>();
        Route routes = new NodeRoutes(backend, NodeRoutes.blockingExecutor(testKit.system()), N).createRoute();
        ServerBinding binding = await(Http.get(testKit.system()).newServerAt("127.0.0.1", 0).bind(extractUri(uri -> {
            if (!uri.path().endsWith("/recoverySymbols")) {
                return routes;
            }
            symbolRequests.incrementAndGet();
            String query = uri.rawQueryString().orElse("");
            symbolQueries.add(query);
            if (refusesBatches.get() && uri.query().get("targetSliver").orElse("").contains(",")) {
                return complete(StatusCodes.BAD_REQUEST, "targetSliver: not a sliver index");
            }
            return mapResponse(response -> lies.get() ? lie(response) : response, () -> routes);
        })));
        URI url = URI.create("http://127.0.0.1:" + binding.localAddress().getPort());
        return new Node(id, store, metrics, symbolRequests, lies, refusesBatches, symbolQueries, new NodeClient(http, url, TIMEOUT), binding);
    }

    private static HttpResponse lie(HttpResponse response) {
        if (response.status().intValue() != 200 || !(response.entity() instanceof HttpEntity.Strict strict)
                || strict.getData().size() <= LIE_OFFSET) {
            return response;
        }
        byte[] body = strict.getData().toArray();
        body[LIE_OFFSET] ^= 1;
        return response.withEntity(HttpEntities.create(ContentTypes.APPLICATION_OCTET_STREAM, body));
    }

    Committee committee() {
        return committee;
    }

    Node node(NodeId id) {
        return nodes.get(id);
    }

    static ShardIndex shardOf(BlobId blobId, int pair) {
        return new SliverPairIndex(pair).shard(blobId.rotation(N), N);
    }

    /**
     * Stores the blob as a writer would: metadata on every node, each pair's slivers on its shard's node, except the
     * pairs {@code missing} on node {@code without} (and its metadata too when {@code withoutMetadata}).
     */
    void store(VerifiedMetadata metadata, BiFunction<SliverType, SliverIndex, Sliver> slivers, NodeId without,
               List<Integer> missing, boolean withoutMetadata) {
        BlobId blobId = metadata.blobId();
        for (Node node : nodes.values()) {
            if (!(node.id().equals(without) && withoutMetadata)) {
                node.store().putMetadata(metadata);
            }
        }
        for (int p = 0; p < N; p++) {
            ShardIndex shard = shardOf(blobId, p);
            NodeId owner = committee.ownerOf(shard);
            if (owner.equals(without) && missing.contains(p)) {
                continue;
            }
            for (SliverType type : SliverType.values()) {
                nodes.get(owner).store().putSliver(shard, blobId, slivers.apply(type,
                        new SliverPairIndex(p).sliverIndex(type, N)));
            }
        }
    }

    PeerPairRecovery recovery(NodeId id, RecoverySettings settings) {
        Node node = nodes.get(id);
        return new PeerPairRecovery(id, () -> Optional.of(committee), node.store(), http, node.metrics(), settings,
                NodeRoutes.blockingExecutor(testKit.system()));
    }

    /** Stops a node's server: it refuses connections from then on. */
    void stop(NodeId id) {
        if (stopped.add(id)) {
            await(nodes.get(id).binding().unbind());
        }
    }

    static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(TIMEOUT.toSeconds() * 3, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The node routes need a control plane only for writes; these tests write to the stores directly. */
    private static ControlPlane unusedControlPlane() {
        return (ControlPlane) Proxy.newProxyInstance(ControlPlane.class.getClassLoader(),
                new Class<?>[] {ControlPlane.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "toString" -> "unused control plane";
                    case "hashCode" -> 0;
                    case "equals" -> proxy == args[0];
                    default -> CompletableFuture.failedFuture(new UnsupportedOperationException(method.getName()));
                });
    }

    @Override
    public void close() {
        nodes.keySet().forEach(this::stop);
        testKit.shutdownTestKit();
        nodes.values().forEach(node -> node.store().close());
        clientThreads.shutdownNow();
    }
}
