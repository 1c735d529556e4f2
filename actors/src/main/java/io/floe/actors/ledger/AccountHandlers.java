package io.floe.actors.ledger;

import io.floe.actors.ledger.AccountCommands.ChargeExtension;
import io.floe.actors.ledger.AccountCommands.Faucet;
import io.floe.actors.ledger.AccountCommands.Receipt;
import io.floe.actors.ledger.AccountCommands.Refund;
import io.floe.actors.ledger.AccountCommands.ReturnStorage;
import io.floe.actors.ledger.AccountCommands.Submit;
import io.floe.actors.ledger.SystemLedger.ChargeReply;
import io.floe.actors.ledger.SystemLedger.Event;
import io.floe.protocol.account.SignedRequest;
import io.floe.protocol.account.RequestRefusedException;
import io.floe.protocol.account.VerifiedRequest;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.StorageCost;
import io.floe.protocol.blob.StorageResource;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.ledger.AccountInfo;
import io.floe.protocol.proto.FloeAccountProto.ClientRequest;
import io.floe.protocol.proto.FloeAccountProto.ExtendBlobOp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.javadsl.EffectBuilder;
import org.apache.pekko.persistence.typed.javadsl.EffectFactories;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;

/**
 * The {@link SystemLedger}'s handlers of {@link AccountCommands} but {@link AccountCommands.AllocateStorage}
 * ({@link ChargeBatcher}): signed requests, extensions, refunds, returned storage, the faucet and account queries.
 *
 * <p>Invariants: a key the ledger remembers ({@link RequestMemo}) is answered with its first answer and persists
 * nothing (or is refused {@code ID_REUSED} for other bytes); otherwise a signed request is verified at the ledger's
 * clock before anything is decided; a refusal persists nothing; a command that succeeds persists its events and the
 * {@link AccountEvents.RequestAnswered} of its key in one write.
 */
final class AccountHandlers {
    private final EffectFactories<Event, LedgerState> effect;
    private final Clock clock;

    AccountHandlers(EffectFactories<Event, LedgerState> effect, Clock clock) {
        this.effect = effect;
        this.clock = clock;
    }

    ReplyEffect<Event, LedgerState> onSubmit(LedgerState state, Submit cmd) {
        return refusing(cmd.replyTo(), () -> {
            String key = Refusal.keyOf(cmd.request());
            String digest = Refusal.digest(cmd.request().request());
            Optional<RequestMemo.Answer> earlier = Refusal.remembered(state, key, digest);
            if (earlier.isPresent()) {
                return effect.reply(cmd.replyTo(), StatusReply.success(receipt(key, earlier.get())));
            }
            long now = clock.millis();
            VerifiedRequest verified = Refusal.verified(cmd.request(), now);
            SubmitRules.Decision decision = SubmitRules.decide(state, verified, key, digest);
            return persist(decision.events(), key, decision.answer(), now)
                    .thenReply(cmd.replyTo(), s -> StatusReply.success(receipt(key, decision.answer())));
        });
    }

