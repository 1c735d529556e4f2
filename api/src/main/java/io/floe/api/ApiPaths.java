package io.floe.api;

import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.blob.ObjectId;
import java.util.Optional;

/**
 * Every HTTP path of Floe's two APIs, in one place (DESIGN.md §8). They are Walrus's paths, so Walrus clients (the
 * {@code @mysten/walrus} {@code StorageNodeClient}, the {@code walrus} CLI) can talk to Floe. Routes match on the
 * segment constants; clients build full paths with the static methods, so the two can never drift apart.
 */
public final class ApiPaths {
    /** Version prefix of every API path except the client API's {@code /status}. */
    public static final String V1 = "v1";
    public static final String BLOBS = "blobs";
    public static final String METADATA = "metadata";
    public static final String STATUS = "status";
    public static final String SLIVERS = "slivers";
    public static final String CONFIRMATION = "confirmation";
    /** Floe's one-request upload of a small blob (metadata, slivers, confirmation); not a Walrus route. */
    public static final String FLOE_UPLOAD = "floe-upload";
    /** The last segment of {@link #floePendingUpload}. */
    public static final String PENDING = "pending";
    public static final String PERMANENT = "permanent";
    public static final String DELETABLE = "deletable";
    public static final String RECOVERY_SYMBOLS = "recoverySymbols";
    public static final String INCONSISTENCY_PROOF = "inconsistencyProof";
    public static final String HEALTH = "health";
    public static final String MIGRATE = "migrate";
    public static final String SYNC_SHARD = "sync_shard";

    // Client API (publisher and aggregator) segments and query parameters.
    public static final String BY_OBJECT_ID = "by-object-id";
    public static final String BYTE_RANGE = "byte-range";
    /** Segment of {@link #CLIENT_CHUNKS}. */
    public static final String CHUNKS = "chunks";
    public static final String QUILTS = "quilts";
    /** Walrus's quilt reads: {@code /v1/blobs/by-quilt-patch-id/{patchId}}, {@code /v1/blobs/by-quilt-id/{id}/{name}}. */
    public static final String BY_QUILT_PATCH_ID = "by-quilt-patch-id";
    public static final String BY_QUILT_ID = "by-quilt-id";
    /** {@code GET /v1/quilts/{quiltId}/patches}. */
    public static final String PATCHES = "patches";
    /**
     * Walrus's header naming the patch a quilt patch read served; its value is the identifier's raw UTF-8 bytes (so a
     * client reads it as Latin-1 and decodes those bytes as UTF-8), absent for an identifier with a control character.
     */
    public static final String QUILT_PATCH_IDENTIFIER_HEADER = "X-Quilt-Patch-Identifier";
    /** Floe's staking extension: {@code POST /v1/staking/{stake,request-withdraw,withdraw}?node=ID[&amount=FROST]}. */
    public static final String STAKING = "staking";
    public static final String STAKE = "stake";
    public static final String REQUEST_WITHDRAW = "request-withdraw";
    public static final String WITHDRAW = "withdraw";
    public static final String QUERY_NODE = "node";
    public static final String QUERY_AMOUNT = "amount";
    public static final String API_SPEC = "api";
    /** The gateway's live dashboard: the page at {@code /dashboard}, the state it polls at {@code /v1/dashboard}. */
    public static final String DASHBOARD = "dashboard";
    public static final String QUERY_EPOCHS = "epochs";
    public static final String QUERY_PERMANENT = "permanent";
    public static final String QUERY_DELETABLE = "deletable";
    public static final String QUERY_FORCE = "force";
    /** Walrus's publisher parameter: the address that owns the stored blob object. */
    public static final String QUERY_SEND_OBJECT_TO = "send_object_to";
    /** Floe's accounts: {@code POST /v1/transactions}, {@code POST /v1/faucet?address=&amount=}, ... */
    public static final String TRANSACTIONS = "transactions";
    public static final String FAUCET = "faucet";
    public static final String ACCOUNTS = "accounts";
    public static final String OBJECTS = "objects";
    public static final String QUERY_ADDRESS = "address";
    public static final String QUERY_START = "start";
    public static final String QUERY_LENGTH = "length";
    /** Floe's batch sliver read: {@code GET /v1/blobs/{id}/slivers/{type}?pairs=0,5,9}. */
    public static final String QUERY_PAIRS = "pairs";
    /** Floe's blob listing: {@code GET /v1/blobs?owner=&all=true&limit=&cursor=} (the read-side). */
    public static final String QUERY_OWNER = "owner";
    public static final String QUERY_ALL = "all";
    public static final String QUERY_LIMIT = "limit";
    public static final String QUERY_CURSOR = "cursor";
    public static final String QUERY_INCLUDE_EXPIRED = "include_expired";
    /**
     * Recovery symbols: {@code GET /v1/blobs/{id}/recoverySymbols?targetSliver=3&targetType=secondary}, as Walrus;
     * Floe also takes several targets at once ({@code targetSliver=3,7,9}).
     */
    public static final String QUERY_TARGET_SLIVER = "targetSliver";
    public static final String QUERY_TARGET_TYPE = "targetType";
    /** Floe's additions: only these source slivers ({@code 0,5,9}); {@code proofs=false} for decoding symbols only. */
    public static final String QUERY_SOURCE_SLIVERS = "sourceSlivers";
    public static final String QUERY_PROOFS = "proofs";
    /** Walrus's upload intent on metadata and sliver PUTs: {@code ?pending=true} buffers until registration. */
    public static final String QUERY_PENDING = "pending";
    /** Walrus's {@code GET /v1/health?detailed=true}: the status of each shard ({@code shardDetail}). */
    public static final String QUERY_DETAILED = "detailed";

