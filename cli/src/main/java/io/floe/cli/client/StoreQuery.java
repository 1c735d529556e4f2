package io.floe.cli.client;

import io.floe.api.ApiPaths;

/**
 * How a blob is stored, as the query of {@code PUT /v1/blobs}: for {@code epochs} epochs (at least 1), permanent or
 * deletable (never both; neither leaves the choice to the gateway) and, with {@code force}, registered anew even when
 * the blob is already certified.
 */
public record StoreQuery(int epochs, boolean permanent, boolean deletable, boolean force) {
    public StoreQuery {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        if (permanent && deletable) {
            throw new IllegalArgumentException("a blob is either permanent or deletable, not both");
        }
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
        return query.toString();
    }
}