    ReplyEffect<Event, LedgerState> onChargeExtension(LedgerState state, ChargeExtension cmd) {
        return refusing(cmd.replyTo(), () -> {
            String key = Refusal.keyOf(cmd.request());
            String digest = Refusal.digest(cmd.request().request());
            Optional<RequestMemo.Answer> earlier = Refusal.remembered(state, key, digest);
            if (earlier.isPresent()) {
                RequestMemo.Answer a = earlier.get();
                if (a.refunded()) {
                    // A refunded charge is not paid any more: replaying "charged" would extend for free.
                    throw new Refusal(Refusal.ID_REUSED, "request " + key
                            + " was refunded (its extension was refused); sign a new request");
                }
                return effect.reply(cmd.replyTo(), StatusReply.success(
                        new ChargeReply.Charged(a.amount(), a.balanceAfter(), a.epoch())));
            }
            long now = clock.millis();
            VerifiedRequest verified = Refusal.verified(cmd.request(), now);
            int epochs = extension(state, verified, cmd);
            LedgerGenesis g = state.requireGenesis();
            long cost = StorageCost.cost(cmd.storageSize(), epochs, g.storagePricePerUnit(), 0);
            String signer = verified.account().value();
            long funds = cmd.fromSharedFunds() ? state.accounts().sharedFundsOf(cmd.objectId()) : state.balance(signer);
            if (funds < cost) {
                return effect.reply(cmd.replyTo(), StatusReply.success(new ChargeReply.InsufficientFunds(funds, cost)));
            }
            Optional<ObjectId> shared = cmd.fromSharedFunds() ? Optional.of(cmd.objectId()) : Optional.empty();
            RequestMemo.Answer answer = new RequestMemo.Answer(digest, verified.expiresAtMillis(), "extend_blob",
                    cost, funds - cost, state.epoch(), Optional.empty(), Optional.of(cmd.objectId()),
                    cmd.fromSharedFunds() ? "" : signer, false);
            return persist(List.of(new AccountEvents.ExtensionCharged(signer, shared, cost)), key, answer, now)
                    .thenReply(cmd.replyTo(), s -> StatusReply.success(
                            new ChargeReply.Charged(cost, funds - cost, state.epoch())));
        });
    }

    /** The epochs a signed {@code extend_blob} adds, once checked against the command and the limit. */
    private static int extension(LedgerState state, VerifiedRequest verified, ChargeExtension cmd) {
        if (verified.operation() != ClientRequest.OperationCase.EXTEND_BLOB) {
            throw Refusal.malformed("an extension is charged for an extend_blob request, not "
                    + SubmitRules.operationName(verified.operation()));
        }
        ExtendBlobOp op = verified.request().getExtendBlob();
        if (!SubmitRules.objectId(op.getObjectId().toByteArray()).equals(cmd.objectId())) {
            throw Refusal.malformed("the request extends another object than " + cmd.objectId());
        }
        if (op.getEpochsExtended() < 1 || cmd.storageSize() < 0) {
            throw Refusal.malformed("an extension adds at least one epoch: " + op.getEpochsExtended());
        }
        int max = state.requireGenesis().maxEpochsAhead();
        long ahead = (long) cmd.currentEnd().value() + op.getEpochsExtended() - state.epoch().value();
        if (ahead > max) {
            throw Refusal.malformed("the blob would end " + ahead + " epochs after the current epoch "
                    + state.epoch() + ", more than the " + max + " storage can be bought for");
        }
        return op.getEpochsExtended();
    }

    ReplyEffect<Event, LedgerState> onRefund(LedgerState state, Refund cmd) {
        return refusing(cmd.replyTo(), () -> {
            RequestMemo.Answer charged = state.accounts().answered().of(cmd.key()).orElseThrow(() -> new Refusal(
                    Refusal.NOT_FOUND, "no charge under " + cmd.key() + " (or it expired)"));
            if (!charged.operation().equals("extend_blob")) {
                throw Refusal.malformed(cmd.key() + " was a " + charged.operation() + ", not a refundable charge");
            }
            if (charged.refunded()) {
                return effect.reply(cmd.replyTo(), StatusReply.ack());
            }
            Optional<ObjectId> shared = charged.payer().isEmpty() ? charged.object() : Optional.empty();
            return effect.persist(new AccountEvents.ChargeRefunded(cmd.key(), charged.payer(), shared,
                    charged.amount())).thenReply(cmd.replyTo(), s -> StatusReply.ack());
        });
    }

