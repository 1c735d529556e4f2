package io.floe.api.client;

import java.nio.file.Path;

/**
 * Limits of the publisher's store path.
 *
 * @param maxBodySize the largest body {@code PUT /v1/blobs} accepts (413 beyond)
 * @param spoolDir where bodies are written before encoding; files there are removed after each store
 */
public record UploadSettings(long maxBodySize, Path spoolDir) {
}
