package io.floe.api.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import io.floe.api.control.ControlPlaneException;
import io.floe.api.json.ApiException;
import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.account.Address;
import io.floe.protocol.account.SignedRequest;
import io.floe.protocol.proto.FloeAccountProto;
import io.floe.protocol.signing.Ed25519;
import io.floe.protocol.signing.Ed25519PublicKey;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A signed store pays only for the blob its request describes, and every retry of it registers one object. */
class SignedStoreTest {
    private static final KeyPair KEYS = Ed25519.generate();
    private static final Ed25519PublicKey PUBLIC = Ed25519PublicKey.of(KEYS.getPublic());
    private static final String SIGNER = Address.of(PUBLIC).value();
    private static final BlobId BLOB = BlobId.of(filled(1));

    @Test
    void aMatchingRequestIsOwnedByItsSignerOrTheRecipientItSigned() {
        SignedRequest request = register("r1", 100, 3, true, "");
        StoreParameters options = new StoreParameters(3, true, false, false, Optional.of(request), Optional.empty());
        assertEquals(SIGNER, SignedStore.owner(SignedStore.check(request, BLOB, 100, options), options));
        String other = "0x" + "ab".repeat(32);
        StoreParameters redirected = new StoreParameters(3, true, false, false, Optional.of(request),
                Optional.of(other));
        assertEquals("INVALID_REQUEST", assertThrows(ApiException.class,
                () -> SignedStore.check(request, BLOB, 100, redirected)).code(),
                "whoever holds the header cannot send the signer's paid object elsewhere");
        SignedRequest toOther = register("r3", 100, 3, true, other);
        StoreParameters sent = new StoreParameters(3, true, false, false, Optional.of(toOther), Optional.of(other));
        assertEquals(other, SignedStore.owner(SignedStore.check(toOther, BLOB, 100, sent), sent));
        assertEquals(SignedStore.objectId(request), SignedStore.objectId(new SignedRequest(request.request(),
                PUBLIC, request.signature())), "a retry sends the same bytes");
        assertNotEquals(SignedStore.objectId(request), SignedStore.objectId(register("r2", 100, 3, true, "")));
    }

    @Test
    void aRequestForAnotherBlobLengthEpochsOrKindIsRefused() {
        SignedRequest request = register("r1", 100, 3, true, "");
        StoreParameters options = new StoreParameters(3, true, false, false, Optional.of(request), Optional.empty());
        assertEquals("INVALID_REQUEST", assertThrows(ApiException.class,
                () -> SignedStore.check(request, BlobId.of(filled(2)), 100, options)).code());
        assertThrows(ApiException.class, () -> SignedStore.check(request, BLOB, 101, options));
        assertThrows(ApiException.class, () -> SignedStore.check(request, BLOB, 100, options.withEpochs(4)));
        assertThrows(ApiException.class, () -> SignedStore.check(request, BLOB, 100,
                new StoreParameters(3, false, false, false, Optional.of(request), Optional.empty())));
    }

    @Test
    void aForgedRequestIsRefusedAsSuch() {
        SignedRequest request = register("r1", 100, 3, true, "");
        byte[] signature = request.signature();
        signature[0] ^= 1;
        SignedRequest forged = new SignedRequest(request.request(), PUBLIC, signature);
        StoreParameters options = new StoreParameters(3, true, false, false, Optional.of(forged), Optional.empty());
        assertEquals("INVALID_SIGNATURE", assertThrows(ControlPlaneException.Refused.class,
                () -> SignedStore.check(forged, BLOB, 100, options)).code());
    }

    private static SignedRequest register(String id, long length, int epochs, boolean deletable, String to) {
        return SignedRequest.sign(FloeAccountProto.ClientRequest.newBuilder().setAccount(SIGNER).setRequestId(id)
                .setExpiresAtMillis(System.currentTimeMillis() + 60_000)
                .setRegisterBlob(FloeAccountProto.RegisterBlobOp.newBuilder().setBlobId(ByteString.copyFrom(BLOB.bytes()))
                        .setUnencodedLength(length).setEpochsAhead(epochs).setDeletable(deletable).setSendObjectTo(to))
                .build(), KEYS.getPrivate(), PUBLIC);
    }

    private static byte[] filled(int value) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
