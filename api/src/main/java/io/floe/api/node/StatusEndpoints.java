package io.floe.api.node;

import io.floe.api.json.ApiSuccess;
import io.floe.api.json.BlobStatus;
import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.committee.Committee;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/** {@code /v1/blobs/{id}/status} (from the control plane's record of the blob) and {@code /v1/health}. */
final class StatusEndpoints {
    private final NodeBackend backend;
    private final Executor blocking;
    private final long startedNanos = System.nanoTime();

    StatusEndpoints(NodeBackend backend, Executor blocking) {
        this.backend = backend;
        this.blocking = blocking;
    }

    CompletionStage<HttpResponse> blobStatus(BlobId blobId) {
        return backend.controlPlane().blob(blobId)
                .thenApply(record -> ApiSuccess.response(BlobStatus.of(record, backend.committee().epoch()).toJson()));
    }

    /**
     * Off the dispatcher: {@link NodeBackend#holdsShard} may ask the sharding machinery. {@code detailed} adds
     * Walrus's {@code shardDetail}.
     */
    CompletionStage<HttpResponse> health(boolean detailed) {
        return CompletableFuture.supplyAsync(() -> ApiSuccess.response(snapshot().toJson(detailed)), blocking);
    }

    NodeHealth snapshot() {
        Committee committee = backend.committee();
        List<ShardIndex> held = new ArrayList<>();
        for (int k = 0; k < committee.nShards(); k++) {
            ShardIndex shard = new ShardIndex(k);
            if (backend.holdsShard(shard)) {
                held.add(shard);
            }
        }
        Duration uptime = Duration.ofNanos(System.nanoTime() - startedNanos);
        NodeHealth.ShardSync sync = backend.shardSync();
        return new NodeHealth(uptime, committee.epoch(), backend.publicKey(), backend.nodeId(),
                nodeStatus(committee, sync), committee.shardsOf(backend.nodeId()), held, backend.recovery(),
                sync.inTransfer(), sync.inRecovery());
    }

    /** Walrus's node status: outside the committee Standby; rebuilding gained shards RecoveryInProgress; else Active. */
    private String nodeStatus(Committee committee, NodeHealth.ShardSync sync) {
        if (committee.member(backend.nodeId()).isEmpty()) {
            return NodeHealth.STANDBY;
        }
        return sync.inRecovery().isEmpty() ? NodeHealth.ACTIVE : NodeHealth.recoveryInProgress(sync.recoveryEpoch());
    }
}
