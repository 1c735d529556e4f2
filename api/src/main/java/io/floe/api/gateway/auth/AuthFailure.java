package io.floe.api.gateway.auth;

import io.floe.api.json.ApiException;

/**
 * Why the publisher refused an upload's token. The names are Walrus's {@code PublisherAuthError} reasons (plus
 * {@link #MISSING_TOKEN}, and {@link #REPLAY_CACHE_FULL} where Walrus answers an internal error), so a client keyed on
 * Walrus's {@code details[0].reason} reads Floe's answer alike. Every refusal but the full cache is 401 (Walrus
 * spreads them over 400, 401, 429 and 504): the client has to come back with another token either way.
 */
public enum AuthFailure {
    MISSING_TOKEN("the upload needs an 'Authorization: Bearer <JWT>' header"),
    INVALID_TOKEN("the JWT token is invalid"),
    INVALID_SIGNATURE("the signature on the token is invalid"),
    EXPIRED_SIGNATURE("the token has expired"),
    INVALID_EXPIRATION("the token's lifetime (exp - iat) is not the one this publisher issues tokens for"),
    INVALID_TIMESTAMP("one of the timestamps in the token is invalid"),
    INCONSISTENT_TOKEN("the token is inconsistent"),
    INVALID_EPOCHS("the epochs of the upload do not match the token"),
    INVALID_SIZE("the size of the upload does not match the token"),
    INVALID_SEND_OBJECT_TO("the send_object_to of the upload does not match the token, or is missing"),
    TOKEN_ALREADY_USED("the token was already used (its jti is remembered until it expires)"),
    REPLAY_CACHE_FULL("this publisher remembers as many unexpired tokens as it can; retry later");

    private final String summary;

    AuthFailure(String summary) {
        this.summary = summary;
    }

    /** The refusal with {@code detail} after the summary: 401, or 503 for the full cache (not the client's fault). */
    public ApiException refuse(String detail) {
        int status = this == REPLAY_CACHE_FULL ? 503 : 401;
        return new ApiException(status, name(), summary + (detail.isEmpty() ? "" : ": " + detail));
    }
}
