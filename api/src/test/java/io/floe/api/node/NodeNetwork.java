package io.floe.api.node;

import io.floe.api.ServerBindings;
import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.redstuff.EncodedBlob;
import io.floe.encoding.redstuff.Sliver;
import io.floe.encoding.redstuff.SliverPair;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;
import io.floe.protocol.testing.TestKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.ServerBinding;

/**
 * Real storage-node APIs (node routes over in-memory backends) on 127.0.0.1 for a whole committee, for gateway tests:
 * {@code members} nodes own the {@code n} shards in turn. A blob is stored as a writer would leave it (metadata on
 * every node, each pair on its shard's owner), optionally with some primary slivers missing or replaced by wrong
 * bytes, which the nodes then serve as they are (a node verifies what it receives, not what its store gives back).
 * Everything it starts it stops in {@link #close}.
 */
public final class NodeNetwork implements AutoCloseable {
    private final int n;
    private final List<InMemoryNodeBackend> backends = new ArrayList<>();
    private final List<ServerBinding> bindings = new ArrayList<>();
    private final Committee committee;

    public NodeNetwork(ActorSystem<?> system, int members, int n) {
        this.n = n;
        List<NodeId> owners = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            owners.add(new NodeId("node-" + (k % members)));
        }
        List<StorageNodeInfo> placeholders = new ArrayList<>();
        List<TestKey> keys = new ArrayList<>();
        for (int m = 0; m < members; m++) {
            keys.add(TestKey.generate());
            placeholders.add(new StorageNodeInfo(new NodeId("node-" + m), "http://127.0.0.1:0",
                    keys.get(m).publicKey(), 1000));
        }
        Committee local = new Committee(Epoch.GENESIS, placeholders, owners);
        List<StorageNodeInfo> served = new ArrayList<>();
        for (int m = 0; m < members; m++) {
            InMemoryNodeBackend backend = new InMemoryNodeBackend(placeholders.get(m).id(), local,
                    new FixedControlPlane(local), keys.get(m));
            NodeRoutes routes = new NodeRoutes(backend, NodeRoutes.blockingExecutor(system), NodeRoutes.maxSliverBodyBytes(n));
            ServerBinding binding = NodeApiFixture.await(ServerBindings.serverAt(system, "127.0.0.1", 0)
                    .bind(routes.createRoute()));
            backends.add(backend);
            bindings.add(binding);
            served.add(new StorageNodeInfo(placeholders.get(m).id(),
                    "http://127.0.0.1:" + binding.localAddress().getPort(), keys.get(m).publicKey(), 1000));
        }
        this.committee = new Committee(Epoch.GENESIS, served, owners);
    }

    /** The committee with the nodes' real URLs, as the gateway sees it. */
    public Committee committee() {
        return committee;
    }

    /** Stores {@code blob} whole. */
    public void store(EncodedBlob blob) {
        store(blob, Set.of(), Set.of(), false);
    }

    /**
     * Stores {@code blob} with the primary slivers of {@code missing} pairs left out and those of {@code wrong} pairs
     * replaced by the same bytes with one flipped (right size, wrong hash); {@code noSecondaries}: no secondary sliver
     * at all, so nothing can be rebuilt.
     */
    public void store(EncodedBlob blob, Set<Integer> missing, Set<Integer> wrong, boolean noSecondaries) {
        backends.forEach(b -> b.storeMetadata(blob.metadata()));
        int rotation = blob.blobId().rotation(n);
        for (int p = 0; p < n; p++) {
            SliverPairIndex pair = new SliverPairIndex(p);
            ShardIndex shard = pair.shard(rotation, n);
            InMemoryNodeBackend owner = backends.get(indexOf(committee.ownerOf(shard)));
            SliverPair slivers = blob.pair(pair);
            if (!missing.contains(p)) {
                owner.storeSliver(blob.blobId(), pair, wrong.contains(p) ? flipped(slivers.primary()) : slivers.primary());
            }
            if (!noSecondaries) {
                owner.storeSliver(blob.blobId(), pair, slivers.secondary());
            }
        }
    }

    private int indexOf(NodeId node) {
        for (int m = 0; m < committee.members().size(); m++) {
            if (committee.members().get(m).id().equals(node)) {
                return m;
            }
        }
        throw new IllegalArgumentException(node.toString());
    }

    private static Sliver flipped(Sliver honest) {
        byte[] data = honest.data().clone();
        data[data.length / 2] ^= 0x40;
        return new Sliver(honest.type(), honest.index(), honest.symbolSize(), data);
    }

    @Override
    public void close() throws Exception {
        for (ServerBinding binding : bindings) {
            binding.unbind().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
