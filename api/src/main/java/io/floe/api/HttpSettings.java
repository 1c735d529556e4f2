package io.floe.api;

import com.typesafe.config.Config;
import io.floe.protocol.config.ConfigSection;
import java.time.Duration;
import org.apache.pekko.actor.AbstractExtensionId;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.Extension;

/**
 * The bounded waits of both HTTP APIs ({@code floe.http}, documented in the api module's reference.conf), read once
 * per actor system.
 *
 * <p>Invariant: {@code requestTimeout < idleTimeout}, so a request the server is still working on is answered (503)
 * before its idle connection is closed, never reset without a status.
 *
 * @param idleTimeout a connection over which no byte passes either way for this long is closed: a client that stops
 *                    sending its headers (or goes silent between requests) holds a connection at most this long
 * @param requestTimeout the longest a request may wait for its answer once received; answered 503 after
 * @param bodyIdleTimeout a request body that makes no progress for this long is refused with 408
 */
public record HttpSettings(Duration idleTimeout, Duration requestTimeout, Duration bodyIdleTimeout)
        implements Extension {
    /** The block this record is read from. */
    public static final String PATH = "floe.http";
    private static final Id ID = new Id();

    public HttpSettings {
        if (requestTimeout.compareTo(idleTimeout) >= 0) {
            throw new IllegalArgumentException(PATH + ".request-timeout (" + requestTimeout
                    + ") must be below " + PATH + ".idle-timeout (" + idleTimeout + ")");
        }
    }

    /** Reads {@value #PATH} of a resolved configuration. */
    public static HttpSettings from(Config root) {
        ConfigSection c = ConfigSection.of(root, PATH);
        try {
            return new HttpSettings(c.positiveDuration("idle-timeout"), c.positiveDuration("request-timeout"),
                    c.positiveDuration("body-idle-timeout"));
        } catch (IllegalArgumentException e) {
            throw c.bad("request-timeout", e.getMessage());
        }
    }

    /** The settings of {@code system}'s configuration, read the first time they are asked for. */
    public static HttpSettings of(ActorSystem system) {
        return ID.get(system);
    }

    public static HttpSettings of(org.apache.pekko.actor.typed.ActorSystem<?> system) {
        return of(org.apache.pekko.actor.typed.javadsl.Adapter.toClassic(system));
    }

    private static final class Id extends AbstractExtensionId<HttpSettings> {
        @Override
        public HttpSettings createExtension(ExtendedActorSystem system) {
            return from(system.settings().config());
        }
    }
}
