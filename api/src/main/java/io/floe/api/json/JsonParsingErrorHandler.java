package io.floe.api.json;

import java.util.Locale;
import org.apache.pekko.event.LoggingAdapter;
import org.apache.pekko.http.ParsingErrorHandler;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.scaladsl.model.ErrorInfo;
import org.apache.pekko.http.scaladsl.model.StatusCode;
import org.apache.pekko.http.scaladsl.settings.ServerSettings;

/**
 * Answers requests Pekko refuses while parsing them, before any route runs (414 URI too long, 431 headers too
 * large, 400 bad header or framing), in the error JSON instead of Pekko's plain text. What Pekko would answer with a
 * 5xx is the client's doing too, so it is answered 4xx: an unknown method 405 ({@code UNSUPPORTED_METHOD}, not 501),
 * an unknown transfer encoding or HTTP version 400 ({@code UNSUPPORTED_PROTOCOL}, not 501 or 505); no client input
 * gets a 5xx. Installed on every Floe binding by {@link io.floe.api.ServerBindings} (Pekko's
 * {@code parsing.error-handler}); it must keep a public no-argument constructor for that.
 */
public final class JsonParsingErrorHandler extends ParsingErrorHandler {
    /** The instance Pekko looks for first (as it would on a Scala object). */
    public static final JsonParsingErrorHandler MODULE$ = new JsonParsingErrorHandler();

    @Override
    public HttpResponse handle(StatusCode status, ErrorInfo info, LoggingAdapter log, ServerSettings settings) {
        log.debug("refused an unparsable request: {} {}", status, info.formatPretty());
        String summary = info.summary().isEmpty() ? status.defaultMessage() : info.summary();
        if (status.intValue() < 500) {
            return ApiErrors.response(status, ApiErrors.codeFor(status), summary);
        }
        boolean method = status.equals(StatusCodes.NOT_IMPLEMENTED) && summary.toLowerCase(Locale.ROOT).contains("method");
        return method ? ApiErrors.response(StatusCodes.METHOD_NOT_ALLOWED, "UNSUPPORTED_METHOD", summary)
                : ApiErrors.response(StatusCodes.BAD_REQUEST, "UNSUPPORTED_PROTOCOL", summary);
    }
}
