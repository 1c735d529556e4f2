package io.floe.api.gateway;

import static io.floe.api.ApiPaths.QUERY_DELETABLE;
import static io.floe.api.ApiPaths.QUERY_EPOCHS;
import static io.floe.api.ApiPaths.QUERY_FORCE;
import static io.floe.api.ApiPaths.QUERY_PERMANENT;

import io.floe.api.HttpSettings;
import io.floe.api.RequestBodies;
import io.floe.api.gateway.auth.PublisherAuth;
import io.floe.api.json.ApiErrors;
import io.floe.api.json.ApiException;
import io.floe.api.json.ErrorReasons;
import io.floe.encoding.chunks.ChunkLayout;
import io.floe.encoding.redstuff.EncodingConfig;
import io.floe.protocol.committee.Committee;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.FileIO;
import org.slf4j.Logger;
import scala.concurrent.duration.FiniteDuration;
import org.slf4j.LoggerFactory;

/**
 * {@code PUT /v1/blobs}: the body goes to a spool file first (memory stays bounded while it arrives, and a client
 * that disconnects leaves nothing behind), then is encoded from that file with bounded heap and stored by the
 * {@link BlobWriter}; an unsigned body larger than one blob at the network's n is stored in chunks plus a manifest
 * ({@link ChunkedStore}). Unsigned bodies over {@code floe.gateway.max-body-size} get 413 naming the limit, signed ones
 * over {@code signed-max-body-size} (at most one blob at n) 413 telling them to store in chunks; a body that stalls
 * gets 408 ({@code floe.http.body-idle-timeout}). The request may wait for its answer
 * {@code floe.http.request-timeout} plus its declared length at 1 MB/s, at most 6 h
 * ({@link UploadSettings#storeTimeout}). A store refused before its body is read (bad parameters, 503 over the store
 * budget) reads and drops the body first, so the client sees the status rather than a reset connection.
 *
 * <p>Invariant: the spool file and the store's sliver files are deleted when the store ends, however it ends (the
 * sliver files once every node's upload settled, which may be after the answer), and the store budget holds what the
 * store keeps on the heap ({@link BlobWriter#heapBytes}) until its sliver files are gone.
 */
final class BlobUploads extends AllDirectives {
    private static final Logger LOG = LoggerFactory.getLogger(BlobUploads.class);

    private final Materializer materializer;
    private final BlobWriter writer;
    private final ChunkedStore chunked;
    private final UploadSettings settings;

    private final ByteBudget inFlight;
    private final java.util.concurrent.Executor codecThreads;
    private final HttpSettings http;
    private final PublisherAuth auth;

    BlobUploads(ActorSystem<?> system, BlobWriter writer, UploadSettings settings, java.util.concurrent.Executor codecThreads) {
        this.materializer = Materializer.matFromSystem(system);
        this.writer = writer;
        this.chunked = new ChunkedStore(writer);
        this.settings = settings;
        this.inFlight = new ByteBudget(settings.storeBudgetBytes());
        this.codecThreads = codecThreads;
        this.http = HttpSettings.of(system);
        this.auth = PublisherAuth.of(system);
    }

    Route route() {
        return parameterMap(params -> optionalHeaderValueByName(SignedEnvelope.HEADER, signed ->
                extractRequest(request -> {
            if (signed.isEmpty() && declaredLength(request.entity()) > settings.maxBodySize()) {
                // Not drained: reading a body we refuse for its size would cost what the limit is there to avoid.
                throw tooLarge();
            }
            // The whole store answers this request: its bound grows with the body (the connection's idle-timeout
            // does not, see README).
            java.time.Duration timeout = settings.storeTimeout(http.requestTimeout(), signed.isPresent(),
                    declaredLength(request.entity()));
            return withRequestTimeout(FiniteDuration.create(timeout.toMillis(), TimeUnit.MILLISECONDS), () ->
                    RequestBodies.blamingSlowBodies(bodyRead -> completeWithFuture(ClientRoutes.calling(() ->
                            writer.committee().thenCompose(committee -> admit(request, params, signed, committee,
                                    bodyRead)))
                            .exceptionally(this::failure))));
        })));
    }

