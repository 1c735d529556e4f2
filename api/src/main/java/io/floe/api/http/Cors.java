package io.floe.api.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.extractRequest;
import static org.apache.pekko.http.javadsl.server.Directives.mapResponse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * CORS as Walrus's servers allow it (tower-http's {@code CorsLayer} with {@code allow_origin(Any)},
 * {@code allow_methods(Any)}, {@code allow_headers(Any)}): any origin may call any route with any method and headers,
 * so a web page can {@code fetch()} a blob from the gateway or a sliver from a node.
 *
 * <p>Invariants, as tower-http keeps them: every {@code OPTIONS} request is a preflight answered here (200, empty
 * body) and never reaches the routes; every answer, preflight or not, error or not, carries
 * {@code Access-Control-Allow-Origin: *} and the same {@code Vary}. One addition to Walrus:
 * {@code Access-Control-Expose-Headers: *}, so a page can read the ETag, {@code Content-Range} and a patch's
 * identifier (Walrus exposes none; no credentials are ever allowed, so the wildcard is valid).
 */
public final class Cors {
    /** tower-http's default {@code Vary}: what a preflight answer depends on. */
    static final String VARY = "origin, access-control-request-method, access-control-request-headers";
    /** Walrus's daemon_cors_layer: preflights cached for a day. */
    static final Duration GATEWAY_MAX_AGE = Duration.ofHours(24);

    private Cors() {
    }

    /** The publisher/aggregator's CORS (Walrus's {@code daemon_cors_layer}: with a one-day max-age). */
    public static Route gateway(Supplier<Route> routes) {
        return allowAny(Optional.of(GATEWAY_MAX_AGE), routes);
    }

    /** The storage node's CORS (Walrus's node {@code RestApiServer::cors_layer}: no max-age). */
    public static Route storageNode(Supplier<Route> routes) {
        return allowAny(Optional.empty(), routes);
    }

    private static Route allowAny(Optional<Duration> maxAge, Supplier<Route> routes) {
        return extractRequest(request -> request.method().equals(HttpMethods.OPTIONS)
                ? complete(HttpResponse.create().addHeaders(preflightHeaders(maxAge)))
                : mapResponse(Cors::withActualHeaders, routes));
    }

    /**
     * {@code response} with the CORS headers; a {@code Vary} the route set (a blob answer's {@code Accept,
     * Content-Type}) is merged into the one CORS sends: one header line naming all, since some caches read only the
     * first {@code Vary} line though HTTP lets the lines combine.
     */
    static HttpResponse withActualHeaders(HttpResponse response) {
        List<String> vary = new ArrayList<>(List.of(VARY));
        for (HttpHeader header : response.getHeaders()) {
            if (header.is("vary")) {
                vary.add(header.value());
            }
        }
        List<HttpHeader> headers = actualHeaders();
        if (vary.size() > 1) {
            headers.replaceAll(h -> h.is("vary") ? RawHeader.create("Vary", String.join(", ", vary)) : h);
        }
        return response.removeHeader("Vary").addHeaders(headers);
    }

    /** Headers of a preflight answer. */
    static List<HttpHeader> preflightHeaders(Optional<Duration> maxAge) {
        List<HttpHeader> headers = new ArrayList<>(common());
        headers.add(RawHeader.create("Access-Control-Allow-Methods", "*"));
        headers.add(RawHeader.create("Access-Control-Allow-Headers", "*"));
        maxAge.ifPresent(age -> headers.add(RawHeader.create("Access-Control-Max-Age",
                Long.toString(age.toSeconds()))));
        return headers;
    }

    /** Headers added to every other answer. */
    static List<HttpHeader> actualHeaders() {
        List<HttpHeader> headers = new ArrayList<>(common());
        headers.add(RawHeader.create("Access-Control-Expose-Headers", "*"));
        return headers;
    }

    private static List<HttpHeader> common() {
        return List.of(RawHeader.create("Access-Control-Allow-Origin", "*"), RawHeader.create("Vary", VARY));
    }
}
