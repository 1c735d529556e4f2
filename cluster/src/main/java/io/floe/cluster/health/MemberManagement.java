package io.floe.cluster.health;

import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.management.javadsl.PekkoManagement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A member's Pekko Management server ({@code /alive}, {@code /ready}, {@code /cluster/members},
 * {@code /cluster/shards/...} and the routes other modules register), bound on {@code floe.management.hostname}
 * and {@code .port} (management.conf maps them onto {@code pekko.management.http}). Invariant: once
 * {@link #start} returns a server, it listens; {@link #stop} unbinds it.
 */
public final class MemberManagement {
    private static final Logger LOG = LoggerFactory.getLogger(MemberManagement.class);
    private static final long BIND_SECONDS = 15;

    private final PekkoManagement management;
    private final String url;

    private MemberManagement(PekkoManagement management, String url) {
        this.management = management;
        this.url = url;
    }

    /** Starts the server when {@code settings} ask for one, and waits until it listens (or fails to bind). */
    public static Optional<MemberManagement> start(ClassicActorSystemProvider system, ManagementSettings settings) {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        PekkoManagement management = PekkoManagement.get(system);
        try {
            String url = management.start().toCompletableFuture().get(BIND_SECONDS, TimeUnit.SECONDS).toString();
            LOG.info("management (/alive, /ready, /cluster/members) at {}", url);
            return Optional.of(new MemberManagement(management, url));
        } catch (ExecutionException e) {
            throw new IllegalStateException("the management server cannot listen on " + settings.hostname() + ":"
                    + settings.port() + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the management server did not listen within " + BIND_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the management server", e);
        }
    }

    /** Where it listens, e.g. {@code http://127.0.0.1:8558}. */
    public String url() {
        return url;
    }

    /** Unbinds the server, waiting a few seconds at most. */
    public void stop() {
        try {
            management.stop().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("management server did not stop cleanly: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
