package io.floe.api.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.floe.api.HttpSettings;
import io.floe.api.control.ControlPlane;
import io.floe.api.gateway.auth.PublisherAuth;
import io.floe.api.json.ApiException;
import io.floe.api.json.Json;
import io.floe.encoding.EncodingException;
import io.floe.encoding.quilt.InvalidQuiltInputException;
import io.floe.encoding.quilt.Quilt;
import io.floe.encoding.quilt.QuiltEncoder;
import io.floe.encoding.quilt.QuiltFile;
import io.floe.encoding.quilt.QuiltOversizeException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * {@code PUT /v1/quilts}, as Walrus's publisher: a multipart form with one part per file (the part's name is the
 * file's identifier) and an optional {@code _metadata} part, a JSON array of {@code {identifier, tags}}; the same
 * query parameters as {@code PUT /v1/blobs} plus {@code quilt_version} (only version 1). The files are laid out as
 * a quilt for the network's shard count and stored by the {@link BlobWriter} as one blob; the answer is Walrus's
 * {@code QuiltStoreResult}. The body is read whole into memory, bounded by the store's size limit; the quilt's blob
 * is bounded by the same limit (checked before it is allocated) and the body and the blob are reserved from the store
 * budget blob stores share. Signed stores ({@code X-Floe-Signed-Request}) are refused (400), never paid for here.
 */
final class QuiltUploads extends AllDirectives {
    static final String METADATA_PART = "_metadata";
    static final String QUERY_QUILT_VERSION = "quilt_version";
    static final String SIGNED_QUILTS_UNSUPPORTED = "SIGNED_QUILTS_UNSUPPORTED";
    static final String QUILT_TOO_LARGE = "QUILT_TOO_LARGE";

    private final Materializer materializer;
    private final ControlPlane control;
    private final BlobWriter writer;
    private final BlobUploads uploads;
    private final UploadSettings settings;
    private final Executor codecThreads;
    private final HttpSettings http;
    private final PublisherAuth auth;
    /** Shared with blob stores: a quilt holds its body, its blob and the blob's slivers in memory while it runs. */
    private final ByteBudget budget;

    QuiltUploads(ActorSystem<?> system, ControlPlane control, BlobWriter writer, BlobUploads uploads,
                 UploadSettings settings, Executor codecThreads) {
        this.materializer = Materializer.matFromSystem(system);
        this.control = control;
        this.writer = writer;
        this.uploads = uploads;
        this.settings = settings;
        this.codecThreads = codecThreads;
        this.http = HttpSettings.of(system);
        this.auth = PublisherAuth.of(system);
        this.budget = uploads.storeBudget();
    }

    Route route() {
        return parameterMap(params -> extractRequest(request -> completeWithFuture(
                ClientRoutes.calling(() -> store(request, params)).exceptionally(uploads::failure))));
    }

    private CompletionStage<HttpResponse> store(HttpRequest request, Map<String, String> params) {
        Map<String, String> query = new HashMap<>(params);
        String version = query.remove(QUERY_QUILT_VERSION);
        if (version != null && !List.of("v1", "V1", "1").contains(version)) {
            throw ApiException.badRequest("INVALID_PARAMETER", "quilt_version must be v1, V1 or 1, was '" + version + "'");
        }
        if (request.getHeader(SignedEnvelope.HEADER).isPresent()) {
            // Taking it would store (and pay for) under the gateway's account what the client meant to sign.
            throw ApiException.badRequest(SIGNED_QUILTS_UNSUPPORTED, "signed quilt stores are not supported yet: store "
                    + "the quilt without " + SignedEnvelope.HEADER + " (the publisher pays), or store the files as "
                    + "signed blobs");
        }
        StoreParameters options = BlobUploads.options(query, Optional.empty());
        auth.authorize(request, query);
        HttpEntity entity = request.entity();
        if (entity.getContentLengthOption().isPresent()
                && entity.getContentLengthOption().getAsLong() > settings.maxBodySize()) {
            throw uploads.tooLarge();
        }
        return form(entity).thenCompose(form -> control.epochs().thenApply(epochs ->
                        admit(form, epochs.current().nShards())))
                .thenCompose(admitted -> CompletableFuture.supplyAsync(() -> encode(admitted), codecThreads)
                        .thenCompose(quilt -> writer.store(quilt.bytes(), options)
                                .thenApply(outcome -> ClientRoutes.json(answer(quilt, outcome))))
                        .whenComplete((response, error) -> budget.release(admitted.reserved())));
    }

    /** The body's files, each part read whole with the body's limit (Pekko's own default may be lower). */
    private CompletionStage<Form> form(HttpEntity entity) {
        // Pekko's unmarshaller fails such a type with a bare RuntimeException, which would read as a 500.
        if (entity.getContentType().mediaType().isMultipart()
                && !entity.getContentType().toString().contains("boundary=")) {
            throw malformed("the multipart Content-Type has no boundary parameter");
        }
        long limit = settings.maxBodySize();
        long timeout = http.requestTimeout().toMillis();
        return entity.withSizeLimit(limit).toStrict(timeout, limit, materializer)
                .thenCompose(strict -> Unmarshaller.entityToMultipartFormData().unmarshal(strict, materializer)
                        .thenCompose(form -> form.getParts()
                                .mapAsync(1, part -> part.getEntity().toStrict(timeout, limit, materializer)
                                        .thenApply(data -> new Part(part.getName(), data.getData().toArray())))
                                .runWith(Sink.seq(), materializer))
                        .thenApply(parts -> new Form(files(parts), strict.getData().size())));
    }

