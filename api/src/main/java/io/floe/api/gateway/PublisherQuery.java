package io.floe.api.gateway;

import static io.floe.api.ApiPaths.QUERY_DELETABLE;
import static io.floe.api.ApiPaths.QUERY_EPOCHS;
import static io.floe.api.ApiPaths.QUERY_FORCE;
import static io.floe.api.ApiPaths.QUERY_PERMANENT;
import static io.floe.api.ApiPaths.QUERY_SEND_OBJECT_TO;

import io.floe.api.json.ApiException;
import java.util.List;
import java.util.Map;

/**
 * The query parameters {@code PUT /v1/blobs} takes. Walrus's publisher refuses any other ({@code PublisherQuery} is
 * {@code deny_unknown_fields}), and so does Floe's: a misspelt {@code epoch=5} silently stored for one epoch would
 * cost the client its blob. Walrus's {@code encoding_type}, {@code share}, {@code reuse_resources} and
 * {@code quilt_version} are refused too until Floe implements them (a registration reuses fitting storage anyway).
 */
final class PublisherQuery {
    /** The known names, in the order the refusal lists them. */
    static final List<String> KNOWN = List.of(QUERY_EPOCHS, QUERY_PERMANENT, QUERY_DELETABLE, QUERY_FORCE,
            QUERY_SEND_OBJECT_TO);

    private PublisherQuery() {
    }

    /** @throws ApiException 400 {@code INVALID_PARAMETER} naming every parameter not in {@link #KNOWN} */
    static void requireKnown(Map<String, String> params) {
        List<String> unknown = params.keySet().stream().filter(name -> !KNOWN.contains(name)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw ApiException.badRequest("INVALID_PARAMETER", "unknown query parameter"
                    + (unknown.size() == 1 ? " '" : "s '") + String.join("', '", unknown) + "'; PUT /v1/blobs takes "
                    + String.join(", ", KNOWN));
        }
    }
}
