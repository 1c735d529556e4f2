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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
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
import org.slf4j.LoggerFactory;

/**
 * {@code PUT /v1/blobs}: the body goes to a spool file first (memory stays bounded while it arrives, and a client
 * that disconnects leaves nothing behind), then is encoded and stored by the {@link BlobWriter}. Bodies over the
 * configured limit get 413 naming the limit; a body that stalls gets 408 ({@code floe.http.body-idle-timeout}). A store
 * refused before its body is read (bad parameters, 503 over the store budget) reads and drops the body first, so the
 * client sees the status rather than a reset connection.
 */
final class BlobUploads extends AllDirectives {
    private static final Logger LOG = LoggerFactory.getLogger(BlobUploads.class);

    private final Materializer materializer;
    private final BlobWriter writer;
    private final UploadSettings settings;

    private final ByteBudget inFlight;
    private final java.util.concurrent.Executor codecThreads;
    private final HttpSettings http;
    private final PublisherAuth auth;

    BlobUploads(ActorSystem<?> system, BlobWriter writer, UploadSettings settings, java.util.concurrent.Executor codecThreads) {
        this.materializer = Materializer.matFromSystem(system);
        this.writer = writer;
        this.settings = settings;
        this.inFlight = new ByteBudget(settings.storeBudgetBytes());
        this.codecThreads = codecThreads;
        this.http = HttpSettings.of(system);
        this.auth = PublisherAuth.of(system);
    }

    Route route() {
        return parameterMap(params -> optionalHeaderValueByName(SignedEnvelope.HEADER, signed ->
                extractRequest(request -> {
            HttpEntity entity = request.entity();
            if (entity.getContentLengthOption().isPresent()
                    && entity.getContentLengthOption().getAsLong() > settings.maxBodySize()) {
                // Not drained: reading a body we refuse for its size would cost what the limit is there to avoid.
                throw tooLarge();
            }
            return RequestBodies.blamingSlowBodies(bodyRead ->
                    completeWithFuture(admit(request, params, signed, bodyRead).exceptionally(this::failure)));
        })));
    }

    /**
     * Refusals before the body is looked at (bad parameters, no valid token, over the budget) are delivered after
     * draining it.
     */
    private CompletionStage<HttpResponse> admit(HttpRequest request, Map<String, String> params,
                                                java.util.Optional<String> signed, Runnable bodyRead) {
        HttpEntity entity = request.entity();
        StoreParameters options;
        try {
            options = options(params, signed);
            auth.authorize(request, params);
        } catch (ApiException e) {
            return refuse(entity, e);
        }
        // Each store holds its blob and all slivers in memory while it runs; admit bodies up to a budget.
        long reserved = entity.getContentLengthOption().orElse(settings.maxBodySize());
        if (!inFlight.tryReserve(reserved)) {
            return refuse(entity, new StoresBusyException(inFlight.budget()));
        }
        return store(entity, options, reserved, bodyRead);
    }

    private CompletionStage<HttpResponse> refuse(HttpEntity entity, RuntimeException why) {
        return RequestBodies.drain(entity.withSizeLimit(settings.maxBodySize()), http, materializer)
                .thenCompose(drained -> CompletableFuture.<HttpResponse>failedFuture(why));
    }

    private CompletionStage<HttpResponse> store(HttpEntity entity, StoreParameters options, long reserved,
                                                Runnable bodyRead) {
        Path spool;
        try {
            spool = newSpoolFile();
        } catch (RuntimeException e) {
            inFlight.release(reserved);
            throw e;
        }
        return RequestBodies.bytes(entity.withSizeLimit(settings.maxBodySize()), http)
                .runWith(FileIO.toPath(spool), materializer)
                .thenComposeAsync(written -> {
                    bodyRead.run();
                    return writer.store(readAll(spool), options);
                }, codecThreads)
                .whenComplete((response, error) -> inFlight.release(reserved))
                .thenApply(outcome -> ClientRoutes.json(outcome instanceof StoreOutcome.NewlyCreated created
                        ? ClientJson.newlyCreated(created)
                        : ClientJson.alreadyCertified((StoreOutcome.AlreadyCertified) outcome)))
                .whenComplete((response, error) -> delete(spool));
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

    private static byte[] readAll(Path spool) {
        try {
            return Files.readAllBytes(spool);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