    /** Path templates, for logs, docs and the OpenAPI description. */
    public static final String NODE_METADATA = "/v1/blobs/{blobId}/metadata";
    public static final String NODE_METADATA_STATUS = "/v1/blobs/{blobId}/metadata/status";
    public static final String NODE_SLIVER = "/v1/blobs/{blobId}/slivers/{sliverPairIndex}/{sliverType}";
    public static final String NODE_SLIVER_STATUS = "/v1/blobs/{blobId}/slivers/{sliverPairIndex}/{sliverType}/status";
    public static final String NODE_CONFIRMATION_PERMANENT = "/v1/blobs/{blobId}/confirmation/permanent";
    public static final String NODE_CONFIRMATION_DELETABLE = "/v1/blobs/{blobId}/confirmation/deletable/{objectId}";
    public static final String NODE_RECOVERY_SYMBOLS = "/v1/blobs/{blobId}/recoverySymbols";
    public static final String NODE_INCONSISTENCY_PROOF = "/v1/blobs/{blobId}/inconsistencyProof/{sliverType}";
    public static final String NODE_BLOB_STATUS = "/v1/blobs/{blobId}/status";
    public static final String NODE_HEALTH = "/v1/health";
    public static final String NODE_SYNC_SHARD = "/v1/migrate/sync_shard";
    public static final String CLIENT_STORE = "/v1/blobs";
    /** {@code GET}: a page of blobs from the read-side; same path as the store, other method. */
    public static final String CLIENT_LIST_BLOBS = "/v1/blobs";
    public static final String CLIENT_READ = "/v1/blobs/{blobId}";
    public static final String CLIENT_BYTE_RANGE = "/v1/blobs/{blobId}/byte-range";
    /** Floe's extension: how a blob is chunked (DESIGN-ADDENDA §14), {@link #chunks(BlobId)}. */
    public static final String CLIENT_CHUNKS = "/v1/blobs/{blobId}/chunks";
    public static final String CLIENT_BY_OBJECT_ID = "/v1/blobs/by-object-id/{objectId}";
    public static final String CLIENT_QUILTS = "/v1/quilts";
    public static final String CLIENT_QUILT_PATCH = "/v1/blobs/by-quilt-patch-id/{quiltPatchId}";
    public static final String CLIENT_QUILT_PATCH_BY_IDENTIFIER = "/v1/blobs/by-quilt-id/{quiltId}/{identifier}";
    public static final String CLIENT_QUILT_PATCHES = "/v1/quilts/{quiltId}/patches";
    public static final String CLIENT_STATUS = "/status";
    public static final String CLIENT_TRANSACTIONS = "/v1/transactions";
    public static final String CLIENT_FAUCET = "/v1/faucet";
    public static final String CLIENT_ACCOUNT = "/v1/accounts/{address}";
    public static final String CLIENT_OBJECT = "/v1/objects/{objectId}";
    public static final String CLIENT_API_SPEC = "/v1/api";
    public static final String CLIENT_DASHBOARD = "/dashboard";
    public static final String CLIENT_DASHBOARD_STATE = "/v1/dashboard";

    private ApiPaths() {
    }

