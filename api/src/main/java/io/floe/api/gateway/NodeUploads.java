package io.floe.api.gateway;

import io.floe.api.json.ApiErrors;
import io.floe.api.node.NodeClient;
import io.floe.api.node.NodeRequestException;
import io.floe.api.node.SliverBatch;
import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.redstuff.EncodedSlivers;
import io.floe.encoding.redstuff.EncodingConfig;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.Registration;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;
import io.floe.protocol.signing.ConfirmationVerifier;
import io.floe.protocol.signing.NodeConfirmation;
import io.floe.protocol.signing.ProtocolMessages;
import io.floe.protocol.signing.SignedMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private final long batchBytes;
    /** {@code upload-window}: sliver bytes one upload holds loaded at once, all nodes together. */
    private final long windowBytes;

    /** {@code floe.gateway.upload-window}'s default. */
    static final long DEFAULT_UPLOAD_WINDOW = 64L << 20;

    NodeUploads(ActorSystem<?> system, Function<StorageNodeInfo, NodeClient> nodes, Executor cpu,
                Duration confirmationTail, int perNodeConcurrency, GatewayMetrics metrics) {
        this(system, nodes, cpu, confirmationTail, perNodeConcurrency, metrics, BATCH_BYTES, DEFAULT_UPLOAD_WINDOW);
    }

    /**
     * With batches of {@code batchBytes} (tests cut a small blob into several batches per node) and at most
     * {@code windowBytes} of them loaded at once ({@code upload-window}).
     */
    NodeUploads(ActorSystem<?> system, Function<StorageNodeInfo, NodeClient> nodes, Executor cpu,
                Duration confirmationTail, int perNodeConcurrency, GatewayMetrics metrics, long batchBytes,
                long windowBytes) {
        this.system = system;
        this.nodes = nodes;
        this.cpu = cpu;
        this.confirmationTail = confirmationTail;
        this.perNodeConcurrency = perNodeConcurrency;
        this.metrics = metrics;
        this.batchBytes = batchBytes;
        this.windowBytes = windowBytes;
    }

    /** Share of the JVM's heap the batches of one upload may hold (each loaded and encoded as a request). */
    static final double UPLOAD_HEAP_SHARE = 0.125;

    /**
     * The most sliver bytes one upload to {@code committee} holds on the heap at once, for slivers of
     * {@code symbolSize} bytes per symbol: each node's concurrent batches, each held twice (slivers and request body).
     */
    long heapBytes(Committee committee, EncodingConfig config, int symbolSize) {
        long batch = SliverBatches.batchHeap(config, symbolSize, batchBytes);
        return 2 * batch * committee.members().size() * concurrency(committee, batch, Runtime.getRuntime().maxMemory());
    }

    /**
     * Batches sent to one node at once: {@code node-concurrency}, lowered on a small heap so that one upload's
     * batches of {@code batchHeap} bytes (each held twice, as slivers and as the request body) stay within
     * {@link #UPLOAD_HEAP_SHARE} of it: with 4 nodes, 16 batches of 4 MiB at the default 3 GiB gateway heap would be
     * 512 MiB, more than a 512 MiB heap has. A batch is one sliver when a sliver alone is larger than
     * {@link #BATCH_BYTES} ({@link SliverBatches#batchHeap}), so large slivers lower it too. {@code upload-window}
     * bounds it as well, whatever the heap: batches loaded ahead of what the nodes can verify only sit in the young
     * generation, where every collection copies them again (on 2 cores, 12 batches per node made a 64 MiB store
     * spend more time in the gateway's young-collection pauses than in encoding).
     */
    int concurrency(Committee committee, long batchHeap, long maxHeap) {
        long window = Math.min(windowBytes, (long) (maxHeap * UPLOAD_HEAP_SHARE));
        long perNode = window / (2 * batchHeap * Math.max(1, committee.members().size()));
        return (int) Math.max(1, Math.min(perNodeConcurrency, perNode));
    }

    /**
     * Sends every node of {@code committee} its metadata and slivers to hold until the blob is registered, when the
     * blob is small enough for one request per node ({@link NodeClient#hold}); else nothing. The nodes verify what
     * they hold but confirm nothing before a registration passes, so this may run while the blob is registered.
     * {@code pending} receives only the reading of each node's slivers from {@code encoded}: a held upload's request
     * carries them loaded, so the store lets go of {@code encoded} (and its budget) without waiting for the nodes'
     * answers, e.g. after its registration failed.
     */
    HeldUploads hold(EncodedSlivers encoded, Committee committee, PendingUploads pending) {
        Map<NodeId, SliverBatches.Plan> plans = new HashMap<>();
        for (StorageNodeInfo node : committee.members()) {
            List<ShardIndex> shards = committee.shardsOf(node.id());
            List<SliverBatches.Plan> batches = shards.isEmpty() ? List.of()
                    : SliverBatches.plan(encoded, shards, batchBytes);
            if (batches.size() > 1) {
                return HeldUploads.NONE;
            }
            if (batches.size() == 1) {
                plans.put(node.id(), batches.get(0));
            }
        }
        Map<NodeId, CompletableFuture<Void>> held = new HashMap<>();
        for (StorageNodeInfo node : committee.members()) {
            SliverBatches.Plan plan = plans.get(node.id());
            if (plan != null) {
                NodeClient client = nodes.apply(node);
                held.put(node.id(), pending.add(load(plan, encoded)).thenCompose(entries ->
                        Retry.withRetries(system, () -> client.hold(encoded.metadata(), entries))));
            }
        }
        return new HeldUploads(Optional.of(committee), held);
    }

    /**
     * Uploads to every node of {@code committee}; the answer is the confirmations (quorum plus tail).
     * {@code pending} receives each node's upload, which settles only when that node will read no more slivers
     * from {@code encoded}: the answer may come first, and {@code encoded} must stay open until they all settled.
     * A node that holds its upload ({@code held}, of this committee; {@link HeldUploads#NONE} for none) is asked only
     * for its confirmation, which writes what it held once the registration passes there; a node whose held upload or
     * confirmation failed with an error answer is sent the whole upload.
     */
    CompletionStage<List<NodeConfirmation>> upload(EncodedSlivers encoded, Committee committee,
                                                   Registration registration, PendingUploads pending,
                                                   HeldUploads held) {
        ConfirmationCollector collector = new ConfirmationCollector(committee, confirmationTail);
        Optional<ObjectId> deletable = registration.deletable() ? Optional.of(registration.objectId()) : Optional.empty();
        byte[] expected = deletable.isPresent()
                ? ProtocolMessages.blobCertifiedDeletable(committee.epoch(), encoded.blobId(), deletable.get())
                : ProtocolMessages.blobCertified(committee.epoch(), encoded.blobId());
        int concurrency = concurrency(committee,
                SliverBatches.batchHeap(encoded.config(), encoded.symbolSize(), batchBytes),
                Runtime.getRuntime().maxMemory());
        for (StorageNodeInfo node : committee.members()) {
            List<ShardIndex> shards = committee.shardsOf(node.id());
            if (shards.isEmpty()) {
                continue;
            }
            NodeClient client = nodes.apply(node);
            metrics.timedStore("upload", () -> pending.add(held.of(committee, node.id())
                            .map(h -> confirmHeld(client, h, encoded, shards, deletable, concurrency))
                            .orElseGet(() -> uploadTo(client, encoded, shards, deletable, concurrency))))
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
     * Uploads the node's slivers (both of each of its pairs) in batches of at most {@code batchBytes} (one sliver when a sliver is larger), so a small
     * blob takes one request per node and a large one a few that run in parallel. A batch is read from
     * {@code encoded} when it is sent ({@link SliverBatches}) and dropped once the node took it, so at most
     * {@code concurrency} batches per node are on the heap. After a batch failed for good the node cannot confirm:
     * its batches still waiting are not read or sent, so a failing node settles as soon as its requests in flight.
     */
    private CompletableFuture<SignedMessage> uploadTo(NodeClient node, EncodedSlivers encoded,
            List<ShardIndex> shards, Optional<ObjectId> deletable, int concurrency) {
        BlobId id = encoded.blobId();
        List<SliverBatches.Plan> batches = SliverBatches.plan(encoded, shards, batchBytes);
        if (batches.size() == 1) {
            // A small blob: metadata, slivers and confirmation in one request (each part is idempotent, so retried whole).
            return load(batches.get(0), encoded).thenCompose(entries ->
                    Retry.withRetries(system, () -> node.upload(encoded.metadata(), entries, deletable)));
        }
        AsyncLimiter limiter = new AsyncLimiter(concurrency);
        CompletableFuture<Void> failed = new CompletableFuture<>();
        return Retry.withRetries(system, () -> node.putMetadata(encoded.metadata())).thenCompose(stored -> {
            List<CompletableFuture<Void>> puts = new ArrayList<>();
            for (SliverBatches.Plan batch : batches) {
                puts.add(limiter.submit(() -> failed.isDone() ? failed : body(batch, encoded).thenCompose(body ->
                        Retry.withRetries(system, () -> node.putSlivers(id, body)))
                        .whenComplete((done, error) -> {
                            if (error != null) {
                                failed.completeExceptionally(error);
                            }
                        })));
            }
            return CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new));
        }).thenCompose(done -> Retry.withRetries(system, () -> node.confirmation(id, deletable)));
    }

    /**
     * The confirmation of a node holding its upload; the whole upload when the node answered the hold or the
     * confirmation with an error (e.g. 409: what it held is gone). A node that did not answer (a timeout, a refused
     * connection) fails this upload as it would without holding: sending it everything again would only wait for it
     * once more.
     */
    private CompletableFuture<SignedMessage> confirmHeld(NodeClient node, CompletableFuture<Void> held,
            EncodedSlivers encoded, List<ShardIndex> shards, Optional<ObjectId> deletable, int concurrency) {
        BlobId id = encoded.blobId();
        return held.thenCompose(stored -> Retry.withRetries(system, () -> node.confirmation(id, deletable)))
                .exceptionallyCompose(error -> {
                    if (!(ApiErrors.unwrap(error) instanceof NodeRequestException)) {
                        return CompletableFuture.failedFuture(error);
                    }
                    LOG.debug("the held upload of {} did not confirm ({}); uploading it again", id, error.toString());
                    return uploadTo(node, encoded, shards, deletable, concurrency);
                });
    }

    /** Builds a batch's request body on the codec threads (file reads, not the dispatcher's threads). */
    private CompletableFuture<byte[]> body(SliverBatches.Plan batch, EncodedSlivers encoded) {
        return CompletableFuture.supplyAsync(() -> batch.body(encoded), cpu);
    }

    /** Reads a batch's slivers on the codec threads (file reads, not the dispatcher's threads). */
    private CompletableFuture<List<SliverBatch.Entry>> load(SliverBatches.Plan batch, EncodedSlivers encoded) {
        return CompletableFuture.supplyAsync(() -> batch.load(encoded), cpu);
    }
}
