package io.floe.api.gateway;

import io.floe.encoding.chunks.ChunkLayout;
import io.floe.encoding.chunks.ChunkManifest;
import io.floe.encoding.metadata.BlobId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An unsigned body larger than one blob can be at the network's n, stored as Floe's chunked stream
 * (DESIGN-ADDENDA §14): each chunk of its {@link ChunkLayout} is stored from its region of the spool file as an
 * ordinary blob with the body's options, one after another (a chunk starts when the one before it answered and every
 * node's upload of it settled, so the store holds one chunk's encoding at a time), then
 * the {@link ChunkManifest} naming them is stored as one more blob. Its outcome answers the request: the manifest's
 * blob ID names the whole stream.
 *
 * <p>Invariant: the manifest is stored only after every chunk was certified (or found certified), so a manifest
 * never names a chunk that is not readable. A failed chunk fails the whole store; retrying it pays no chunk twice
 * (certified chunks answer {@code alreadyCertified}, a paid pending registration is reused).
 */
final class ChunkedStore {
    private static final Logger LOG = LoggerFactory.getLogger(ChunkedStore.class);

    private final BlobWriter writer;

    ChunkedStore(BlobWriter writer) {
        this.writer = writer;
    }

    /** Stores the chunks of the first {@code layout.totalLength()} bytes of {@code file}, then their manifest. */
    CompletionStage<StoreOutcome> store(Path file, ChunkLayout layout, Path workDir, StoreParameters options) {
        return storeFrom(0, new ArrayList<>(), file, layout, workDir, options).thenCompose(ids -> {
            ChunkManifest manifest = new ChunkManifest(layout, ids);
            return writer.store(manifest.toBytes(), options).whenComplete((outcome, error) -> {
                if (error == null) {
                    LOG.info("{}: stored {} bytes as {} chunks and this manifest", outcome.blobId(),
                            layout.totalLength(), ids.size());
                }
            });
        });
    }

    private CompletionStage<List<BlobId>> storeFrom(int chunk, List<BlobId> stored, Path file, ChunkLayout layout,
                                                   Path workDir, StoreParameters options) {
        if (chunk == layout.chunkCount()) {
            return CompletableFuture.completedFuture(stored);
        }
        BlobWriter.Running chunkStore = writer.start(file, layout.offsetOf(chunk), layout.lengthOf(chunk), workDir,
                options);
        // The next chunk starts once this one let go of its sliver file, so the store holds one chunk's heap.
        return chunkStore.outcome().handle((outcome, error) -> chunkStore.released()
                        .thenCompose(released -> error == null ? CompletableFuture.completedFuture(outcome)
                                : CompletableFuture.<StoreOutcome>failedFuture(error)))
                .thenCompose(java.util.function.Function.identity())
                .thenCompose(outcome -> {
                    LOG.debug("{}: chunk {} of {} stored", outcome.blobId(), chunk + 1, layout.chunkCount());
                    stored.add(outcome.blobId());
                    return storeFrom(chunk + 1, stored, file, layout, workDir, options);
                });
    }
}
