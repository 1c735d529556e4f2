package io.floe.api;

import static org.apache.pekko.http.javadsl.server.Directives.withRequestTimeoutResponse;

import io.floe.api.json.ApiErrors;
import io.floe.api.json.BodyStalledException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.japi.pf.PFBuilder;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * Request bodies read with a bound on their progress: a body whose bytes stop arriving for
 * {@link HttpSettings#bodyIdleTimeout} fails with a {@link BodyStalledException} (408), one over its size limit with
 * Pekko's {@code EntityStreamSizeException} (413), one whose framing is broken with its {@code EntityStreamException}
 * (400); {@link io.floe.api.json.ApiErrors} answers each.
 */
public final class RequestBodies {
    private RequestBodies() {
    }

    /** The entity's bytes as they arrive, failing when they stall. */
    public static Source<ByteString, Object> bytes(HttpEntity entity, HttpSettings settings) {
        return entity.getDataBytes()
                .idleTimeout(settings.bodyIdleTimeout())
                .mapError(new PFBuilder<Throwable, Throwable>()
                        .match(TimeoutException.class, e -> new BodyStalledException(settings.bodyIdleTimeout()))
                        .build());
    }

    /** The whole body in memory (callers bound it with {@code withSizeLimit} first). */
    public static CompletionStage<byte[]> toArray(HttpEntity entity, HttpSettings settings, Materializer materializer) {
        return bytes(entity, settings).runFold(ByteString.emptyByteString(), ByteString::concat, materializer)
                .thenApply(ByteString::toArray);
    }

    /**
     * {@code inner}'s route, whose request timeout blames whoever is slow: 408 while the body is still arriving (the
     * client's slowness), 503 once {@code inner} ran the {@code bodyRead} callback it is given. Call it per request
     * (inside {@code extractRequestEntity}): the flag it keeps belongs to one request.
     */
    public static Route blamingSlowBodies(Function<Runnable, Route> inner) {
        AtomicBoolean read = new AtomicBoolean();
        return withRequestTimeoutResponse(request -> read.get() ? ApiErrors.serverTimeout() : ApiErrors.bodyTooSlow(),
                () -> inner.apply(() -> read.set(true)));
    }

    /**
     * Reads and drops the body of a request refused before its body was looked at, so the refusal reaches the
     * client: answering while it still sends makes the server close the connection, and many clients (curl, Python,
     * the JDK's) then report a reset instead of the status. The caller bounds the size with {@code withSizeLimit}.
     */
    public static CompletionStage<Done> drain(HttpEntity entity, HttpSettings settings, Materializer materializer) {
        return bytes(entity, settings).runWith(Sink.ignore(), materializer);
    }
}
