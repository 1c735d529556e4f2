package io.floe.api.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.api.ApiPaths;
import io.floe.api.json.ApiErrors;
import io.floe.api.json.ApiSuccess;
import io.floe.api.json.BlobStatus;
import io.floe.api.json.Json;
import io.floe.api.json.StoredOnNodeStatus;
import io.floe.api.tls.NodePins;
import io.floe.api.tls.PinnedTrustManager;
import io.floe.encoding.bcs.BcsWriter;
import io.floe.encoding.index.SliverIndex;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.metadata.BlobMetadata;
import io.floe.encoding.metadata.VerifiedMetadata;
import io.floe.encoding.redstuff.InconsistencyProof;
import io.floe.encoding.redstuff.RecoverySymbol;
import io.floe.encoding.redstuff.Sliver;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.signing.Ed25519PublicKey;
import io.floe.protocol.signing.SignedMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * The gateway's client for one storage node's API, on a shared {@link HttpClient} (HTTP/1.1: many parallel sliver
 * uploads to one node spread over connections instead of one HTTP/2 stream window). Every call is bounded by the
 * timeout as a whole, response body included, and cancels its exchange when the bound passes.
 *
 * <p>Results are parsed, not verified: metadata comes back as {@link VerifiedMetadata} only because parsing it
 * recomputes the blob ID; slivers and confirmations must still be checked by the caller. A non-2xx answer fails the
 * future with {@link NodeRequestException}; GETs of metadata and slivers answer empty on 404.
 */
public final class NodeClient {
    private static final String OCTET_STREAM = "application/octet-stream";
    private static final String JSON = "application/json";

    private final HttpClient http;
    private final URI nodeUrl;
    private final String base;
    private final Duration timeout;

    /** How long opening a connection to a node may take; the per-request timeout bounds the rest. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /**
     * One HTTP client for a member's requests to storage nodes: HTTP/1.1, a bounded connect, answers handled on a
     * cached pool of daemon threads named {@code threadName-N}, shut down when {@code system} terminates.
     */
    public static HttpClient httpClient(ActorSystem<?> system, String threadName) {
        return builder(system, threadName).build();
    }

    /**
     * As {@link #httpClient(ActorSystem, String)}, and {@code https} node URLs are trusted by {@code pins} alone
     * ({@link PinnedTrustManager}: the certificate whose fingerprint the ledger records for that node).
     */
    public static HttpClient httpClient(ActorSystem<?> system, String threadName, NodePins pins) {
        return builder(system, threadName).sslContext(PinnedTrustManager.clientContext(pins)).build();
    }

