package io.floe.api.json;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.handleExceptions;
import static org.apache.pekko.http.javadsl.server.Directives.handleRejections;
import static org.apache.pekko.http.javadsl.server.Directives.withRequestTimeoutResponse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.floe.api.control.ControlPlaneException;
import io.floe.encoding.metadata.InvalidBlobIdException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.MissingQueryParamRejection;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.javadsl.server.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Error answers of both APIs, always Walrus's AIP-193 shape {@code {"error":{"status":"<name>","code":<HTTP status>,
 * "message":"...","details":[{"@type":"ErrorInfo","reason":"<REASON>","domain":"<domain>","metadata":{...}}]}}}: no
 * route, rejection, exception, request timeout or unparsable request ({@link JsonParsingErrorHandler}) ends in a
 * plain-text or empty body, no message names a Java class, and a failure that is the client's doing
 * ({@link ClientFaults}) is never a 5xx.
 *
 * <p>{@code code} is the response's HTTP status; {@code status} is Walrus's name for it ({@link ErrorStatus}: the
 * one Walrus gives the reason with, else its default for the status), or the HTTP reason phrase in upper snake case
 * for a status Walrus never answers an error with ({@code CONFLICT}, {@code PAYLOAD_TOO_LARGE}). The reason is
 * Floe's machine-readable code, and the domain Walrus's for a reason Walrus gives ({@link ErrorReasons}), else
 * {@code floe}, unless the refusal names one ({@link ApiException#withDetails}). Walrus's clients key on
 * {@code details[0].reason} (the TS SDK maps 400 + {@code NOT_REGISTERED} to {@code BlobNotRegisteredError}).
 */
public final class ApiErrors {
    public static final String ERROR = "error";
    public static final String CODE = "code";
    public static final String STATUS = "status";
    public static final String MESSAGE = "message";
    public static final String DETAILS = "details";
    public static final String REASON = "reason";
    /** The {@code ErrorInfo} domain of reasons only Floe gives. */
    public static final String DOMAIN = ErrorReasons.FLOE;
    public static final String METADATA = "metadata";
    private static final String DOMAIN_FIELD = "domain";

    /** Reason of a blob ID that does not parse (any path). */
    public static final String INVALID_BLOB_ID = "INVALID_BLOB_ID";
    /** Reason of a control-plane call that did not answer in time. */
    public static final String CONTROL_PLANE_UNAVAILABLE = "CONTROL_PLANE_UNAVAILABLE";
    /** Reason of a failure inside this member: Walrus's, in its {@code global} domain. */
    public static final String INTERNAL = ErrorReasons.INTERNAL_ERROR;
    /** Reason of a request the member could not answer within {@code floe.http.request-timeout}. */
    public static final String SERVER_TIMEOUT = "SERVER_TIMEOUT";
    /** A class name as the JDK and Pekko print one ({@code java.lang.IllegalStateException: }, {@code FooError}). */
    private static final Pattern CLASS_NAME = Pattern.compile(
            "\\b(?:[a-z_][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*:?\\s?|\\b[A-Z][A-Za-z0-9_$]*(?:Exception|Error)\\b:?\\s?");

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    private ApiErrors() {
    }

    /** The error JSON of one failure, in the domain Walrus gives the reason in (else {@code floe}), no metadata. */
    public static ObjectNode body(StatusCode status, String reason, String message) {
        return body(status, reason, message, Optional.empty(), Map.of());
    }

    /**
     * The error JSON of one failure with its {@code ErrorInfo} metadata, in {@code domain} when present, else the
     * domain Walrus gives the reason in, else {@code floe}.
     */
    public static ObjectNode body(StatusCode status, String reason, String message, Optional<String> domain,
                                  Map<String, Object> metadata) {
        ObjectNode error = Json.object();
        // Walrus's order: its StatusCode serializes as {status, code}, flattened before message and details.
        error.put(STATUS, statusName(status, reason));
        error.put(CODE, status.intValue());
        error.put(MESSAGE, message == null ? "" : withoutClassNames(message));
        ObjectNode info = error.putArray(DETAILS).addObject();
        info.put("@type", "ErrorInfo");
        info.put(REASON, reason);
        info.put(DOMAIN_FIELD, domain.or(() -> ErrorReasons.walrusDomain(reason)).orElse(ErrorReasons.FLOE));
        info.set(METADATA, Json.tree(metadata));
        ObjectNode root = Json.object();
        root.set(ERROR, error);
        return root;
    }

    /** The answer to one failure: {@code status}, with {@code reason} in Walrus's domain for it (else floe). */
    public static HttpResponse response(StatusCode status, String reason, String message) {
        return HttpResponse.create().withStatus(status).withEntity(Json.entity(body(status, reason, message)));
    }

    public static HttpResponse response(ApiException e) {
        StatusCode status = StatusCodes.lookup(e.status())
                .orElseGet(() -> StatusCodes.custom(e.status(), "Error " + e.status(), e.getMessage()));
        ObjectNode body = body(status, e.reason(), e.getMessage(), e.domain(), e.metadata());
        return HttpResponse.create().withStatus(status).withEntity(Json.entity(body));
    }

    /** Walrus's name of the status for this reason, else the HTTP reason phrase as a name. */
    static String statusName(StatusCode status, String reason) {
        return ErrorReasons.statusFor(status.intValue(), reason).map(Enum::name).orElseGet(() -> codeFor(status));
    }

    /** {@code NOT_FOUND} for 404, {@code METHOD_NOT_ALLOWED} for 405: the code when nothing more specific is known. */
    public static String codeFor(StatusCode status) {
        return status.reason().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
    }

    /**
     * The answer for a failure, wrapped or not in a {@link CompletionException}: API and control-plane failures get
     * their status, an invalid blob ID 400, anything else 500 (logged, since it is a bug or an outage here).
     */
    public static HttpResponse fromThrowable(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof ApiException e) {
            return response(e);
        }
        if (t instanceof InvalidBlobIdException e) {
            return response(StatusCodes.BAD_REQUEST, INVALID_BLOB_ID, e.getMessage());
        }
        if (t instanceof ControlPlaneException e) {
            return controlPlane(e);
        }
        Optional<ApiException> clientFault = ClientFaults.of(t);
        if (clientFault.isPresent()) {
            return response(clientFault.get());
        }
        LOG.error("request failed unexpectedly", t);
        return response(StatusCodes.INTERNAL_SERVER_ERROR, INTERNAL,
                "the request failed inside this member (a bug or an outage here); its log has the details");
    }

    /** The message with Java class names taken out: they tell a client nothing and an attacker too much. */
    static String withoutClassNames(String message) {
        return CLASS_NAME.matcher(message).replaceAll("").trim();
    }

    /** Strips the wrappers that futures put around a failure. */
    public static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static HttpResponse controlPlane(ControlPlaneException e) {
        if (e instanceof ControlPlaneException.Unavailable) {
            return response(StatusCodes.SERVICE_UNAVAILABLE, CONTROL_PLANE_UNAVAILABLE, e.getMessage());
        }
        if (e instanceof ControlPlaneException.InsufficientFunds) {
            return response(StatusCodes.PAYMENT_REQUIRED, "INSUFFICIENT_FUNDS", e.getMessage());
        }
        if (e instanceof ControlPlaneException.Refused refused) {
            // Floe's signed-request refusals, even those named like a Walrus reason (INVALID_SIGNATURE, UNAVAILABLE).
            return response(new ApiException(refusedStatus(refused.code()).intValue(), refused.code(), e.getMessage())
                    .withDetails(ErrorReasons.FLOE, Map.of()));
        }
        if (e instanceof ControlPlaneException.NotEnoughConfirmations) {
            // Walrus's publisher: too few nodes confirmed in time (504); the caller may retry.
            return response(StatusCodes.GATEWAY_TIMEOUT, ErrorReasons.INSUFFICIENT_CONFIRMATIONS, e.getMessage());
        }
        return response(StatusCodes.BAD_REQUEST, "REJECTED", e.getMessage());
    }

    /**
     * The status of a signed request's refusal: the request itself is wrong (400), its signer may not act on the
     * object (403), the object or the faucet does not exist (404), the account cannot pay (402), or the object's state
     * does not allow it (409).
     */
    static StatusCode refusedStatus(String code) {
        switch (code) {
            case "INVALID_SIGNATURE":
            case "INVALID_REQUEST":
            case "REQUEST_EXPIRED":
            case "REQUEST_ID_REUSED":
                return StatusCodes.BAD_REQUEST;
            case "NOT_OWNER":
                return StatusCodes.FORBIDDEN;
            case "OBJECT_NOT_FOUND":
            case "NO_FAUCET":
                return StatusCodes.NOT_FOUND;
            case "INSUFFICIENT_FUNDS":
                return StatusCodes.PAYMENT_REQUIRED;
            default:
                return StatusCodes.CONFLICT;
        }
    }

    /** Maps exceptions thrown while building or running a route, as {@link #fromThrowable} does. */
    public static ExceptionHandler exceptionHandler() {
        return ExceptionHandler.newBuilder().matchAny(t -> complete(fromThrowable(t))).build();
    }

    /**
     * Pekko's default rejection answers (404 for no matching path, 405 with {@code Allow} for a wrong method, 400 for
     * malformed content, 413 over a size limit, ...) with their text moved into the error JSON; a missing query
     * parameter is 400 (Pekko says 404: the path did match, the request is what is wrong).
     */
    public static RejectionHandler rejectionHandler() {
        return RejectionHandler.newBuilder()
                .handle(MissingQueryParamRejection.class, r -> complete(response(StatusCodes.BAD_REQUEST,
                        "MISSING_PARAMETER", "the request needs the query parameter '" + r.parameterName() + "'")))
                .build()
                .withFallback(RejectionHandler.defaultHandler())
                .mapRejectionResponse(ApiErrors::toJsonError);
    }

    /**
     * A route tree whose every failure, rejection and request timeout answers error JSON (the timeout 503
     * {@value #SERVER_TIMEOUT}: the client may retry).
     */
    public static Route handled(Supplier<Route> inner) {
        return withRequestTimeoutResponse(request -> serverTimeout(),
                () -> handleExceptions(exceptionHandler(), () -> handleRejections(rejectionHandler(), inner)));
    }

    /** The answer to a request this member did not answer in time, its body read: 503, the client may retry. */
    public static HttpResponse serverTimeout() {
        return response(StatusCodes.SERVICE_UNAVAILABLE, SERVER_TIMEOUT,
                "this member did not answer within floe.http.request-timeout; try again");
    }

    /** The answer to a request whose body had not all arrived when the request timed out: the client was too slow. */
    public static HttpResponse bodyTooSlow() {
        return response(StatusCodes.REQUEST_TIMEOUT, ClientFaults.REQUEST_TIMEOUT,
                "the request body did not arrive within floe.http.request-timeout");
    }

    private static HttpResponse toJsonError(HttpResponse response) {
        HttpEntity entity = response.entity();
        if (entity.getContentType().equals(ContentTypes.APPLICATION_JSON)) {
            return response;
        }
        String message = entity instanceof HttpEntity.Strict strict
                ? strict.getData().decodeString(StandardCharsets.UTF_8)
                : response.status().defaultMessage();
        StatusCode status = response.status();
        return response.withEntity(Json.entity(body(status, codeFor(status), message)));
    }
}
