package io.floe.api.gateway;

import static io.floe.api.ApiPaths.BY_OBJECT_ID;
import static io.floe.api.ApiPaths.OBJECTS;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.floe.api.control.ControlPlane;
import io.floe.api.json.ApiErrors;
import io.floe.api.json.ApiException;
import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.Registration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Blob objects by their object ID: {@code GET /v1/objects/{objectId}} answers the object (its blob, its state, a
 * shared blob's funds), and {@code GET /v1/blobs/by-object-id/{objectId}} serves its blob's bytes with the object's
 * attributes as response headers, for the names the gateway allows ({@code floe.gateway.allowed-headers}), as
 * Walrus's aggregator does. The read-side finds the blob of an object ID; the blob's entity answers the object, so a
 * deleted object is not found even while the read-side still lists it.
 */
final class ObjectRoutes extends AllDirectives {
    static final String OBJECT_NOT_FOUND = "OBJECT_NOT_FOUND";

    private final ControlPlane control;
    private final BlobListings listings;
    /** Lower-case header names an attribute may set. */
    private final Set<String> allowedHeaders;
    /** Reads a blob's bytes as {@code GET /v1/blobs/{id}} does, with an optional {@code Range} header. */
    private final BlobRead read;
    /** Completes when a blob is readable now, reading no bytes (what a 304 waits for). */
    private final Function<BlobId, CompletionStage<?>> readable;

    ObjectRoutes(ControlPlane control, BlobListings listings, Set<String> allowedHeaders,
                 BlobRead read,
                 Function<BlobId, CompletionStage<?>> readable) {
        this.control = control;
        this.listings = listings;
        this.allowedHeaders = allowedHeaders.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        this.read = read;
        this.readable = readable;
    }

    /** A blob's bytes (or its {@code Range}), or for a {@code HEAD} the same headers and no bytes fetched. */
    interface BlobRead {
        CompletionStage<HttpResponse> read(BlobId id, Optional<String> range, boolean head);
    }

    /** {@code objects/{objectId}}, under {@code /v1}. */
    Route objects() {
        return pathPrefix(OBJECTS, () -> path(PathMatchers.segment(), id -> get(() ->
                answer(() -> locate(id).thenCompose(this::describe)))));
    }

    /**
     * {@code by-object-id/{objectId}}, under {@code /v1/blobs}: served as its blob, whose ID is the ETag as in Walrus
     * (known once the object is found, so a revalidation costs the lookup and a certification check, no read).
     */
    Route byObjectId() {
        return pathPrefix(BY_OBJECT_ID, () -> path(PathMatchers.segment(), id -> BlobServing.readMethods(() ->
                onComplete(ClientRoutes.calling(() -> locate(id).thenApply(ObjectRoutes::unburned)), found ->
                        found.isSuccess() ? serve(found.get()) : complete(failure(found.failed().get()))))));
    }

    private Route serve(Found found) {
        return BlobServing.serve(found.blobId().toString(), () -> readable.apply(found.blobId()), () ->
                extractMethod(method -> optionalHeaderValueByName("Range", range -> answer(() -> read.read(
                        found.blobId(), range, ClientRoutes.isHead(method))
                        .thenApply(response -> withAttributes(response, found.object().attributes()))))));
    }

    private static Found unburned(Found found) {
        if (found.object().burned()) {
            // A burned object no longer exists (its data may stay until it expires).
            throw notFound(found.object().objectId());
        }
        return found;
    }

    private record Found(BlobId blobId, Registration object) {
    }

    private CompletionStage<Found> locate(String idText) {
        ObjectId objectId;
        try {
            objectId = ObjectId.parse(idText);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("INVALID_OBJECT_ID", "not an object ID: '" + idText + "'");
        }
        return listings.blobOfObject(objectId).thenCompose(blobId -> {
            if (blobId.isEmpty()) {
                throw notFound(objectId);
            }
            return control.blob(blobId.get()).thenApply(record -> new Found(blobId.get(),
                    record.registration(objectId).orElseThrow(() -> notFound(objectId))));
        });
    }

    /** {@code {"blobId":..,"blobObject":{...},"sharedFunds":N}} ({@code sharedFunds} for shared blobs only). */
    private CompletionStage<HttpResponse> describe(Found found) {
        ObjectNode root = io.floe.api.json.Json.object().put("blobId", found.blobId().toString());
        root.set("blobObject", ClientJson.blobObject(found.blobId(), found.object()));
        if (!found.object().shared()) {
            return CompletableFuture.completedFuture(ClientRoutes.json(root));
        }
        return control.sharedFunds(found.object().objectId())
                .thenApply(funds -> ClientRoutes.json(root.put("sharedFunds", funds)));
    }

    /** The attributes whose names are allowed, as headers; {@code content-type} as the entity's type. */
    HttpResponse withAttributes(HttpResponse response, Map<String, String> attributes) {
        HttpResponse answer = response;
        for (Map.Entry<String, String> a : attributes.entrySet()) {
            String name = a.getKey().toLowerCase(Locale.ROOT);
            if (!allowedHeaders.contains(name)) {
                continue;
            }
            if (name.equals("content-type")) {
                answer = withContentType(answer, a.getValue());
            } else {
                answer = answer.addHeader(RawHeader.create(a.getKey(), a.getValue()));
            }
        }
        return answer;
    }

    private static HttpResponse withContentType(HttpResponse response, String value) {
        try {
            return response.withEntity((org.apache.pekko.http.javadsl.model.ResponseEntity)
                    response.entity().withContentType(ContentTypes.parse(value)));
        } catch (RuntimeException e) {
            // An attribute that is no media type is left out, as a header that could not be sent.
            return response;
        }
    }

    private static ApiException notFound(ObjectId objectId) {
        return ApiException.notFound(OBJECT_NOT_FOUND, "no blob object " + objectId + " on this network "
                + "(never registered, or deleted)");
    }

    private Route answer(java.util.function.Supplier<CompletionStage<HttpResponse>> call) {
        return completeWithFuture(ClientRoutes.calling(call).exceptionally(ObjectRoutes::failure));
    }

    private static HttpResponse failure(Throwable error) {
        Throwable cause = ApiErrors.unwrap(error);
        if (cause instanceof BlobListings.NotReady) {
            return ApiErrors.response(StatusCodes.SERVICE_UNAVAILABLE, "READ_SIDE_UNAVAILABLE",
                    "this gateway cannot find objects right now: " + cause.getMessage());
        }
        return ClientRoutes.readFailure(error);
    }
}
