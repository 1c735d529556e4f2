package io.floe.api.gateway;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.optionalHeaderValueByName;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /v1/api}: the gateway's API page, as Walrus's aggregator and publisher serve their Redoc page on that path
 * ({@code Redoc::with_url(API_DOCS, ...)}, the OpenAPI document embedded in the HTML), and the OpenAPI document
 * itself (the {@code openapi.json} resource, which lists every route the gateway serves: {@code OpenApiRoutesTest}
 * keeps it so) on the same path for a request whose {@code Accept} names {@code application/json} and not
 * {@code text/html}. The page is self-contained (no CDN, no external script): a small inline script renders the
 * embedded document. Both bodies are read once, at construction.
 */
final class ApiDocs {
    private final byte[] openApi;
    private final byte[] page;

    ApiDocs() {
        this.openApi = resource("openapi.json");
        String json = new String(openApi, StandardCharsets.UTF_8);
        // Inside a <script> element only "</" can end it early; JSON allows "<\/" for it.
        this.page = new String(resource("api.html"), StandardCharsets.UTF_8)
                .replace("__OPENAPI__", json.replace("</", "<\\/")).getBytes(StandardCharsets.UTF_8);
    }

    Route route() {
        return get(() -> optionalHeaderValueByName("Accept", accept -> complete(wantsJson(accept)
                ? HttpResponse.create().withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, openApi))
                : HttpResponse.create().withEntity(HttpEntities.create(ContentTypes.TEXT_HTML_UTF8, page)))));
    }

    /** JSON only when asked for and HTML is not: browsers (and Walrus's default) get the page. */
    static boolean wantsJson(Optional<String> accept) {
        String value = accept.orElse("").toLowerCase(java.util.Locale.ROOT);
        return value.contains("application/json") && !value.contains("text/html");
    }

    private static byte[] resource(String name) {
        try (InputStream in = Objects.requireNonNull(ApiDocs.class.getResourceAsStream(name), name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
