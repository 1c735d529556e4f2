package io.floe.cli.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.floe.api.ApiPaths;
import io.floe.encoding.metadata.BlobId;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The gateway's quilt routes, as Walrus's publisher and aggregator serve them: {@code PUT /v1/quilts} (multipart, one
 * part per file named by its identifier, plus {@code _metadata}: a JSON list of {@code {identifier, tags}}), {@code GET
 * /v1/blobs/by-quilt-patch-id/{patch_id}}, {@code GET /v1/blobs/by-quilt-id/{quilt_id}/{identifier}} (the patch's
 * bytes; its identifier in {@code X-Quilt-Patch-Identifier}) and {@code GET /v1/quilts/{quilt_id}/patches} (a list of
 * {@code {identifier, patch_id, tags}}). All of the quilt wire format the CLI knows is in this class. Calls are
 * bounded as the {@link GatewayClient}'s; file parts stream from disk, patches are read whole into memory.
 */
public final class QuiltClient {
    static final String BY_PATCH_ID = "/v1/blobs/by-quilt-patch-id/";
    static final String BY_QUILT_ID = "/v1/blobs/by-quilt-id/";
    static final String PATCHES = "/patches";
    /** Walrus's {@code WALRUS_NATIVE_METADATA_FIELD_NAME}: the part carrying identifiers' tags. */
    public static final String METADATA_PART = "_metadata";

    /** One file of a quilt to store: its identifier (the part's name), where it is, and its tags. */
    public record QuiltFile(String identifier, Path path, Map<String, String> tags) {
        public QuiltFile {
            tags = Map.copyOf(tags);
        }
    }

    /** One entry of a quilt's patch list: Walrus's {@code QuiltPatchItem}. */
    public record PatchItem(String identifier, String patchId, Map<String, String> tags) {
        public PatchItem {
            tags = Map.copyOf(tags);
        }
    }

    /** A patch's bytes and the identifier the gateway named it by. */
    public record Patch(String identifier, byte[] data) {
    }

    private final GatewayClient gateway;

    public QuiltClient(GatewayClient gateway) {
        this.gateway = gateway;
    }

    /**
     * Stores {@code files} as one quilt and returns the gateway's answer as sent: Walrus's {@code QuiltStoreResult},
     * {@code {"blobStoreResult":...,"storedQuiltBlobs":[{"identifier","quiltPatchId","range"?}]}}.
     *
     * @throws IOException a file cannot be opened
     */
    public ObjectNode store(List<QuiltFile> files, StoreQuery query) throws IOException {
        String boundary = "floe-quilt-" + HexFormat.of().formatHex(randomBytes());
        HttpRequest request = gateway.request(ApiPaths.CLIENT_QUILTS + "?" + query.query(), "application/json")
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .PUT(multipart(files, boundary)).build();
        return (ObjectNode) gateway.call(request);
    }