    /**
     * Refusals before the body is looked at (bad parameters, no valid token, over the budget) are delivered after
     * draining it; a signed body declared larger than one blob at the committee's n is refused at once. The budget
     * counts the heap the store will hold ({@link BlobWriter#heapBytes}): one blob's, or one chunk's for a body
     * stored in chunks.
     */
    private CompletionStage<HttpResponse> admit(HttpRequest request, Map<String, String> params,
                                                java.util.Optional<String> signed, Committee committee,
                                                Runnable bodyRead) {
        long limit = settings.bodyLimit(signed.isPresent(), committee.nShards());
        HttpEntity entity = request.entity().withSizeLimit(limit);
        if (declaredLength(entity) > limit) {
            throw tooLarge(signed.isPresent(), limit, committee.nShards());
        }
        StoreParameters options;
        try {
            options = options(params, signed);
            auth.authorize(request, params);
        } catch (ApiException e) {
            return refuse(entity, e);
        }
        long length = entity.getContentLengthOption().orElse(limit);
        long reserved = writer.heapBytes(committee,
                Math.min(length, new EncodingConfig(committee.nShards()).maxBlobSize()));
        if (!inFlight.tryReserve(reserved)) {
            return refuse(entity, new StoresBusyException(inFlight.budget()));
        }
        return store(entity, options, committee.nShards(), limit, reserved, bodyRead);
    }

    private static long declaredLength(HttpEntity entity) {
        return entity.getContentLengthOption().orElse(-1);
    }

    private CompletionStage<HttpResponse> refuse(HttpEntity limited, RuntimeException why) {
        return RequestBodies.drain(limited, http, materializer)
                .thenCompose(drained -> CompletableFuture.<HttpResponse>failedFuture(why));
    }

    /**
     * Spools the body, then stores it from the spool; the spool is gone when the store answered, its sliver files and
     * its share of the budget when every node's upload settled ({@link BlobWriter.Running}).
     */
    private CompletionStage<HttpResponse> store(HttpEntity limited, StoreParameters options, int nShards, long limit,
                                                long reserved, Runnable bodyRead) {
        Path spool;
        try {
            spool = newSpoolFile();
        } catch (RuntimeException e) {
            inFlight.release(reserved);
            throw e;
        }
        boolean signed = options.authorization().isPresent();
        AtomicReference<BlobWriter.Running> running = new AtomicReference<>();
        return RequestBodies.bytes(limited, http)
                .runWith(FileIO.toPath(spool), materializer)
                .exceptionallyCompose(error -> CompletableFuture.failedFuture(exceededSizeLimit(error)
                        ? tooLarge(signed, limit, nShards) : error))
                .thenComposeAsync(written -> {
                    bodyRead.run();
                    running.set(storeSpooled(spool, written.getCount(), nShards, options));
                    running.get().released().whenComplete((released, error) -> inFlight.release(reserved));
                    return running.get().outcome();
                }, codecThreads)
                .whenComplete((response, error) -> {
                    delete(spool);
                    if (running.get() == null) {
                        inFlight.release(reserved);
                    }
                })
                .thenApply(outcome -> ClientRoutes.json(outcome instanceof StoreOutcome.NewlyCreated created
                        ? ClientJson.newlyCreated(created)
                        : ClientJson.alreadyCertified((StoreOutcome.AlreadyCertified) outcome)));
    }

    /**
     * One blob encoded from the spool file, or for an unsigned body larger than one blob at n its chunks and their
     * manifest ({@link ChunkedStore}, which lets go of each chunk before the next). A signed body is never chunked
     * here: it signs one blob's registration.
     */
    private BlobWriter.Running storeSpooled(Path spool, long length, int nShards, StoreParameters options) {
        if (options.authorization().isEmpty() && ChunkLayout.needsChunks(nShards, length)) {
            CompletionStage<StoreOutcome> outcome = chunked.store(spool, new ChunkLayout(nShards, length),
                    settings.spoolDir(), options);
            return new BlobWriter.Running(outcome, outcome.handle((answer, error) -> null));
        }
        return writer.start(spool, 0, length, settings.spoolDir(), options);
    }

    /** The store's options from {@code PUT /v1/blobs}'s query parameters (also {@code PUT /v1/quilts}'s). */
    static StoreParameters options(Map<String, String> params, java.util.Optional<String> signed) {
        PublisherQuery.requireKnown(params);
        int epochs = 1;
        boolean max = "max".equals(params.get(QUERY_EPOCHS));
        if (params.containsKey(QUERY_EPOCHS) && !max) {
            try {
                epochs = Integer.parseInt(params.get(QUERY_EPOCHS));
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("INVALID_PARAMETER", "epochs must be an integer >= 1: "
                        + params.get(QUERY_EPOCHS));
            }
            if (epochs < 1) {
                throw ApiException.badRequest("INVALID_PARAMETER", "epochs must be >= 1, was " + epochs);
            }
        }
        boolean permanent = flag(params, QUERY_PERMANENT);
        boolean deletable = flag(params, QUERY_DELETABLE);
        if (permanent && deletable) {
            throw ApiException.badRequest("INVALID_PARAMETER", "a blob is either permanent or deletable, not both");
        }
        // Walrus stores deletable blobs unless asked for permanent ones.
        return new StoreParameters(epochs, !permanent, flag(params, QUERY_FORCE), max,
                signed.map(SignedEnvelope::fromHeader), sendObjectTo(params));
    }

