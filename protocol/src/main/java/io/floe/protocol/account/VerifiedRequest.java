package io.floe.protocol.account;

import io.floe.protocol.proto.FloeAccountProto.ClientRequest;
import java.util.Objects;

/** A {@link SignedRequest} whose signature, account, ID and time were checked: {@code account} signed it. */
public record VerifiedRequest(Address account, ClientRequest request) {
    public VerifiedRequest {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(request, "request");
    }

    /** {@code account/requestId}: every step of the request is idempotent by it. */
    public String key() {
        return account.value() + "/" + request.getRequestId();
    }

    public long expiresAtMillis() {
        return request.getExpiresAtMillis();
    }

    public ClientRequest.OperationCase operation() {
        return request.getOperationCase();
    }
}
