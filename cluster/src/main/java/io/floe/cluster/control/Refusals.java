package io.floe.cluster.control;

import io.floe.api.control.ControlPlaneException;
import io.floe.protocol.account.RequestRefusedException;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * Turns the ledger's and the Blob entities' refusals of signed requests ({@code "REASON: message"}, see
 * {@code AccountCommands} and {@code ObjectCommands}) into {@link ControlPlaneException.Refused} with the HTTP API's
 * code. A refusal without a known reason stays {@link ControlPlaneException.Rejected}: the mapping never invents a
 * code for a text it does not recognise.
 */
final class Refusals {
    /** Reason at the start of an actor's refusal -> the HTTP API's code. */
    private static final Map<String, String> CODES = Map.ofEntries(
            Map.entry(RequestRefusedException.Reason.INVALID_SIGNATURE.name(), "INVALID_SIGNATURE"),
            Map.entry(RequestRefusedException.Reason.WRONG_ACCOUNT.name(), "INVALID_SIGNATURE"),
            Map.entry(RequestRefusedException.Reason.MALFORMED.name(), "INVALID_REQUEST"),
            Map.entry(RequestRefusedException.Reason.EXPIRED.name(), "REQUEST_EXPIRED"),
            Map.entry(RequestRefusedException.Reason.ID_REUSED.name(), "REQUEST_ID_REUSED"),
            Map.entry(RequestRefusedException.Reason.NOT_OWNER.name(), "NOT_OWNER"),
            Map.entry("NOT_FOUND", "OBJECT_NOT_FOUND"),
            Map.entry("EXPIRED_BLOB", "BLOB_EXPIRED"),
            Map.entry("NOT_CERTIFIED", "NOT_CERTIFIED"),
            Map.entry("NOT_DELETABLE", "NOT_DELETABLE"),
            Map.entry("NO_ATTRIBUTES", "NO_ATTRIBUTES"),
            Map.entry("NO_FAUCET", "NO_FAUCET"),
            // Not in the plan's list: a signed transfer or stake above the balance is refused with this text.
            Map.entry("INSUFFICIENT_FUNDS", "INSUFFICIENT_FUNDS"));

    private Refusals() {
    }

    /** The refusal {@code failure} stands for, or {@code failure} itself (unwrapped) when it is none. */
    static Throwable translate(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ControlPlaneException.Rejected rejected) {
            return of(rejected.getMessage()).<Throwable>map(r -> r).orElse(rejected);
        }
        if (cause instanceof RequestRefusedException refused) {
            return ControlPlaneException.Refused.of(refused);
        }
        return cause;
    }

    /** {@code "REASON: message"} as a refusal, when REASON is one this class knows. */
    static java.util.Optional<ControlPlaneException.Refused> of(String text) {
        if (text == null) {
            return java.util.Optional.empty();
        }
        int colon = text.indexOf(':');
        String code = colon < 0 ? null : CODES.get(text.substring(0, colon).trim());
        if (code == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new ControlPlaneException.Refused(code, text.substring(colon + 1).trim()));
    }

    /** A refusal of the request's own making, with {@code code} (the HTTP API's). */
    static ControlPlaneException.Refused refused(String code, String message) {
        return new ControlPlaneException.Refused(code, message);
    }

    static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while (current instanceof CompletionException && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
