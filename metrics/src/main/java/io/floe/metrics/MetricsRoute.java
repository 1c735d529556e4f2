package io.floe.metrics;

import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.management.javadsl.ManagementRouteProvider;
import org.apache.pekko.management.javadsl.ManagementRouteProviderSettings;

/**
 * {@code GET /metrics} on the member's management server: the member's {@link FloeMetrics} registry in Prometheus's
 * text format, read at each scrape. Pekko Management creates it from {@code pekko.management.http.routes} (this
 * module's reference.conf), so every member that starts a management server serves it; it reads nothing else and
 * changes nothing, so it is served whether or not the management routes are read-only.
 */
public final class MetricsRoute implements ManagementRouteProvider {
    /** The path Prometheus scrapes (its default {@code metrics_path}). */
    public static final String PATH = "metrics";

    private final FloeMetrics metrics;

    public MetricsRoute(ExtendedActorSystem system) {
        this.metrics = FloeMetrics.get(Adapter.toTyped(system));
    }

    @Override
    public Route routes(ManagementRouteProviderSettings settings) {
        // Prometheus reads text/plain as its classic text format (version 0.0.4), which scrape() writes.
        return Directives.path(PATH, () -> Directives.get(() -> 
                Directives.complete(HttpResponse.create()
                        .withEntity(HttpEntities.create(ContentTypes.TEXT_PLAIN_UTF8, metrics.scrape())))));
    }
}
