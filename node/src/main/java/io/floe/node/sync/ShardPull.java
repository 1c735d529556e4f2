package io.floe.node.sync;

import io.floe.api.node.SyncShardResponse;
import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.metadata.VerifiedMetadata;
import io.floe.encoding.redstuff.Sliver;
import io.floe.encoding.redstuff.SliverVerifier;
import io.floe.persistence.sliver.BlobLifetimes;
import io.floe.persistence.sliver.NodeProgress;
import io.floe.persistence.sliver.ShardSyncProgress;
import io.floe.persistence.sliver.SliverStore;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.StorageNodeInfo;
import io.floe.protocol.signing.SyncShardRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls one shard's slivers of one type from its previous owner into this node's store, batch by batch from the
 * persisted cursor, each sliver checked before it is stored: the right type and index for this shard, and its hash
 * in the blob's metadata (the node's own, or fetched from the previous owner and checked against the blob ID).
 * A sliver that fails a check is left out; the recheck of every certified blob that follows the pull rebuilds it.
 *
 * <p>Invariant: the cursor advances only past slivers that are stored (its fsync makes them durable), so a crash of
 * either side resumes at the first batch not stored; a batch is tried at most {@code attempts} times and for about
 * {@code giveUpAfter}, then the pull gives up ({@link Outcome#UNREACHABLE}).
 */
final class ShardPull {
    private static final Logger LOG = LoggerFactory.getLogger(ShardPull.class);

    /** How a pull ended. */
    enum Outcome { PULLED, UNREACHABLE, STOPPED }

    /** The pull's fixed inputs: what to pull, in which epoch, from whom, into a network of {@code nShards}. */
    record Target(Epoch epoch, ShardIndex shard, SliverType type, StorageNodeInfo from, int nShards) {
    }

    private final ShardSyncClient client;
    private final SliverStore store;
    private final ShardSyncProgress progress;
    private final NodeProgress nodeProgress;
    private final BlobLifetimes lifetimes;
    private final SyncSettings settings;
    /** True while the pull should go on (the driver is open and the epoch is still the target's). */
    private final BooleanSupplier goOn;

    ShardPull(ShardSyncClient client, SliverStore store, SyncSettings settings, BooleanSupplier goOn) {
        this.client = client;
        this.store = store;
        this.progress = new ShardSyncProgress(store);
        this.nodeProgress = new NodeProgress(store);
        this.lifetimes = new BlobLifetimes(store);
        this.settings = settings;
        this.goOn = goOn;
    }

    Outcome run(Target t) {
        Optional<BlobId> next = Optional.of(progress.cursor(t.epoch(), t.shard(), t.type()).orElse(ZERO));
        int stored = 0;
        long bytes = 0;
        while (next.isPresent()) {
            SyncShardRequest request = new SyncShardRequest(t.shard(), t.type(), next.get(), settings.batchSize(),
                    t.epoch());
            Optional<List<SyncShardResponse.Entry>> batch = batchWithRetries(t, request);
            if (batch.isEmpty()) {
                return goOn.getAsBoolean() ? Outcome.UNREACHABLE : Outcome.STOPPED;
            }
            if (batch.get().isEmpty()) {
                break;
            }
            List<SyncShardResponse.Entry> entries = batch.get();
            next = successor(entries.get(entries.size() - 1).blobId());
            // Advancing fsyncs the write-ahead log, which makes the slivers stored before it durable too.
            progress.advance(t.epoch(), t.shard(), t.type(), next.orElse(MAX));
            stored += entries.size();
            bytes += sliverBytes(entries);
        }
        progress.markPulled(t.epoch(), t.shard(), t.type());
        // The byte count is what bench/epoch-change.sh adds up to time an epoch change per GiB moved.
        LOG.info("Pulled shard {} {} slivers for epoch {} from node {} ({} slivers, {} bytes this run)",
                t.shard().value(), t.type().pathName(), t.epoch(), t.from().id(), stored, bytes);
        return Outcome.PULLED;
    }

    /** The sliver data received in a batch, whether or not this node already held some of it. */
    private static long sliverBytes(List<SyncShardResponse.Entry> entries) {
        long bytes = 0;
        for (SyncShardResponse.Entry e : entries) {
            bytes += e.sliver().data().length;
        }
        return bytes;
    }

    /** One batch fetched and stored; empty when the tries ran out or the pull must stop. */
    private Optional<List<SyncShardResponse.Entry>> batchWithRetries(Target t, SyncShardRequest request) {
        long deadline = System.nanoTime() + settings.giveUpAfter().toNanos();
        for (int attempt = 1; goOn.getAsBoolean(); attempt++) {
            try {
                List<SyncShardResponse.Entry> entries = client.pull(t.from(), request);
                storeBatch(t, request.startingBlobId(), entries);
                return Optional.of(entries);
            } catch (ShardSyncClient.SyncException | OutOfOrderAnswerException e) {
                if (attempt >= settings.attempts() || System.nanoTime() > deadline) {
                    LOG.warn("Giving up pulling shard {} {} from node {} after {} tries: {}", t.shard().value(),
                            t.type().pathName(), t.from().id(), attempt, e.getMessage());
                    return Optional.empty();
                }
                LOG.debug("Pulling shard {} from node {} failed (try {}): {}", t.shard().value(), t.from().id(),
                        attempt, e.getMessage());
                if (!ShardSyncDriver.sleep(settings.retryDelay(attempt))) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private void storeBatch(Target t, BlobId start, List<SyncShardResponse.Entry> entries)
            throws ShardSyncClient.SyncException, OutOfOrderAnswerException {
        BlobId previous = null;
        for (SyncShardResponse.Entry e : entries) {
            if (compare(e.blobId(), start) < 0 || (previous != null && compare(e.blobId(), previous) <= 0)) {
                throw new OutOfOrderAnswerException(t.from().id(), e.blobId());
            }
            previous = e.blobId();
            if (wanted(t, e.blobId()) && !store.hasSliver(t.shard(), t.type(), e.blobId())) {
                storeChecked(t, e.blobId(), e.sliver());
            }
        }
    }

    /** Not invalid, nor expired or deleted by the target epoch: a previous owner may not have collected it yet. */
    private boolean wanted(Target t, BlobId blobId) {
        return !nodeProgress.isInvalid(blobId) && lifetimes.keptIn(blobId, t.epoch());
    }

    private void storeChecked(Target t, BlobId blobId, Sliver sliver) throws ShardSyncClient.SyncException {
        int n = t.nShards();
        SliverPairIndex pair = SliverPairIndex.onShard(t.shard(), blobId.rotation(n), n);
        if (sliver.type() != t.type() || !sliver.index().equals(pair.sliverIndex(t.type(), n))) {
            LOG.warn("Node {} sent {} of blob {} for shard {}: not this shard's sliver; left for recovery",
                    t.from().id(), sliver, blobId, t.shard().value());
            return;
        }
        Optional<VerifiedMetadata> metadata = metadata(t, blobId);
        if (metadata.isEmpty()) {
            LOG.debug("No metadata of blob {} at node {}; its sliver is left for recovery", blobId, t.from().id());
            return;
        }
        if (!new SliverVerifier(metadata.get()).isValid(sliver)) {
            LOG.warn("Node {} sent {} of blob {} that does not match its metadata; left for recovery",
                    t.from().id(), sliver, blobId);
            return;
        }
        store.putSliver(t.shard(), blobId, sliver);
    }

    /** The node's stored metadata, else the previous owner's (checked against the blob ID and shard count) stored. */
    private Optional<VerifiedMetadata> metadata(Target t, BlobId blobId) throws ShardSyncClient.SyncException {
        Optional<VerifiedMetadata> own = store.metadata(blobId);
        if (own.isPresent()) {
            return own;
        }
        Optional<VerifiedMetadata> fetched = client.metadata(t.from(), blobId)
                .filter(m -> m.metadata().nShards() == t.nShards());
        fetched.ifPresent(store::putMetadata);
        return fetched;
    }

    private static final BlobId ZERO = BlobId.of(new byte[BlobId.LENGTH]);
    private static final BlobId MAX = maxId();

    private static BlobId maxId() {
        byte[] bytes = new byte[BlobId.LENGTH];
        Arrays.fill(bytes, (byte) 0xff);
        return BlobId.of(bytes);
    }

    /** The next blob ID in byte order (big-endian + 1); empty after the largest. */
    static Optional<BlobId> successor(BlobId id) {
        byte[] bytes = id.bytes();
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (++bytes[i] != 0) {
                return Optional.of(BlobId.of(bytes));
            }
        }
        return Optional.empty();
    }

    private static int compare(BlobId a, BlobId b) {
        return Arrays.compareUnsigned(a.bytes(), b.bytes());
    }
}
