package io.floe.api.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The node uploads one store started (every committee it uploaded to), so that what they read is released only once
 * the last of them has settled: a store answers after a quorum of confirmations plus a short tail, while slower nodes
 * are still being sent their slivers, and closing the store's sliver file under them would cut them off.
 *
 * <p>Invariant: {@link #settled} completes (never exceptionally) when every upload added before it was called has
 * completed, however; uploads are added before the store's answer completes, so a caller that waits for the answer
 * first sees them all.
 */
final class PendingUploads {
    private final List<CompletableFuture<?>> uploads = new ArrayList<>();

    synchronized <T> CompletableFuture<T> add(CompletableFuture<T> upload) {
        uploads.add(upload);
        return upload;
    }

    synchronized CompletableFuture<Void> settled() {
        return CompletableFuture.allOf(uploads.stream().map(u -> u.handle((value, error) -> null))
                .toArray(CompletableFuture[]::new));
    }
}
