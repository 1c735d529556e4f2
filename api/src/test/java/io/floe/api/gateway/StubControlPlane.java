package io.floe.api.gateway;

import io.floe.api.control.ControlPlane;
import io.floe.api.control.ControlPlaneException;
import io.floe.api.control.RegisterBlob;
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
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A control plane whose answers the test sets: the epochs' committees, the ledger info, how certification and
 * staking answer. Registrations are accepted and remembered; every certify call is recorded.
 */
final class StubControlPlane implements ControlPlane {
    volatile EpochCommittees epochs;
    volatile LedgerInfo ledger = new LedgerInfo(Epoch.GENESIS, 10, 1, 1, 10, "gateway", 5_000);
    /** Answers certify from the committee current at the call and the confirmations; default: certified. */
    volatile BiFunction<Committee, List<NodeConfirmation>, CompletionStage<Void>> certification =
            (committee, confirmations) -> CompletableFuture.completedFuture(null);
    volatile Function<String, CompletionStage<StakeChange>> staking =
            call -> CompletableFuture.failedFuture(new ControlPlaneException.Rejected("staking is not implemented yet"));
    final List<String> stakingCalls = new CopyOnWriteArrayList<>();
    final List<List<NodeConfirmation>> certifyCalls = new CopyOnWriteArrayList<>();
    final List<RegisterBlob> registerCalls = new CopyOnWriteArrayList<>();
    volatile Registration registration;
    /**
     * When set, {@link #blob} answers each blob its own registration (made through {@link #register}), as a chunked
     * store needs; otherwise the last registration answers for any blob.
     */
    volatile boolean perBlob;
    /** Records {@link #blob} answers as they are (a blob marked invalid, say), before any registration. */
    final java.util.Map<BlobId, BlobRecord> records = new java.util.concurrent.ConcurrentHashMap<>();
    /** Registrations made through {@link #register}, per blob. */
    private final java.util.Map<BlobId, Registration> registered = new java.util.concurrent.ConcurrentHashMap<>();
    /** Answers signed requests; default: refused as not implemented. */
    volatile Function<io.floe.protocol.account.SignedRequest, CompletionStage<io.floe.api.control.RequestReceipt>>
            submitting = request -> CompletableFuture.failedFuture(
                    new ControlPlaneException.Refused("INVALID_REQUEST", "not in this test"));
    final List<String> faucetCalls = new CopyOnWriteArrayList<>();
    volatile long sharedFunds = 0;
    /** Calls of {@link #blob}. */
    final java.util.concurrent.atomic.AtomicInteger blobLookups = new java.util.concurrent.atomic.AtomicInteger();
    /** {@link #register} answers once this completes (a slow ledger); default: at once. */
    volatile CompletionStage<Void> registering = CompletableFuture.completedFuture(null);

    StubControlPlane(EpochCommittees epochs) {
        this.epochs = epochs;
    }

    @Override
    public CompletionStage<Committee> committee() {
        return CompletableFuture.completedFuture(epochs.current());
    }

    @Override
    public CompletionStage<EpochCommittees> epochs() {
        return CompletableFuture.completedFuture(epochs);
    }

    @Override
    public CompletionStage<StakeChange> stake(NodeId node, long amount) {
        return staking("stake " + node + " " + amount);
    }

    @Override
    public CompletionStage<StakeChange> requestWithdrawStake(NodeId node) {
        return staking("request-withdraw " + node);
    }

    @Override
    public CompletionStage<StakeChange> withdrawStake(NodeId node) {
        return staking("withdraw " + node);
    }

    private CompletionStage<StakeChange> staking(String call) {
        stakingCalls.add(call);
        return staking.apply(call);
    }

    @Override
    public CompletionStage<Void> reportShardsSynced(NodeId node, Epoch epoch) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<LedgerInfo> ledgerInfo() {
        return CompletableFuture.completedFuture(ledger);
    }

    @Override
    public CompletionStage<BlobRecord> blob(BlobId blobId) {
        blobLookups.incrementAndGet();
        BlobRecord set = records.get(blobId);
        if (set != null) {
            return CompletableFuture.completedFuture(set);
        }
        Registration r = perBlob ? registered.get(blobId) : registration;
        return CompletableFuture.completedFuture(r == null ? BlobRecord.unknown(blobId)
                : new BlobRecord(blobId, List.of(r)));
    }

    @Override
    public CompletionStage<io.floe.api.control.RegisteredBlob> register(RegisterBlob request) {
        registerCalls.add(request);
        Epoch epoch = epochs.epoch();
        registration = new Registration(request.objectId(), "gateway", request.unencodedLength(), 1000, epoch,
                epoch.plus(request.epochsAhead()), request.deletable(), 1, Optional.empty());
        registered.put(request.blobId(), registration);
        io.floe.api.control.RegisteredBlob answer = new io.floe.api.control.RegisteredBlob(registration,
                io.floe.protocol.blob.ResourceOperation.REGISTER_FROM_SCRATCH, registration.cost());
        return registering.thenApply(registered -> answer);
    }

    @Override
    public CompletionStage<io.floe.api.control.RequestReceipt> submit(io.floe.protocol.account.SignedRequest request) {
        return submitting.apply(request);
    }

    @Override
    public CompletionStage<Long> faucet(String account, long amount) {
        faucetCalls.add(account + " " + amount);
        return CompletableFuture.completedFuture(amount + 1);
    }

    @Override
    public CompletionStage<io.floe.protocol.ledger.AccountInfo> account(String account) {
        return CompletableFuture.completedFuture(new io.floe.protocol.ledger.AccountInfo(account, 77, List.of()));
    }

    @Override
    public CompletionStage<Long> sharedFunds(ObjectId objectId) {
        return CompletableFuture.completedFuture(sharedFunds);
    }

    @Override
    public CompletionStage<BlobRecord> certify(BlobId blobId, ObjectId objectId, List<NodeConfirmation> confirmations) {
        certifyCalls.add(List.copyOf(confirmations));
        return certification.apply(epochs.current(), confirmations).thenApply(done -> {
            registration = (perBlob ? registered.get(blobId) : registration).certifiedAt(epochs.epoch());
            registered.put(blobId, registration);
            return new BlobRecord(blobId, List.of(registration));
        });
    }

    @Override
    public CompletionStage<BlobRecord> markInvalid(BlobId blobId, List<NodeConfirmation> signatures) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("not needed"));
    }
}
