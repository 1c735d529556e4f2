package io.floe.api.json;

import org.apache.pekko.event.LoggingAdapter;
import org.apache.pekko.http.ParsingErrorHandler;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.scaladsl.model.ErrorInfo;
import org.apache.pekko.http.scaladsl.model.StatusCode;
import org.apache.pekko.http.scaladsl.settings.ServerSettings;

/**
 * Answers requests Pekko refuses while parsing them, before any route runs (414 URI too long, 431 headers too
 * large, 501 unknown method or transfer encoding, 505 HTTP version, 400 bad header or framing), in the error JSON
 * instead of Pekko's plain text. Installed on every Floe binding by {@link io.floe.api.ServerBindings} (Pekko's
 * {@code parsing.error-handler}); it must keep a public no-argument constructor for that.
 */
public final class JsonParsingErrorHandler extends ParsingErrorHandler {
    /** The instance Pekko looks for first (as it would on a Scala object). */
    public static final JsonParsingErrorHandler MODULE$ = new JsonParsingErrorHandler();

    @Override
    public HttpResponse handle(StatusCode status, ErrorInfo info, LoggingAdapter log, ServerSettings settings) {
        log.debug("refused an unparsable request: {} {}", status, info.formatPretty());
        String summary = info.summary().isEmpty() ? status.defaultMessage() : info.summary();
        String code = ApiErrors.codeFor(status);
        return ApiErrors.response(status, code, summary);
    }
}
