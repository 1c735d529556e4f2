package io.floe.multijvm;

import io.floe.api.ApiPaths;
import io.floe.encoding.metadata.BlobId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every storage node of a network holds of one blob (its metadata, and both slivers of each pair its shards
 * hold), checked first to be there byte for byte and later to be gone: the node-side proof that a deleted or expired
 * blob was garbage-collected, not merely hidden by the gateway.
 *
 * <p>Invariant: {@link #awaitDropped} passes only when every node answers 404 for the metadata and for every sliver
 * {@link #awaitHeld} saw it serve; any other answer (a 200, a 5xx, no answer) counts as "still held".
 */
final class NodeGarbage {
    private final FloeNetwork network;
    private final int nodes;
    private final BlobId blobId;
    /** By node index: the slivers that node serves for the blob, with their bytes. */
    private final Map<Integer, Map<NodeSlivers.Key, byte[]>> held = new LinkedHashMap<>();

    private NodeGarbage(FloeNetwork network, int nodes, BlobId blobId) {
        this.network = network;
        this.nodes = nodes;
        this.blobId = blobId;
    }

    /** The slivers each of the {@code nodes} genesis nodes must hold of {@code blob}, by the current committee. */
    static NodeGarbage of(FloeNetwork network, Gateway gateway, int nodes, byte[] blob, int nShards) {
        NodeGarbage garbage = new NodeGarbage(network, nodes, Blobs.idOf(blob, nShards));
        var encoded = List.of(Blobs.encode(blob, nShards));
        for (int i = 0; i < nodes; i++) {
            List<Integer> shards = gateway.shardsOf(nodeName(i));
            garbage.held.put(i, NodeSlivers.expected(shards, encoded, nShards));
        }
        return garbage;
    }

    /** Waits until every node serves the blob's slivers of its shards exactly. */
    void awaitHeld(Duration bound) {
        held.forEach((i, slivers) -> NodeSlivers.awaitServed(network, i, slivers, bound));
    }

    /** Waits until no node serves the blob's metadata or any sliver it held; names what is still there if not. */
    void awaitDropped(Duration bound, String why) {
        List<String> left = new ArrayList<>();
        try {
            Await.until(bound, () -> {
                left.clear();
                left.addAll(stillHeld());
                return left.isEmpty();
            }, "every node to drop blob " + blobId + " (" + why + ")");
        } catch (AssertionError timeout) {
            throw new AssertionError(timeout.getMessage() + "; still answered other than 404: " + left.size()
                    + ", e.g. " + left.subList(0, Math.min(6, left.size())), timeout);
        }
    }

    /** What some node still answers with other than 404, each as {@code node path -> status}. */
    private List<String> stillHeld() {
        List<String> left = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            String url = network.nodeUrl(i);
            List<String> paths = new ArrayList<>();
            paths.add(ApiPaths.metadata(blobId));
            held.get(i).keySet().forEach(k -> paths.add(k.path()));
            for (String path : paths) {
                int status = Http.get(url + path, Gateway.TIMEOUT).status();
                if (status != 404) {
                    left.add(nodeName(i) + " " + path + " -> " + status);
                }
            }
        }
        return left;
    }

    int sliverCount() {
        return held.values().stream().mapToInt(Map::size).sum();
    }

    private static String nodeName(int i) {
        return "node-" + (i + 1);
    }
}
