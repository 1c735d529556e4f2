package io.floe.api.gateway;

import io.floe.api.node.NodeClient;
import io.floe.api.node.SliverBatch;
import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.redstuff.EncodedSlivers;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.Registration;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.StorageNodeInfo;
import io.floe.protocol.signing.ConfirmationVerifier;
import io.floe.protocol.signing.NodeConfirmation;
import io.floe.protocol.signing.ProtocolMessages;
import io.floe.protocol.signing.SignedMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One upload of an encoded blob to a committee (part of {@link BlobWriter}'s store): metadata and sliver pairs to
 * every shard's node in parallel, their signed confirmations collected until a quorum of shards plus a short tail.
 * A confirmation counts only when its signature verifies for the committee's epoch.
 *
 * <p>Invariant: a node's slivers are read from the {@link EncodedSlivers} batch by batch as they are sent
 * ({@link SliverBatches}), at most {@code perNodeConcurrency} batches per node at once, so a blob whose slivers live
 * in a file is never all on the heap.
 */
final class NodeUploads {
    private static final Logger LOG = LoggerFactory.getLogger(NodeUploads.class);

    /** Sliver bytes per batch request to one node. */
    static final long BATCH_BYTES = io.floe.api.node.NodeRoutes.BATCH_BYTES;

    private final ActorSystem<?> system;
    private final Function<StorageNodeInfo, NodeClient> nodes;
    private final Executor cpu;
    private final Duration confirmationTail;
    private final int perNodeConcurrency;
    private final GatewayMetrics metrics;

    NodeUploads(ActorSystem<?> system, Function<StorageNodeInfo, NodeClient> nodes, Executor cpu,
                Duration confirmationTail, int perNodeConcurrency, GatewayMetrics metrics) {
        this.system = system;
        this.nodes = nodes;
        this.cpu = cpu;
        this.confirmationTail = confirmationTail;
        this.perNodeConcurrency = perNodeConcurrency;
        this.metrics = metrics;
    }

    /** Share of the JVM's heap the batches of one upload may hold (each loaded and encoded as a request). */
    static final double UPLOAD_HEAP_SHARE = 0.125;

    /** Most sliver batches one upload to {@code committee} holds on the heap at once. */
    long maxBatchesLoaded(Committee committee) {
        return (long) committee.members().size() * concurrency(committee, Runtime.getRuntime().maxMemory());
    }

    /**
     * Batches sent to one node at once: {@code node-concurrency}, lowered on a small heap so that one upload's
     * batches (each held twice, as slivers and as the request body) stay within {@link #UPLOAD_HEAP_SHARE} of it:
     * with 4 nodes, 16 at the default 3 GiB gateway heap would be 512 MiB, more than a 512 MiB heap has.
     */
    int concurrency(Committee committee, long maxHeap) {
        long perNode = (long) (maxHeap * UPLOAD_HEAP_SHARE) / (2 * BATCH_BYTES * Math.max(1, committee.members().size()));
        return (int) Math.max(1, Math.min(perNodeConcurrency, perNode));
    }

    CompletionStage<List<NodeConfirmation>> upload(EncodedSlivers encoded, Committee committee,
                                                           Registration registration) {
        ConfirmationCollector collector = new ConfirmationCollector(committee, confirmationTail);
        Optional<ObjectId> deletable = registration.deletable() ? Optional.of(registration.objectId()) : Optional.empty();
        byte[] expected = deletable.isPresent()
                ? ProtocolMessages.blobCertifiedDeletable(committee.epoch(), encoded.blobId(), deletable.get())
                : ProtocolMessages.blobCertified(committee.epoch(), encoded.blobId());
        int concurrency = concurrency(committee, Runtime.getRuntime().maxMemory());
        for (StorageNodeInfo node : committee.members()) {
            List<ShardIndex> shards = committee.shardsOf(node.id());
            if (shards.isEmpty()) {
                continue;
            }
            metrics.timedStore("upload", () -> uploadTo(nodes.apply(node), encoded, shards, deletable, concurrency))
                    .whenComplete((confirmation, error) -> {
                        if (error != null) {
                            LOG.debug("node {} did not confirm {}: {}", node.id(), encoded.blobId(),
                                    error.toString());
                            collector.failed(node.id(), error);
                        } else if (!ConfirmationVerifier.verifyConfirmation(node, confirmation, expected)) {
                            // Counting it would end the collection early and the Blob entity would refuse the
                            // certificate.
                            collector.failed(node.id(), invalidConfirmation(node, confirmation, committee,
                                    encoded.blobId()));
                        } else {
                            collector.confirmed(new NodeConfirmation(node.id(), confirmation));
                        }
                    });
        }
        return collector.result();
    }

    /**
     * Why a confirmation does not count. One signed for another epoch than {@code committee}'s comes from a node whose
     * committee changed before or after this member's did (each member refreshes it every second): that failure says
     * so, and the upload is tried again with the committee a moment later, as for a node that refused a shard.
     */
    private static StoreFailedException invalidConfirmation(StorageNodeInfo node, SignedMessage confirmation,
                                                            Committee committee, BlobId blobId) {
        Optional<Epoch> signedFor = signedEpoch(confirmation);
        if (signedFor.isPresent() && !signedFor.get().equals(committee.epoch())) {
            LOG.info("node {} confirmed {} for epoch {}, this gateway's committee is of epoch {}", node.id(), blobId,
                    signedFor.get(), committee.epoch());
            return new StoreFailedException("confirmation signed for epoch " + signedFor.get() + ", not "
                    + committee.epoch(), true);
        }
        LOG.warn("node {} sent an invalid confirmation for {}; ignored", node.id(), blobId);
        return new StoreFailedException("invalid confirmation signature or message");
    }

    private static Optional<Epoch> signedEpoch(SignedMessage confirmation) {
        try {
            return Optional.of(ProtocolMessages.parse(confirmation.serializedMessage()).epoch());
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }

    /**
     * Uploads the node's slivers (both of each of its pairs) in batches of at most {@link #BATCH_BYTES}, so a small
     * blob takes one request per node and a large one a few that run in parallel. A batch is read from
     * {@code encoded} when it is sent ({@link SliverBatches}) and dropped once the node took it, so at most
     * {@code concurrency} batches per node are on the heap.
     */
    private CompletableFuture<io.floe.protocol.signing.SignedMessage> uploadTo(NodeClient node, EncodedSlivers encoded,
            List<ShardIndex> shards, Optional<ObjectId> deletable, int concurrency) {
        BlobId id = encoded.blobId();
        List<SliverBatches.Plan> batches = SliverBatches.plan(encoded, shards, BATCH_BYTES);
        if (batches.size() == 1) {
            // A small blob: metadata, slivers and confirmation in one request (each part is idempotent, so retried whole).
            return load(batches.get(0), encoded).thenCompose(entries ->
                    Retry.withRetries(system, () -> node.upload(encoded.metadata(), entries, deletable)));
        }
        AsyncLimiter limiter = new AsyncLimiter(concurrency);
        return Retry.withRetries(system, () -> node.putMetadata(encoded.metadata())).thenCompose(stored -> {
            List<CompletableFuture<Void>> puts = new ArrayList<>();
            for (SliverBatches.Plan batch : batches) {
                puts.add(limiter.submit(() -> load(batch, encoded).thenCompose(entries ->
                        Retry.withRetries(system, () -> node.putSlivers(id, entries)))));
            }
            return CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new));
        }).thenCompose(done -> Retry.withRetries(system, () -> node.confirmation(id, deletable)));
    }

    /** Reads a batch's slivers on the codec threads (file reads, not the dispatcher's threads). */
    private CompletableFuture<List<SliverBatch.Entry>> load(SliverBatches.Plan batch, EncodedSlivers encoded) {
        return CompletableFuture.supplyAsync(() -> batch.load(encoded), cpu);
    }
}