    /**
     * The quilt's layout once the shard count is known: 413 when its blob would exceed the body limit (every file
     * takes whole columns of one symbol size, so a few tiny files beside a large one make a quilt many times their
     * sum), 503 when the store budget cannot hold the body and the quilt, as for blobs.
     */
    private Admitted admit(Form form, int nShards) {
        QuiltEncoder.Plan plan = plan(form.files(), nShards);
        if (plan.size() > settings.maxBodySize()) {
            throw new ApiException(413, QUILT_TOO_LARGE, "the quilt of these files would be a blob of " + plan.size()
                    + " bytes, more than this publisher's limit of " + settings.maxBodySize() + " bytes "
                    + "(floe.gateway.max-body-size); every file takes whole columns of one symbol size, so store large "
                    + "files as blobs or in a quilt of their own");
        }
        long reserved = form.bodyBytes() + plan.size();
        if (!budget.tryReserve(reserved)) {
            throw new StoresBusyException(budget.budget());
        }
        return new Admitted(plan, reserved);
    }

    /** One part of the form, read whole. */
    private record Part(String name, byte[] data) {
    }

    /** The files of a quilt upload and the size of the body that carried them. */
    private record Form(List<QuiltFile> files, long bodyBytes) {
    }

    /** A quilt upload admitted under the store budget, holding {@code reserved} bytes of it until it completes. */
    private record Admitted(QuiltEncoder.Plan plan, long reserved) {
    }

    /** The files of the form, with the tags {@code _metadata} gives them (Walrus ignores entries for no file). */
    private static List<QuiltFile> files(List<Part> form) {
        Map<String, Map<String, String>> tags = new HashMap<>();
        List<Part> parts = new ArrayList<>();
        for (Part part : form) {
            if (part.name().equals(METADATA_PART)) {
                tags.putAll(metadata(new String(part.data(), StandardCharsets.UTF_8)));
            } else {
                parts.add(part);
            }
        }
        if (parts.isEmpty()) {
            throw malformed("no files provided in multipart form");
        }
        List<QuiltFile> files = new ArrayList<>();
        for (Part part : parts) {
            files.add(quiltFile(part.name(), part.data(), tags.getOrDefault(part.name(), Map.of())));
        }
        return files;
    }

    /** {@code [{"identifier":..,"tags":{..}}]}; a tag value that is no string keeps its JSON text, as Walrus's. */
    private static Map<String, Map<String, String>> metadata(String text) {
        JsonNode root;
        try {
            root = Json.parse(text.getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw malformed("_metadata is not JSON: " + e.getMessage());
        }
        if (root == null || !root.isArray()) {
            throw malformed("_metadata must be a JSON array of {identifier, tags}");
        }
        Map<String, Map<String, String>> tags = new HashMap<>();
        for (JsonNode entry : root) {
            JsonNode identifier = entry.get("identifier");
            JsonNode given = entry.path("tags");
            if (identifier == null || !identifier.isTextual() || !(given.isObject() || given.isMissingNode())) {
                throw malformed("each _metadata entry is {\"identifier\": string, \"tags\": object}");
            }
            Map<String, String> own = new TreeMap<>();
            given.fields().forEachRemaining(f -> own.put(f.getKey(), f.getValue().isTextual()
                    ? f.getValue().asText() : f.getValue().toString()));
            if (tags.put(identifier.asText(), own) != null) {
                throw malformed("duplicate identifiers found in _metadata: '" + identifier.asText() + "'");
            }
        }
        return tags;
    }

    private static QuiltFile quiltFile(String identifier, byte[] contents, Map<String, String> tags) {
        try {
            return new QuiltFile(identifier, contents, new TreeMap<>(tags));
        } catch (EncodingException e) {
            throw malformed("invalid identifier: " + e.getMessage());
        }
    }

    private static QuiltEncoder.Plan plan(List<QuiltFile> files, int nShards) {
        try {
            return QuiltEncoder.plan(files, nShards);
        } catch (InvalidQuiltInputException | QuiltOversizeException e) {
            throw malformed("failed to construct quilt: " + e.getMessage());
        }
    }

    private static Quilt encode(Admitted admitted) {
        try {
            return QuiltEncoder.encode(admitted.plan());
        } catch (InvalidQuiltInputException | QuiltOversizeException e) {
            throw malformed("failed to construct quilt: " + e.getMessage());
        }
    }

    /** Walrus's {@code {"blobStoreResult": .., "storedQuiltBlobs": [{"identifier", "quiltPatchId"}]}}. */
    private static ObjectNode answer(Quilt quilt, StoreOutcome outcome) {
        ObjectNode root = Json.object();
        root.set("blobStoreResult", outcome instanceof StoreOutcome.NewlyCreated created
                ? ClientJson.newlyCreated(created)
                : ClientJson.alreadyCertified((StoreOutcome.AlreadyCertified) outcome));
        ArrayNode stored = root.putArray("storedQuiltBlobs");
        quilt.patches().forEach(p -> stored.addObject().put("identifier", p.identifier())
                .put("quiltPatchId", p.id(outcome.blobId()).toString()));
        return root;
    }

    private static ApiException malformed(String message) {
        return ApiException.badRequest("MALFORMED_REQUEST", message);
    }
}
