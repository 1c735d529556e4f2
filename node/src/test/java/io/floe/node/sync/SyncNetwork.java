package io.floe.node.sync;

import static org.apache.pekko.http.javadsl.server.Directives.extractUri;

import com.typesafe.config.ConfigFactory;
import io.floe.actors.ledger.CommitteeView;
import io.floe.api.control.ControlPlane;
import io.floe.api.node.NodeRoutes;
import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.redstuff.BlobEncoder;
import io.floe.encoding.redstuff.EncodedBlob;
import io.floe.encoding.redstuff.EncodingConfig;
import io.floe.encoding.redstuff.SliverPair;
import io.floe.node.healing.HealingMetrics;
import io.floe.node.http.StorageNodeBackend;
import io.floe.node.shard.TestHostedShards;
import io.floe.persistence.keys.NodeKeys;
import io.floe.persistence.sliver.SliverStore;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.EpochCommittees;
import io.floe.protocol.committee.EpochState;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;
import java.lang.reflect.Proxy;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Two storage nodes in one JVM for shard-sync tests: the previous owner {@link #OLD} (every shard in epoch 1, all
 * but {@link #GAINED} in epoch 2) with a real store, backend and node routes on 127.0.0.1 port 0, and the new owner
 * {@link #NEW} (shard {@link #GAINED} in epoch 2) with a real store only. Epoch 2 is in EPOCH_CHANGE_SYNC. Every sync
 * request the old owner receives is counted and may run a hook first. Everything it starts it stops in {@link #close}.
 */
final class SyncNetwork implements AutoCloseable {
    static final int N = 10;
    static final NodeId OLD = new NodeId("old");
    static final NodeId NEW = new NodeId("new");
    static final ShardIndex GAINED = new ShardIndex(3);
    static final Epoch EPOCH = new Epoch(2);

    private final ActorTestKit testKit = ActorTestKit.create("sync-test",
            ConfigFactory.parseString("pekko.actor.provider = local").withFallback(ConfigFactory.defaultReference()));
    private final ExecutorService clientThreads = Executors.newFixedThreadPool(2);
    final HttpClient http = HttpClient.newBuilder().executor(clientThreads).build();
    final Path dir;
    final SliverStore oldStore;
    SliverStore newStore;
    final NodeKeys oldKeys;
    final NodeKeys newKeys;
    volatile EpochCommittees epochs;
    final AtomicInteger syncRequests = new AtomicInteger();
    final AtomicReference<Runnable> onSyncRequest = new AtomicReference<>(() -> { });
    final List<Epoch> reported = Collections.synchronizedList(new ArrayList<>());
    private final ServerBinding binding;

    SyncNetwork(Path dir) {
        this.dir = dir;
        oldKeys = NodeKeys.loadOrCreate(dir.resolve("old"));
        newKeys = NodeKeys.loadOrCreate(dir.resolve("new"));
        oldStore = SliverStore.open(dir.resolve("old").resolve("slivers"));
        newStore = SliverStore.open(dir.resolve("new").resolve("slivers"));
        ControlPlane control = controlPlane(this);
        AtomicReference<String> url = new AtomicReference<>("http://127.0.0.1:1");
        StorageNodeBackend backend = new StorageNodeBackend(OLD, oldKeys, view(),
                TestHostedShards.of(IntStream.range(0, N).mapToObj(ShardIndex::new).toList()), oldStore, control,
                new HealingMetrics(), 2);
        Route routes = new NodeRoutes(backend, NodeRoutes.blockingExecutor(testKit.system()), N).createRoute();
        binding = await(Http.get(testKit.system()).newServerAt("127.0.0.1", 0).bind(extractUri(uri -> {
            if (uri.path().endsWith("/sync_shard")) {
                syncRequests.incrementAndGet();
                onSyncRequest.get().run();
            }
            return routes;
        })));
        url.set("http://127.0.0.1:" + binding.localAddress().getPort());
        Committee previous = new Committee(new Epoch(1), List.of(member(OLD, url.get(), oldKeys)),
                Collections.nCopies(N, OLD));
        epochs = new EpochCommittees(EpochState.EPOCH_CHANGE_SYNC, Instant.now(), Duration.ofMinutes(10),
                current(url.get()), Optional.of(previous), Optional.empty(), Set.of());
    }

    private Committee current(String oldUrl) {
        List<NodeId> owners = new ArrayList<>(Collections.nCopies(N, OLD));
        owners.set(GAINED.value(), NEW);
        return new Committee(EPOCH, List.of(member(OLD, oldUrl, oldKeys), member(NEW, "http://127.0.0.1:1", newKeys)),
                owners);
    }

    private static StorageNodeInfo member(NodeId id, String url, NodeKeys keys) {
        return new StorageNodeInfo(id, url, keys.publicKey(), 1000);
    }

    /** The ledger declares epoch 2's change done (a quorum of shards synced) without the new owner. */
    void changeDoneWithoutNewOwner() {
        epochs = new EpochCommittees(EpochState.EPOCH_CHANGE_DONE, epochs.startOfCurrentEpoch(),
                epochs.epochDuration(), epochs.current(), Optional.empty(), Optional.empty(), Set.of(OLD));
    }

    CommitteeView view() {
        return () -> Optional.of(epochs);
    }

    /** Encodes {@code count} random blobs and stores them on the old owner as a writer would have. */
    List<EncodedBlob> storeBlobs(int count) {
        BlobEncoder encoder = new BlobEncoder(new EncodingConfig(N));
        List<EncodedBlob> blobs = new ArrayList<>();
        Random random = new Random(11);
        for (int b = 0; b < count; b++) {
            byte[] data = new byte[1000 + random.nextInt(3000)];
            random.nextBytes(data);
            EncodedBlob blob = encoder.encode(data);
            oldStore.putMetadata(blob.metadata());
            for (int p = 0; p < N; p++) {
                SliverPair pair = blob.pair(new SliverPairIndex(p));
                ShardIndex shard = pair.index().shard(blob.blobId().rotation(N), N);
                oldStore.putSliver(shard, blob.blobId(), pair.primary());
                oldStore.putSliver(shard, blob.blobId(), pair.secondary());
            }
            blobs.add(blob);
        }
        return blobs;
    }

    ShardSyncClient client(NodeKeys keys) {
        return new ShardSyncClient(http, keys, Duration.ofSeconds(10));
    }

    /** Stops the old owner's server: it refuses connections from then on. */
    void stopOldOwner() {
        await(binding.unbind());
    }

    static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The committees as this test fixes them, and a ledger that records the sync-done reports. */
    private static ControlPlane controlPlane(SyncNetwork net) {
        return (ControlPlane) Proxy.newProxyInstance(ControlPlane.class.getClassLoader(),
                new Class<?>[] {ControlPlane.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "toString" -> "test control plane";
                    case "hashCode" -> 0;
                    case "equals" -> proxy == args[0];
                    case "epochs" -> CompletableFuture.completedFuture(net.epochs);
                    case "reportShardsSynced" -> {
                        net.reported.add((Epoch) args[1]);
                        yield CompletableFuture.completedFuture(null);
                    }
                    default -> CompletableFuture.failedFuture(new UnsupportedOperationException(method.getName()));
                });
    }

    ControlPlane control() {
        return controlPlane(this);
    }

    @Override
    public void close() {
        testKit.shutdownTestKit();
        oldStore.close();
        newStore.close();
        clientThreads.shutdownNow();
    }
}
