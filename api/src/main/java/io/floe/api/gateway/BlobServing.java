package io.floe.api.gateway;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.extractRequest;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.head;
import static org.apache.pekko.http.javadsl.server.Directives.mapResponse;
import static org.apache.pekko.http.javadsl.server.Directives.onComplete;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.ResponseEntity;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * How the aggregator serves a blob's bytes (a whole blob, a range, an object's blob or a quilt patch) to browsers and
 * CDNs, as Walrus's aggregator does: the ETag names what is served, a matching {@code If-None-Match} answers 304
 * without reading, {@code HEAD} answers the same headers without a body, and every answer carries Walrus's
 * {@code Cache-Control}, {@code X-Content-Type-Options: nosniff} and {@code Accept-Ranges: bytes}, and (Floe's
 * addition) {@code Vary: Accept, Content-Type}, the request headers its Content-Type follows.
 *
 * <p>Invariants: only a successful (2xx) answer gets the caching headers, so an error is never cached for a day; a
 * 304 is answered only when the resource is still servable (the caller's check, which reads no bytes), so a deleted
 * or invalid blob drops out of caches at their next revalidation, as Walrus's headers intend; the ETag is sent as
 * Walrus sends it (its bare text, unquoted) and matched quoted or not.
 */
public final class BlobServing {
    /** Walrus's (routes.rs, populate_response_headers_from_request): a day, then a stale hour while revalidating. */
    public static final String CACHE_CONTROL = "public, max-age=86400, stale-while-revalidate=3600";
    public static final String ETAG = "ETag";
    public static final String IF_NONE_MATCH = "If-None-Match";
    /**
     * The answer's Content-Type follows these request headers ({@link #contentType}), so a shared cache must key on
     * them: without it a CDN would serve a page asking for {@code image/png} what it kept for {@code text/html}.
     * Walrus sends no {@code Vary}; the CORS layer merges its own into this one.
     */
    public static final String VARY = "Accept, Content-Type";
    private static final CompletionStage<Object> SERVABLE = CompletableFuture.completedFuture(null);

    private BlobServing() {
    }

    /**
     * The inner route's answer served as blob bytes named by {@code etag} (a blob ID, or what Walrus derives for a
     * range or a patch), for {@code GET} and {@code HEAD}. A matching {@code If-None-Match} answers 304 at once: use
     * the overload with a check when the resource can stop being servable.
     */
    public static Route serve(String etag, Supplier<Route> inner) {
        return serve(etag, () -> SERVABLE, inner);
    }

    /**
     * As {@link #serve(String, Supplier)}, but a matching {@code If-None-Match} answers 304 only once
     * {@code servable} completes normally (it must read no bytes: a certification check, say); when it fails, the
     * inner route answers, with whatever error it finds.
     */
    public static Route serve(String etag, Supplier<? extends CompletionStage<?>> servable, Supplier<Route> inner) {
        return readMethods(() -> extractRequest(request -> {
            Route answer = mapResponse(response -> served(response, request, etag), inner);
            if (!notModified(request, etag)) {
                return answer;
            }
            return onComplete(servable.get(), checked -> checked.isSuccess() ? complete(notModified(etag)) : answer);
        }));
    }

    /** {@code GET} or {@code HEAD}; any other method is rejected (405 naming both). */
    public static Route readMethods(Supplier<Route> inner) {
        return concat(get(inner), head(inner));
    }

    /** A successful answer with Walrus's serving headers; any other answer as it is. */
    static HttpResponse served(HttpResponse response, HttpRequest request, String etag) {
        if (!response.status().isSuccess()) {
            return response;
        }
        HttpResponse answer = withCachingHeaders(response, etag);
        Optional<ContentType> mirrored = contentType(request);
        if (mirrored.isPresent()) {
            answer = answer.withEntity((ResponseEntity) answer.entity().withContentType(mirrored.get()));
        }
        return answer;
    }

    /** 304: the caching headers again (RFC 9110 §15.4.5 wants ETag and Cache-Control repeated), no body. */
    static HttpResponse notModified(String etag) {
        return withCachingHeaders(HttpResponse.create().withStatus(StatusCodes.NOT_MODIFIED), etag);
    }

    private static HttpResponse withCachingHeaders(HttpResponse response, String etag) {
        return response.addHeaders(List.of(
                RawHeader.create("X-Content-Type-Options", "nosniff"),
                RawHeader.create("Vary", VARY),
                RawHeader.create("Cache-Control", CACHE_CONTROL),
                RawHeader.create(ETAG, etag),
                RawHeader.create("Accept-Ranges", "bytes")));
    }

    /** Whether the request's {@code If-None-Match} names {@code etag} (or is {@code *}). */
    static boolean notModified(HttpRequest request, String etag) {
        return request.getHeader(IF_NONE_MATCH).map(h -> matches(h.value(), etag)).orElse(false);
    }

    /**
     * Weak comparison (RFC 9110 §13.1.2), with each listed tag's quotes and {@code W/} dropped: Walrus sends its
     * ETag unquoted and a browser echoes it so, while a CDN may normalize it to a quoted one.
     */
    static boolean matches(String ifNoneMatch, String etag) {
        for (String listed : ifNoneMatch.split(",")) {
            String tag = listed.trim();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
                tag = tag.substring(1, tag.length() - 1);
            }
            if (tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The content type Walrus mirrors from the request: its {@code Accept} when that has no wildcard, else (for a
     * {@code GET} only) its {@code Content-Type}; empty when neither applies, and the inner route's type stays
     * (application/octet-stream, or an object's {@code content-type} attribute). Walrus copies the header's text as
     * is; here a value that is not one media type (a list, say) cannot be a Content-Type and is ignored.
     */
    static Optional<ContentType> contentType(HttpRequest request) {
        Optional<String> accept = request.getHeader("Accept").map(HttpHeader::value);
        if (accept.isPresent() && accept.get().indexOf('*') < 0) {
            return parsed(accept.get());
        }
        if (request.method().equals(HttpMethods.GET)
                && !request.entity().getContentType().equals(ContentTypes.NO_CONTENT_TYPE)) {
            return Optional.of(request.entity().getContentType());
        }
        return Optional.empty();
    }

    private static Optional<ContentType> parsed(String value) {
        if (value.indexOf(',') >= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(ContentTypes.parse(value.trim()));
        } catch (RuntimeException notOneMediaType) {
            return Optional.empty();
        }
    }
}
