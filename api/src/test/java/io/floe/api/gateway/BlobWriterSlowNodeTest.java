package io.floe.api.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.floe.api.node.NodeClient;
import io.floe.encoding.redstuff.BlobEncoder;
import io.floe.encoding.redstuff.EncodingConfig;
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
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A store answers once a quorum confirmed (plus a short tail), while a slower node is still being sent its slivers:
 * the encoding stays open until that node has all of them, and only then is it closed (a sliver file deleted) and the
 * store's heap released. At n = {@value #N}, nodes a (4 shards) and b (3) are a quorum; c (3 shards) is slow. Batches
 * of one sliver, one at a time per node, so c still has batches to read when the store answers.
 */
class BlobWriterSlowNodeTest {
    private static final int N = 10;
    private static final long WAIT_SECONDS = 20;
    private final List<FakeStorageNode> nodes = List.of(new FakeStorageNode("a"), new FakeStorageNode("b"),
            new FakeStorageNode("c"));
    private final ActorTestKit testKit = ActorTestKit.create("writer-slow-node");
    private final ExecutorService cpu = Executors.newFixedThreadPool(2);

    @AfterEach
    void close() {
        nodes.forEach(FakeStorageNode::close);
        testKit.shutdownTestKit();
        cpu.shutdownNow();
    }

    @Test
    void aSlowNodeReceivesAllItsSliversAfterTheStoreAnswered() throws Exception {
        FakeStorageNode slow = nodes.get(2);
        CountDownLatch goOn = new CountDownLatch(1);
        slow.slow = goOn;
        AtomicReference<CountingSlivers> made = new AtomicReference<>();
        byte[] blob = new byte[50_000];
        new Random(3).nextBytes(blob);

        BlobWriter.Running store = writer().start(blob.length, config -> {
            made.set(new CountingSlivers(new BlobEncoder(new EncodingConfig(config.nShards())).encode(blob)));
            return made.get();
        }, new StoreParameters(1, false, false));
        StoreOutcome outcome = store.outcome().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertInstanceOf(StoreOutcome.NewlyCreated.class, outcome);
        assertEquals(0, made.get().closes.get(), "closed while the slow node was still uploading");
        assertFalse(store.released().toCompletableFuture().isDone());
        goOn.countDown();
        store.released().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(2 * 3, slow.sliversReceived.get(), "both slivers of each of its 3 pairs");
        assertEquals(1, made.get().closes.get());
    }

    /** Node a holds shards 0-3, b 4-6, c 7-9; one sliver per batch, one batch at a time per node. */
    private BlobWriter writer() {
        List<StorageNodeInfo> members = nodes.stream().map(FakeStorageNode::info).toList();
        List<NodeId> owners = new ArrayList<>();
        for (int k = 0; k < N; k++) {
            owners.add(members.get(k < 4 ? 0 : k < 7 ? 1 : 2).id());
        }
        StubControlPlane control = new StubControlPlane(EpochCommittees.genesis(
                new Committee(Epoch.GENESIS, members, owners), Instant.now(), Duration.ofMinutes(1)));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return new BlobWriter(testKit.system(), control,
                info -> new NodeClient(http, URI.create(info.storageUrl()), Duration.ofSeconds(10)), cpu,
                Duration.ofMillis(10), 1, 1, NodeUploads.DEFAULT_UPLOAD_WINDOW, true);
    }
}
