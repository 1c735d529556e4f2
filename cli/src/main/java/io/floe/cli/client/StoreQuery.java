package io.floe.cli.client;

import io.floe.api.ApiPaths;
import java.util.Optional;

/**
 * How a blob is stored, as the query of {@code PUT /v1/blobs}: for {@code epochs} epochs (at least 1), permanent or
 * deletable (never both; neither leaves the choice to the gateway), with {@code force} registered anew even when
 * the blob is already certified, and owned by {@code sendObjectTo} when given.
 */
public record StoreQuery(int epochs, boolean permanent, boolean deletable, boolean force,
        Optional<String> sendObjectTo) {
    /** The query parameter naming who owns the new blob object (Walrus's publisher's {@code send_object_to}). */
    public static final String QUERY_SEND_OBJECT_TO = "send_object_to";

    public StoreQuery {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        if (permanent && deletable) {
            throw new IllegalArgumentException("a blob is either permanent or deletable, not both");
        }
    }

    /** A query whose new blob object stays with the payer. */
    public StoreQuery(int epochs, boolean permanent, boolean deletable, boolean force) {
        this(epochs, permanent, deletable, force, Optional.empty());
    }

    /** {@code epochs} epochs, the gateway's default lifetime kind, no force. */
    public static StoreQuery forEpochs(int epochs) {
        return new StoreQuery(epochs, false, false, false);
    }

    /** The query string, without the leading {@code ?}; flags that are off are left out. */
    String query() {
        StringBuilder query = new StringBuilder(ApiPaths.QUERY_EPOCHS).append('=').append(epochs);
        if (permanent) {
            query.append('&').append(ApiPaths.QUERY_PERMANENT).append("=true");
        }
        if (deletable) {
            query.append('&').append(ApiPaths.QUERY_DELETABLE).append("=true");
        }
        if (force) {
            query.append('&').append(ApiPaths.QUERY_FORCE).append("=true");
        }
        sendObjectTo.ifPresent(to -> query.append('&').append(QUERY_SEND_OBJECT_TO).append('=')
            .append(GatewayClient.encode(to)));
        return query.toString();
    }
}
