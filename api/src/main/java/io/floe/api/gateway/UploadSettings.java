package io.floe.api.gateway;

import io.floe.encoding.redstuff.EncodingConfig;
import java.nio.file.Path;
import java.time.Duration;
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

    /**
     * The rate a store's request timeout assumes for its body, from the first byte received to the answer (spool,
     * encode, upload to every node, certify): conservative, so a slow disk or a busy gateway still answers a large
     * store rather than 503 {@code SERVER_TIMEOUT} while the store goes on and the client retries it.
     */
    static final long STORE_TIMEOUT_BYTES_PER_SECOND = 1_000_000;
    /** The longest a store's request may wait, whatever its length (a full blob at n = 1000 gets ~4 h). */
    static final Duration STORE_TIMEOUT_MAX = Duration.ofHours(6);

    /**
     * The request timeout of a {@code PUT /v1/blobs} declaring {@code declaredLength} bytes (-1: undeclared, then its
     * limit): {@code floe.http.request-timeout} plus the body at {@link #STORE_TIMEOUT_BYTES_PER_SECOND}, at most
     * {@link #STORE_TIMEOUT_MAX} (and never less than the request timeout).
     */
    Duration storeTimeout(Duration requestTimeout, boolean signed, long declaredLength) {
        long bytes = declaredLength >= 0 ? declaredLength
                : signed ? signedMaxBodySize.orElse(Long.MAX_VALUE) : maxBodySize;
        Duration scaled = requestTimeout.plusSeconds(bytes / STORE_TIMEOUT_BYTES_PER_SECOND);
        Duration bound = requestTimeout.compareTo(STORE_TIMEOUT_MAX) > 0 ? requestTimeout : STORE_TIMEOUT_MAX;
        return scaled.compareTo(bound) > 0 ? bound : scaled;
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
