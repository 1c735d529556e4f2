package io.floe.actors.ledger;

import com.google.protobuf.ByteString;
import io.floe.protocol.account.Address;
import io.floe.protocol.account.SignedRequest;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.proto.FloeAccountProto.ClientRequest;
import io.floe.protocol.proto.FloeAccountProto.ExtendBlobOp;
import io.floe.protocol.proto.FloeAccountProto.FundSharedBlobOp;
import io.floe.protocol.proto.FloeAccountProto.RegisterBlobOp;
import io.floe.protocol.proto.FloeAccountProto.StakeOp;
import io.floe.protocol.proto.FloeAccountProto.TransferOp;
import io.floe.protocol.testing.TestKey;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/** A test client's key and address: signs requests (with the JDK's Ed25519) valid a minute from the clock's now. */
final class Wallet {
    private final TestKey key = TestKey.generate();
    private final LongSupplier clock;
    private final AtomicInteger ids = new AtomicInteger();
    final String address = Address.of(key.publicKey()).value();

    Wallet(LongSupplier clock) {
        this.clock = clock;
    }

    SignedRequest sign(ClientRequest.Builder request) {
        byte[] bytes = request.build().toByteArray();
        return new SignedRequest(bytes, key.publicKey(), key.sign(SignedRequest.signedBytes(bytes)));
    }

    /** A request of this account with a fresh ID, valid for a minute. */
    ClientRequest.Builder request() {
        return ClientRequest.newBuilder().setAccount(address).setRequestId("r-" + ids.incrementAndGet())
                .setExpiresAtMillis(clock.getAsLong() + 60_000);
    }

    SignedRequest transfer(String to, long amount) {
        return sign(request().setTransfer(TransferOp.newBuilder().setTo(to).setAmount(amount)));
    }

    SignedRequest register(long unencodedLength, int epochs) {
        return sign(request().setRegisterBlob(RegisterBlobOp.newBuilder().setUnencodedLength(unencodedLength)
                .setEpochsAhead(epochs).setDeletable(true).setBlobId(ByteString.copyFrom(new byte[32]))));
    }

    SignedRequest extend(ObjectId object, int epochs) {
        return sign(request().setExtendBlob(ExtendBlobOp.newBuilder()
                .setObjectId(ByteString.copyFrom(object.bytes())).setEpochsExtended(epochs)));
    }

    SignedRequest fund(ObjectId object, long amount) {
        return sign(request().setFundSharedBlob(FundSharedBlobOp.newBuilder()
                .setObjectId(ByteString.copyFrom(object.bytes())).setAmount(amount)));
    }

    SignedRequest stake(String node, long amount) {
        return sign(request().setStake(StakeOp.newBuilder().setNodeId(node).setAmount(amount)));
    }
}
