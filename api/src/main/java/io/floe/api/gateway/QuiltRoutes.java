package io.floe.api.gateway;

import static io.floe.api.ApiPaths.BY_QUILT_ID;
import static io.floe.api.ApiPaths.BY_QUILT_PATCH_ID;
import static io.floe.api.ApiPaths.PATCHES;
import static io.floe.api.ApiPaths.QUILTS;
import static io.floe.api.ApiPaths.QUILT_PATCH_IDENTIFIER_HEADER;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.floe.api.json.ApiException;
import io.floe.api.json.Json;
import io.floe.encoding.EncodingException;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.quilt.QuiltFile;
import io.floe.encoding.quilt.QuiltFormatException;
import io.floe.encoding.quilt.QuiltPatch;
import io.floe.encoding.quilt.QuiltPatchId;
import io.floe.encoding.quilt.QuiltReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Walrus's quilt reads on the aggregator: {@code GET /v1/blobs/by-quilt-patch-id/{patchId}},
 * {@code GET /v1/blobs/by-quilt-id/{quiltId}/{identifier}} (the patch's bytes, its identifier in
 * {@code X-Quilt-Patch-Identifier} (raw UTF-8, as Walrus), its tags as headers where the gateway allows the name, the quilt ID as ETag, as
 * Walrus's aggregator sends) and {@code GET /v1/quilts/{quiltId}/patches} (Walrus's {@code QuiltPatchItem} list).
 * Stores are {@link QuiltUploads}. A read fetches and decodes the whole quilt blob, then cuts the patch out of it.
 */
final class QuiltRoutes extends AllDirectives {
    static final String QUILT_PATCH_NOT_FOUND = "QUILT_PATCH_NOT_FOUND";
    static final String NOT_A_QUILT = "NOT_A_QUILT";

    /** A stored quilt's bytes and the shard count it was encoded for. */
    record Stored(byte[] bytes, int nShards) {
    }

    /** Reads a certified blob's bytes as {@code GET /v1/blobs/{id}} does. */
    private final Function<BlobId, CompletionStage<Stored>> blobs;
    /** Adds the tags whose names the gateway allows as headers (Walrus's {@code allowed_headers}). */
    private final BiFunction<HttpResponse, Map<String, String>, HttpResponse> withTags;
    /** Completes when the quilt is readable now, reading no bytes: what a 304 waits for. */
    private final Function<BlobId, CompletionStage<?>> readable;

    QuiltRoutes(Function<BlobId, CompletionStage<Stored>> blobs,
                BiFunction<HttpResponse, Map<String, String>, HttpResponse> withTags,
                Function<BlobId, CompletionStage<?>> readable) {
        this.blobs = blobs;
        this.withTags = withTags;
        this.readable = readable;
    }

    /** {@code by-quilt-patch-id/{patchId}} and {@code by-quilt-id/{quiltId}/{identifier}}, under {@code /v1/blobs}. */
    Route patchReads() {
        return concat(
                pathPrefix(BY_QUILT_PATCH_ID, () -> path(PathMatchers.segment(), text ->
                        BlobServing.readMethods(() -> byPatchId(text)))),
                pathPrefix(BY_QUILT_ID, () -> pathPrefix(PathMatchers.segment(), quilt -> path(PathMatchers.segment(),
                        identifier -> BlobServing.readMethods(() -> byIdentifier(quilt, identifier))))));
    }

    /** {@code quilts/{quiltId}/patches}, under {@code /v1}. */
    Route listing() {
        return pathPrefix(QUILTS, () -> pathPrefix(PathMatchers.segment(), quilt -> path(PATCHES, () -> get(() ->
                answer(() -> {
                    BlobId id = BlobId.parse(quilt);
                    return blobs.apply(id).thenApply(stored -> ClientRoutes.json(patchItems(id, reader(stored))));
                })))));
    }

