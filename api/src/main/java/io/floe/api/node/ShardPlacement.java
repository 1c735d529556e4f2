package io.floe.api.node;

import io.floe.api.json.ApiException;
import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.EpochCommittees;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;

/**
 * Path parameters of sliver requests and the question "is this pair's shard here?", asked of the epochs' committees
 * so that reads and writes go on through an epoch change. A refusal is Walrus's for a shard not assigned to the node
 * (400, code and reason {@value #SHARD_NOT_ASSIGNED}) and names who does hold the shard, so the caller can go there.
 */
final class ShardPlacement {
    /** Walrus's {@code ShardNotAssigned} reason; readers retry on the shard's other owner when they see it. */
    static final String SHARD_NOT_ASSIGNED = "SHARD_NOT_ASSIGNED";
    static final String INVALID_SLIVER_PAIR_INDEX = "INVALID_SLIVER_PAIR_INDEX";
    static final String INVALID_SLIVER_TYPE = "INVALID_SLIVER_TYPE";
    /** Walrus's {@code STORAGE_NODE_ERROR_DOMAIN}; its client matches SHARD_NOT_ASSIGNED only in this domain. */
    static final String STORAGE_DOMAIN = "storage.walrus.space";
    /** Walrus's FAILED_PRECONDITION goes out as 400 Bad Request. */
    private static final int NOT_ASSIGNED_STATUS = 400;

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
     * Writes: this node owns the shard in the current committee (whether it has synced it yet or not: during an
     * epoch change writes go to the new committee), or its StorageShard entity runs here.
     */
    static void checkWritable(NodeBackend backend, EpochCommittees epochs, ShardIndex shard, SliverPairIndex pair) {
        if (!isWritable(backend, epochs, shard)) {
            throw notAssigned(backend, epochs, shard, pair);
        }
    }

    private static boolean isWritable(NodeBackend backend, EpochCommittees epochs, ShardIndex shard) {
        return epochs.current().ownerOf(shard).equals(backend.nodeId()) || backend.holdsShard(shard);
    }

    /** {@link #checkWritable} as a question, for a pair known to be below n. */
    static boolean isWritable(NodeBackend backend, EpochCommittees epochs, BlobId blobId, SliverPairIndex pair) {
        int n = epochs.current().nShards();
        return pair.value() < n && isWritable(backend, epochs, shardOf(blobId, pair, n));
    }

    /**
     * Reads: this node holds the shard in the current committee or, while shards move, in the previous one, or its
     * StorageShard entity runs here. Whether it stores the asked sliver is the caller's next question.
     */
    static boolean isReadable(NodeBackend backend, EpochCommittees epochs, ShardIndex shard) {
        NodeId self = backend.nodeId();
        return backend.holdsShard(shard) || epochs.current().ownerOf(shard).equals(self)
                || epochs.previous().map(p -> p.ownerOf(shard).equals(self)).orElse(false);
    }

    static void checkReadable(NodeBackend backend, EpochCommittees epochs, ShardIndex shard, SliverPairIndex pair) {
        if (!isReadable(backend, epochs, shard)) {
            throw notAssigned(backend, epochs, shard, pair);
        }
    }

    /**
     * Whether a sliver of the shard missing here is missing for good (404): only when this node is the shard's
     * current owner and has its data ({@link EpochCommittees#holderOf}, or the entity runs here). A new owner still
     * syncing, or a previous owner the shard has moved away from, answers {@link #notAssigned} instead, so the reader
     * asks the shard's other owner.
     */
    static boolean isAuthoritative(NodeBackend backend, EpochCommittees epochs, ShardIndex shard) {
        NodeId self = backend.nodeId();
        return epochs.current().ownerOf(shard).equals(self)
                && (epochs.holderOf(shard).equals(self) || backend.holdsShard(shard));
    }

    /**
     * Walrus's answer for a shard the node does not hold ({@code ShardNotAssigned}: status FAILED_PRECONDITION, which
     * Walrus sends as HTTP 400, reason {@value #SHARD_NOT_ASSIGNED}, domain {@value #STORAGE_DOMAIN}, metadata
     * {@code {"shard":k,"epoch":e}} as in Walrus's {@code api/errors.rs} example), naming the shard's current owner
     * and, while it has not synced, the previous owner that still holds the data. Walrus's Rust client keys its
     * {@code is_shard_not_assigned} on the reason and the domain together.
     */
    static ApiException notAssigned(NodeBackend backend, EpochCommittees epochs, ShardIndex shard,
                                    SliverPairIndex pair) {
        Committee current = epochs.current();
        NodeId owner = current.ownerOf(shard);
        boolean syncing = owner.equals(backend.nodeId());
        String message = "shard " + shard.value() + (syncing ? " is not yet synced to" : " is not assigned to")
                + " this node in epoch " + current.epoch() + " (this is node " + backend.nodeId() + "); sliver pair "
                + pair.value() + " lives on it, owned by node " + owner + " at " + urlOf(current, owner);
        NodeId holder = epochs.holderOf(shard);
        if (!holder.equals(owner)) {
            message += ", its data is still on node " + holder + " at " + urlOf(epochs.previous().orElse(current), holder);
        }
        return new ApiException(NOT_ASSIGNED_STATUS, SHARD_NOT_ASSIGNED, message).withDetails(STORAGE_DOMAIN,
                java.util.Map.of("shard", shard.value(), "epoch", current.epoch().value()));
    }

    private static String urlOf(Committee committee, NodeId node) {
        return committee.member(node).map(StorageNodeInfo::storageUrl).orElse("(no URL known)");
    }
}