    /** Walrus's {@code send_object_to}: an address that owns the blob object instead of the payer. */
    private static java.util.Optional<String> sendObjectTo(Map<String, String> params) {
        String to = params.get(io.floe.api.ApiPaths.QUERY_SEND_OBJECT_TO);
        if (to == null) {
            return java.util.Optional.empty();
        }
        if (!io.floe.protocol.account.Address.isAddress(to.trim().toLowerCase(java.util.Locale.ROOT))) {
            throw ApiException.badRequest("INVALID_PARAMETER", "send_object_to must be an address (0x and 64 hex "
                    + "digits), was '" + to + "'");
        }
        return java.util.Optional.of(to.trim().toLowerCase(java.util.Locale.ROOT));
    }

    private static boolean flag(Map<String, String> params, String name) {
        String value = params.get(name);
        if (value == null) {
            return false;
        }
        if (value.isEmpty() || value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw ApiException.badRequest("INVALID_PARAMETER", name + " must be true or false, was '" + value + "'");
    }

    /** The budget of bytes stores hold at once, shared with quilt stores. */
    ByteBudget storeBudget() {
        return inFlight;
    }

    ApiException tooLarge() {
        return new ApiException(413, "PAYLOAD_TOO_LARGE", "the body exceeds this publisher's limit of "
                + settings.maxBodySize() + " bytes (floe.gateway.max-body-size)");
    }

    /** 413 for a body over {@code limit}; a signed one is told how to store a larger file: in chunks. */
    private ApiException tooLarge(boolean signed, long limit, int nShards) {
        if (!signed) {
            return tooLarge();
        }
        return new ApiException(413, "PAYLOAD_TOO_LARGE", "a signed store's body may be at most " + limit
                + " bytes (floe.gateway.signed-max-body-size; one blob at n = " + nShards + " holds at most "
                + new EncodingConfig(nShards).maxBlobSize() + "): store a larger file in chunks, one signed store per "
                + "chunk and one for their manifest, as `floe store` does");
    }

    /** The answer to a failed store (also a quilt's). */
    HttpResponse failure(Throwable error) {
        Throwable cause = ApiErrors.unwrap(error);
        if (exceededSizeLimit(cause)) {
            return ApiErrors.response(tooLarge());
        }
        if (cause instanceof StoreFailedException) {
            // Walrus's publisher: a store without a quorum timed out waiting for confirmations (504); retry it.
            return ApiErrors.response(new ApiException(504, ErrorReasons.INSUFFICIENT_CONFIRMATIONS,
                    cause.getMessage()));
        }
        if (cause instanceof io.floe.encoding.redstuff.BlobTooLargeException) {
            return ApiErrors.response(new ApiException(413, "BLOB_TOO_LARGE", cause.getMessage()));
        }
        if (cause instanceof StoresBusyException) {
            return ApiErrors.response(new ApiException(503, "PUBLISHER_BUSY", cause.getMessage()));
        }
        if (cause instanceof io.floe.encoding.EncodingException) {
            return ApiErrors.response(ApiException.badRequest("CANNOT_ENCODE", cause.getMessage()));
        }
        return ApiErrors.fromThrowable(error);
    }

    /**
     * A body without a declared length is cut by {@code withSizeLimit} while it streams; the spool file sink then
     * fails with an {@code IOOperationIncompleteException} whose cause is the {@link EntityStreamSizeException}.
     */
    private static boolean exceededSizeLimit(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof EntityStreamSizeException) {
                return true;
            }
        }
        return false;
    }

    private Path newSpoolFile() {
        try {
            Files.createDirectories(settings.spoolDir());
            return Files.createTempFile(settings.spoolDir(), "upload-", ".spool");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a spool file in " + settings.spoolDir(), e);
        }
    }

    private static void delete(Path spool) {
        try {
            Files.deleteIfExists(spool);
        } catch (IOException e) {
            LOG.warn("could not remove spool file {}: {}", spool, e.toString());
        }
    }
}
