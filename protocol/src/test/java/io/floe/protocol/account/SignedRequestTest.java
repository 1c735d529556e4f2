package io.floe.protocol.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import io.floe.protocol.account.RequestRefusedException.Reason;
import io.floe.protocol.proto.FloeAccountProto.ClientRequest;
import io.floe.protocol.proto.FloeAccountProto.TransferOp;
import io.floe.protocol.testing.TestKey;
import org.junit.jupiter.api.Test;

/**
 * A signed request verifies only with a valid signature over the prefix and its exact bytes, by the account it
 * names, with a well-formed ID, within its validity; signatures are made here by the JDK ({@link TestKey}).
 */
class SignedRequestTest {
    private static final long NOW = 1_700_000_000_000L;

    private final TestKey key = TestKey.generate();
    private final String account = Address.of(key.publicKey()).value();

    @Test
    void verifiesRequestSignedByItsAccount() {
        ClientRequest request = transfer(account, "r-1", NOW + 60_000);
        VerifiedRequest verified = signed(request).verify(NOW);
        assertEquals(account, verified.account().value());
        assertEquals(account + "/r-1", verified.key());
        assertEquals(signed(request).key(), verified.key());
        assertEquals(ClientRequest.OperationCase.TRANSFER, verified.operation());
    }

    @Test
    void refusesForgedSignature() {
        SignedRequest good = signed(transfer(account, "r-1", NOW + 60_000));
        byte[] signature = good.signature();
        signature[7] ^= 1;
        assertRefused(Reason.INVALID_SIGNATURE, new SignedRequest(good.request(), good.publicKey(), signature));
        // Another key's signature over the same bytes, presented with this key.
        byte[] other = TestKey.generate().sign(SignedRequest.signedBytes(good.request()));
        assertRefused(Reason.INVALID_SIGNATURE, new SignedRequest(good.request(), good.publicKey(), other));
    }

    @Test
    void refusesChangedBytesAndSignatureWithoutPrefix() {
        SignedRequest good = signed(transfer(account, "r-1", NOW + 60_000));
        byte[] changed = transfer(account, "r-1", NOW + 60_001).toByteArray();
        assertRefused(Reason.INVALID_SIGNATURE, new SignedRequest(changed, good.publicKey(), good.signature()));
        byte[] bare = key.sign(good.request());
        assertRefused(Reason.INVALID_SIGNATURE, new SignedRequest(good.request(), good.publicKey(), bare));
    }

    @Test
    void refusesRequestForAnotherAccount() {
        String other = Address.of(TestKey.generate().publicKey()).value();
        assertRefused(Reason.WRONG_ACCOUNT, signed(transfer(other, "r-1", NOW + 60_000)));
    }

    @Test
    void refusesExpiredAndTooFarAhead() {
        assertRefused(Reason.EXPIRED, signed(transfer(account, "r-1", NOW)));
        assertRefused(Reason.EXPIRED, signed(transfer(account, "r-1", NOW - 1)));
        long limit = NOW + SignedRequest.MAX_VALIDITY.toMillis();
        assertEquals(account, signed(transfer(account, "r-1", limit)).verify(NOW).account().value());
        assertRefused(Reason.MALFORMED, signed(transfer(account, "r-1", limit + 1)));
    }

    @Test
    void refusesMalformedRequests() {
        byte[] garbage = {(byte) 0xff, (byte) 0xff, (byte) 0xff};
        assertRefused(Reason.MALFORMED, new SignedRequest(garbage, key.publicKey(),
                key.sign(SignedRequest.signedBytes(garbage))));
        assertRefused(Reason.MALFORMED, signed(transfer(account, "bad id with spaces", NOW + 60_000)));
        assertRefused(Reason.MALFORMED, signed(transfer(account, "", NOW + 60_000)));
        assertRefused(Reason.MALFORMED, signed(ClientRequest.newBuilder().setAccount(account).setRequestId("r-2")
                .setExpiresAtMillis(NOW + 60_000).build()));
    }

    private SignedRequest signed(ClientRequest request) {
        byte[] bytes = request.toByteArray();
        return new SignedRequest(bytes, key.publicKey(), key.sign(SignedRequest.signedBytes(bytes)));
    }

    private static ClientRequest transfer(String account, String id, long expires) {
        return ClientRequest.newBuilder().setAccount(account).setRequestId(id).setExpiresAtMillis(expires)
                .setBlobId(ByteString.EMPTY).setTransfer(TransferOp.newBuilder().setTo(account).setAmount(5)).build();
    }

    private static void assertRefused(Reason reason, SignedRequest request) {
        RequestRefusedException refused = assertThrows(RequestRefusedException.class, () -> request.verify(NOW));
        assertEquals(reason, refused.reason(), refused.getMessage());
    }
}
