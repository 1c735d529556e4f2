package io.floe.api.node;

import io.floe.api.json.ApiSuccess;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/**
 * The answer to a metadata or sliver PUT, as Walrus's node routes ({@code put_metadata}, {@code put_sliver}) give
 * it: 201 when newly stored, 202 when newly accepted on a request with {@code ?pending=true} (buffered until the
 * blob is registered, or stored at once when it already is), 200 when it was stored (or buffered) before. The
 * callers keep the rule that a 201 means the data is in the store, never only in memory.
 */
enum StoreAnswer {
    METADATA("metadata successfully stored", "metadata buffered pending registration", "metadata already stored"),
    SLIVER("sliver stored successfully", "sliver buffered pending registration", "sliver already stored");

    private final String created;
    private final String accepted;
    private final String already;

    StoreAnswer(String created, String accepted, String already) {
        this.created = created;
        this.accepted = accepted;
        this.already = already;
    }

    /** Walrus's rule: newly and pending 202, newly 201, else 200. */
    HttpResponse of(boolean newly, boolean pendingIntent) {
        if (!newly) {
            return ApiSuccess.response(already);
        }
        return pendingIntent ? ApiSuccess.response(202, accepted) : ApiSuccess.response(201, created);
    }
}
