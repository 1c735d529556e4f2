package io.floe.api.gateway;

import io.floe.encoding.redstuff.EncodingConfig;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Limits of the publisher's store path. A signed store may be as large as one blob can be at the network's shard
 * count (the signer pays, so the anonymous-abuse reason for {@code maxBodySize} does not apply); larger files are
 * stored in chunks by the client, one signed store each.
 *
 * @param maxBodySize the largest body an unsigned {@code PUT /v1/blobs} accepts (413 beyond); one larger than a blob
 *                    can be at n is stored in chunks ({@link ChunkedStore})
 * @param spoolDir where bodies are written before encoding, and their sliver files; both are removed after each store
 * @param storeBudgetBytes the heap the stores running at once may hold ({@link BlobWriter#heapBytes}); more get 503
 * @param signedMaxBodySize the largest signed body ({@code X-Floe-Signed-Request}); empty: one blob at n, which is
 *                          also the most it can be whatever is configured
 */
public record UploadSettings(long maxBodySize, Path spoolDir, long storeBudgetBytes, OptionalLong signedMaxBodySize) {
    public UploadSettings {
        if (maxBodySize < 0 || storeBudgetBytes < 0 || signedMaxBodySize.orElse(0) < 0) {
            throw new IllegalArgumentException("negative limit: body " + maxBodySize + ", budget " + storeBudgetBytes
                    + ", signed body " + signedMaxBodySize);
        }
    }

    /** Signed bodies up to one blob at n. */
    public UploadSettings(long maxBodySize, Path spoolDir, long storeBudgetBytes) {
        this(maxBodySize, spoolDir, storeBudgetBytes, OptionalLong.empty());
    }

    /** The largest body a store accepts at {@code nShards}: signed ones never more than one blob. */
    long bodyLimit(boolean signed, int nShards) {
        if (!signed) {
            return maxBodySize;
        }
        long oneBlob = new EncodingConfig(nShards).maxBlobSize();
        return Math.min(signedMaxBodySize.orElse(oneBlob), oneBlob);
    }
}
