package io.floe.api.metrics;

import io.floe.metrics.FloeMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Times every request of an API: one histogram {@value #REQUESTS} (exported as
 * {@code floe_http_server_requests_seconds}) tagged {@code api}, {@code method}, {@code route} (the
 * {@link RouteTemplates template}, so the series stay few however many blobs are read) and {@code status} (the code
 * answered). The time is from the request to the response's start (headers), which for a streamed blob is before its
 * last byte. The route is sealed inside the measurement, so rejections and failures are counted with the status
 * their default handlers answer (the same ones a binding would apply outside).
 */
public final class RouteMetrics {
    /** Micrometer name of the request timer. */
    public static final String REQUESTS = "floe.http.server.requests";

    private RouteMetrics() {
    }

    /** {@code route}, measured into {@code registry} with {@code api} ({@code "storage"}, {@code "client"}). */
    public static Route measured(Route route, MeterRegistry registry, String api, RouteTemplates templates) {
        Route sealed = route.seal();
        return Directives.extractRequest(request -> {
            long start = System.nanoTime();
            return Directives.mapResponse(response -> {
                FloeMetrics.latency(REQUESTS)
                        .description("HTTP requests served, by API, method, route template and status")
                        .tags("api", api, "method", request.method().value(), "route", routeOf(request, templates),
                                "status", Integer.toString(response.status().intValue()))
                        .register(registry)
                        .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                return response;
            }, () -> sealed);
        });
    }

    /** The API label of a binding named {@code what} ("storage API" becomes "storage"). */
    public static String apiLabel(String what) {
        String lower = what.toLowerCase(Locale.ROOT).trim();
        return (lower.endsWith(" api") ? lower.substring(0, lower.length() - 4) : lower).replace(' ', '_');
    }

    private static String routeOf(HttpRequest request, RouteTemplates templates) {
        List<String> segments = new ArrayList<>();
        request.getUri().pathSegments().forEach(segments::add);
        return templates.templateOf(segments);
    }
}
