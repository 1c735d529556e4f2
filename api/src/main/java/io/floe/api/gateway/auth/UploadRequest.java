package io.floe.api.gateway.auth;

import static io.floe.api.ApiPaths.QUERY_EPOCHS;
import static io.floe.api.ApiPaths.QUERY_SEND_OBJECT_TO;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What an upload asks for, as far as a token's claims can limit it.
 *
 * @param epochs       the {@code epochs} query value as given ({@code "1"} when absent, Walrus's default; may be
 *                     {@code "max"}, which no numeric claim can vouch for)
 * @param sendObjectTo the {@code send_object_to} query value as given, if any
 * @param bodyLength   the declared body length ({@code Content-Length}), absent for a chunked body
 */
public record UploadRequest(String epochs, Optional<String> sendObjectTo, OptionalLong bodyLength) {
    /** The default of {@code epochs} in Walrus's publisher query. */
    static final String DEFAULT_EPOCHS = "1";

    /** The upload of a {@code PUT /v1/blobs} with these query parameters and declared length. */
    public static UploadRequest of(Map<String, String> query, OptionalLong bodyLength) {
        return new UploadRequest(query.getOrDefault(QUERY_EPOCHS, DEFAULT_EPOCHS),
                Optional.ofNullable(query.get(QUERY_SEND_OBJECT_TO)), bodyLength);
    }

    /** The number of epochs asked for; empty for {@code max} or anything not a plain number. */
    OptionalLong epochCount() {
        try {
            return OptionalLong.of(Long.parseLong(epochs.trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
