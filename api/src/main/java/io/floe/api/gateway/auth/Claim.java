package io.floe.api.gateway.auth;

import static io.floe.api.gateway.auth.AuthFailure.EXPIRED_SIGNATURE;
import static io.floe.api.gateway.auth.AuthFailure.INCONSISTENT_TOKEN;
import static io.floe.api.gateway.auth.AuthFailure.INVALID_EPOCHS;
import static io.floe.api.gateway.auth.AuthFailure.INVALID_EXPIRATION;
import static io.floe.api.gateway.auth.AuthFailure.INVALID_SEND_OBJECT_TO;
import static io.floe.api.gateway.auth.AuthFailure.INVALID_SIZE;
import static io.floe.api.gateway.auth.AuthFailure.INVALID_TOKEN;

import io.floe.protocol.account.Address;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The claims of a publisher token, Walrus's {@code Claim}: RFC 7519's {@code exp}, {@code iat} and {@code jti}, and
 * the storage limits {@code send_object_to}, {@code epochs} or {@code max_epochs}, {@code size} or {@code max_size}.
 * Each {@code check*} method throws the {@link AuthFailure} refusal when its rule does not hold.
 *
 * @param exp  expiry, seconds since the epoch (required)
 * @param iat  issue time, seconds since the epoch
 * @param jti  the token's unique ID, remembered against replay until {@code exp} (required)
 */
public record Claim(long exp, OptionalLong iat, String jti, Optional<Address> sendObjectTo, OptionalLong epochs,
                    OptionalLong maxEpochs, OptionalLong size, OptionalLong maxSize) {
    /** Clock skew allowed between the token's issuer and this publisher (the JWT library Walrus uses allows 60s). */
    static final Duration LEEWAY = Duration.ofSeconds(60);

    public Claim {
        Objects.requireNonNull(jti, "jti");
    }

    /** When the token stops being valid, for the replay cache; an {@code exp} no instant can hold is refused. */
    Instant expiry() {
        try {
            return Instant.ofEpochSecond(exp);
        } catch (java.time.DateTimeException e) {
            throw AuthFailure.INVALID_TIMESTAMP.refuse("exp " + exp + " is out of range");
        }
    }

    /** The token has not expired at {@code now} (with {@link #LEEWAY}). */
    void checkNotExpired(Instant now) {
        if (exp < now.getEpochSecond() - LEEWAY.toSeconds()) {
            throw EXPIRED_SIGNATURE.refuse("exp " + exp + " is before now (" + now.getEpochSecond() + ")");
        }
    }

    /**
     * Walrus's expiring rule: with {@code expiringSeconds > 0} a token lives exactly that long ({@code exp - iat}),
     * so an issuer cannot hand out tokens that outlive the publisher's policy; {@code iat} is then required.
     */
    void checkLifetime(long expiringSeconds) {
        if (expiringSeconds == 0) {
            return;
        }
        if (iat.isEmpty()) {
            throw INVALID_TOKEN.refuse("this publisher requires the iat claim");
        }
        if (exp - iat.getAsLong() != expiringSeconds) {
            throw INVALID_EXPIRATION.refuse("exp - iat is " + (exp - iat.getAsLong()) + "s, this publisher wants "
                    + expiringSeconds + "s (floe.gateway.jwt.expiring-seconds)");
        }
    }

    /** A token may limit the size or the epochs one way, not two: both ways is the issuer's mistake. */
    void checkConsistent() {
        if (size.isPresent() && maxSize.isPresent()) {
            throw INCONSISTENT_TOKEN.refuse("it has both size and max_size");
        }
        if (epochs.isPresent() && maxEpochs.isPresent()) {
            throw INCONSISTENT_TOKEN.refuse("it has both epochs and max_epochs");
        }
    }

    /** The upload stays within the token's {@code size}/{@code max_size}, epochs and {@code send_object_to}. */
    void checkUpload(UploadRequest upload) {
        checkSize(upload.bodyLength());
        checkEpochs(upload);
        checkSendObjectTo(upload.sendObjectTo());
    }

    void checkSize(OptionalLong bodyLength) {
        if (size.isEmpty() && maxSize.isEmpty()) {
            return;
        }
        if (bodyLength.isEmpty()) {
            // Walrus lets a body of unknown length through here; Floe would then store more than the token allows.
            throw INVALID_SIZE.refuse("the token limits the size, so the body needs a Content-Length");
        }
        long length = bodyLength.getAsLong();
        if (size.isPresent() && length != size.getAsLong()) {
            throw INVALID_SIZE.refuse("the body has " + length + " bytes, the token is for exactly " + size.getAsLong());
        }
        if (maxSize.isPresent() && length > maxSize.getAsLong()) {
            throw INVALID_SIZE.refuse("the body has " + length + " bytes, the token allows at most "
                    + maxSize.getAsLong());
        }
    }

    void checkEpochs(UploadRequest upload) {
        if (epochs.isEmpty() && maxEpochs.isEmpty()) {
            return;
        }
        OptionalLong asked = upload.epochCount();
        if (asked.isEmpty()) {
            throw INVALID_EPOCHS.refuse("the token limits epochs, so name a number (not '" + upload.epochs() + "')");
        }
        long n = asked.getAsLong();
        if (epochs.isPresent() && n != epochs.getAsLong()) {
            throw INVALID_EPOCHS.refuse("the upload asks for " + n + " epochs, the token is for exactly "
                    + epochs.getAsLong());
        }
        if (maxEpochs.isPresent() && n > maxEpochs.getAsLong()) {
            throw INVALID_EPOCHS.refuse("the upload asks for " + n + " epochs, the token allows at most "
                    + maxEpochs.getAsLong());
        }
    }

    void checkSendObjectTo(Optional<String> query) {
        if (sendObjectTo.isEmpty()) {
            return;
        }
        Address expected = sendObjectTo.get();
        if (query.isEmpty()) {
            throw INVALID_SEND_OBJECT_TO.refuse("the token sends the object to " + expected
                    + "; add send_object_to=" + expected);
        }
        Optional<Address> asked = parseAddress(query.get());
        if (asked.isEmpty() || !asked.get().equals(expected)) {
            throw INVALID_SEND_OBJECT_TO.refuse("the upload sends it to " + query.get() + ", the token to "
                    + expected);
        }
    }

    private static Optional<Address> parseAddress(String text) {
        try {
            return Optional.of(Address.parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
