package io.floe.actors.ledger;

import io.floe.protocol.account.Address;
import io.floe.protocol.account.VerifiedRequest;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.ledger.StakeChange;
import io.floe.protocol.ledger.StakedWal;
import io.floe.protocol.proto.FloeAccountProto.ClientRequest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a verified signed request that changes only the ledger does ({@link AccountCommands.Submit}): a transfer, the
 * staking operations on the signer's own account (by {@link StakeRules}, persisted as the staking events the ledger
 * already has), or funds added to a shared blob. Pure: answers the events and the answer to remember, or throws a
 * {@link Refusal}.
 *
 * <p>Invariant: no decision takes more FROST from the signer than its balance holds.
 */
final class SubmitRules {
    private SubmitRules() {
    }

    /** The events that carry out a request and the answer it gets. */
    record Decision(List<SystemLedger.Event> events, RequestMemo.Answer answer) {
    }

    /** The operation's name as a client sees it: the {@code ClientRequest} oneof field's. */
    static String operationName(ClientRequest.OperationCase operation) {
        return operation.name().toLowerCase(Locale.ROOT);
    }

    static Decision decide(LedgerState state, VerifiedRequest request, String key, String digest) {
        String signer = request.account().value();
        ClientRequest r = request.request();
        long balance = state.balance(signer);
        Answer answer = new Answer(state, request, digest);
        switch (request.operation()) {
            case TRANSFER:
                long amount = positive(r.getTransfer().getAmount());
                if (!Address.isAddress(r.getTransfer().getTo())) {
                    throw Refusal.malformed("a transfer goes to an address (0x and 64 hex digits): "
                            + r.getTransfer().getTo());
                }
                affordable(balance, amount);
                return new Decision(List.of(new AccountEvents.Transferred(signer, r.getTransfer().getTo(), amount)),
                        answer.of(amount, balance - amount, Optional.empty()));
            case FUND_SHARED_BLOB:
                long funds = positive(r.getFundSharedBlob().getAmount());
                affordable(balance, funds);
                ObjectId object = objectId(r.getFundSharedBlob().getObjectId().toByteArray());
                return new Decision(List.of(new AccountEvents.SharedBlobFunded(signer, object, funds)),
                        answer.of(funds, balance - funds, Optional.empty()));
            case STAKE:
                return stake(state, signer, node(r.getStake().getNodeId()), r.getStake().getAmount(), key, answer);
            case REQUEST_WITHDRAW_STAKE:
                return requestWithdrawal(state, signer, node(r.getRequestWithdrawStake().getNodeId()), key, answer);
            case WITHDRAW_STAKE:
                return withdrawal(state, signer, node(r.getWithdrawStake().getNodeId()), key, answer);
            default:
                throw Refusal.malformed(operationName(request.operation()) + " is not carried out by the ledger "
                        + "alone");
        }
    }

    private static Decision stake(LedgerState state, String signer, NodeId node, long amount, String key,
                                  Answer answer) {
        StakeRules.stakeProblem(state, signer, node, amount).ifPresent(p -> {
            throw Refusal.malformed(p);
        });
        long balance = state.balance(signer);
        affordable(balance, amount);
        StakedWal stake = new StakedWal(state.book().nextId(), node, signer, amount, StakeRules.activation(state),
                Optional.empty());
        StakeChange change = new StakeChange(List.of(stake), amount, balance - amount);
        return new Decision(List.of(new SystemLedger.Staked(stake, Optional.of(new RequestKey(key)))),
                answer.of(amount, balance - amount, Optional.of(change)));
    }

    private static Decision requestWithdrawal(LedgerState state, String signer, NodeId node, String key,
                                              Answer answer) {
        List<StakedWal> requested = StakeRules.withdrawalsRequested(state, signer, node);
        if (requested.isEmpty()) {
            throw Refusal.malformed("account " + signer + " has no stake with " + node
                    + " that is not being withdrawn already");
        }
        long balance = state.balance(signer);
        return new Decision(List.of(new SystemLedger.StakeWithdrawalRequested(requested,
                Optional.of(new RequestKey(key)))),
                answer.of(0, balance, Optional.of(new StakeChange(requested, 0, balance))));
    }

    private static Decision withdrawal(LedgerState state, String signer, NodeId node, String key, Answer answer) {
        List<StakedWal> due = StakeRules.due(state, signer, node);
        if (due.isEmpty()) {
            throw Refusal.malformed(StakeRules.nothingDue(state, signer, node));
        }
        long amount = StakeRules.sum(due);
        long after = Math.addExact(state.balance(signer), amount);
        return new Decision(List.of(new SystemLedger.StakeWithdrawn(due, Optional.of(new RequestKey(key)))),
                answer.of(amount, after, Optional.of(new StakeChange(due, amount, after))));
    }

    /** Builds the answer to remember for one request. */
    private record Answer(LedgerState state, VerifiedRequest request, String digest) {
        RequestMemo.Answer of(long amount, long balanceAfter, Optional<StakeChange> stake) {
            return new RequestMemo.Answer(digest, request.expiresAtMillis(), operationName(request.operation()),
                    amount, balanceAfter, state.epoch(), stake, Optional.empty(), request.account().value(), false);
        }
    }

    static long positive(long amount) {
        if (amount <= 0) {
            throw Refusal.malformed("an amount must be > 0 FROST: " + amount);
        }
        return amount;
    }

    static void affordable(long balance, long amount) {
        if (balance < amount) {
            throw new Refusal(Refusal.INSUFFICIENT_FUNDS, "the balance is " + balance + " FROST, " + amount
                    + " are needed");
        }
    }

    static ObjectId objectId(byte[] bytes) {
        try {
            return ObjectId.of(bytes);
        } catch (IllegalArgumentException e) {
            throw Refusal.malformed("an object ID has 32 bytes, got " + bytes.length);
        }
    }

    private static NodeId node(String id) {
        try {
            return new NodeId(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw Refusal.malformed("not a node ID: '" + id + "'");
        }
    }
}
