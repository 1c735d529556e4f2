package io.floe.actors.ledger;

import io.floe.actors.ledger.AccountCommands.AllocateStorage;
import io.floe.actors.ledger.AccountCommands.AllocationReply;
import io.floe.encoding.redstuff.BlobTooLargeException;
import io.floe.protocol.account.VerifiedRequest;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.StorageCost;
import io.floe.protocol.blob.StorageResource;
import io.floe.protocol.proto.FloeAccountProto.ClientRequest;
import io.floe.protocol.proto.FloeAccountProto.RegisterBlobOp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.pattern.StatusReply;

/**
 * Decides an {@link AllocateStorage} for {@link ChargeBatcher}: checks it (and its signed {@code register_blob}, when
 * it has one), finds the storage ({@link StorageAllocator}) and answers the events that carry it out.
 *
 * <p>Invariants: a refusal or a lack of funds is told to the caller at once and yields no event; an allocation
 * yields a {@link AccountEvents.StorageAllocated} and, for a signed request, the {@link AccountEvents.RequestAnswered}
 * that makes the request pay once even if the gateway retries it under another object ID.
 */
final class Allocations {
    private Allocations() {
    }

    /** The events that allocate {@code cmd} on top of {@code state} at {@code nowMillis}; none after answering. */
    static List<SystemLedger.Event> decide(LedgerState state, AllocateStorage cmd, long nowMillis) {
        try {
            Optional<AccountEvents.RequestAnswered> answered = checked(state, cmd, nowMillis);
            LedgerGenesis g = state.requireGenesis();
            List<StorageResource> free = state.accounts().freeStorage().getOrDefault(cmd.account(), List.of());
            StorageAllocator.Plan plan = StorageAllocator.plan(free, state.epoch(), cmd.epochsAhead(),
                    cmd.encodedLength(), g.storagePricePerUnit(), g.writePricePerUnit(), ObjectId::random);
            long balance = state.balance(cmd.account());
            if (balance < plan.cost()) {
                cmd.replyTo().tell(StatusReply.success(new AllocationReply.InsufficientFunds(balance, plan.cost())));
                return List.of();
            }
            List<SystemLedger.Event> events = new ArrayList<>();
            events.add(new AccountEvents.StorageAllocated(cmd.account(), cmd.key(), plan.cost(), plan.resource(),
                    plan.operation(), plan.removed(), plan.added()));
            answered.ifPresent(a -> events.add(withCost(a, plan.cost(), balance - plan.cost())));
            return events;
        } catch (Refusal r) {
            cmd.replyTo().tell(r.reply());
            return List.of();
        } catch (ArithmeticException e) {
            cmd.replyTo().tell(Refusal.malformed("the cost of " + cmd.encodedLength() + " bytes for "
                    + cmd.epochsAhead() + " epochs does not fit in a long").reply());
            return List.of();
        }
    }

    /** The answer to an allocation already made under {@code cmd}'s key. */
    static StatusReply<AllocationReply> replay(LedgerState.Charge charge) {
        if (charge.allocation().isEmpty()) {
            return new Refusal(Refusal.ID_REUSED, "the registration was charged by ChargeStorage, without a storage "
                    + "resource").reply();
        }
        LedgerState.Allocation a = charge.allocation().get();
        return StatusReply.success(new AllocationReply.Allocated(a.resource(), a.operation(), charge.cost(),
                charge.balanceAfter(), charge.epoch()));
    }

    /** Refuses a wrong command; answers the memo entry its signed request gets (cost still unknown). */
    private static Optional<AccountEvents.RequestAnswered> checked(LedgerState state, AllocateStorage cmd,
                                                                   long nowMillis) {
        LedgerGenesis g = state.requireGenesis();
        if (cmd.epochsAhead() < 1 || cmd.epochsAhead() > g.maxEpochsAhead()) {
            throw Refusal.malformed("epochs ahead must be 1.." + g.maxEpochsAhead() + ": " + cmd.epochsAhead());
        }
        if (cmd.encodedLength() < 0) {
            throw Refusal.malformed("encoded length must be >= 0: " + cmd.encodedLength());
        }
        if (cmd.authorization().isEmpty()) {
            if (!g.gatewayAccount().equals(cmd.account())) {
                throw new Refusal(Refusal.WRONG_ACCOUNT, "only the gateway account " + g.gatewayAccount()
                        + " pays without a signed request, not " + cmd.account());
            }
            return Optional.empty();
        }
        String key = Refusal.keyOf(cmd.authorization().get());
        String digest = Refusal.digest(cmd.authorization().get().request());
        Optional<RequestMemo.Answer> earlier = Refusal.remembered(state, key, digest);
        if (earlier.isPresent()) {
            throw new Refusal(Refusal.ID_REUSED, "request " + key + " paid for the registration "
                    + earlier.get().object().map(ObjectId::toString).orElse("?") + " already");
        }
        VerifiedRequest verified = Refusal.verified(cmd.authorization().get(), nowMillis);
        requireMatches(verified, cmd, g.nShards());
        return Optional.of(new AccountEvents.RequestAnswered(key, new RequestMemo.Answer(digest,
                verified.expiresAtMillis(), "register_blob", 0, 0, state.epoch(), Optional.empty(),
                Optional.of(cmd.key()), cmd.account(), false), nowMillis));
    }

    /** The signed {@code register_blob} must be the payer's and ask for this length and these epochs. */
    private static void requireMatches(VerifiedRequest verified, AllocateStorage cmd, int nShards) {
        if (verified.operation() != ClientRequest.OperationCase.REGISTER_BLOB) {
            throw Refusal.malformed("storage is allocated for a register_blob request, not "
                    + verified.operation().name().toLowerCase(java.util.Locale.ROOT));
        }
        if (!verified.account().value().equals(cmd.account())) {
            throw new Refusal(Refusal.WRONG_ACCOUNT, "the request is signed by " + verified.account()
                    + ", the storage is for " + cmd.account());
        }
        RegisterBlobOp op = verified.request().getRegisterBlob();
        if (op.getEpochsAhead() != cmd.epochsAhead()) {
            throw Refusal.malformed("the request asks for " + op.getEpochsAhead() + " epochs, the registration for "
                    + cmd.epochsAhead());
        }
        long encoded;
        try {
            encoded = StorageCost.encodedLength(op.getUnencodedLength(), nShards);
        } catch (BlobTooLargeException | IllegalArgumentException e) {
            throw Refusal.malformed("the request's length " + op.getUnencodedLength() + " cannot be stored: "
                    + e.getMessage());
        }
        if (encoded != cmd.encodedLength()) {
            throw Refusal.malformed("the request's " + op.getUnencodedLength() + " bytes encode to " + encoded
                    + " bytes, the registration has " + cmd.encodedLength());
        }
    }

    private static AccountEvents.RequestAnswered withCost(AccountEvents.RequestAnswered a, long cost, long after) {
        RequestMemo.Answer x = a.answer();
        return new AccountEvents.RequestAnswered(a.key(), new RequestMemo.Answer(x.digest(), x.expiresAtMillis(),
                x.operation(), cost, after, x.epoch(), x.stake(), x.object(), x.payer(), false), a.atMillis());
    }
}
