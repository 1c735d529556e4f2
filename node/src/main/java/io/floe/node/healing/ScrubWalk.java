package io.floe.node.healing;

import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.metadata.VerifiedMetadata;
import io.floe.encoding.redstuff.Sliver;
import io.floe.encoding.redstuff.SliverVerifier;
import io.floe.persistence.sliver.CorruptMetadataException;
import io.floe.persistence.sliver.CorruptSliverException;
import io.floe.persistence.sliver.SliverStore;
import io.floe.persistence.sliver.SliverStoreException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass over every sliver in a node's store, family by family in blob-ID order, a few slivers per step. Each
 * sliver is read back and verified against the blob's stored metadata; whatever is damaged (a sliver that fails its
 * hash or sits under the wrong index, a value or metadata RocksDB reports corrupt) is deleted and handed to
 * {@link ScrubRepairs}; a family with a damaged table file is handed over whole. Not thread-safe: one caller steps.
 */
final class ScrubWalk {
    private static final Logger LOG = LoggerFactory.getLogger(Scrubber.class);

    private record Family(ShardIndex shard, SliverType type) {
    }

    private final SliverStore store;
    private final ScrubRepairs repairs;
    private final HealingMetrics metrics;
    private final Deque<Family> families = new ArrayDeque<>();
    private final Deque<BlobId> page = new ArrayDeque<>();
    /** The last blob ID checked in the current family; the next page starts after it. */
    private BlobId last;
    private boolean pageEnded;
    private boolean metadataDropped;
    private long checked;
    private long damaged;

    ScrubWalk(SliverStore store, ScrubRepairs repairs, HealingMetrics metrics) {
        this.store = store;
        this.repairs = repairs;
        this.metrics = metrics;
        for (ShardIndex shard : store.shards()) {
            for (SliverType type : SliverType.values()) {
                families.add(new Family(shard, type));
            }
        }
    }

    /** Checks up to {@code max} slivers; returns how many it checked (fewer only at the end of the pass). */
    int step(int max) {
        int done = 0;
        while (done < max && !families.isEmpty()) {
            if (page.isEmpty() && !nextPage(max - done)) {
                continue;
            }
            BlobId blobId = page.poll();
            if (blobId != null) {
                last = blobId;
                done++;
                check(families.peek(), blobId);
            }
        }
        return done;
    }

    boolean finished() {
        return families.isEmpty();
    }

    long checked() {
        return checked;
    }

    long damaged() {
        return damaged;
    }

    /** Loads the current family's next IDs; false when the family is done (the walk moved to the next one). */
    private boolean nextPage(int size) {
        Family family = families.peek();
        if (pageEnded) {
            nextFamily();
            return false;
        }
        List<BlobId> ids;
        try {
            ids = nextIds(family, size);
        } catch (SliverStoreException e) {
            if (!e.isCorruption()) {
                throw e;
            }
            LOG.warn("Scrub: listing shard {} {} slivers failed on damaged data: {}", family.shard().value(),
                    family.type().pathName(), e.getMessage());
            dropFamily(family);
            return false;
        }
        pageEnded = ids.size() < size;
        page.addAll(ids);
        if (ids.isEmpty()) {
            nextFamily();
            return false;
        }
        return true;
    }

    private void nextFamily() {
        families.poll();
        page.clear();
        last = null;
        pageEnded = false;
    }

    private void dropFamily(Family family) {
        damaged++;
        metrics.scrubbed(true);
        repairs.dropDamagedFamily(family.shard(), family.type());
        nextFamily();
    }

    private void check(Family family, BlobId blobId) {
        checked++;
        Optional<Stored> stored = read(family, blobId);
        if (stored.isEmpty()) {
            return;
        }
        if (stored.get().metadata().isEmpty()) {
            // Cannot be verified, so it is never served: get the metadata (recovery fetches it) if the blob is owed.
            metrics.scrubbed(false);
            repairs.recheck(blobId);
            return;
        }
        Optional<String> problem = problem(family, blobId, stored.get().metadata().get(), stored.get().sliver());
        if (problem.isPresent()) {
            damagedSliver(family, blobId, problem.get());
        } else {
            metrics.scrubbed(false);
        }
    }

    private record Stored(Optional<VerifiedMetadata> metadata, Sliver sliver) {
    }

    /** The stored sliver and the blob's metadata; empty if the sliver is gone or damage was found (and handled). */
    private Optional<Stored> read(Family family, BlobId blobId) {
        try {
            Optional<VerifiedMetadata> metadata = store.metadata(blobId);
            return store.sliver(family.shard(), family.type(), blobId).map(sliver -> new Stored(metadata, sliver));
        } catch (CorruptMetadataException e) {
            if (e.inTableFile()) {
                metadataDamaged(e);
            } else {
                LOG.info("Scrub: metadata of blob {} is damaged ({}); deleted it, recovering", blobId, e.getMessage());
                store.deleteMetadata(blobId);
                found(blobId);
            }
        } catch (CorruptSliverException e) {
            if (e.inTableFile()) {
                LOG.warn("Scrub: a table file of shard {} {} slivers is damaged: {}", family.shard().value(),
                        family.type().pathName(), e.getMessage());
                dropFamily(family);
            } else {
                damagedSliver(family, blobId, e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** Why the stored sliver is not the one the node should hold, or empty if it is. */
    static Optional<String> problem(Family family, BlobId blobId, VerifiedMetadata metadata, Sliver sliver) {
        int n = metadata.metadata().nShards();
        if (family.shard().value() >= n) {
            return Optional.of("shard " + family.shard().value() + " is outside the blob's " + n + " shards");
        }
        SliverPairIndex pair = SliverPairIndex.onShard(family.shard(), blobId.rotation(n), n);
        if (!sliver.index().equals(pair.sliverIndex(family.type(), n))) {
            return Optional.of("it is sliver " + sliver.index().value() + ", not " + pair.sliverIndex(family.type(), n)
                    .value());
        }
        try {
            new SliverVerifier(metadata).verify(sliver);
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** Hands the metadata family over once per pass: the repair replaces it, and with it every damaged block. */
    private void metadataDamaged(CorruptMetadataException e) {
        if (metadataDropped) {
            return;
        }
        metadataDropped = true;
        LOG.warn("Scrub: a table file of the metadata family is damaged: {}", e.getMessage());
        damaged++;
        metrics.scrubbed(true);
        repairs.dropDamagedMetadata();
    }

    private void damagedSliver(Family family, BlobId blobId, String why) {
        LOG.info("Scrub: shard {} {} sliver of blob {} is damaged ({}); deleted it, recovering",
                family.shard().value(), family.type().pathName(), blobId, why);
        store.deleteSliver(family.shard(), family.type(), blobId);
        found(blobId);
    }

    private void found(BlobId blobId) {
        damaged++;
        metrics.scrubbed(true);
        // After the delete: see NodeEventProcessor#onCertified for why the order matters.
        repairs.recheck(blobId);
    }

    /** Up to {@code size} IDs after the last one checked (the page starts at it, inclusive, when it is still there). */
    private List<BlobId> nextIds(Family family, int size) {
        if (last == null) {
            return store.blobIds(family.shard(), family.type(), null, size);
        }
        List<BlobId> ids = store.blobIds(family.shard(), family.type(), last, size + 1);
        if (!ids.isEmpty() && ids.get(0).equals(last)) {
            return ids.subList(1, ids.size());
        }
        return ids.size() > size ? ids.subList(0, size) : ids;
    }
}
