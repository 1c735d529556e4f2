package io.floe.api.gateway;

import io.floe.api.node.NodeClient;
import io.floe.api.node.RecoverySymbolList;
import io.floe.encoding.index.SliverIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.VerifiedMetadata;
import io.floe.encoding.redstuff.EncodingConfig;
import io.floe.encoding.redstuff.InconsistencyDetectedException;
import io.floe.encoding.redstuff.InconsistentBlobException;
import io.floe.encoding.redstuff.NotEnoughSliversException;
import io.floe.encoding.redstuff.RecoverySymbol;
import io.floe.encoding.redstuff.Sliver;
import io.floe.encoding.redstuff.SliverRebuilder;
import io.floe.protocol.committee.StorageNodeInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds a systematic primary sliver that no holder served correctly, as a storage node's recovery does
 * (DESIGN.md §6): every node of the committees is asked for the symbols its secondary slivers hold for that row,
 * with Merkle proofs, and ns proven symbols decode the row. A streamed read thus replaces one sliver with about one
 * sliver of traffic instead of decoding the whole blob in memory.
 *
 * <p>Invariant: what it returns matches the metadata's hash for that sliver ({@link SliverRebuilder#rebuild} checks
 * every proof and the result); too few proven symbols fail with {@link NotEnoughSliversAvailableException}, proven
 * symbols that decode to the wrong sliver with {@link InconsistentBlobException} (the writer's encoding was bad).
 */
final class SystematicRebuild {
    private static final Logger LOG = LoggerFactory.getLogger(SystematicRebuild.class);

    private final Function<StorageNodeInfo, NodeClient> nodes;
    private final Executor cpu;
    private final GatewayMetrics metrics;

    SystematicRebuild(Function<StorageNodeInfo, NodeClient> nodes, Executor cpu, GatewayMetrics metrics) {
        this.nodes = nodes;
        this.cpu = cpu;
        this.metrics = metrics;
    }

    /** The verified primary sliver of row {@code row} (which is also its pair index), rebuilt from symbols. */
    CompletableFuture<Sliver> primary(ShardHolders holders, VerifiedMetadata metadata, int row) {
        SliverIndex target = new SliverIndex(row);
        List<CompletableFuture<List<RecoverySymbol>>> asked = new ArrayList<>();
        for (StorageNodeInfo node : holders.metadataNodes()) {
            asked.add(nodes.apply(node).recoverySymbols(metadata.blobId(), SliverType.PRIMARY, target, List.of())
                    .thenApply(RecoverySymbolList.Fetched::symbols)
                    .exceptionally(error -> {
                        // A node holding none of the blob's shards refuses; one that is down just adds no symbols.
                        LOG.debug("recovery symbols for primary sliver {} of {} from {} failed: {}", row,
                                metadata.blobId(), node.id(), error.toString());
                        return List.of();
                    }));
        }
        return metrics.timedRead("rebuild", () -> CompletableFuture.allOf(asked.toArray(CompletableFuture[]::new))
                .thenApplyAsync(done -> rebuilt(metadata, target, collected(asked)), cpu));
    }

    private static List<RecoverySymbol> collected(List<CompletableFuture<List<RecoverySymbol>>> asked) {
        List<RecoverySymbol> all = new ArrayList<>();
        asked.forEach(a -> all.addAll(a.join()));
        return all;
    }

    private static Sliver rebuilt(VerifiedMetadata metadata, SliverIndex target, List<RecoverySymbol> symbols) {
        try {
            Sliver sliver = new SliverRebuilder(metadata).rebuild(SliverType.PRIMARY, target, symbols);
            LOG.debug("rebuilt primary sliver {} of {} from {} symbols", target.value(), metadata.blobId(),
                    symbols.size());
            return sliver;
        } catch (NotEnoughSliversException e) {
            int needed = new EncodingConfig(metadata.metadata().nShards()).secondarySourceSymbols();
            throw new NotEnoughSliversAvailableException(metadata.blobId(), "recovery symbols for primary sliver "
                    + target.value(), symbols.size(), needed);
        } catch (InconsistencyDetectedException e) {
            throw new InconsistentBlobException("primary sliver " + target.value() + " of " + metadata.blobId()
                    + " rebuilt from proven symbols does not match its hash");
        }
    }
}
