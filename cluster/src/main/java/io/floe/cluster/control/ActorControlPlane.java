package io.floe.cluster.control;

import io.floe.actors.blob.BlobEntity;
import io.floe.actors.ledger.CommitteeCache;
import io.floe.actors.ledger.RequestKey;
import io.floe.actors.ledger.SystemLedger;
import io.floe.api.control.ControlPlane;
import io.floe.api.control.ControlPlaneException;
import io.floe.api.control.RegisterBlob;
import io.floe.api.control.RegisteredBlob;
import io.floe.api.control.RequestReceipt;
import io.floe.actors.ledger.AccountCommands;
import io.floe.protocol.account.SignedRequest;
import io.floe.protocol.ledger.AccountInfo;
import java.util.UUID;
import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.blob.BlobRecord;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.Registration;
import io.floe.protocol.blob.StorageCost;
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
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;

/**
 * The control plane over actors: the SystemLedger singleton (epochs and committees, prices, payments, stakes) and
 * the sharded Blob entities. Each call is a {@link BoundedAsk}, and every command it sends is idempotent, so a retry
 * after a lost reply changes nothing: charges and registrations are keyed by the registration's object ID, a sync
 * report is recorded once, and each staking call picks one {@link RequestKey} that all its retries carry, which the
 * ledger answers again with the first answer (as long as it remembers the key: see {@code StakeReceipts}). An
 * actor's refusal (a {@code StatusReply} error) becomes {@link ControlPlaneException.Rejected} in
 * {@link BoundedAsk#askWithStatus}, or {@link ControlPlaneException.Refused} when it names a signed request's fault
 * ({@link Refusals}). Signed requests run as the sagas of {@link SignedRequests}, idempotent by the request's key.
 */
public final class ActorControlPlane implements ControlPlane {
    private final ClusterSharding sharding;
    private final ActorRef<SystemLedger.Command> ledger;
    private final CommitteeCache committees;
    private final BoundedAsk ask;
    private final String account;
    /** Readable blobs seen lately, so reads do not hang on a Blob entity that is failing over. */
    private final CertifiedBlobCache recentlyReadable = new CertifiedBlobCache();
    private final SignedRequests signedRequests;

    public ActorControlPlane(ClusterSharding sharding, ActorRef<SystemLedger.Command> ledger, CommitteeCache committees,
                             BoundedAsk ask, String account) {
        this.sharding = sharding;
        this.ledger = ledger;
        this.committees = committees;
        this.ask = ask;
        this.account = account;
        this.signedRequests = new SignedRequests(ask, () -> ledger, this::blobEntity, recentlyReadable::forget);
    }

    /** The committees as last seen, without asking the ledger (never blocks; empty before the first). */
    public Optional<EpochCommittees> cachedEpochs() {
        return committees.epochs();
    }

    @Override
    public CompletionStage<Committee> committee() {
        return epochs().thenApply(EpochCommittees::current);
    }

    @Override
    public CompletionStage<EpochCommittees> epochs() {
        Optional<EpochCommittees> cached = committees.epochs();
        if (cached.isPresent()) {
            return CompletableFuture.completedFuture(cached.get());
        }
        return ask.<SystemLedger.Command, SystemLedger.CommitteeReply>ask("the system ledger", () -> ledger,
                SystemLedger.GetCommittee::new).thenApply(reply -> {
                    committees.offer(reply);
                    return reply.epochs().orElseThrow(() -> new ControlPlaneException.Unavailable(
                            "the network is forming: waiting for storage nodes " + reply.missing() + " to register",
                            null));
                });
    }

    @Override
    public CompletionStage<StakeChange> stake(NodeId node, long amount) {
        // Chosen once per call, outside the message factory BoundedAsk runs per attempt: every retry carries it.
        RequestKey key = RequestKey.random();
        return ask.<SystemLedger.Command, SystemLedger.StakeReply>askWithStatus("the system ledger", () -> ledger,
                replyTo -> new SystemLedger.Stake(account, node, amount, key, replyTo)).thenApply(reply -> {
                    if (reply instanceof SystemLedger.StakeReply.Staked staked) {
                        return staked.change();
                    }
                    if (reply instanceof SystemLedger.StakeReply.InsufficientFunds poor) {
                        throw new ControlPlaneException.InsufficientFunds(account, poor.balance(), poor.amount());
                    }
                    throw unexpected(reply);
                });
    }

