package io.floe.cli;

import io.floe.cli.client.GatewayClient;
import io.floe.cli.client.GatewayException;
import io.floe.cli.client.ProgressListener;
import io.floe.cli.client.StoreQuery;
import io.floe.cli.client.StoreResult;
import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.account.SignedRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Stores a file too large for one blob at the network's n (DESIGN-ADDENDA §14): each chunk as a signed store of its
 * own that streams only its region of the file, in file order, then the manifest blob, whose ID names the file. One
 * progress bar covers the file's bytes. A chunk the network already certified is answered {@code alreadyCertified}
 * by the gateway and not paid again, so repeating a store that failed part-way pays only for what is missing.
 * Invariant: the manifest is stored only once every chunk was stored (or already certified), so the file's blob ID
 * never names chunks the network was not given.
 */
final class ChunkedStore {
    /** Signs the {@code register_blob} of one blob (a chunk or the manifest) of {@code length} bytes. */
    @FunctionalInterface
    interface Signer {
        SignedRequest register(BlobId blobId, long length);
    }

    private final GatewayClient client;
    private final StoreQuery options;
    private final Signer signer;

    ChunkedStore(GatewayClient client, StoreQuery options, Signer signer) {
        this.client = client;
        this.options = options;
        this.signer = signer;
    }

    /** Stores {@code blobs} (a chunked file) and reports the manifest's answer with its chunks'. */
    StoredFiles.Outcome store(FileBlobs blobs, String file, Progress progress) {
        List<StoredFiles.ChunkResult> stored = new ArrayList<>();
        boolean complete = false;
        try {
            for (FileBlobs.Chunk chunk : blobs.chunks()) {
                StoreResult result = storeChunk(blobs, chunk, progress);
                stored.add(new StoredFiles.ChunkResult(chunk, result));
                if (result instanceof StoreResult.MarkedInvalid) {
                    return failed(blobs, chunk, "its blob ID " + chunk.blobId() + " is marked invalid", stored);
                }
            }
            byte[] manifest = blobs.manifestBytes();
            StoreResult result = client.store(manifest, options,
                Optional.of(signer.register(blobs.blobId(), manifest.length)));
            complete = true;
            return StoredFiles.Outcome.chunked(result, blobs.chunkCount(), stored);
        } catch (GatewayException e) {
            return failed(blobs, stored.size() < blobs.chunkCount() ? blobs.chunk(stored.size()) : null,
                e.getMessage(), stored);
        } catch (IOException e) {
            return StoredFiles.Outcome.failed(Optional.of(blobs.blobId()), "store",
                "cannot read " + file + ": " + LocalFiles.reason(e), blobs.chunkCount(), stored);
        } finally {
            progress.finish(complete);
        }
    }

    private StoreResult storeChunk(FileBlobs blobs, FileBlobs.Chunk chunk, Progress progress) throws IOException {
        // The bar runs over the whole file: each chunk's bytes count from where the chunk starts.
        ProgressListener overFile = (done, total) -> progress.transferred(chunk.offset() + done, blobs.length());
        return client.store(blobs.path(), chunk.offset(), chunk.length(), options,
            Optional.of(signer.register(chunk.blobId(), chunk.length())), overFile);
    }

    /** A failure at {@code chunk} (null: at the manifest), with what was stored before it. */
    private static StoredFiles.Outcome failed(FileBlobs blobs, FileBlobs.Chunk chunk, String why,
                                              List<StoredFiles.ChunkResult> stored) {
        String where = chunk == null ? "the manifest"
            : "chunk " + (chunk.index() + 1) + " of " + blobs.chunkCount() + " (" + chunk.bytes() + ")";
        String again = stored.isEmpty() ? ""
            : "; the " + stored.size() + " chunk(s) stored are not paid again when the store is repeated";
        return StoredFiles.Outcome.failed(Optional.of(blobs.blobId()), "store", where + ": " + why + again,
            blobs.chunkCount(), stored);
    }

    /** The human line for a chunked store: the manifest's blob ID, the earliest end epoch, what was paid in all. */
    static String describe(String file, StoreResult manifest, List<StoredFiles.ChunkResult> chunks) {
        long length = 0;
        long cost = cost(manifest);
        int certified = 0;
        int end = endEpoch(manifest);
        for (StoredFiles.ChunkResult chunk : chunks) {
            length += chunk.chunk().length();
            cost += cost(chunk.result());
            certified += chunk.result() instanceof StoreResult.AlreadyCertified ? 1 : 0;
            end = Math.min(end, endEpoch(chunk.result()));
        }
        if (manifest instanceof StoreResult.AlreadyCertified && certified == chunks.size()) {
            return "Already certified: blob ID " + manifest.blobId() + " (" + chunks.size() + " chunks) until epoch "
                + end;
        }
        return "Stored " + file + ": blob ID " + manifest.blobId() + ", " + BlobIdCommand.bytes(length) + " in "
            + chunks.size() + " chunks" + (certified > 0 ? " (" + certified + " already certified)" : "")
            + ", end epoch " + end + ", cost " + cost + " FROST";
    }

    private static long cost(StoreResult result) {
        return result instanceof StoreResult.NewlyCreated created ? created.cost() : 0;
    }

    // The file is readable until its first blob expires; a marked-invalid blob never reaches this line.
    private static int endEpoch(StoreResult result) {
        if (result instanceof StoreResult.NewlyCreated created) {
            return created.endEpoch().value();
        }
        if (result instanceof StoreResult.AlreadyCertified certified) {
            return certified.endEpoch().value();
        }
        return Integer.MAX_VALUE;
    }
}
