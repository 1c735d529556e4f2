package io.floe.api.dashboard;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.completeWithFuture;
import static org.apache.pekko.http.javadsl.server.Directives.get;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.floe.api.control.ControlPlane;
import io.floe.api.json.ApiErrors;
import io.floe.api.json.Json;
import io.floe.api.node.NodeHealth;
import io.floe.metrics.FloeMetrics;
import io.floe.protocol.committee.EpochCommittees;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.CacheControl;
import org.apache.pekko.http.javadsl.model.headers.CacheDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The gateway's live dashboard: {@code GET /dashboard} serves one self-contained page (the {@code dashboard.html}
 * resource, plain JS and CSS, nothing fetched from elsewhere), which polls {@code GET /v1/dashboard} every second
 * ({@link DashboardState}). A timer samples the gateway's counters every second, whoever is looking, so the rates of
 * the last minute are there when a page opens; the nodes' health is asked only while a page has polled in the last
 * {@link #WATCHED}, so an unwatched gateway sends no extra traffic to its nodes.
 *
 * <p>Invariants: a state answer never waits on a node, and on the committee at most {@link #EPOCHS_WAIT}; both
 * routes answer GET only and are never cached by the browser.
 */
public final class Dashboard {
    static final Duration TICK = Duration.ofSeconds(1);
    static final Duration WATCHED = Duration.ofSeconds(30);
    static final Duration HEALTH_EVERY = Duration.ofSeconds(2);
    static final Duration EPOCHS_WAIT = Duration.ofSeconds(2);

    private final ControlPlane control;
    private final ClusterView cluster;
    private final NodeHealthPoller health;
    private final GatewayCounters counters;
    private final Throughput throughput = new Throughput();
    private final byte[] page = resource("dashboard.html");
    private volatile long lastViewedNanos = System.nanoTime() - WATCHED.toNanos();
    private volatile long lastHealthNanos = System.nanoTime() - HEALTH_EVERY.toNanos();

    /** {@code health} asks one storage node for its {@code GET /v1/health} answer. */
    public Dashboard(ActorSystem<?> system, ControlPlane control, ClusterView cluster,
                     Function<StorageNodeInfo, CompletionStage<NodeHealth>> health) {
        this(system, control, cluster, new NodeHealthPoller(Objects.requireNonNull(health, "health")));
    }

    private Dashboard(ActorSystem<?> system, ControlPlane control, ClusterView cluster, NodeHealthPoller health) {
        this.control = control;
        this.cluster = cluster;
        this.health = health;
        this.counters = new GatewayCounters(FloeMetrics.get(system).registry());
        system.scheduler().scheduleAtFixedRate(Duration.ZERO, TICK, this::tick, system.executionContext());
    }

    /** A dashboard that knows only whether each node is up and asks no node for its health (no recovery shown). */
    public static Dashboard basic(ActorSystem<?> system, ControlPlane control, Predicate<NodeId> up) {
        return new Dashboard(system, control, ClusterView.of(up), NodeHealthPoller.none());
    }

    /** {@code GET /dashboard}: the page. */
    public Route page() {
        return get(() -> complete(HttpResponse.create().addHeader(noStore())
                .withEntity(HttpEntities.create(ContentTypes.TEXT_HTML_UTF8, page))));
    }

    /** {@code GET /v1/dashboard}: the state the page shows. */
    public Route state() {
        return get(() -> {
            lastViewedNanos = System.nanoTime();
            return completeWithFuture(stateNow().thenApply(body -> HttpResponse.create().addHeader(noStore())
                    .withEntity(Json.entity(body))).exceptionally(ApiErrors::fromThrowable));
        });
    }

    private CompletionStage<ObjectNode> stateNow() {
        return control.epochs().toCompletableFuture()
                .completeOnTimeout(null, EPOCHS_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                .handle((epochs, error) -> DashboardState.json(new DashboardState.Inputs(Instant.now(), epochs,
                        error == null ? null : ApiErrors.unwrap(error).getMessage(), cluster, health, throughput)));
    }

    /** Once a second: sample the counters; while watched, ask the nodes for their health every few seconds. */
    private void tick() {
        long now = System.nanoTime();
        throughput.add(counters.sample(now));
        if (now - lastViewedNanos > WATCHED.toNanos() || now - lastHealthNanos < HEALTH_EVERY.toNanos() - 100_000_000L) {
            return;
        }
        lastHealthNanos = now;
        control.epochs().thenAccept((EpochCommittees epochs) -> health.poll(epochs.holders().members()));
    }

    private static CacheControl noStore() {
        return CacheControl.create(CacheDirectives.NO_STORE);
    }

    private static byte[] resource(String name) {
        try (InputStream in = Objects.requireNonNull(Dashboard.class.getResourceAsStream(name), name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
