package io.floe.api.json;

import java.util.Optional;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.apache.pekko.http.scaladsl.model.EntityStreamException;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.apache.pekko.http.scaladsl.model.IllegalRequestException;
import org.apache.pekko.http.scaladsl.model.ParsingException;

/**
 * Failures that are the client's doing though they surface as exceptions of the HTTP layer, wherever in a cause
 * chain they sit (a spool file sink wraps the stream's failure): a broken chunked encoding or truncated body, a body
 * of a type the route cannot read or whose syntax (a multipart form's, say) is broken (400), a
 * body over its limit (413), a body that stalls (408). Invariant: none of them ever becomes a 5xx.
 */
final class ClientFaults {
    static final String MALFORMED_BODY = "MALFORMED_BODY";
    static final String MALFORMED_REQUEST = "MALFORMED_REQUEST";
    static final String PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE";
    static final String REQUEST_TIMEOUT = "REQUEST_TIMEOUT";

    /** How deep into a cause chain a client's fault is looked for. */
    private static final int MAX_CAUSES = 32;

    private ClientFaults() {
    }

    /** The refusal a failure stands for, when it is the client's fault. */
    static Optional<ApiException> of(Throwable failure) {
        // Bounded: a cause chain may loop (A -> B -> A), and this runs inside the error handler.
        int depth = 0;
        for (Throwable t = failure; t != null && depth < MAX_CAUSES; t = t.getCause() == t ? null : t.getCause(), depth++) {
            Optional<ApiException> known = direct(t);
            if (known.isPresent()) {
                return known;
            }
        }
        return Optional.empty();
    }

    private static Optional<ApiException> direct(Throwable t) {
        if (t instanceof EntityStreamSizeException e) {
            return Optional.of(new ApiException(413, PAYLOAD_TOO_LARGE, "the body exceeds this endpoint's limit of "
                    + e.limit() + " bytes"));
        }
        if (t instanceof EntityStreamException e) {
            return Optional.of(ApiException.badRequest(MALFORMED_BODY, "the request body is malformed: "
                    + e.info().summary()));
        }
        if (t instanceof Unmarshaller.UnsupportedContentTypeException e) {
            // An unmarshaller refused the body's type (a form route given JSON, a multipart type with no boundary).
            return Optional.of(ApiException.badRequest(MALFORMED_REQUEST, "the request body cannot be read: "
                    + e.getMessage()));
        }
        if (t instanceof ParsingException e) {
            // The body's own syntax is broken (a truncated multipart body, say).
            return Optional.of(ApiException.badRequest(MALFORMED_REQUEST, "the request body does not parse: "
                    + e.info().summary()));
        }
        if (t instanceof IllegalRequestException e) {
            int status = e.status().intValue();
            return Optional.of(new ApiException(status >= 400 && status < 500 ? status : 400,
                    ApiErrors.codeFor(e.status()), e.info().summary()));
        }
        if (t instanceof BodyStalledException e) {
            return Optional.of(new ApiException(408, REQUEST_TIMEOUT, e.getMessage()));
        }
        return Optional.empty();
    }
}
