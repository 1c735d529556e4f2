package io.floe.actors.ledger;

import io.floe.protocol.account.RequestRefusedException;
import io.floe.protocol.account.SignedRequest;
import io.floe.protocol.account.VerifiedRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.apache.pekko.pattern.StatusReply;

/**
 * An account command the ledger refuses, with the code the control plane maps to an HTTP answer: a
 * {@link RequestRefusedException.Reason} name or one of the ledger's own ({@link #NOT_FOUND}, {@link #NO_FAUCET},
 * {@link #INSUFFICIENT_FUNDS}). Thrown inside the account handlers and answered as a {@link StatusReply} error
 * {@code "CODE: message"}; nothing is persisted for it.
 */
final class Refusal extends RuntimeException {
    static final String MALFORMED = RequestRefusedException.Reason.MALFORMED.name();
    static final String WRONG_ACCOUNT = RequestRefusedException.Reason.WRONG_ACCOUNT.name();
    static final String ID_REUSED = RequestRefusedException.Reason.ID_REUSED.name();
    static final String NOT_FOUND = "NOT_FOUND";
    static final String NO_FAUCET = "NO_FAUCET";
    /** A signed request whose payer's balance is too low (a Submit has no reply for it but an error). */
    static final String INSUFFICIENT_FUNDS = "INSUFFICIENT_FUNDS";

    private final String code;

    Refusal(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    static Refusal malformed(String message) {
        return new Refusal(MALFORMED, message);
    }

    /** The answer to the caller: {@code "CODE: message"}. */
    <T> StatusReply<T> reply() {
        return StatusReply.error(code + ": " + getMessage());
    }

    /** The refusal of a request whose signature, account, ID or time is wrong. */
    static Refusal of(RequestRefusedException e) {
        return new Refusal(e.reason().name(), e.getMessage());
    }

    /** {@code request} verified at {@code nowMillis}, or a refusal saying why not. */
    static VerifiedRequest verified(SignedRequest request, long nowMillis) {
        try {
            return request.verify(nowMillis);
        } catch (RequestRefusedException e) {
            throw of(e);
        }
    }

    /** The request's key; a refusal when its bytes are not a request. */
    static String keyOf(SignedRequest request) {
        try {
            return request.key();
        } catch (RequestRefusedException e) {
            throw of(e);
        }
    }

    /**
     * The remembered answer to {@code key}, if any, when it was given for the same {@code digest}; a refusal
     * ({@link #ID_REUSED}) when it was given for something else.
     */
    static Optional<RequestMemo.Answer> remembered(LedgerState state, String key, String digest) {
        Optional<RequestMemo.Answer> answer = state.accounts().answered().of(key);
        if (answer.isPresent() && !answer.get().digest().equals(digest)) {
            throw new Refusal(ID_REUSED, "request " + key + " was used for another request (" + answer.get()
                    .operation() + "); sign a new one with another ID");
        }
        return answer;
    }

    /** SHA-256 of {@code bytes}, hex. */
    static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** SHA-256 of a call's values joined with '|' (for keyed calls that carry no signed bytes). */
    static String digest(Object... values) {
        StringBuilder joined = new StringBuilder();
        for (Object v : values) {
            joined.append(v).append('|');
        }
        return digest(joined.toString().getBytes(StandardCharsets.UTF_8));
    }
}
