package io.floe.node.sync;

import io.floe.api.node.NodeClient;
import io.floe.api.node.SyncShardResponse;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.metadata.VerifiedMetadata;
import io.floe.persistence.keys.NodeKeys;
import io.floe.protocol.committee.StorageNodeInfo;
import io.floe.protocol.signing.SignedMessage;
import io.floe.protocol.signing.SyncShardRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A new shard owner's client of its previous owner: signs each {@link SyncShardRequest} with this node's protocol key
 * and sends it to {@code POST /v1/migrate/sync_shard}, and fetches the metadata of blobs this node lacks. Calls block
 * for at most the request timeout (plus the connect bound); what comes back is parsed, not yet verified.
 */
public final class ShardSyncClient {
    private final HttpClient http;
    private final NodeKeys keys;
    private final Duration timeout;

    public ShardSyncClient(HttpClient http, NodeKeys keys, Duration timeout) {
        this.http = http;
        this.keys = keys;
        this.timeout = timeout;
    }

    /** One batch of the shard's slivers from {@code from}, as it answered them. */
    public List<SyncShardResponse.Entry> pull(StorageNodeInfo from, SyncShardRequest request) throws SyncException {
        byte[] message = request.toMessage();
        byte[] body = SyncShardRequest.signedToBcs(new SignedMessage(message, keys.sign(message)));
        return await(client(from).syncShard(keys.publicKey(), body), from);
    }

    /** The blob's metadata from {@code from}, checked against the blob ID; empty when it has none. */
    public Optional<VerifiedMetadata> metadata(StorageNodeInfo from, BlobId blobId) throws SyncException {
        return await(client(from).getMetadata(blobId), from);
    }

    private NodeClient client(StorageNodeInfo node) {
        return new NodeClient(http, URI.create(node.storageUrl()), timeout);
    }

    private <T> T await(java.util.concurrent.CompletableFuture<T> call, StorageNodeInfo from) throws SyncException {
        try {
            // NodeClient bounds the exchange itself; this bound only guards against a stage that never completes.
            return call.get(timeout.toMillis() * 2 + 5_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new SyncException("node " + from.id() + " at " + from.storageUrl() + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new SyncException("node " + from.id() + " did not answer within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel(true);
            throw new SyncException("interrupted while waiting for node " + from.id(), e);
        }
    }

    /** A request to the previous owner failed: refused, timed out, unreachable, or a malformed answer. */
    public static final class SyncException extends Exception {
        private static final long serialVersionUID = 1L;

        public SyncException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
