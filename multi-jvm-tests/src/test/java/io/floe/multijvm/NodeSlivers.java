package io.floe.multijvm;

import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.redstuff.EncodedBlob;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The slivers one storage node must hold for a set of blobs (both slivers of the pair each of its shards holds, per
 * blob), with their exact BCS bytes from a local encoding, and checks that the node serves them byte for byte. A
 * node that serves every one of them has every pair of those blobs: nothing lost, nothing wrong.
 */
public final class NodeSlivers {
    private NodeSlivers() {
    }

    /** One sliver a node holds: on which shard, for which pair, of which type and blob. */
    public record Key(ShardIndex shard, SliverPairIndex pair, SliverType type, BlobId blobId) {
        /** The storage-node API path that serves it. */
        public String path() {
            return Blobs.sliverPath(blobId, pair, type);
        }

        @Override
        public String toString() {
            return blobId + "/" + pair.value() + "/" + type.pathName() + " (shard " + shard.value() + ")";
        }
    }

    /** Every sliver of {@code blobs} that the node owning {@code shards} must hold, with its BCS bytes. */
    public static Map<Key, byte[]> expected(List<Integer> shards, Collection<EncodedBlob> blobs, int nShards) {
        Map<Key, byte[]> slivers = new LinkedHashMap<>();
        for (EncodedBlob encoded : blobs) {
            BlobId id = encoded.blobId();
            for (int s : shards) {
                ShardIndex shard = new ShardIndex(s);
                SliverPairIndex pair = SliverPairIndex.onShard(shard, id.rotation(nShards), nShards);
                for (SliverType type : SliverType.values()) {
                    slivers.put(new Key(shard, pair, type, id), Blobs.sliver(encoded, pair, type).toBcs());
                }
            }
        }
        return slivers;
    }

    /** The slivers of {@code expected} that the node at {@code nodeUrl} does not answer 200 with exactly. */
    public static Set<Key> notServed(String nodeUrl, Map<Key, byte[]> expected) {
        Set<Key> wrong = new LinkedHashSet<>();
        for (Map.Entry<Key, byte[]> e : expected.entrySet()) {
            Http.Response r = Http.get(nodeUrl + e.getKey().path(), Gateway.TIMEOUT);
            if (r.status() != 200 || !Arrays.equals(r.body(), e.getValue())) {
                wrong.add(e.getKey());
            }
        }
        return wrong;
    }

    /**
     * As {@link #notServed}, but a sliver answered 200 with wrong bytes fails at once: an honest node answers a sliver
     * it lacks or cannot read with an error, never with other bytes.
     */
    private static Set<Key> missing(String nodeUrl, Map<Key, byte[]> expected) {
        Set<Key> missing = new LinkedHashSet<>();
        for (Map.Entry<Key, byte[]> e : expected.entrySet()) {
            Http.Response r = Http.get(nodeUrl + e.getKey().path(), Gateway.TIMEOUT);
            if (r.status() == 200 && !Arrays.equals(r.body(), e.getValue())) {
                throw new AssertionError(nodeUrl + " served wrong bytes for sliver " + e.getKey());
            }
            if (r.status() != 200) {
                missing.add(e.getKey());
            }
        }
        return missing;
    }

    /**
     * Waits until node {@code node} serves every sliver of {@code expected} exactly, failing at once if it serves one
     * wrong. Slivers found right are not asked again (a node never drops a verified sliver of a certified blob); the
     * failure names what is still missing.
     */
    public static void awaitServed(FloeNetwork network, int node, Map<Key, byte[]> expected, Duration bound) {
        awaitServed(network.nodeUrl(node), "node-" + (node + 1), expected, bound);
    }

    /** As {@link #awaitServed(FloeNetwork, int, Map, Duration)}, for the node {@code name} at {@code nodeUrl}. */
    public static void awaitServed(String nodeUrl, String name, Map<Key, byte[]> expected, Duration bound) {
        Map<Key, byte[]> left = new LinkedHashMap<>(expected);
        try {
            Await.until(bound, () -> {
                Set<Key> wrong = missing(nodeUrl, left);
                left.keySet().retainAll(wrong);
                return left.isEmpty();
            }, name + " to serve all " + expected.size() + " of its slivers exactly");
        } catch (AssertionError timeout) {
            throw new AssertionError(timeout.getMessage() + "; still missing or wrong: " + left.size() + ", e.g. "
                    + left.keySet().stream().limit(5).toList(), timeout);
        }
    }
}