    private Route byPatchId(String text) {
        QuiltPatchId patchId = parse(text);
        BlobId quilt = patchId.quiltId();
        return BlobServing.serve(quilt.toString(), () -> readable.apply(quilt), () -> answer(() -> blobs.apply(quilt)
                .thenApply(stored -> {
                    QuiltReader reader = reader(stored);
                    return served(reader, reader.patch(patchId.startIndex(), patchId.endIndex())
                            .orElseThrow(() -> notFound("quilt " + patchId.quiltId() + " has no patch at columns ["
                                    + patchId.startIndex() + ", " + patchId.endIndex() + ")")));
                })));
    }

    private Route byIdentifier(String quilt, String identifier) {
        BlobId id = BlobId.parse(quilt);
        return BlobServing.serve(id.toString(), () -> readable.apply(id), () -> answer(() -> blobs.apply(id)
                .thenApply(stored -> {
                    QuiltReader reader = reader(stored);
                    return served(reader, reader.patch(identifier).orElseThrow(() -> notFound("quilt " + id
                            + " has no patch named '" + identifier + "'")));
                })));
    }

    private HttpResponse served(QuiltReader reader, QuiltPatch patch) {
        QuiltFile file = read(() -> reader.read(patch));
        HttpResponse response = HttpResponse.create()
                .withEntity(HttpEntities.create(ContentTypes.APPLICATION_OCTET_STREAM, file.contents()));
        HttpResponse tagged = withTags.apply(response, file.tags());
        return identifierHeader(file.identifier()).map(tagged::addHeader).orElse(tagged);
    }

    /** Walrus's {@code [{"identifier":..,"patch_id":..,"tags":{..}}]}, in index order. */
    static ArrayNode patchItems(BlobId quiltId, QuiltReader reader) {
        ArrayNode items = Json.array();
        for (QuiltPatch p : reader.patches()) {
            ObjectNode item = items.addObject().put("identifier", p.identifier())
                    .put("patch_id", p.id(quiltId).toString());
            ObjectNode tags = item.putObject("tags");
            p.tags().forEach(tags::put);
        }
        return items;
    }

    private static QuiltReader reader(Stored stored) {
        return read(() -> QuiltReader.of(stored.bytes(), stored.nShards()));
    }

    /** A blob that is no quilt is the caller's mistake: 400 (Walrus's aggregator answers 500 there). */
    private static <T> T read(Supplier<T> step) {
        try {
            return step.get();
        } catch (QuiltFormatException e) {
            throw ApiException.badRequest(NOT_A_QUILT, "the blob is not a version-1 quilt: " + e.getMessage());
        }
    }

    private static QuiltPatchId parse(String text) {
        try {
            return QuiltPatchId.parse(text);
        } catch (EncodingException e) {
            throw ApiException.badRequest("INVALID_QUILT_PATCH_ID", "not a quilt patch ID: " + e.getMessage());
        }
    }

    private static ApiException notFound(String message) {
        return ApiException.notFound(QUILT_PATCH_NOT_FOUND, "the requested quilt patch does not exist: " + message);
    }

    /**
     * The identifier's header as Walrus sends it: its UTF-8 bytes as they are (http's {@code HeaderValue::from_str}
     * takes bytes from 0x80 up). Pekko writes each char of a header value as one byte, so the Latin-1 view of the
     * UTF-8 bytes puts exactly those bytes on the wire. An identifier with a control character cannot be a header
     * value: no header, as Walrus (its {@code from_str} fails) sends none.
     */
    static Optional<HttpHeader> identifierHeader(String identifier) {
        byte[] utf8 = identifier.getBytes(StandardCharsets.UTF_8);
        for (byte b : utf8) {
            if ((b >= 0 && b < 0x20 && b != '\t') || b == 0x7F) {
                return Optional.empty();
            }
        }
        return Optional.of(RawHeader.create(QUILT_PATCH_IDENTIFIER_HEADER, new String(utf8, StandardCharsets.ISO_8859_1)));
    }

    private Route answer(Supplier<CompletionStage<HttpResponse>> call) {
        return completeWithFuture(ClientRoutes.calling(call).exceptionally(ClientRoutes::readFailure));
    }
}
