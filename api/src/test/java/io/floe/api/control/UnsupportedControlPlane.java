package io.floe.api.control;

import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.blob.BlobRecord;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.Registration;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.EpochCommittees;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.ledger.LedgerInfo;
import io.floe.protocol.ledger.StakeChange;
import io.floe.protocol.signing.NodeConfirmation;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The base of a test's fake control plane: every call fails with {@link UnsupportedOperationException} naming it,
 * so a fake overrides only what the class under test may use, and a call it did not expect shows at once.
 */
public abstract class UnsupportedControlPlane implements ControlPlane {
    private static UnsupportedOperationException unexpected(String call) {
        return new UnsupportedOperationException("this test's control plane does not answer " + call);
    }

    @Override
    public CompletionStage<Committee> committee() {
        throw unexpected("committee()");
    }

    @Override
    public CompletionStage<EpochCommittees> epochs() {
        throw unexpected("epochs()");
    }

    @Override
    public CompletionStage<StakeChange> stake(NodeId node, long amount) {
        throw unexpected("stake()");
    }

    @Override
    public CompletionStage<StakeChange> requestWithdrawStake(NodeId node) {
        throw unexpected("requestWithdrawStake()");
    }

    @Override
    public CompletionStage<StakeChange> withdrawStake(NodeId node) {
        throw unexpected("withdrawStake()");
    }

    @Override
    public CompletionStage<Void> reportShardsSynced(NodeId node, Epoch epoch) {
        throw unexpected("reportShardsSynced()");
    }

    @Override
    public CompletionStage<LedgerInfo> ledgerInfo() {
        throw unexpected("ledgerInfo()");
    }

    @Override
    public CompletionStage<BlobRecord> blob(BlobId blobId) {
        throw unexpected("blob()");
    }

    @Override
    public CompletionStage<io.floe.api.control.RegisteredBlob> register(RegisterBlob request) {
        throw unexpected("register()");
    }

    @Override
    public CompletionStage<BlobRecord> certify(BlobId blobId, ObjectId objectId, List<NodeConfirmation> confirmations) {
        throw unexpected("certify()");
    }

    @Override
    public CompletionStage<BlobRecord> markInvalid(BlobId blobId, List<NodeConfirmation> signatures) {
        throw unexpected("markInvalid()");
    }
}
