package io.floe.protocol.account;

import com.google.protobuf.InvalidProtocolBufferException;
import io.floe.protocol.proto.FloeAccountProto.ClientRequest;
import io.floe.protocol.signing.Ed25519;
import io.floe.protocol.signing.Ed25519PublicKey;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A client's request to the control plane as it travels: the serialized {@link ClientRequest}, the signer's public
 * key and its Ed25519 signature over {@link #SIGNING_PREFIX} followed by those bytes. Whoever persists an event for
 * it (the ledger, or a blob's entity) calls {@link #verify} first.
 *
 * <p>Invariants: the bytes are kept exactly as received (the signature covers them, nothing re-serializes them);
 * {@link #verify} accepts a request only when the signature is valid, the request names the signer's own address,
 * its ID is well formed and it has not expired nor expires more than {@link #MAX_VALIDITY} ahead, so a captured
 * request can be replayed only within that window, where every operation is idempotent by {@link #key}.
 */
public record SignedRequest(byte[] request, Ed25519PublicKey publicKey, byte[] signature) {
    /** Domain separation: no node protocol message (intent bytes 1..3, 0, 3) starts like this. */
    public static final byte[] SIGNING_PREFIX = "floe-client-request-v1\0".getBytes(StandardCharsets.US_ASCII);
    /** How far ahead a request may expire; also how long the control plane remembers an answered request. */
    public static final Duration MAX_VALIDITY = Duration.ofMinutes(10);
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    public SignedRequest {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(signature, "signature");
        request = request.clone();
        signature = signature.clone();
    }

    /** Signs {@code request} with {@code key}, whose public half is {@code publicKey}. */
    public static SignedRequest sign(ClientRequest request, PrivateKey key, Ed25519PublicKey publicKey) {
        byte[] bytes = request.toByteArray();
        return new SignedRequest(bytes, publicKey, Ed25519.sign(key, signedBytes(bytes)));
    }

    /** The bytes the signature covers. */
    public static byte[] signedBytes(byte[] request) {
        byte[] out = Arrays.copyOf(SIGNING_PREFIX, SIGNING_PREFIX.length + request.length);
        System.arraycopy(request, 0, out, SIGNING_PREFIX.length, request.length);
        return out;
    }

    @Override
    public byte[] request() {
        return request.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /**
     * The request, checked at {@code nowMillis}.
     *
     * @throws RequestRefusedException with the reason when the signature, the account, the ID or the time is wrong
     */
    public VerifiedRequest verify(long nowMillis) {
        if (!Ed25519.verify(publicKey, signedBytes(request), signature)) {
            throw new RequestRefusedException(RequestRefusedException.Reason.INVALID_SIGNATURE,
                    "the signature does not verify under the request's public key");
        }
        ClientRequest parsed = parse();
        Address signer = Address.of(publicKey);
        if (!parsed.getAccount().equals(signer.value())) {
            throw new RequestRefusedException(RequestRefusedException.Reason.WRONG_ACCOUNT, "the request names account "
                    + parsed.getAccount() + " but is signed by " + signer);
        }
        if (!REQUEST_ID.matcher(parsed.getRequestId()).matches()) {
            throw new RequestRefusedException(RequestRefusedException.Reason.MALFORMED,
                    "a request ID is 1..64 of [A-Za-z0-9_.:-]: '" + parsed.getRequestId() + "'");
        }
        if (parsed.getOperationCase() == ClientRequest.OperationCase.OPERATION_NOT_SET) {
            throw new RequestRefusedException(RequestRefusedException.Reason.MALFORMED, "the request names no operation");
        }
        long expires = parsed.getExpiresAtMillis();
        if (expires <= nowMillis) {
            throw new RequestRefusedException(RequestRefusedException.Reason.EXPIRED, "the request expired "
                    + (nowMillis - expires) + " ms ago; sign it again");
        }
        if (expires - nowMillis > MAX_VALIDITY.toMillis()) {
            throw new RequestRefusedException(RequestRefusedException.Reason.MALFORMED, "the request expires "
                    + (expires - nowMillis) / 1000 + " s ahead, more than " + MAX_VALIDITY.toSeconds() + " s");
        }
        return new VerifiedRequest(signer, parsed);
    }

    /** The request without checking anything: for logs and for answers to a request verified before. */
    public ClientRequest parse() {
        try {
            return ClientRequest.parseFrom(request);
        } catch (InvalidProtocolBufferException e) {
            throw new RequestRefusedException(RequestRefusedException.Reason.MALFORMED,
                    "the request is not a serialized floe.account.ClientRequest: " + e.getMessage());
        }
    }

    /** The key every step of this request is idempotent by: {@code account/requestId} (unverified). */
    public String key() {
        ClientRequest parsed = parse();
        return parsed.getAccount() + "/" + parsed.getRequestId();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignedRequest other && Arrays.equals(request, other.request)
                && publicKey.equals(other.publicKey) && Arrays.equals(signature, other.signature);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(request) + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "SignedRequest[" + key() + "]";
    }
}
