package io.floe.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.committee.Epoch;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a {@code GET /v1/blobs} answer into a {@link BlobListPage}; a missing or mistyped field is a
 * {@link GatewayException.BadAnswer} naming its path, as {@link GatewayJson} does for the other answers.
 */
final class BlobListJson {
    private final GatewayJson json;

    BlobListJson(GatewayJson json) {
        this.json = json;
    }

    BlobListPage listing(JsonNode root) {
        JsonNode list = root.path("blobs");
        if (!list.isArray()) {
            throw json.bad("blobs is missing or not a list");
        }
        List<BlobListPage.Blob> blobs = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            blobs.add(blob(list.get(i), "blobs[" + i + "]."));
        }
        return new BlobListPage(optionalText(root, "owner"), blobs, optionalText(root, "nextCursor"),
                CliJson.line(root));
    }

    private BlobListPage.Blob blob(JsonNode node, String at) {
        List<BlobListPage.Owner> owners = new ArrayList<>();
        JsonNode list = node.path("owners");
        if (!list.isArray()) {
            throw json.bad(at + "owners is missing or not a list");
        }
        for (int i = 0; i < list.size(); i++) {
            String path = at + "owners[" + i + "].";
            owners.add(new BlobListPage.Owner(text(list.get(i), "owner", path + "owner"),
                    parsed(text(list.get(i), "objectId", path + "objectId"), ObjectId::parse, path + "objectId")));
        }
        JsonNode certified = node.path("certifiedEpoch");
        Optional<Epoch> certifiedEpoch = certified.isMissingNode() || certified.isNull() ? Optional.empty()
                : Optional.of(epoch(certified, at + "certifiedEpoch"));
        return new BlobListPage.Blob(parsed(text(node, "blobId", at + "blobId"), BlobId::parse, at + "blobId"),
                text(node, "status", at + "status"), number(node.path("size"), at + "size"),
                epoch(node.path("endEpoch"), at + "endEpoch"), owners, certifiedEpoch);
    }

    private String text(JsonNode parent, String field, String path) {
        JsonNode node = parent.path(field);
        if (!node.isTextual()) {
            throw json.bad(path + " is missing or not a string");
        }
        return node.textValue();
    }

    private Optional<String> optionalText(JsonNode parent, String field) {
        JsonNode node = parent.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        return Optional.of(text(parent, field, field));
    }

    private long number(JsonNode node, String path) {
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw json.bad(path + " is missing or not an integer");
        }
        return node.longValue();
    }

    private Epoch epoch(JsonNode node, String path) {
        long value = number(node, path);
        return parsed(value, v -> new Epoch(Math.toIntExact(v)), path);
    }

    private <V, T> T parsed(V value, java.util.function.Function<V, T> parse, String path) {
        try {
            return parse.apply(value);
        } catch (RuntimeException e) {
            throw json.bad(path + " is invalid: " + e.getMessage());
        }
    }
}