    /** Walrus's patch list of {@code quiltId}, in the gateway's order. */
    public List<PatchItem> listPatches(BlobId quiltId) {
        JsonNode list = getJson(ApiPaths.CLIENT_QUILTS + "/" + quiltId + PATCHES);
        if (!list.isArray()) {
            throw gateway.json().bad("the patch list is not a JSON list");
        }
        List<PatchItem> items = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            String at = "[" + i + "].";
            items.add(new PatchItem(gateway.json().text(item, "identifier", at + "identifier"),
                gateway.json().text(item, "patch_id", at + "patch_id"), tags(item.path("tags"))));
        }
        return items;
    }

    /** The patch list exactly as the gateway sent it, for {@code --json}. */
    public JsonNode listPatchesJson(BlobId quiltId) {
        return getJson(ApiPaths.CLIENT_QUILTS + "/" + quiltId + PATCHES);
    }

    /**
     * The patch {@code patchId} names, with the identifier its {@code X-Quilt-Patch-Identifier} header gives (the
     * patch ID when there is none: an identifier with a control character cannot be sent). Callers that know the
     * identifier from the quilt's patch list use {@link #readByPatchId(String, String)}.
     */
    public Patch readByPatchId(String patchId) {
        HttpResponse<byte[]> response = getPatch(BY_PATCH_ID + GatewayClient.encode(patchId));
        return new Patch(response.headers().firstValue(ApiPaths.QUILT_PATCH_IDENTIFIER_HEADER)
            .map(QuiltClient::identifierOf).orElse(patchId), response.body());
    }

    /**
     * The identifier a header value carries: Walrus and Floe send its raw UTF-8 bytes, which the JDK's client hands
     * over as Latin-1 chars, one per byte.
     */
    static String identifierOf(String headerValue) {
        return new String(headerValue.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    /** The patch {@code patchId} names, known from the quilt's patch list as {@code identifier}. */
    public Patch readByPatchId(String patchId, String identifier) {
        return new Patch(identifier, getPatch(BY_PATCH_ID + GatewayClient.encode(patchId)).body());
    }

    /** The patch named {@code identifier}: the gateway matched it exactly, so it is the patch's identifier. */
    public Patch readByIdentifier(BlobId quiltId, String identifier) {
        // A path segment: URLEncoder's '+' for a space would be read as a plus.
        String path = BY_QUILT_ID + quiltId + "/" + GatewayClient.encode(identifier).replace("+", "%20");
        return new Patch(identifier, getPatch(path).body());
    }

    private HttpResponse<byte[]> getPatch(String path) {
        HttpRequest request = gateway.request(path, "application/octet-stream, application/json").GET().build();
        HttpResponse<byte[]> response = gateway.send(request, HttpResponse.BodyHandlers.ofByteArray(),
            gateway.deadline());
        if (response.statusCode() != 200) {
            throw gateway.json().error(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        }
        return response;
    }

    private JsonNode getJson(String path) {
        HttpRequest request = gateway.request(path, "application/json").GET().build();
        HttpResponse<String> response = gateway.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8),
            gateway.deadline());
        if (response.statusCode() != 200) {
            throw gateway.json().error(response.statusCode(), response.body());
        }
        try {
            return CliJson.tree(response.body());
        } catch (JsonProcessingException e) {
            throw gateway.json().bad("not JSON: " + GatewayException.oneLine(response.body()));
        }
    }

    /** The multipart body: each file streamed from disk between its part header and line end; tags last. */
    static HttpRequest.BodyPublisher multipart(List<QuiltFile> files, String boundary) throws IOException {
        List<HttpRequest.BodyPublisher> parts = new ArrayList<>();
        ArrayNode metadata = CliJson.array();
        for (QuiltFile file : files) {
            parts.add(text("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + quoted(file.identifier())
                + "\"; filename=\"" + quoted(file.identifier()) + "\"\r\nContent-Type: application/octet-stream\r\n\r\n"));
            parts.add(HttpRequest.BodyPublishers.ofFile(file.path()));
            parts.add(text("\r\n"));
            if (!file.tags().isEmpty()) {
                ObjectNode entry = metadata.addObject().put("identifier", file.identifier());
                ObjectNode tags = entry.putObject("tags");
                file.tags().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(t -> tags.put(t.getKey(), t.getValue()));
            }
        }
        if (!metadata.isEmpty()) {
            parts.add(text("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + METADATA_PART
                + "\"\r\nContent-Type: application/json\r\n\r\n" + CliJson.line(metadata) + "\r\n"));
        }
        parts.add(text("--" + boundary + "--\r\n"));
        return HttpRequest.BodyPublishers.concat(parts.toArray(HttpRequest.BodyPublisher[]::new));
    }

    private static HttpRequest.BodyPublisher text(String text) {
        return HttpRequest.BodyPublishers.ofByteArray(text.getBytes(StandardCharsets.UTF_8));
    }

    // As browsers write a form field's name: a quote or a line break would end the header.
    private static String quoted(String name) {
        return name.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }

    private static Map<String, String> tags(JsonNode node) {
        Map<String, String> tags = new java.util.TreeMap<>();
        node.fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().isTextual()
            ? e.getValue().textValue() : e.getValue().toString()));
        return tags;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