    @Override
    public CompletionStage<StakeChange> requestWithdrawStake(NodeId node) {
        RequestKey key = RequestKey.random();
        return ask.<SystemLedger.Command, StakeChange>askWithStatus("the system ledger", () -> ledger,
                replyTo -> new SystemLedger.RequestWithdrawStake(account, node, key, replyTo));
    }

    @Override
    public CompletionStage<StakeChange> withdrawStake(NodeId node) {
        RequestKey key = RequestKey.random();
        return ask.<SystemLedger.Command, StakeChange>askWithStatus("the system ledger", () -> ledger,
                replyTo -> new SystemLedger.WithdrawStake(account, node, key, replyTo));
    }

    @Override
    public CompletionStage<Void> reportShardsSynced(NodeId node, Epoch epoch) {
        return ask.<SystemLedger.Command, Done>askWithStatus("the system ledger", () -> ledger,
                replyTo -> new SystemLedger.ReportShardsSynced(node, epoch, replyTo)).thenApply(done -> null);
    }

    @Override
    public CompletionStage<LedgerInfo> ledgerInfo() {
        return ask.ask("the system ledger", () -> ledger, SystemLedger.GetLedgerInfo::new);
    }

    @Override
    public CompletionStage<String> gatewayAccount() {
        return CompletableFuture.completedFuture(account);
    }

    @Override
    public CompletionStage<BlobRecord> blob(BlobId blobId) {
        return recentlyReadable.lookup(blobId,
                () -> ask.ask("Blob entity " + blobId, () -> blobEntity(blobId), BlobEntity.GetStatus::new));
    }

    /**
     * Gives every Blob entity shard a home and this member's region its address ({@link BlobShardWarmup}), so stores
     * do not wait for shard allocations; completes when every ask has ended, never exceptionally.
     */
    public CompletionStage<Void> warmBlobShards(int numberOfShards) {
        return BlobShardWarmup.run(numberOfShards, blobId -> ask.<BlobEntity.Command, BlobRecord>ask(
                "Blob entity " + blobId, () -> blobEntity(blobId), BlobEntity.GetStatus::new));
    }

    /**
     * Allocates the storage at the ledger (the signer of the authorization pays, else the gateway account), then
     * registers the blob with it, owned by {@code sendTo} (the request's or the signed operation's) or the payer.
     * Both steps are keyed by the object ID, so a retry pays once.
     */
    @Override
    public CompletionStage<RegisteredBlob> register(RegisterBlob request) {
        long encodedLength = StorageCost.encodedLength(request.unencodedLength(), request.nShards());
        String payer = request.authorization().map(a -> a.parse().getAccount()).orElse(account);
        String owner = request.sendTo().or(() -> signedSendTo(request)).orElse(payer);
        return ask.<SystemLedger.Command, AccountCommands.AllocationReply>askWithStatus("the system ledger",
                        () -> ledger, replyTo -> new AccountCommands.AllocateStorage(payer, request.objectId(),
                                encodedLength, request.epochsAhead(), request.authorization(), replyTo))
                .thenCompose(reply -> {
                    if (reply instanceof AccountCommands.AllocationReply.Allocated allocated) {
                        Registration registration = new Registration(request.objectId(), owner,
                                request.unencodedLength(), encodedLength, allocated.epoch(),
                                allocated.resource().end(), request.deletable(), allocated.cost(), Optional.empty(),
                                Registration.ObjectDetails.of(allocated.resource()));
                        return registerBlob(request.blobId(), registration).thenApply(r ->
                                new RegisteredBlob(r, allocated.operation(), allocated.cost()));
                    }
                    AccountCommands.AllocationReply.InsufficientFunds poor =
                            (AccountCommands.AllocationReply.InsufficientFunds) reply;
                    throw new ControlPlaneException.InsufficientFunds(payer, poor.balance(), poor.cost());
                })
                .exceptionallyCompose(error -> CompletableFuture.failedFuture(Refusals.translate(error)));
    }

