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
import io.floe.encoding.quilt.Quilt;
import io.floe.encoding.quilt.QuiltEncoder;
import io.floe.encoding.quilt.QuiltFile;
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
import org.apache.pekko.http.javadsl.model.Multipart;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.apache.pekko.stream.Materializer;

/**
 * {@code PUT /v1/quilts}, as Walrus's publisher: a multipart form with one part per file (the part's name is the
 * file's identifier) and an optional {@code _metadata} part, a JSON array of {@code {identifier, tags}}; the same
 * query parameters as {@code PUT /v1/blobs} plus {@code quilt_version} (only version 1). The files are laid out as
 * a quilt for the network's shard count and stored by the {@link BlobWriter} as one blob; the answer is Walrus's
 * {@code QuiltStoreResult}. The body is read whole into memory, bounded by the store's size limit; stores under a
 * signed request ({@code X-Floe-Signed-Request}) are not taken here.
 */
final class QuiltUploads extends AllDirectives {
    static final String METADATA_PART = "_metadata";
    static final String QUERY_QUILT_VERSION = "quilt_version";

    private final Materializer materializer;
    private final ControlPlane control;
    private final BlobWriter writer;
    private final BlobUploads uploads;
    private final UploadSettings settings;
    private final Executor codecThreads;
    private final HttpSettings http;
    private final PublisherAuth auth;

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
        StoreParameters options = BlobUploads.options(query, Optional.empty());
        auth.authorize(request, query);
        HttpEntity entity = request.entity();
        if (entity.getContentLengthOption().isPresent()
                && entity.getContentLengthOption().getAsLong() > settings.maxBodySize()) {
            throw uploads.tooLarge();
        }
        long timeout = http.requestTimeout().toMillis();
        return entity.withSizeLimit(settings.maxBodySize()).toStrict(timeout, materializer)
                .thenCompose(strict -> Unmarshaller.entityToMultipartFormData().unmarshal(strict, materializer))
                .thenCompose(form -> form.toStrict(timeout, materializer))
                .thenApply(QuiltUploads::files)
                .thenCompose(files -> control.epochs().thenApplyAsync(epochs -> encode(files,
                        epochs.current().nShards()), codecThreads))
                .thenCompose(quilt -> writer.store(quilt.bytes(), options)
                        .thenApply(outcome -> ClientRoutes.json(answer(quilt, outcome))));
    }

    /** The files of the form, with the tags {@code _metadata} gives them (Walrus ignores entries for no file). */
    private static List<QuiltFile> files(Multipart.FormData.Strict form) {
        Map<String, Map<String, String>> tags = new HashMap<>();
        List<Multipart.FormData.BodyPart.Strict> parts = new ArrayList<>();
        for (Multipart.FormData.BodyPart.Strict part : form.getStrictParts()) {
            if (part.getName().equals(METADATA_PART)) {
                tags.putAll(metadata(part.getEntity().getData().decodeString(StandardCharsets.UTF_8)));
            } else {
                parts.add(part);
            }
        }
        if (parts.isEmpty()) {
            throw malformed("no files provided in multipart form");
        }
        List<QuiltFile> files = new ArrayList<>();
        for (Multipart.FormData.BodyPart.Strict part : parts) {
            Map<String, String> own = tags.getOrDefault(part.getName(), Map.of());
            files.add(quiltFile(part.getName(), part.getEntity().getData().toArray(), own));
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

    private static Quilt encode(List<QuiltFile> files, int nShards) {
        try {
            return QuiltEncoder.encode(files, nShards);
        } catch (io.floe.encoding.quilt.InvalidQuiltInputException | io.floe.encoding.quilt.QuiltOversizeException e) {
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