    private static HttpClient.Builder builder(ActorSystem<?> system, String threadName) {
        AtomicInteger count = new AtomicInteger();
        ExecutorService threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, threadName + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        system.getWhenTerminated().thenRun(threads::shutdownNow);
        return HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).executor(threads)
                .version(HttpClient.Version.HTTP_1_1);
    }

    public NodeClient(HttpClient http, URI nodeUrl, Duration timeout) {
        this.http = http;
        this.nodeUrl = nodeUrl;
        String text = nodeUrl.toString();
        this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        this.timeout = timeout;
    }

    public URI nodeUrl() {
        return nodeUrl;
    }

    /** Sends the metadata without its blob ID (Walrus's {@code BlobMetadata}); the ID is in the path. */
    public CompletableFuture<Void> putMetadata(VerifiedMetadata metadata) {
        return putMetadata(metadata.blobId(), metadata.metadata());
    }

    public CompletableFuture<Void> putMetadata(BlobId blobId, BlobMetadata metadata) {
        BcsWriter out = new BcsWriter();
        metadata.writeTo(out);
        return call(put(ApiPaths.metadata(blobId), out.toByteArray())).thenApply(body -> null);
    }

    public CompletableFuture<Void> putSliver(BlobId blobId, SliverPairIndex pair, Sliver sliver) {
        return call(put(ApiPaths.sliver(blobId, pair, sliver.type()), sliver.toBcs())).thenApply(body -> null);
    }

    /** Stores several slivers in one request ({@link SliverBatch}); the node stores all or none. */
    public CompletableFuture<Void> putSlivers(BlobId blobId, List<SliverBatch.Entry> slivers) {
        return call(put(ApiPaths.sliverBatch(blobId), SliverBatch.encode(slivers))).thenApply(body -> null);
    }

    /** As {@link #putSlivers(BlobId, java.util.List)} with the {@link SliverBatch} body already built. */
    public CompletableFuture<Void> putSlivers(BlobId blobId, byte[] batchBody) {
        return call(put(ApiPaths.sliverBatch(blobId), batchBody)).thenApply(body -> null);
    }

    /** The slivers of {@code type} among {@code pairs} that the node holds, in one request. */
    public CompletableFuture<List<SliverBatch.Entry>> getSlivers(BlobId blobId, SliverType type,
                                                                         List<SliverPairIndex> pairs) {
        String query = pairs.stream().map(p -> Integer.toString(p.value()))
                .collect(java.util.stream.Collectors.joining(","));
        HttpRequest request = get(ApiPaths.sliverBatch(blobId, type) + "?" + ApiPaths.QUERY_PAIRS + "=" + query,
                OCTET_STREAM);
        return call(request).thenApply(body -> parsed(request, body, SliverBatch::decode));
    }

    public CompletableFuture<Optional<VerifiedMetadata>> getMetadata(BlobId blobId) {
        HttpRequest request = get(ApiPaths.metadata(blobId), OCTET_STREAM);
        return callOptional(request).thenApply(found -> found.map(body -> parsed(request, body, bytes -> {
            VerifiedMetadata metadata = VerifiedMetadata.fromBcs(bytes);
            if (!metadata.blobId().equals(blobId)) {
                throw new IllegalArgumentException("metadata of blob " + metadata.blobId() + " instead");
            }
            return metadata;
        })));
    }

    public CompletableFuture<StoredOnNodeStatus> metadataStatus(BlobId blobId) {
        return json(ApiPaths.metadataStatus(blobId), StoredOnNodeStatus::fromJson);
    }

    public CompletableFuture<Optional<Sliver>> getSliver(BlobId blobId, SliverPairIndex pair, SliverType type) {
        HttpRequest request = get(ApiPaths.sliver(blobId, pair, type), OCTET_STREAM);
        return callOptional(request).thenApply(found -> found.map(body ->
                parsed(request, body, bytes -> Sliver.fromBcs(type, bytes))));
    }

    public CompletableFuture<StoredOnNodeStatus> sliverStatus(BlobId blobId, SliverPairIndex pair, SliverType type) {
        return json(ApiPaths.sliverStatus(blobId, pair, type), StoredOnNodeStatus::fromJson);
    }

    /**
     * Symbols with Merkle proofs for one target sliver, one from each sliver of the other type the node holds among
     * {@code sources} (empty: all it holds). A node storing none (404) answers no symbols; one holding none of their
     * shards fails with 400 {@code SHARD_NOT_ASSIGNED}. The proofs are not checked here;
     * {@link RecoverySymbolList.Fetched#bodyBytes} counts every response-body byte received.
     */
    public CompletableFuture<RecoverySymbolList.Fetched<RecoverySymbol>> recoverySymbols(
            BlobId blobId, SliverType targetType, SliverIndex target, List<SliverIndex> sources) {
        HttpRequest request = get(symbolsPath(blobId, targetType, target, sources, true), OCTET_STREAM);
        return symbols(request, body -> RecoverySymbolList.decodeProven(targetType, target, body));
    }

    /**
     * As {@link #recoverySymbols}, without proofs (the rebuilt sliver must then be checked against its hash), for one
     * target sliver or more of one type in one request, the peer expanding each source sliver once for all of them
     * (Floe's batched form). With one target the request is the single-target form every node reads.
     */
    public CompletableFuture<RecoverySymbolList.Fetched<RecoverySymbolList.TargetSymbols>> decodingSymbols(
            BlobId blobId, SliverType targetType, List<SliverIndex> targets, List<SliverIndex> sources) {
        HttpRequest request = get(symbolsPath(blobId, targetType, targets, sources, false), OCTET_STREAM);
        return symbols(request, body -> RecoverySymbolList.decodeDecoding(targetType, targets, body));
    }

    private static String symbolsPath(BlobId blobId, SliverType targetType, SliverIndex target,
                                      List<SliverIndex> sources, boolean proofs) {
        return symbolsPath(blobId, targetType, java.util.List.of(target), sources, proofs);
    }

    private static String symbolsPath(BlobId blobId, SliverType targetType, List<SliverIndex> targets,
                                      List<SliverIndex> sources, boolean proofs) {
        StringBuilder path = new StringBuilder(ApiPaths.recoverySymbols(blobId)).append('?')
                .append(ApiPaths.QUERY_TARGET_SLIVER).append('=').append(indexList(targets)).append('&')
                .append(ApiPaths.QUERY_TARGET_TYPE).append('=').append(targetType.pathName());
        if (!sources.isEmpty()) {
            path.append('&').append(ApiPaths.QUERY_SOURCE_SLIVERS).append('=').append(indexList(sources));
        }
        if (!proofs) {
            path.append('&').append(ApiPaths.QUERY_PROOFS).append("=false");
        }
        return path.toString();
    }

    private static String indexList(List<SliverIndex> indices) {
        return indices.stream().map(s -> Integer.toString(s.value())).collect(java.util.stream.Collectors.joining(","));
    }

    private <T> CompletableFuture<RecoverySymbolList.Fetched<T>> symbols(
            HttpRequest request, Function<byte[], List<T>> parser) {
        return exchange(request).thenApply(response -> {
            long bytes = response.body().length;
            if (response.statusCode() == 404) {
                return new RecoverySymbolList.Fetched<>(java.util.List.of(), bytes);
            }
            if (response.statusCode() / 100 != 2) {
                throw failure(request, response);
            }
            return new RecoverySymbolList.Fetched<>(parsed(request, response.body(), parser), bytes);
        });
    }

    /**
     * Floe's one-request upload ({@link ApiPaths#floeUpload}): stores the metadata and {@code slivers}, then answers the
     * node's signed BLOB_CERT message as {@link #confirmation} does. Only Floe nodes serve it.
     */
    public CompletableFuture<SignedMessage> upload(VerifiedMetadata metadata, List<SliverBatch.Entry> slivers,
                                                   Optional<ObjectId> objectId) {
        HttpRequest request = uploadRequest(ApiPaths.floeUpload(metadata.blobId(), objectId), metadata, slivers);
        return call(request).thenApply(body -> parsed(request, body, bytes -> signed(ApiSuccess.dataOf(Json.parse(bytes)))));
    }

    /**
     * Floe's upload held until the blob is registered ({@link ApiPaths#floePendingUpload}): the node verifies the
     * metadata and {@code slivers} and keeps them until a {@link #confirmation} request finds the blob registered.
     * Only Floe nodes serve it.
     */
    public CompletableFuture<Void> hold(VerifiedMetadata metadata, List<SliverBatch.Entry> slivers) {
        return call(uploadRequest(ApiPaths.floePendingUpload(metadata.blobId()), metadata, slivers))
                .thenApply(body -> null);
    }

    private HttpRequest uploadRequest(String path, VerifiedMetadata metadata, List<SliverBatch.Entry> slivers) {
        BcsWriter out = new BcsWriter();
        metadata.metadata().writeTo(out);
        return builder(path).header("Accept", JSON).header("Content-Type", OCTET_STREAM)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(UploadEndpoint.body(out.toByteArray(), SliverBatch.encode(slivers))))
                .build();
    }

    /** The node's signed BLOB_CERT message: permanent when {@code objectId} is empty, else for that registration. */
    public CompletableFuture<SignedMessage> confirmation(BlobId blobId, Optional<ObjectId> objectId) {
        String path = objectId.map(oid -> ApiPaths.deletableConfirmation(blobId, oid))
                .orElseGet(() -> ApiPaths.permanentConfirmation(blobId));
        return json(path, NodeClient::signed);
    }

    /** {@code {"signed":{"serializedMessage":b64,"signature":b64}}}. */
    private static SignedMessage signed(JsonNode data) {
        JsonNode signed = data.path("signed");
        return new SignedMessage(base64(signed, "serializedMessage"), base64(signed, "signature"));
    }

    /**
     * Sends an inconsistency proof; the node's signed INVALID_BLOB_ID message when it verified the proof. A node that
     * refuses the proof (400) or cannot check it (409, no metadata) fails the future with {@link NodeRequestException}.
     */
    public CompletableFuture<SignedMessage> postInconsistencyProof(BlobId blobId, InconsistencyProof proof) {
        HttpRequest request = builder(ApiPaths.inconsistencyProof(blobId, proof.targetType()))
                .header("Content-Type", OCTET_STREAM).header("Accept", JSON)
                .POST(HttpRequest.BodyPublishers.ofByteArray(proof.toBcs())).build();
        return call(request).thenApply(body -> parsed(request, body, bytes -> {
            JsonNode data = ApiSuccess.dataOf(Json.parse(bytes));
            // Walrus answers the bare signed message; accept a confirmation's {"signed":...} wrapper as well.
            JsonNode signed = data.has("signed") ? data.get("signed") : data;
            return new SignedMessage(base64(signed, "serializedMessage"), base64(signed, "signature"));
        }));
    }

    /**
     * Pulls slivers of a shard from its previous owner ({@code POST /v1/migrate/sync_shard}): {@code signedRequest} is
     * the BCS signed {@code SyncShardRequest}, {@code signer} the key that signed it (sent as the Authorization
     * header, as Walrus does). Answers the slivers in blob-ID order, unverified.
     */
    public CompletableFuture<List<SyncShardResponse.Entry>> syncShard(Ed25519PublicKey signer,
                                                                             byte[] signedRequest) {
        HttpRequest request = builder(ApiPaths.NODE_SYNC_SHARD).header("Content-Type", OCTET_STREAM)
                .header("Accept", OCTET_STREAM).header("Authorization", signer.base64())
                .POST(HttpRequest.BodyPublishers.ofByteArray(signedRequest)).build();
        return call(request).thenApply(body -> parsed(request, body, SyncShardResponse::decode));
    }

    public CompletableFuture<BlobStatus> blobStatus(BlobId blobId) {
        return json(ApiPaths.blobStatus(blobId), BlobStatus::fromJson);
    }

    public CompletableFuture<NodeHealth> health() {
        return json(ApiPaths.health(), NodeHealth::fromJson);
    }

    private <T> CompletableFuture<T> json(String path, Function<JsonNode, T> fromData) {
        HttpRequest request = get(path, JSON);
        return call(request).thenApply(body -> parsed(request, body,
                bytes -> fromData.apply(ApiSuccess.dataOf(Json.parse(bytes)))));
    }

    /** The body of a 2xx answer; anything else fails with {@link NodeRequestException}. */
    private CompletableFuture<byte[]> call(HttpRequest request) {
        return exchange(request).thenApply(response -> {
            if (response.statusCode() / 100 != 2) {
                throw failure(request, response);
            }
            return response.body();
        });
    }

    private CompletableFuture<Optional<byte[]>> callOptional(HttpRequest request) {
        return exchange(request).thenApply(response -> {
            if (response.statusCode() == 404) {
                return Optional.empty();
            }
            if (response.statusCode() / 100 != 2) {
                throw failure(request, response);
            }
            return Optional.of(response.body());
        });
    }

    /** Sends with the per-request timeout, and bounds the whole exchange (the JDK's timeout stops at the headers). */
    private CompletableFuture<HttpResponse<byte[]>> exchange(HttpRequest request) {
        CompletableFuture<HttpResponse<byte[]>> sent = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        CompletableFuture<HttpResponse<byte[]>> bounded = sent.copy().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        bounded.whenComplete((response, failure) -> {
            if (failure != null) {
                sent.cancel(true);
            }
        });
        return bounded;
    }

    private HttpRequest put(String path, byte[] body) {
        return builder(path).header("Content-Type", OCTET_STREAM).PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    private HttpRequest get(String path, String accept) {
        return builder(path).header("Accept", accept).GET().build();
    }

    private HttpRequest.Builder builder(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).version(HttpClient.Version.HTTP_1_1).timeout(timeout);
    }

    private <T> T parsed(HttpRequest request, byte[] body, Function<byte[], T> parser) {
        try {
            return parser.apply(body);
        } catch (RuntimeException e) {
            throw new NodeRequestException(nodeUrl, describe(request), 200, NodeRequestException.MALFORMED_RESPONSE,
                    e.getMessage());
        }
    }

    /** Reads Floe's error JSON, and Walrus's (numeric {@code code}, reason in {@code details}), else the raw text. */
    private NodeRequestException failure(HttpRequest request, HttpResponse<byte[]> response) {
        String text = new String(response.body(), StandardCharsets.UTF_8);
        String code = "";
        String message = text;
        try {
            JsonNode error = Json.parse(response.body()).path(ApiErrors.ERROR);
            if (error.isObject()) {
                JsonNode c = error.path(ApiErrors.CODE);
                code = c.isTextual() ? c.asText() : error.path(ApiErrors.DETAILS).path(0).path(ApiErrors.REASON).asText("");
                message = error.path(ApiErrors.MESSAGE).asText(text);
            }
        } catch (IllegalArgumentException notJson) {
            // Not JSON (a proxy's page, an empty body): keep the raw text as the message.
        }
        return new NodeRequestException(nodeUrl, describe(request), response.statusCode(), code, message);
    }

    private static String describe(HttpRequest request) {
        return request.method() + " " + request.uri().getRawPath();
    }

    private static byte[] base64(JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("confirmation without " + field);
        }
        return Base64.getDecoder().decode(value.asText());
    }
}
