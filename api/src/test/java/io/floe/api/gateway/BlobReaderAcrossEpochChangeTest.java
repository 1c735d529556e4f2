package io.floe.api.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.api.node.NodeClient;
import io.floe.encoding.redstuff.BlobEncoder;
import io.floe.encoding.redstuff.EncodedBlob;
import io.floe.encoding.redstuff.EncodingConfig;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.EpochCommittees;
import io.floe.protocol.committee.EpochState;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reads during an epoch change: every shard moves from the old nodes to the new ones. Whichever holder the ledger
 * names, the reader asks it first and, when it refuses the shard as Walrus does ({@code SHARD_NOT_ASSIGNED}), the
 * shard's other owner; metadata comes from any member of either committee. Whole reads and streamed ones alike.
 */
class BlobReaderAcrossEpochChangeTest {
    private static final int N = 10;
    private final ExecutorService cpu = Executors.newFixedThreadPool(2);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<FakeStorageNode> oldNodes = List.of(new FakeStorageNode("old-1"), new FakeStorageNode("old-2"));
    private final List<FakeStorageNode> newNodes = List.of(new FakeStorageNode("new-1"), new FakeStorageNode("new-2"));
    private final byte[] original = original(30_000);
    private final EncodedBlob blob = new BlobEncoder(new EncodingConfig(N)).encode(original);
    private final BlobReader reader = new BlobReader(info -> new NodeClient(http, URI.create(info.storageUrl()),
            Duration.ofSeconds(10)), cpu, 4);

    private static final ActorTestKit TEST_KIT = ActorTestKit.create("reads-across-epoch-change");

    @AfterAll
    static void stopKit() {
        TEST_KIT.shutdownTestKit();
    }

    @AfterEach
    void stop() {
        oldNodes.forEach(FakeStorageNode::close);
        newNodes.forEach(FakeStorageNode::close);
        cpu.shutdownNow();
    }

    @Test
    void readsFromTheNewOwnersWhenThePreviousHolderAlreadyRefusesItsShards() {
        every(newNodes, false);
        every(oldNodes, true);
        // Nobody reported sync done: the ledger still names the old owners as holders.
        EpochCommittees epochs = changing(Set.of());

        assertArrayEquals(original, reader.read(epochs, blob.blobId()).orTimeout(20, TimeUnit.SECONDS).join());
        assertTrue(reads(newNodes) > 0, "the new owners served the slivers");
    }

    @Test
    void readsFromThePreviousOwnersWhenTheNewHolderDoesNotServeYet() {
        every(newNodes, true);
        every(oldNodes, false);
        EpochCommittees epochs = changing(Set.of(new NodeId("new-1"), new NodeId("new-2")));

        assertArrayEquals(original, reader.read(epochs, blob.blobId()).orTimeout(20, TimeUnit.SECONDS).join());
        assertTrue(reads(oldNodes) > 0, "the old owners served the slivers");
    }

    @Test
    void streamsARangeFromTheOtherOwnerAndAsksTheHolderFirst() {
        every(newNodes, false);
        every(oldNodes, false);
        EpochCommittees epochs = changing(Set.of(new NodeId("new-1"), new NodeId("new-2")));

        assertArrayEquals(java.util.Arrays.copyOfRange(original, 100, 5100), streamed(epochs, 100, 5000));
        assertEquals(0, reads(oldNodes), "the synced new owners are asked first");
    }

    @Test
    void streamsTheWholeBlobFromTheNewOwnersWhenThePreviousHolderRefuses() {
        every(newNodes, false);
        every(oldNodes, true);
        EpochCommittees epochs = changing(Set.of());

        assertArrayEquals(original, streamed(epochs, 0, original.length));
        assertTrue(reads(newNodes) > 0, "the new owners served the slivers");
    }

    /** A streamed read of {@code [start, start + length)}, a window of one sliver. */
    private byte[] streamed(EpochCommittees epochs, long start, long length) {
        var metadata = reader.metadata(epochs, blob.blobId()).orTimeout(20, TimeUnit.SECONDS).join();
        return reader.stream(epochs, metadata, start, length, 1)
                .runWith(Sink.fold(ByteString.emptyByteString(), ByteString::concat), TEST_KIT.system())
                .toCompletableFuture().orTimeout(20, TimeUnit.SECONDS).join().toArray();
    }

    @Test
    void candidatesNameTheHolderFirstThenTheOtherOwner() {
        ShardHolders holders = new ShardHolders(changing(Set.of(new NodeId("new-1"))));
        io.floe.encoding.index.ShardIndex shard0 = new io.floe.encoding.index.ShardIndex(0);
        io.floe.encoding.index.ShardIndex shard1 = new io.floe.encoding.index.ShardIndex(1);
        assertEquals(List.of("new-1", "old-1"), ids(holders.candidates(shard0)));
        assertEquals(List.of("old-2", "new-2"), ids(holders.candidates(shard1)));
        assertEquals(4, holders.metadataNodes().size());
        ShardHolders fixed = new ShardHolders(ShardHolders.fixed(committee(new Epoch(2), newNodes)));
        assertEquals(List.of("new-1"), ids(fixed.candidates(shard0)));
    }

    private static List<String> ids(List<StorageNodeInfo> nodes) {
        return nodes.stream().map(n -> n.id().value()).toList();
    }

    private void every(List<FakeStorageNode> nodes, boolean refusing) {
        nodes.forEach(n -> {
            n.blob = blob;
            n.refusing = refusing;
        });
    }

    private static int reads(List<FakeStorageNode> nodes) {
        return nodes.stream().mapToInt(n -> n.reads.get()).sum();
    }

    /** Epoch 2 in EPOCH_CHANGE_SYNC: shard k moved from old-(k%2+1) to new-(k%2+1). */
    private EpochCommittees changing(Set<NodeId> synced) {
        return new EpochCommittees(EpochState.EPOCH_CHANGE_SYNC, Instant.now(), Duration.ofMinutes(1),
                committee(new Epoch(2), newNodes), Optional.of(committee(Epoch.GENESIS, oldNodes)), Optional.empty(),
                synced);
    }

    private static Committee committee(Epoch epoch, List<FakeStorageNode> nodes) {
        List<StorageNodeInfo> members = nodes.stream().map(FakeStorageNode::info).toList();
        List<NodeId> owners = new ArrayList<>();
        for (int k = 0; k < N; k++) {
            owners.add(members.get(k % 2).id());
        }
        return new Committee(epoch, members, owners);
    }

    private static byte[] original(int size) {
        byte[] data = new byte[size];
        new Random(7).nextBytes(data);
        return data;
    }
}
