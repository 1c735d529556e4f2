package io.floe.api.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.floe.api.control.ControlPlaneException;
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
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A store retried after it failed reuses the registration the failed one paid for (Walrus's
 * {@code reuseRegistration}): one charge, one registration, the second answer costs nothing.
 */
class BlobWriterRetriedStoreTest {
    private static final int N = 10;
    private final ActorTestKit testKit = ActorTestKit.create("writer-retried-store");
    private final ExecutorService cpu = Executors.newFixedThreadPool(2);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<FakeStorageNode> nodes = List.of(new FakeStorageNode("a"), new FakeStorageNode("b"));
    private final StubControlPlane control = new StubControlPlane(view());
    private final BlobWriter writer = new BlobWriter(testKit.system(), control,
            info -> new NodeClient(http, URI.create(info.storageUrl()), Duration.ofSeconds(10)), cpu,
            Duration.ofMillis(10), 2);

    @AfterEach
    void stop() {
        nodes.forEach(FakeStorageNode::close);
        testKit.shutdownTestKit();
        cpu.shutdownNow();
    }

    @Test
    void aRetryAfterAFailedStoreReusesItsRegistration() throws Exception {
        control.certification = (committee, confirmations) -> CompletableFuture.failedFuture(
                new ControlPlaneException.Unavailable("the Blob entity is moving", null));
        ExecutionException failed = assertThrows(ExecutionException.class, () -> store(false));
        assertInstanceOf(ControlPlaneException.Unavailable.class, failed.getCause());
        control.certification = (committee, confirmations) -> CompletableFuture.completedFuture(null);

        StoreOutcome.NewlyCreated retried = assertInstanceOf(StoreOutcome.NewlyCreated.class, store(false));

        assertEquals(StoreOutcome.ResourceOperation.REUSE_REGISTRATION, retried.operation());
        assertEquals(0, retried.cost(), "the failed store paid already");
        assertEquals(1, control.registerCalls.size(), "one charge, one registration");
        assertEquals(control.registerCalls.get(0).objectId(), retried.registration().objectId());
        assertInstanceOf(StoreOutcome.AlreadyCertified.class, store(false), "and then it is certified");
    }

    @Test
    void aStoreOfTheOtherKindPaysForItsOwnRegistration() throws Exception {
        control.certification = (committee, confirmations) -> CompletableFuture.failedFuture(
                new ControlPlaneException.Unavailable("the Blob entity is moving", null));
        assertThrows(ExecutionException.class, () -> store(true));
        control.certification = (committee, confirmations) -> CompletableFuture.completedFuture(null);

        StoreOutcome.NewlyCreated permanent = assertInstanceOf(StoreOutcome.NewlyCreated.class, store(false));

        assertEquals(StoreOutcome.ResourceOperation.REGISTER_FROM_SCRATCH, permanent.operation());
        assertEquals(permanent.registration().cost(), permanent.cost());
        assertEquals(2, control.registerCalls.size(), "a deletable registration does not answer a permanent store");
    }

    private StoreOutcome store(boolean deletable) throws Exception {
        byte[] data = new byte[20_000];
        new Random(5).nextBytes(data);
        return writer.store(data, new StoreParameters(1, deletable, false)).toCompletableFuture()
                .get(20, TimeUnit.SECONDS);
    }

    /** The two nodes, shards alternating, as the genesis committee. */
    private EpochCommittees view() {
        List<StorageNodeInfo> members = nodes.stream().map(FakeStorageNode::info).toList();
        List<NodeId> owners = new ArrayList<>();
        for (int k = 0; k < N; k++) {
            owners.add(members.get(k % 2).id());
        }
        return EpochCommittees.genesis(new Committee(Epoch.GENESIS, members, owners), Instant.now(),
                Duration.ofMinutes(1));
    }
}