    private static Optional<String> signedSendTo(RegisterBlob request) {
        return request.authorization().map(a -> a.parse().getRegisterBlob().getSendObjectTo())
                .filter(to -> !to.isEmpty());
    }

    private CompletionStage<Registration> registerBlob(BlobId blobId, Registration registration) {
        return ask.<BlobEntity.Command, BlobEntity.RegisterReply>askWithStatus("Blob entity " + blobId,
                () -> blobEntity(blobId), replyTo -> new BlobEntity.Register(registration, replyTo))
                .thenApply(BlobEntity.RegisterReply::registration);
    }

    @Override
    public CompletionStage<RequestReceipt> submit(SignedRequest request) {
        return signedRequests.submit(request);
    }

    /** Each call is one faucet request: its retries carry one key, which the ledger pays once. */
    @Override
    public CompletionStage<Long> faucet(String account, long amount) {
        String key = "faucet/" + UUID.randomUUID();
        return ask.<SystemLedger.Command, Long>askWithStatus("the system ledger", () -> ledger,
                        replyTo -> new AccountCommands.Faucet(account, amount, key, replyTo))
                .exceptionallyCompose(error -> CompletableFuture.failedFuture(Refusals.translate(error)));
    }

    @Override
    public CompletionStage<AccountInfo> account(String account) {
        return ask.ask("the system ledger", () -> ledger, replyTo -> new AccountCommands.GetAccount(account, replyTo));
    }

    @Override
    public CompletionStage<Long> sharedFunds(ObjectId objectId) {
        return ask.ask("the system ledger", () -> ledger,
                replyTo -> new AccountCommands.GetSharedFunds(objectId, replyTo));
    }

    @Override
    public CompletionStage<BlobRecord> certify(BlobId blobId, ObjectId objectId, List<NodeConfirmation> confirmations) {
        return ask.<BlobEntity.Command, BlobEntity.CertifyReply>askWithStatus("Blob entity " + blobId,
                () -> blobEntity(blobId), replyTo -> new BlobEntity.Certify(objectId, confirmations, replyTo))
                .thenApply(reply -> {
                    if (reply instanceof BlobEntity.CertifyReply.Certified certified) {
                        recentlyReadable.offer(certified.blob());
                        return certified.blob();
                    }
                    if (reply instanceof BlobEntity.NotEnough notEnough) {
                        throw new ControlPlaneException.NotEnoughConfirmations(notEnough.weight(), notEnough.nShards());
                    }
                    if (reply instanceof BlobEntity.Unavailable unavailable) {
                        throw new ControlPlaneException.Unavailable(unavailable.reason(), null);
                    }
                    throw unexpected(reply);
                });
    }

    @Override
    public CompletionStage<BlobRecord> markInvalid(BlobId blobId, List<NodeConfirmation> signatures) {
        return ask.<BlobEntity.Command, BlobEntity.MarkInvalidReply>ask("Blob entity " + blobId,
                () -> blobEntity(blobId), replyTo -> new BlobEntity.MarkInvalid(signatures, replyTo))
                .thenApply(reply -> {
                    if (reply instanceof BlobEntity.MarkInvalidReply.Marked marked) {
                        recentlyReadable.forget(blobId);
                        return marked.blob();
                    }
                    if (reply instanceof BlobEntity.NotEnough notEnough) {
                        throw new ControlPlaneException.NotEnoughSignatures(notEnough.weight(), notEnough.nShards());
                    }
                    if (reply instanceof BlobEntity.Unavailable unavailable) {
                        throw new ControlPlaneException.Unavailable(unavailable.reason(), null);
                    }
                    throw unexpected(reply);
                });
    }

    /** Java 17 cannot see that the checks before cover a sealed reply family; one outside it is a bug here. */
    private static IllegalStateException unexpected(Object reply) {
        return new IllegalStateException("unexpected reply " + reply);
    }

    private EntityRef<BlobEntity.Command> blobEntity(BlobId blobId) {
        return sharding.entityRefFor(BlobEntity.ENTITY_KEY, blobId.toString());
    }
}
