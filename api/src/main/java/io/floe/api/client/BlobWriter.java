package io.floe.api.client;

import io.floe.api.control.ControlPlane;
import io.floe.api.control.ControlPlaneException;
import io.floe.api.control.NodeConfirmation;
import io.floe.api.control.RegisterBlob;
import io.floe.api.node.NodeClient;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.redstuff.BlobEncoder;
import io.floe.encoding.redstuff.EncodedBlob;
import io.floe.encoding.redstuff.EncodingConfig;
import io.floe.encoding.redstuff.SliverPair;
import io.floe.protocol.blob.BlobRecord;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.Registration;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.StorageNodeInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publisher's write path (DESIGN.md §6): encode, pay and register, upload metadata and sliver pairs to every
 * shard's node in parallel, collect signed confirmations until a quorum of shards plus a short tail, and certify.
 * Nothing is certified without a quorum; a node that fails only lowers the weight collected.
 */
public final class BlobWriter {
    private static final Logger LOG = LoggerFactory.getLogger(BlobWriter.class);

    private final ControlPlane control;
    private final Function<StorageNodeInfo, NodeClient> nodes;
    private final Executor cpu;
    private final Duration confirmationTail;
    private final int perNodeConcurrency;

    public BlobWriter(ControlPlane control, Function<StorageNodeInfo, NodeClient> nodes, Executor cpu,
                      Duration confirmationTail, int perNodeConcurrency) {
        this.control = control;
        this.nodes = nodes;
        this.cpu = cpu;
        this.confirmationTail = confirmationTail;
        this.perNodeConcurrency = perNodeConcurrency;
    }

    /** Stores a blob; fails with {@link ControlPlaneException} or {@link StoreFailedException}. */
    public CompletionStage<StoreOutcome> store(byte[] blob, StoreOptions options) {
        return control.committee().thenCompose(committee ->
                CompletableFuture.supplyAsync(() -> encode(blob, committee), cpu)
                        .thenCompose(encoded -> control.blob(encoded.blobId())
                                .thenCompose(record -> storeEncoded(encoded, record, committee, options))));
    }

    private static EncodedBlob encode(byte[] blob, Committee committee) {
        return new BlobEncoder(new EncodingConfig(committee.nShards())).encode(blob);
    }

    private CompletionStage<StoreOutcome> storeEncoded(EncodedBlob encoded, BlobRecord record, Committee committee,
                                                       StoreOptions options) {
        int wantedEnd = committee.epoch().value() + options.epochs();
        Optional<Registration> existing = record.longestCertified();
        if (!options.force() && existing.isPresent() && existing.get().endEpoch().value() >= wantedEnd) {
            return CompletableFuture.completedFuture(new StoreOutcome.AlreadyCertified(encoded.blobId(), existing.get()));
        }
        RegisterBlob request = new RegisterBlob(encoded.blobId(), ObjectId.random(),
                encoded.metadata().metadata().unencodedLength(), committee.nShards(), options.epochs(), options.deletable());
        return control.register(request).thenCompose(registration ->
                upload(encoded, committee, registration)
                        .thenCompose(confirmations -> control.certify(encoded.blobId(), registration.objectId(), confirmations))
                        .thenApply(certified -> (StoreOutcome) new StoreOutcome.NewlyCreated(encoded.blobId(),
                                certified.registration(registration.objectId()).orElse(registration), options.epochs())));
    }

    private CompletionStage<List<NodeConfirmation>> upload(EncodedBlob encoded, Committee committee,
                                                           Registration registration) {
        ConfirmationCollector collector = new ConfirmationCollector(committee, confirmationTail);
        Optional<ObjectId> deletable = registration.deletable() ? Optional.of(registration.objectId()) : Optional.empty();
        for (StorageNodeInfo node : committee.members()) {
            List<ShardIndex> shards = committee.shardsOf(node.id());
            if (shards.isEmpty()) {
                continue;
            }
            uploadTo(nodes.apply(node), encoded, shards, deletable).whenComplete((confirmation, error) -> {
                if (error != null) {
                    LOG.debug("node {} did not confirm {}: {}", node.id(), encoded.blobId(), error.toString());
                    collector.failed(node.id(), error);
                } else {
                    collector.confirmed(new NodeConfirmation(node.id(), confirmation));
                }
            });
        }
        return collector.result();
    }

    private CompletableFuture<io.floe.protocol.signing.SignedMessage> uploadTo(NodeClient node, EncodedBlob encoded,
            List<ShardIndex> shards, Optional<ObjectId> deletable) {
        BlobId id = encoded.blobId();
        int n = encoded.config().nShards();
        int rotation = id.rotation(n);
        AsyncLimiter limiter = new AsyncLimiter(perNodeConcurrency);
        return node.putMetadata(encoded.metadata()).thenCompose(stored -> {
            List<CompletableFuture<Void>> puts = new ArrayList<>();
            for (ShardIndex shard : shards) {
                SliverPair pair = encoded.pair(SliverPairIndex.onShard(shard, rotation, n));
                puts.add(limiter.submit(() -> node.putSliver(id, pair.index(), pair.primary())));
                puts.add(limiter.submit(() -> node.putSliver(id, pair.index(), pair.secondary())));
            }
            return CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new));
        }).thenCompose(done -> node.confirmation(id, deletable));
    }
}
