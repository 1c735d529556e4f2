package io.floe.api.gateway;

import java.nio.file.Path;

/**
 * Limits of the publisher's store path.
 *
 * @param maxBodySize the largest body {@code PUT /v1/blobs} accepts (413 beyond)
 * @param spoolDir where bodies are written before encoding; files there are removed after each store
 * @param storeBudgetBytes the sum of body sizes of stores running at once; more get 503 (each store holds its
 *                         blob and all its slivers in memory, several times the body)
 */
public record UploadSettings(long maxBodySize, Path spoolDir, long storeBudgetBytes) {
    public UploadSettings {
        if (storeBudgetBytes < maxBodySize) {
            throw new IllegalArgumentException("the store budget (" + storeBudgetBytes
                    + ") must admit at least one body of the largest size (" + maxBodySize + ")");
        }
    }
}
