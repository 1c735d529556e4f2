package io.floe.api.node;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.completeWithFuture;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.extractActorSystem;
import static org.apache.pekko.http.javadsl.server.Directives.extractMaterializer;
import static org.apache.pekko.http.javadsl.server.Directives.extractRequestEntity;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.optionalHeaderValueByName;
import static org.apache.pekko.http.javadsl.server.Directives.parameter;
import static org.apache.pekko.http.javadsl.server.Directives.parameterMap;
import static org.apache.pekko.http.javadsl.server.Directives.parameterOptional;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathEnd;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.post;
import static org.apache.pekko.http.javadsl.server.Directives.put;
import static org.apache.pekko.http.javadsl.server.Directives.withSizeLimit;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import io.floe.api.ApiPaths;
import io.floe.api.HttpSettings;
import io.floe.api.RequestBodies;
import io.floe.api.json.ApiErrors;
import io.floe.api.json.ApiException;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.redstuff.EncodingConfig;
import io.floe.protocol.blob.ObjectId;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The storage-node HTTP API on Walrus's paths and shapes (DESIGN.md §8), so Walrus's {@code StorageNodeClient} can
 * talk to a Floe node. Every answer outside a binary body is JSON: success wrapped as {@code {"success":...}},
 * failures as {@code {"error":...}} (unknown path 404, wrong method 405, bad parameter 400, body over the limit
 * 413).
 *
 * <p>Threading: the route itself never blocks. Parsing, verification and every {@link NodeBackend} store or read
 * call run on the {@code blocking} executor handed in; {@link #blockingExecutor} gives Pekko's dispatcher for that
 * (owned by the actor system, so nothing here needs closing).
 *
 * <p>Bodies are bounded with {@code withSizeLimit}: a sliver body by the largest sliver the committee's shard count
 * allows at the largest symbol size (43.7 MB for n = 1000), metadata by its size for n pairs.
 */
public final class NodeRoutes {
    /** Room for BCS framing: ULEB128 data length (<= 5 bytes), u16 symbol size, u16 index, and some slack. */
    private static final long BCS_FRAMING = 16;
    /** Version, encoding type, u64 length, ULEB128 count; then 2 x (tag + 32 bytes) per pair. */
    private static final long METADATA_HEADER = 1 + 1 + 8 + 5;
    private static final long METADATA_PER_PAIR = 2 * 33;
    static final String INVALID_OBJECT_ID = "INVALID_OBJECT_ID";
    static final String INVALID_QUERY_PARAMETER = "INVALID_QUERY_PARAMETER";

    private final MetadataEndpoints metadata;
    private final SliverEndpoints slivers;
    private final ConfirmationEndpoint confirmation;
    private final UploadEndpoint upload;
    private final StatusEndpoints status;
    private final RecoveryEndpoints recovery;
    private final InconsistencyEndpoint inconsistency;
    private final SyncShardEndpoint sync;
    private final long maxProofBytes;
    private final long maxSliverBytes;
    private final long maxMetadataBytes;
    /** Sliver bytes the gateway puts in one batch request; a node accepts a little more (one large sliver pair). */
    public static final long BATCH_BYTES = 4L << 20;
    private final long maxBatchBytes;
    private final int nShards;

    /** Body limits from the committee's shard count, which is fixed for the life of a network. */
    public NodeRoutes(NodeBackend backend, Executor blocking) {
        this(backend, blocking, maxSliverBodyBytes(backend.committee().nShards()));
    }

    /**
     * Body limits for a network of {@code nShards} shards; unlike the two-argument form it does not need the
     * committee yet, so a member can serve before the ledger has formed it.
     */
    public NodeRoutes(NodeBackend backend, Executor blocking, int nShards) {
        this(backend, blocking, maxSliverBodyBytes(nShards), nShards);
    }

    public NodeRoutes(NodeBackend backend, Executor blocking, long maxSliverBodyBytes) {
        this(backend, blocking, maxSliverBodyBytes, backend.committee().nShards());
    }

    private NodeRoutes(NodeBackend backend, Executor blocking, long maxSliverBodyBytes, int nShards) {
        SeenRegistrations registrations = new SeenRegistrations(backend);
        PendingUploads pending = new PendingUploads();
        this.metadata = new MetadataEndpoints(backend, blocking, registrations, pending);
        this.slivers = new SliverEndpoints(backend, blocking, registrations, pending);
        this.confirmation = new ConfirmationEndpoint(backend, blocking, registrations, pending);
        this.upload = new UploadEndpoint(metadata, slivers, confirmation);
        this.status = new StatusEndpoints(backend, blocking);
        this.recovery = new RecoveryEndpoints(backend, blocking);
        this.inconsistency = new InconsistencyEndpoint(backend, blocking);
        this.sync = new SyncShardEndpoint(backend, blocking);
        this.maxProofBytes = InconsistencyEndpoint.maxProofBytes(nShards);
        this.maxSliverBytes = maxSliverBodyBytes;
        this.maxMetadataBytes = maxMetadataBodyBytes(nShards);
        this.maxBatchBytes = BATCH_BYTES + 2 * maxSliverBodyBytes;
        this.nShards = nShards;
    }

    /**
     * The dispatcher for blocking work: Pekko's blocking-IO dispatcher, sized by
     * {@code pekko.actor.default-blocking-io-dispatcher}.
     */
    public static Executor blockingExecutor(ActorSystem<?> system) {
        return system.dispatchers().lookup(DispatcherSelector.blocking());
    }

    /** BCS size of the largest sliver of a network of n shards: a primary sliver of ns symbols of 65534 bytes. */
    public static long maxSliverBodyBytes(int nShards) {
        return new EncodingConfig(nShards).primarySliverBytes(EncodingConfig.MAX_SYMBOL_SIZE) + BCS_FRAMING;
    }

    public static long maxMetadataBodyBytes(int nShards) {
        return METADATA_HEADER + METADATA_PER_PAIR * nShards + BCS_FRAMING;
    }

    public Route createRoute() {
        return io.floe.api.http.Cors.storageNode(() -> ApiErrors.handled(() -> pathPrefix(ApiPaths.V1, () -> concat(
                path(ApiPaths.HEALTH, () -> get(() -> booleanParameter(ApiPaths.QUERY_DETAILED,
                        detailed -> answer(status.health(detailed))))),
                path(segment(ApiPaths.MIGRATE).slash(ApiPaths.SYNC_SHARD), () -> post(() -> optionalHeaderValueByName(
                        "Authorization", key -> body(SyncShardEndpoint.MAX_BODY_BYTES, bytes -> answer(sync.sync(key, bytes)))))),
                pathPrefix(ApiPaths.BLOBS, () -> pathPrefix(segment(), this::blobRoutes))))));
    }

    private Route blobRoutes(String id) {
        return concat(
                pathPrefix(ApiPaths.METADATA, () -> metadataRoutes(id)),
                pathPrefix(ApiPaths.SLIVERS, () -> concat(
                        pathEnd(() -> put(() -> body(maxBatchBytes, bytes -> withBlob(id,
                                blobId -> slivers.putBatch(blobId, bytes))))),
                        path(segment(), type -> get(() -> parameter(ApiPaths.QUERY_PAIRS, pairs -> withBlob(id,
                                blobId -> slivers.getBatch(blobId, ShardPlacement.parseType(type),
                                        ShardPlacement.parsePairs(pairs, nShards)))))),
                        pathPrefix(segment().slash(segment()), (pair, type) -> sliverRoutes(id, pair, type)))),
                pathPrefix(ApiPaths.CONFIRMATION, () -> confirmationRoutes(id)),
                pathPrefix(ApiPaths.FLOE_UPLOAD, () -> uploadRoutes(id)),
                path(ApiPaths.RECOVERY_SYMBOLS, () -> get(() -> parameterMap(params -> withBlob(id,
                        blobId -> recovery.symbols(blobId, params))))),
                path(segment(ApiPaths.INCONSISTENCY_PROOF).slash(segment()), axis -> post(() -> body(maxProofBytes,
                        bytes -> withBlob(id, blobId -> inconsistency.verify(blobId, ShardPlacement.parseType(axis), bytes))))),
                path(ApiPaths.STATUS, () -> get(() -> withBlob(id, status::blobStatus))));
    }

    private Route metadataRoutes(String id) {
        return concat(
                pathEnd(() -> concat(
                        get(() -> withBlob(id, metadata::get)),
                        put(() -> pendingIntent(pending -> body(maxMetadataBytes, bytes -> withBlob(id,
                                blobId -> metadata.put(blobId, bytes, pending))))))),
                path(ApiPaths.STATUS, () -> get(() -> withBlob(id, metadata::status))));
    }

    private Route sliverRoutes(String id, String pair, String type) {
        return concat(
                pathEnd(() -> concat(
                        get(() -> withBlob(id, blobId -> slivers.get(blobId, ShardPlacement.parsePair(pair),
                                ShardPlacement.parseType(type)))),
                        put(() -> pendingIntent(pending -> body(maxSliverBytes, bytes -> withBlob(id,
                                blobId -> slivers.put(blobId, ShardPlacement.parsePair(pair),
                                        ShardPlacement.parseType(type), bytes, pending))))))),
                path(ApiPaths.STATUS, () -> get(() -> withBlob(id, blobId -> slivers.status(blobId,
                        ShardPlacement.parsePair(pair), ShardPlacement.parseType(type))))));
    }

    private Route confirmationRoutes(String id) {
        return concat(
                path(ApiPaths.PERMANENT, () -> get(() -> withBlob(id, blobId -> confirmation.confirm(blobId, Optional.empty())))),
                path(segment(ApiPaths.DELETABLE).slash(segment()), objectId -> get(() -> withBlob(id,
                        blobId -> confirmation.confirm(blobId, Optional.of(parseObjectId(objectId)))))));
    }

    private Route uploadRoutes(String id) {
        long limit = maxMetadataBytes + maxBatchBytes + 2 * BCS_FRAMING;
        return put(() -> concat(
                path(ApiPaths.PERMANENT, () -> body(limit, bytes -> withBlob(id,
                        blobId -> upload.upload(blobId, Optional.empty(), bytes)))),
                path(ApiPaths.PENDING, () -> body(limit, bytes -> withBlob(id, blobId -> upload.hold(blobId, bytes)))),
                path(segment(ApiPaths.DELETABLE).slash(segment()), objectId -> body(limit, bytes -> withBlob(id,
                        blobId -> upload.upload(blobId, Optional.of(parseObjectId(objectId)), bytes))))));
    }

    /**
     * Walrus's {@code UploadIntentQuery}: {@code ?pending=true} buffers an upload until the blob is registered;
     * absent means false, anything but {@code true} or {@code false} is a 400.
     */
    private static Route pendingIntent(Function<Boolean, Route> inner) {
        return booleanParameter(ApiPaths.QUERY_PENDING, inner);
    }

    /** A boolean query parameter as serde reads one: absent is false, else {@code true} or {@code false} (or 400). */
    private static Route booleanParameter(String name, Function<Boolean, Route> inner) {
        return parameterOptional(name, flag -> {
            if (flag.isEmpty() || flag.get().equals("false")) {
                return inner.apply(false);
            }
            if (flag.get().equals("true")) {
                return inner.apply(true);
            }
            return complete(ApiErrors.fromThrowable(ApiException.badRequest(INVALID_QUERY_PARAMETER,
                    name + " is true or false, got '" + flag.get() + "'")));
        });
    }

    /**
     * The whole body, read under the limit (413 above it, 408 when it stalls, 400 when its framing is broken) before
     * any check, so a refusal never cuts an upload.
     */
    private static Route body(long limit, Function<byte[], Route> inner) {
        return withSizeLimit(limit, () -> extractActorSystem(system -> extractMaterializer(materializer ->
                extractRequestEntity(entity -> RequestBodies.blamingSlowBodies(bodyRead -> onSuccess(
                        RequestBodies.toArray(entity, HttpSettings.of(system), materializer).thenApply(bytes -> {
                            bodyRead.run();
                            return bytes;
                        }), inner))))));
    }

    /** Parses the path's blob ID (400 when malformed) and answers what the handler computes, failures as JSON. */
    private static Route withBlob(String id, Function<BlobId, CompletionStage<HttpResponse>> handler) {
        try {
            return answer(handler.apply(BlobId.parse(id)));
        } catch (RuntimeException e) {
            return complete(ApiErrors.fromThrowable(e));
        }
    }

    private static Route answer(CompletionStage<HttpResponse> response) {
        return completeWithFuture(response.exceptionally(ApiErrors::fromThrowable));
    }

    private static ObjectId parseObjectId(String text) {
        try {
            return ObjectId.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(INVALID_OBJECT_ID, e.getMessage());
        }
    }
}
