package io.floe.cli;

import com.google.protobuf.ByteString;
import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.proto.FloeAccountProto;
import io.floe.protocol.proto.FloeAccountProto.ClientRequest;
import java.util.List;
import java.util.Map;

/**
 * The operations the CLI signs, as unsigned {@link ClientRequest} builders: the operation and the blob it acts on.
 * {@link io.floe.cli.wallet.RequestSigner} adds the account, request ID and expiry. One place, so every command
 * fills the protobuf the same way.
 */
final class Operations {
    private Operations() {
    }

    static ClientRequest.Builder extend(BlobId blob, ObjectId object, int epochs) {
        return on(blob).setExtendBlob(FloeAccountProto.ExtendBlobOp.newBuilder().setObjectId(bytes(object))
            .setEpochsExtended(epochs));
    }

    static ClientRequest.Builder delete(BlobId blob, ObjectId object) {
        return on(blob).setDeleteBlob(FloeAccountProto.DeleteBlobOp.newBuilder().setObjectId(bytes(object)));
    }

    static ClientRequest.Builder burn(BlobId blob, List<ObjectId> objects) {
        FloeAccountProto.BurnBlobsOp.Builder op = FloeAccountProto.BurnBlobsOp.newBuilder();
        objects.forEach(o -> op.addObjectIds(bytes(o)));
        return on(blob).setBurnBlobs(op);
    }

    static ClientRequest.Builder share(BlobId blob, ObjectId object) {
        return on(blob).setShareBlob(FloeAccountProto.ShareBlobOp.newBuilder().setObjectId(bytes(object)));
    }

    static ClientRequest.Builder fund(BlobId blob, ObjectId object, long amount) {
        return on(blob).setFundSharedBlob(FloeAccountProto.FundSharedBlobOp.newBuilder().setObjectId(bytes(object))
            .setAmount(amount));
    }

    static ClientRequest.Builder setAttributes(BlobId blob, ObjectId object, Map<String, String> attributes) {
        return on(blob).setSetAttributes(FloeAccountProto.SetAttributesOp.newBuilder().setObjectId(bytes(object))
            .putAllAttributes(attributes));
    }

    /** Removes {@code keys}, or every attribute when {@code keys} is empty. */
    static ClientRequest.Builder removeAttributes(BlobId blob, ObjectId object, List<String> keys) {
        return on(blob).setRemoveAttributes(FloeAccountProto.RemoveAttributesOp.newBuilder().setObjectId(bytes(object))
            .addAllKeys(keys).setAll(keys.isEmpty()));
    }

    static ClientRequest.Builder register(BlobId blob, long unencodedLength, int epochs, boolean deletable,
                                          String sendObjectTo) {
        return on(blob).setRegisterBlob(FloeAccountProto.RegisterBlobOp.newBuilder().setBlobId(bytes(blob))
            .setUnencodedLength(unencodedLength).setEpochsAhead(epochs).setDeletable(deletable)
            .setSendObjectTo(sendObjectTo));
    }

    static ClientRequest.Builder stake(String node, long amount) {
        return ClientRequest.newBuilder().setStake(FloeAccountProto.StakeOp.newBuilder().setNodeId(node)
            .setAmount(amount));
    }

    static ClientRequest.Builder requestWithdraw(String node) {
        return ClientRequest.newBuilder().setRequestWithdrawStake(
            FloeAccountProto.RequestWithdrawStakeOp.newBuilder().setNodeId(node));
    }

    static ClientRequest.Builder withdraw(String node) {
        return ClientRequest.newBuilder().setWithdrawStake(FloeAccountProto.WithdrawStakeOp.newBuilder()
            .setNodeId(node));
    }

    private static ClientRequest.Builder on(BlobId blob) {
        return ClientRequest.newBuilder().setBlobId(bytes(blob));
    }

    private static ByteString bytes(BlobId blob) {
        return ByteString.copyFrom(blob.bytes());
    }

    private static ByteString bytes(ObjectId object) {
        return ByteString.copyFrom(object.bytes());
    }
}
