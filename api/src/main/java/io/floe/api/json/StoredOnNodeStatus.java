package io.floe.api.json;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Whether a node holds a sliver or a blob's metadata: Walrus's {@code StoredOnNodeStatus}, sent as its variant name
 * ({@code "Nonexistent"}, {@code "Buffered"}, {@code "Stored"}). Floe never buffers data for unregistered blobs, so
 * it answers only {@code Nonexistent} and {@code Stored}; {@code Buffered} exists to parse Walrus nodes.
 */
public enum StoredOnNodeStatus {
    NONEXISTENT("Nonexistent"),
    BUFFERED("Buffered"),
    STORED("Stored");

    private final String jsonName;

    StoredOnNodeStatus(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }

    public static StoredOnNodeStatus of(boolean stored) {
        return stored ? STORED : NONEXISTENT;
    }

    public static StoredOnNodeStatus fromJson(JsonNode node) {
        for (StoredOnNodeStatus s : values()) {
            if (s.jsonName.equals(node.asText())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown stored-on-node status " + node);
    }
}