    /** {@code /v1/blobs/{id}}: the aggregator's read path and the prefix of every per-blob node path. */
    public static String blob(BlobId blobId) {
        return "/" + V1 + "/" + BLOBS + "/" + blobId;
    }

    public static String metadata(BlobId blobId) {
        return blob(blobId) + "/" + METADATA;
    }

    public static String metadataStatus(BlobId blobId) {
        return metadata(blobId) + "/" + STATUS;
    }

    /** The pair index, not the sliver index, is in the path (Walrus's convention). */
    public static String sliver(BlobId blobId, SliverPairIndex pair, SliverType type) {
        return blob(blobId) + "/" + SLIVERS + "/" + pair.value() + "/" + type.pathName();
    }

    /** Floe's batch paths: {@code PUT /v1/blobs/{id}/slivers} and {@code GET /v1/blobs/{id}/slivers/{type}}. */
    public static String sliverBatch(BlobId blobId) {
        return blob(blobId) + "/" + SLIVERS;
    }

    public static String sliverBatch(BlobId blobId, SliverType type) {
        return sliverBatch(blobId) + "/" + type.pathName();
    }

    public static String sliverStatus(BlobId blobId, SliverPairIndex pair, SliverType type) {
        return sliver(blobId, pair, type) + "/" + STATUS;
    }

    public static String permanentConfirmation(BlobId blobId) {
        return blob(blobId) + "/" + CONFIRMATION + "/" + PERMANENT;
    }

    public static String deletableConfirmation(BlobId blobId, ObjectId objectId) {
        return blob(blobId) + "/" + CONFIRMATION + "/" + DELETABLE + "/" + objectId;
    }

    /** Floe's upload route: the permanent confirmation when {@code objectId} is empty, else that registration's. */
    public static String floeUpload(BlobId blobId, Optional<ObjectId> objectId) {
        return blob(blobId) + "/" + FLOE_UPLOAD + "/" + objectId.map(oid -> DELETABLE + "/" + oid).orElse(PERMANENT);
    }

    /** {@code PUT} target of Floe's one-request upload held until the blob is registered (no confirmation). */
    public static String floePendingUpload(BlobId blobId) {
        return blob(blobId) + "/" + FLOE_UPLOAD + "/" + PENDING;
    }

    /** {@code POST} target of an inconsistency proof whose target sliver is of type {@code axis}. */
    public static String inconsistencyProof(BlobId blobId, SliverType axis) {
        return blob(blobId) + "/" + INCONSISTENCY_PROOF + "/" + axis.pathName();
    }

    public static String recoverySymbols(BlobId blobId) {
        return blob(blobId) + "/" + RECOVERY_SYMBOLS;
    }

    public static String blobStatus(BlobId blobId) {
        return blob(blobId) + "/" + STATUS;
    }

    public static String byteRange(BlobId blobId) {
        return blob(blobId) + "/" + BYTE_RANGE;
    }

    /**
     * {@code GET}: {@code {"blobId","chunked":false,"totalLength"}} for an ordinary blob, or with
     * {@code "chunked":true} also {@code "nShards","chunkSize","chunks":[{"blobId","offset","length"},...]} for a
     * chunk manifest; 404 {@code BLOB_NOT_FOUND} when the blob cannot be read.
     */
    public static String chunks(BlobId blobId) {
        return blob(blobId) + "/" + CHUNKS;
    }

    public static String byObjectId(ObjectId objectId) {
        return "/" + V1 + "/" + BLOBS + "/" + BY_OBJECT_ID + "/" + objectId;
    }

    /** {@code PUT}: stores files as one quilt. */
    public static String quilts() {
        return CLIENT_QUILTS;
    }

    /** The aggregator's read of one quilt patch by its ID (as Walrus prints it). */
    public static String quiltPatch(String quiltPatchId) {
        return "/" + V1 + "/" + BLOBS + "/" + BY_QUILT_PATCH_ID + "/" + quiltPatchId;
    }

    /** The aggregator's read of one quilt patch by the quilt's blob ID and the patch's identifier (URL-encoded). */
    public static String quiltPatch(BlobId quiltId, String identifier) {
        return "/" + V1 + "/" + BLOBS + "/" + BY_QUILT_ID + "/" + quiltId + "/"
                + java.net.URLEncoder.encode(identifier, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The list of a quilt's patches. */
    public static String quiltPatches(BlobId quiltId) {
        return "/" + V1 + "/" + QUILTS + "/" + quiltId + "/" + PATCHES;
    }

    public static String health() {
        return NODE_HEALTH;
    }
}
