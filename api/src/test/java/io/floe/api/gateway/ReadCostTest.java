package io.floe.api.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.api.node.NodeClient;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.redstuff.BlobEncoder;
import io.floe.encoding.redstuff.EncodedBlob;
import io.floe.encoding.redstuff.EncodingConfig;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.EpochCommittees;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a read costs the nodes and the gateway's codec threads: a read of a blob ID that is not certified asks one
 * node for its metadata, not every member; a small blob's slivers are verified where they arrive only while the work
 * (slivers times n) is small, and handed to the codec threads at a large n.
 */
class ReadCostTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final ActorTestKit testKit = ActorTestKit.create("read-cost");
    private final ExecutorService cpu = Executors.newFixedThreadPool(2);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<FakeStorageNode> nodes = new ArrayList<>();

    @AfterEach
    void stop() {
        nodes.forEach(FakeStorageNode::close);
        testKit.shutdownTestKit();
        cpu.shutdownNow();
    }

    @Test
    void aReadOfAnUnknownBlobAsksOneNodeForItsMetadata() throws Exception {
        List<StorageNodeInfo> members = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            nodes.add(new FakeStorageNode("n" + i));
            members.add(nodes.get(i).info());
        }
        Committee committee = new Committee(Epoch.GENESIS, members, members.stream().map(StorageNodeInfo::id).toList());
        StubControlPlane control = new StubControlPlane(EpochCommittees.genesis(committee, Instant.EPOCH,
                Duration.ofDays(1)));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        BlobReader reader = new BlobReader(info -> new NodeClient(http, URI.create(info.storageUrl()), TIMEOUT), cpu,
                2, registry);
        BlobId unknown = BlobId.of(new byte[32]);
        try (TestGateway gateway = new TestGateway(testKit.system(), control, reader, http, cpu)) {
            HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create(gateway.url + "/v1/blobs/"
                    + unknown)).timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, read.statusCode(), read::body);

            // The metadata phase ends once no further node will be asked: only then is the count final.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (metadataPhases(registry) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(1, metadataPhases(registry));
            assertEquals(1, nodes.stream().mapToInt(n -> n.metadataRequests.get()).sum());
        }
    }

    @Test
    void aSmallBlobsSliversAreVerifiedOnTheCodecThreadsAtALargeN() {
        assertEquals(0, handOversReading(10), "at n = 10 a 1 KiB blob is verified and decoded where it arrives");
        assertTrue(handOversReading(200) > 0, "at n = 200 its 68 slivers are verified on the codec threads");
    }

    /** Tasks handed to the codec threads by a whole read of a 1 KiB blob encoded for {@code n} shards. */
    private int handOversReading(int n) {
        byte[] original = new byte[1024];
        new Random(n).nextBytes(original);
        EncodedBlob blob = new BlobEncoder(new EncodingConfig(n)).encode(original);
        FakeStorageNode node = new FakeStorageNode("holder-" + n);
        nodes.add(node);
        node.blob = blob;
        NodeId id = node.info().id();
        Committee committee = new Committee(Epoch.GENESIS, List.of(node.info()), Collections.nCopies(n, id));
        AtomicInteger handOvers = new AtomicInteger();
        Executor counting = task -> {
            handOvers.incrementAndGet();
            cpu.execute(task);
        };
        BlobReader reader = new BlobReader(info -> new NodeClient(http, URI.create(info.storageUrl()), TIMEOUT),
                counting, 2);
        assertArrayEquals(original, reader.read(committee, blob.blobId()).orTimeout(20, TimeUnit.SECONDS).join());
        return handOvers.get();
    }

    private static long metadataPhases(SimpleMeterRegistry registry) {
        Timer timer = registry.find(GatewayMetrics.READ_PHASE).tag("phase", "metadata").timer();
        return timer == null ? 0 : timer.count();
    }
}
