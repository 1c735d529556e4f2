package io.floe.api.gateway;

import io.floe.api.control.ControlPlaneException;
import io.floe.api.json.ApiException;
import io.floe.encoding.merkle.Blake2b256;
import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.account.RequestRefusedException;
import io.floe.protocol.account.SignedRequest;
import io.floe.protocol.account.VerifiedRequest;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.proto.FloeAccountProto.ClientRequest;
import io.floe.protocol.proto.FloeAccountProto.RegisterBlobOp;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A store paid by a client's signed {@code register_blob} ({@code X-Floe-Signed-Request}): the gateway checks that
 * the request is signed and current, and that it names the blob being stored (ID, length, epochs, kind), before it
 * reuses or pays for anything; the ledger verifies it again before it charges the signer.
 *
 * <p>Invariant: the registration's object ID is derived from the signed bytes, so every retry of one signed request
 * registers the same object (which the ledger and the entity answer once) and two requests never share one.
 */
final class SignedStore {
    private static final byte[] OBJECT_ID_DOMAIN = "floe-signed-registration".getBytes(StandardCharsets.US_ASCII);

    private SignedStore() {
    }

    /**
     * The verified request when it matches the store; refused ({@link ControlPlaneException.Refused}) when it is not
     * signed, not current or does not describe this blob.
     */
    static VerifiedRequest check(SignedRequest signed, BlobId blobId, long unencodedLength, StoreParameters options) {
        VerifiedRequest verified;
        try {
            verified = signed.verify(System.currentTimeMillis());
        } catch (RequestRefusedException e) {
            throw ControlPlaneException.Refused.of(e);
        }
        if (verified.operation() != ClientRequest.OperationCase.REGISTER_BLOB) {
            throw mismatch("the signed request is a " + verified.operation() + ", not a register_blob");
        }
        RegisterBlobOp op = verified.request().getRegisterBlob();
        if (!Arrays.equals(op.getBlobId().toByteArray(), blobId.bytes())) {
            throw mismatch("the signed request registers another blob than the body's " + blobId);
        }
        if (op.getUnencodedLength() != unencodedLength) {
            throw mismatch("the signed request registers " + op.getUnencodedLength() + " bytes, the body has "
                    + unencodedLength);
        }
        if (op.getEpochsAhead() != options.epochs()) {
            throw mismatch("the signed request registers for " + op.getEpochsAhead() + " epochs, the query asks for "
                    + options.epochs());
        }
        if (op.getDeletable() != options.deletable()) {
            throw mismatch("the signed request registers a " + (op.getDeletable() ? "deletable" : "permanent")
                    + " blob, the query asks for the other kind");
        }
        // The signer alone chooses the owner: whoever holds the header must not redirect the paid object.
        if (options.sendTo().isPresent() && !options.sendTo().get().equals(op.getSendObjectTo())) {
            throw mismatch("send_object_to differs between the signed request and the query");
        }
        return verified;
    }

    /** Who will own the blob object: the signed request's {@code send_object_to}, else the signer. */
    static String owner(VerifiedRequest verified, StoreParameters options) {
        String signedTo = verified.request().getRegisterBlob().getSendObjectTo();
        return signedTo.isEmpty() ? verified.account().value() : signedTo;
    }

    /** The object ID every retry of {@code signed} registers. */
    static ObjectId objectId(SignedRequest signed) {
        return ObjectId.of(Blake2b256.hash(OBJECT_ID_DOMAIN, signed.request()));
    }

    /** Reuses the HTTP code of a request that does not describe its body. */
    private static ApiException mismatch(String message) {
        return ApiException.badRequest("INVALID_REQUEST", message + " (X-Floe-Signed-Request must describe this PUT)");
    }
}
