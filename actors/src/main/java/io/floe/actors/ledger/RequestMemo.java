package io.floe.actors.ledger;

import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.ledger.StakeChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import scala.collection.immutable.VectorMap;
import scala.collection.immutable.VectorMap$;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The answers the ledger gave to keyed account requests (signed requests by {@code account/requestId}, and the
 * gateway's keyed calls), so a retry is answered as the first call was and changes nothing, and the same key with
 * other bytes is recognised. Entries are kept in the order they were answered.
 *
 * <p>Invariants: immutable; an answer is kept at least until its {@code expiresAtMillis}: {@link #with} forgets only
 * answers that expired before the event's own time, oldest first (stopping at the first one still valid), so replaying
 * the journal forgets exactly what the live ledger forgot. A signed request cannot be verified after its expiry, so a
 * forgotten key can never be carried out a second time.
 */
public final class RequestMemo {
    private static final RequestMemo EMPTY = new RequestMemo(VectorMap$.MODULE$.<String, Answer>empty());

    /**
     * One answer as first given.
     *
     * @param digest       SHA-256 (hex) of what the key was used for: the signed request's bytes, or the call's values
     * @param operation    the operation's name ({@code transfer}, {@code extend_blob}, {@code faucet}, ...)
     * @param amount       FROST moved or charged
     * @param balanceAfter the payer's balance (or the shared blob's funds) afterwards
     * @param object       the object the request was about (an extension's or registration's), if any
     * @param payer        who paid an extension: the account, or empty when the shared funds of {@code object} did
     * @param refunded     an extension charge given back ({@link AccountCommands.Refund})
     */
    public record Answer(String digest, long expiresAtMillis, String operation, long amount, long balanceAfter,
                         Epoch epoch, Optional<StakeChange> stake, Optional<ObjectId> object, String payer,
                         boolean refunded) {
        public Answer {
            Objects.requireNonNull(digest, "digest");
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(epoch, "epoch");
            Objects.requireNonNull(stake, "stake");
            Objects.requireNonNull(object, "object");
            Objects.requireNonNull(payer, "payer");
        }

        /** An answer that moved nothing worth reporting but its operation (returned storage, a refund). */
        static Answer plain(String digest, long expiresAtMillis, String operation, Epoch epoch) {
            return new Answer(digest, expiresAtMillis, operation, 0, 0, epoch, Optional.empty(), Optional.empty(), "",
                    false);
        }

        Answer refundedNow() {
            return new Answer(digest, expiresAtMillis, operation, amount, balanceAfter, epoch, stake, object, payer,
                    true);
        }
    }

    private final VectorMap<String, Answer> answers;
    private final Map<String, Answer> view;

    private RequestMemo(VectorMap<String, Answer> answers) {
        this.answers = answers;
        this.view = CollectionConverters.asJava(answers);
    }

    public static RequestMemo empty() {
        return EMPTY;
    }

    /** {@code answers} in their iteration order (a snapshot's). */
    public static RequestMemo of(Map<String, Answer> answers) {
        VectorMap<String, Answer> all = VectorMap$.MODULE$.empty();
        for (Map.Entry<String, Answer> e : answers.entrySet()) {
            all = all.updated(e.getKey(), e.getValue());
        }
        return new RequestMemo(all);
    }

    public Optional<Answer> of(String key) {
        return Optional.ofNullable(view.get(key));
    }

    /** Every answer, oldest first. */
    public Map<String, Answer> answers() {
        return view;
    }

    public int size() {
        return answers.size();
    }

    /** This memo with {@code answer} under {@code key}, less the oldest answers expired before {@code atMillis}. */
    RequestMemo with(String key, Answer answer, long atMillis) {
        VectorMap<String, Answer> pruned = answers;
        while (!pruned.isEmpty() && pruned.head()._2().expiresAtMillis() < atMillis) {
            pruned = pruned.removed(pruned.head()._1());
        }
        return new RequestMemo(pruned.updated(key, answer));
    }

    /** This memo with the answer under {@code key} (which must be there) marked refunded, in its place. */
    RequestMemo refunded(String key) {
        Answer answer = of(key).orElseThrow(() -> new IllegalStateException("no answer under " + key));
        return new RequestMemo(answers.updated(key, answer.refundedNow()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RequestMemo other && List.copyOf(view.entrySet()).equals(
                List.copyOf(other.view.entrySet()));
    }

    @Override
    public int hashCode() {
        return new ArrayList<>(view.entrySet()).hashCode();
    }

    @Override
    public String toString() {
        return "RequestMemo" + view;
    }
}
