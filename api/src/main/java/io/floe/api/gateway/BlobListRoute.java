package io.floe.api.gateway;

import static io.floe.api.ApiPaths.QUERY_ALL;
import static io.floe.api.ApiPaths.QUERY_CURSOR;
import static io.floe.api.ApiPaths.QUERY_INCLUDE_EXPIRED;
import static io.floe.api.ApiPaths.QUERY_LIMIT;
import static io.floe.api.ApiPaths.QUERY_OWNER;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.floe.api.json.ApiErrors;
import io.floe.api.json.ApiException;
import io.floe.api.json.Json;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.metadata.InvalidBlobIdException;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /v1/blobs?owner=X|all=true&limit=N&cursor=C&include_expired=true}: one page of blobs from the read-side
 * (an owner's listing leaves out burned objects, and expired ones unless {@code include_expired=true}), as
 * {@code {"owner":..,"blobs":[{"blobId","status","size","endEpoch","owners":[{"owner","objectId"}],
 * "certifiedEpoch"}],"nextCursor":..}}. Without {@code owner} it lists the gateway's own account, the owner of
 * every blob it stores. Bad parameters answer 400, a read-side that cannot answer 503
 * ({@value #READ_SIDE_UNAVAILABLE}).
 */
final class BlobListRoute extends AllDirectives {
    static final int DEFAULT_LIMIT = 100;
    static final String READ_SIDE_UNAVAILABLE = "READ_SIDE_UNAVAILABLE";
    private static final String INVALID_PARAMETER = "INVALID_PARAMETER";

    private final BlobListings listings;
    private final String defaultOwner;

    BlobListRoute(BlobListings listings, String defaultOwner) {
        this.listings = listings;
        this.defaultOwner = defaultOwner;
    }

    Route route() {
        return parameterOptional(QUERY_OWNER, owner -> parameterOptional(QUERY_ALL, all ->
                parameterOptional(QUERY_LIMIT, limit -> parameterOptional(QUERY_CURSOR, cursor ->
                        parameterOptional(QUERY_INCLUDE_EXPIRED, expired ->
                                list(owner, all, limit, cursor, flag(QUERY_INCLUDE_EXPIRED, expired)))))));
    }

    private Route list(Optional<String> ownerText, Optional<String> allText, Optional<String> limitText,
                       Optional<String> cursorText, boolean includeExpired) {
        boolean all = flag(QUERY_ALL, allText);
        if (all && ownerText.isPresent()) {
            throw badRequest("give either " + QUERY_OWNER + " or " + QUERY_ALL + "=true, not both");
        }
        if (ownerText.isPresent() && ownerText.get().isBlank()) {
            throw badRequest(QUERY_OWNER + " must not be empty");
        }
        String owner = ownerText.orElse(defaultOwner);
        int limit = limit(limitText);
        Optional<BlobId> cursor = cursorText.map(BlobListRoute::cursor);
        CompletionStage<BlobListings.Page> page = all ? listings.all(cursor, limit)
                : listings.byOwner(owner, cursor, limit, includeExpired);
        Optional<String> listed = all ? Optional.empty() : Optional.of(owner);
        return completeWithFuture(page.thenApply(p -> ClientRoutes.json(json(listed, p)))
                .exceptionally(BlobListRoute::failure));
    }

    private static boolean flag(String name, Optional<String> text) {
        if (text.isEmpty() || text.get().equals("false")) {
            return false;
        }
        if (text.get().equals("true")) {
            return true;
        }
        throw badRequest(name + " must be true or false: " + text.get());
    }

    private static int limit(Optional<String> text) {
        if (text.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text.get());
            if (limit >= 1 && limit <= BlobListings.MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw badRequest(QUERY_LIMIT + " must be an integer from 1 to " + BlobListings.MAX_LIMIT + ": " + text.get());
    }

    private static BlobId cursor(String text) {
        try {
            return BlobId.parse(text);
        } catch (InvalidBlobIdException e) {
            throw badRequest(QUERY_CURSOR + " is not a cursor from an earlier page: " + e.getMessage());
        }
    }

    private static ApiException badRequest(String message) {
        return ApiException.badRequest(INVALID_PARAMETER, message);
    }

    private static HttpResponse failure(Throwable error) {
        Throwable cause = ApiErrors.unwrap(error);
        if (cause instanceof BlobListings.NotReady) {
            return ApiErrors.response(StatusCodes.SERVICE_UNAVAILABLE, READ_SIDE_UNAVAILABLE,
                    "the blob listing is not available right now: " + cause.getMessage());
        }
        return ApiErrors.fromThrowable(error);
    }

    static ObjectNode json(Optional<String> owner, BlobListings.Page page) {
        ObjectNode root = Json.object();
        if (owner.isPresent()) {
            root.put("owner", owner.get());
        } else {
            root.putNull("owner");
        }
        ArrayNode blobs = root.putArray("blobs");
        for (BlobListings.Entry e : page.blobs()) {
            ObjectNode blob = blobs.addObject().put("blobId", e.blobId().toString()).put("status", e.status().wire())
                    .put("size", e.size()).put("endEpoch", e.endEpoch().value());
            ArrayNode owners = blob.putArray("owners");
            e.owners().forEach(o -> owners.addObject().put("owner", o.owner())
                    .put("objectId", o.objectId().toString()));
            if (e.certifiedEpoch().isPresent()) {
                blob.put("certifiedEpoch", e.certifiedEpoch().get().value());
            } else {
                blob.putNull("certifiedEpoch");
            }
        }
        if (page.nextCursor().isPresent()) {
            root.put("nextCursor", page.nextCursor().get().toString());
        } else {
            root.putNull("nextCursor");
        }
        return root;
    }
}