    ReplyEffect<Event, LedgerState> onReturnStorage(LedgerState state, ReturnStorage cmd) {
        return refusing(cmd.replyTo(), () -> {
            String key = "return:" + cmd.key();
            StorageResource r = cmd.resource();
            String digest = Refusal.digest(cmd.owner(), r.id(), r.start(), r.end(), r.size());
            if (Refusal.remembered(state, key, digest).isPresent()) {
                return effect.reply(cmd.replyTo(), StatusReply.ack());
            }
            if (cmd.owner() == null || cmd.owner().isBlank()) {
                throw Refusal.malformed("returned storage needs an owner");
            }
            Epoch now = state.epoch();
            List<Event> events = new ArrayList<>();
            boolean held = state.accounts().freeStorage().getOrDefault(cmd.owner(), List.of()).stream()
                    .anyMatch(free -> free.id().equals(r.id()));
            if (!r.expiredAt(now) && !held) {
                StorageResource fromNow = r.start().compareTo(now) < 0 ? r.splitByEpoch(now, r.id()).split() : r;
                events.add(new AccountEvents.StorageReturned(cmd.owner(), fromNow));
            }
            long millis = clock.millis();
            return persist(events, key, RequestMemo.Answer.plain(digest, expiry(millis), "return_storage", now),
                    millis).thenReply(cmd.replyTo(), s -> StatusReply.ack());
        });
    }

    ReplyEffect<Event, LedgerState> onFaucet(LedgerState state, Faucet cmd) {
        return refusing(cmd.replyTo(), () -> {
            String key = "faucet:" + cmd.key();
            String digest = Refusal.digest(cmd.account(), cmd.amount());
            Optional<RequestMemo.Answer> earlier = Refusal.remembered(state, key, digest);
            if (earlier.isPresent()) {
                return effect.reply(cmd.replyTo(), StatusReply.success(earlier.get().balanceAfter()));
            }
            LedgerGenesis g = state.requireGenesis();
            if (!g.hasFaucet()) {
                throw new Refusal(Refusal.NO_FAUCET, "this network has no faucet");
            }
            if (cmd.account() == null || cmd.account().isBlank()
                    || cmd.account().equals(LedgerGenesis.FAUCET_ACCOUNT)) {
                throw Refusal.malformed("the faucet pays an account: '" + cmd.account() + "'");
            }
            long amount = SubmitRules.positive(cmd.amount());
            if (amount > g.maxFaucetAmount()) {
                throw Refusal.malformed("the faucet hands out at most " + g.maxFaucetAmount() + " FROST at a time");
            }
            long left = state.balance(LedgerGenesis.FAUCET_ACCOUNT);
            if (left < amount) {
                throw new Refusal(Refusal.NO_FAUCET, "the faucet has only " + left + " FROST left");
            }
            long after = Math.addExact(state.balance(cmd.account()), amount);
            long millis = clock.millis();
            RequestMemo.Answer answer = new RequestMemo.Answer(digest, expiry(millis), "faucet", amount, after,
                    state.epoch(), Optional.empty(), Optional.empty(), LedgerGenesis.FAUCET_ACCOUNT, false);
            return persist(List.of(new AccountEvents.FaucetPaid(cmd.account(), amount)), key, answer, millis)
                    .thenReply(cmd.replyTo(), s -> StatusReply.success(after));
        });
    }

    static AccountInfo account(LedgerState state, String account) {
        return new AccountInfo(account, state.balance(account), state.accounts().freeOf(account, state.epoch()));
    }

    private static Receipt receipt(String key, RequestMemo.Answer a) {
        return new Receipt(key, a.operation(), a.amount(), a.balanceAfter(), a.stake());
    }

    /** How long an unsigned keyed call is remembered: as long as a signed request may live. */
    private static long expiry(long millis) {
        return millis + SignedRequest.MAX_VALIDITY.toMillis();
    }

    private EffectBuilder<Event, LedgerState> persist(List<Event> events,
            String key, RequestMemo.Answer answer, long millis) {
        List<Event> all = new ArrayList<>(events);
        all.add(new AccountEvents.RequestAnswered(key, answer, millis));
        return effect.persist(all);
    }

    /** Runs {@code handler}, answering a {@link Refusal} (or an overflowing cost) as an error that persists nothing. */
    private <T> ReplyEffect<Event, LedgerState> refusing(ActorRef<StatusReply<T>> replyTo,
                                                        Supplier<ReplyEffect<Event, LedgerState>> handler) {
        try {
            return handler.get();
        } catch (Refusal r) {
            return effect.reply(replyTo, r.reply());
        } catch (ArithmeticException e) {
            return effect.reply(replyTo, Refusal.malformed("an amount does not fit in a long").reply());
        }
    }
}
