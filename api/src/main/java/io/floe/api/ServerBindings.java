package io.floe.api;

import io.floe.api.metrics.RouteMetrics;
import io.floe.api.metrics.RouteTemplates;
import io.floe.metrics.FloeMetrics;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import javax.net.ssl.SSLContext;
import org.apache.pekko.http.javadsl.ConnectionContext;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.ServerBuilder;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.settings.ServerSettings;
import scala.concurrent.duration.FiniteDuration;

/**
 * Binds a member's HTTP API (the storage-node API, the client API) for the life of its actor system: the binding
 * is released in coordinated shutdown's unbind phase, and requests still running get {@link #DRAIN} to finish
 * before the system (and what the routes read from, such as the sliver store) goes away. Every binding has the
 * bounded waits of {@link HttpSettings} and answers unparsable requests in the error JSON
 * ({@link io.floe.api.json.JsonParsingErrorHandler}), whatever the {@code pekko.http} block says, and every request
 * is timed into the member's registry by route template ({@link RouteMetrics}).
 */
public final class ServerBindings {
    /** How long a member waits for its port at start-up. */
    private static final Duration BIND_TIMEOUT = Duration.ofSeconds(60);
    /** How long requests in flight may run on after the port is released. */
    private static final Duration DRAIN = Duration.ofSeconds(10);
    private static final RouteTemplates TEMPLATES = RouteTemplates.floe();

    private ServerBindings() {
    }

    /** A server builder for {@code host:port} with Floe's timeouts and error handler (tests bind with it too). */
    public static ServerBuilder serverAt(ActorSystem<?> system, String host, int port) {
        HttpSettings http = HttpSettings.of(system);
        ServerSettings defaults = ServerSettings.create(org.apache.pekko.actor.typed.javadsl.Adapter.toClassic(system));
        ServerSettings settings = defaults
                .withTimeouts(defaults.getTimeouts()
                        .withIdleTimeout(finite(http.idleTimeout()))
                        .withRequestTimeout(finite(http.requestTimeout())))
                .withParsingErrorHandler(io.floe.api.json.JsonParsingErrorHandler.class.getName());
        return Http.get(system).newServerAt(host, port).withSettings(settings);
    }

    private static FiniteDuration finite(Duration d) {
        return FiniteDuration.create(d.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Binds {@code route} at {@code host:port} ({@code port} 0 picks a free one), or fails with an
     * {@link IllegalStateException} naming {@code what} ({@code "storage API"}) when the port cannot be had within a
     * minute.
     */
    public static ServerBinding bind(ActorSystem<?> system, String host, int port, Route route, String what) {
        return bind(system, host, port, route, what, Optional.empty());
    }

    /** As {@link #bind(ActorSystem, String, int, Route, String)}, serving HTTPS with {@code tls} when given. */
    public static ServerBinding bind(ActorSystem<?> system, String host, int port, Route route, String what,
                                     Optional<SSLContext> tls) {
        ServerBuilder server = serverAt(system, host, port);
        if (tls.isPresent()) {
            server = server.enableHttps(ConnectionContext.httpsServer(tls.get()));
        }
        ServerBinding binding;
        try {
            binding = server.bind(RouteMetrics.measured(route,
                            FloeMetrics.get(system).registry(), RouteMetrics.apiLabel(what), TEMPLATES))
                    .toCompletableFuture()
                    .get(BIND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("binding the " + what + " to " + host + ":" + port + " failed: "
                    + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("binding the " + what + " to " + host + ":" + port
                    + " did not finish within " + BIND_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding the " + what, e);
        }
        String task = what.toLowerCase(Locale.ROOT).replace(' ', '-');
        CoordinatedShutdown shutdown = CoordinatedShutdown.get(system);
        shutdown.addTask(CoordinatedShutdown.PhaseServiceUnbind(), "unbind-" + task,
                () -> binding.unbind().thenApply(x -> Done.getInstance()));
        shutdown.addTask(CoordinatedShutdown.PhaseServiceRequestsDone(), "finish-" + task + "-requests",
                () -> binding.terminate(DRAIN).thenApply(x -> Done.getInstance()));
        return binding;
    }
}
