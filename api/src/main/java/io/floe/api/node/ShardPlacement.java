package io.floe.api.node;

import io.floe.api.json.ApiException;
import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;

/**
 * Path parameters of sliver requests and the question "is this pair's shard here?". A refusal names who does hold
 * the shard, so the caller can go there (421 Misdirected Request, code {@value #WRONG_NODE}).
 */
final class ShardPlacement {
    static final String WRONG_NODE = "WRONG_NODE";
    static final String SHARD_NOT_READY = "SHARD_NOT_READY";
    static final String INVALID_SLIVER_PAIR_INDEX = "INVALID_SLIVER_PAIR_INDEX";
    static final String INVALID_SLIVER_TYPE = "INVALID_SLIVER_TYPE";
    private static final int MISDIRECTED = 421;

    private ShardPlacement() {
    }

    /** A pair index as written in a path; its range against n is checked by {@link #shardOf}. */
    static SliverPairIndex parsePair(String text) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(Character::isDigit)) {
            throw ApiException.badRequest(INVALID_SLIVER_PAIR_INDEX, "a sliver pair index is a number, got '" + text + "'");
        }
        int value = Integer.parseInt(text);
        try {
            return new SliverPairIndex(value);
        } catch (IndexOutOfBoundsException e) {
            throw ApiException.badRequest(INVALID_SLIVER_PAIR_INDEX, e.getMessage());
        }
    }

    /** A comma-separated list of distinct pair indices ({@code ?pairs=0,5,9}), at most {@code nShards} of them. */
    static java.util.List<SliverPairIndex> parsePairs(String text, int nShards) {
        String[] parts = text.split(",", -1);
        if (parts.length > nShards) {
            throw ApiException.badRequest(INVALID_SLIVER_PAIR_INDEX, "at most " + nShards + " pair indices, got "
                    + parts.length);
        }
        java.util.Set<SliverPairIndex> pairs = new java.util.LinkedHashSet<>();
        for (String p : parts) {
            if (!pairs.add(parsePair(p))) {
                throw ApiException.badRequest(INVALID_SLIVER_PAIR_INDEX, "pair index " + p + " is listed twice");
            }
        }
        return java.util.List.copyOf(pairs);
    }

    static SliverType parseType(String text) {
        for (SliverType t : SliverType.values()) {
            if (t.pathName().equals(text)) {
                return t;
            }
        }
        throw ApiException.badRequest(INVALID_SLIVER_TYPE, "a sliver type is 'primary' or 'secondary', got '" + text + "'");
    }

    /** The shard that stores the pair of this blob; 400 when the pair index is not below n. */
    static ShardIndex shardOf(BlobId blobId, SliverPairIndex pair, int nShards) {
        if (pair.value() >= nShards) {
            throw ApiException.badRequest(INVALID_SLIVER_PAIR_INDEX,
                    "sliver pair index " + pair.value() + " is not below the shard count " + nShards);
        }
        return pair.shard(blobId.rotation(nShards), nShards);
    }

    /**
     * Writes go to the shard's owner in the current committee only, and only once its shard runs here (during a
     * shard move the owner answers 503 until it has taken the shard over).
     */
    static void checkWritable(NodeBackend backend, Committee committee, ShardIndex shard, SliverPairIndex pair) {
        NodeId owner = committee.ownerOf(shard);
        if (!owner.equals(backend.nodeId())) {
            throw wrongNode(backend.nodeId(), committee, shard, pair);
        }
        if (!backend.holdsShard(shard)) {
            throw new ApiException(503, SHARD_NOT_READY, "shard " + shard.value() + " is assigned to node "
                    + owner + " but is not running here yet; retry shortly");
        }
    }

    /** Reads are served wherever the shard runs, which during a move may still be the previous owner. */
    static void checkReadable(NodeBackend backend, Committee committee, ShardIndex shard, SliverPairIndex pair) {
        if (backend.holdsShard(shard)) {
            return;
        }
        checkWritable(backend, committee, shard, pair);
    }

    private static ApiException wrongNode(NodeId self, Committee committee, ShardIndex shard, SliverPairIndex pair) {
        NodeId owner = committee.ownerOf(shard);
        String url = committee.member(owner).map(StorageNodeInfo::storageUrl).orElse("(no URL known)");
        return new ApiException(MISDIRECTED, WRONG_NODE, "sliver pair " + pair.value() + " lives on shard "
                + shard.value() + ", which node " + owner + " at " + url + " holds in epoch " + committee.epoch()
                + "; this is node " + self);
    }
}
