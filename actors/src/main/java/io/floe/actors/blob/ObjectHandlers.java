package io.floe.actors.blob;

import io.floe.actors.blob.BlobEntity.Event;
import io.floe.actors.blob.BlobEntity.State;
import io.floe.actors.blob.ObjectCommands.ApplyRequest;
import io.floe.actors.blob.ObjectCommands.CheckRequest;
import io.floe.actors.blob.ObjectCommands.ObjectChange;
import io.floe.actors.blob.ObjectCommands.ObjectCheck;
import io.floe.actors.blob.ObjectCommands.RequestAnswered;
import io.floe.actors.ledger.CommitteeView;
import io.floe.encoding.merkle.Blake2b256;
import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.account.RequestRefusedException;
import io.floe.protocol.account.SignedRequest;
import io.floe.protocol.account.VerifiedRequest;
import io.floe.protocol.committee.Epoch;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import io.floe.protocol.proto.FloeAccountProto.ClientRequest;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.Registration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.javadsl.EffectFactories;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link BlobEntity}'s handlers of {@link ApplyRequest} and {@link CheckRequest}: verify the signed request with
 * the entity's clock, check it names this blob, answer a request answered before with its first answer, and
 * otherwise judge it by {@link ObjectRules} in the current epoch of the {@link CommitteeView}.
 *
 * <p>Invariants: nothing is persisted for a request that does not verify or is refused; an applied request persists
 * its change events and then one {@link RequestAnswered}, atomically, so the answer is remembered exactly when the
 * change happened; the same key with other request bytes is refused {@code ID_REUSED}.
 */
final class ObjectHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(ObjectHandlers.class);

    private final BlobId blobId;
    private final EffectFactories<Event, State> effect;
    private final CommitteeView committees;
    private final Clock clock;

    /** @param effect the entity's {@code Effect()} */
    ObjectHandlers(BlobId blobId, EffectFactories<Event, State> effect, CommitteeView committees, Clock clock) {
        this.blobId = blobId;
        this.effect = effect;
        this.committees = committees;
        this.clock = clock;
    }

    ReplyEffect<Event, State> onApply(State state, ApplyRequest cmd) {
        long now = clock.millis();
        Optional<ObjectChange> remembered = remembered(state, cmd.request());
        if (remembered.isPresent()) {
            return effect.reply(cmd.replyTo(), StatusReply.success(remembered.get()));
        }
        try {
            VerifiedRequest request = verify(cmd.request(), now);
            Optional<ObjectChange> earlier = earlierAnswer(state, request, cmd.request());
            if (earlier.isPresent()) {
                return effect.reply(cmd.replyTo(), StatusReply.success(earlier.get()));
            }
            Epoch epoch = currentEpoch();
            requirePricedEnd(state, request, cmd.pricedEnd());
            ObjectRules.Plan plan = ObjectRules.plan(state, request, epoch, OptionalLong.of(cmd.paid()));
            State after = ObjectEvents.applyAll(state, plan.events());
            ObjectChange answer = new ObjectChange(request.key(), ObjectRules.acted(plan, state, after),
                    plan.released());
            List<Event> events = new ArrayList<>(plan.events());
            events.add(new RequestAnswered(request.key(), digest(cmd.request()), request.expiresAtMillis(), now,
                    answer));
            return effect.persist(events)
                    .thenRun(s -> LOG.debug("Blob {}: {} by {} in epoch {}", blobId, request.operation(),
                            request.account(), epoch))
                    .thenReply(cmd.replyTo(), s -> StatusReply.success(answer));
        } catch (ObjectRefusal refusal) {
            LOG.debug("Blob {}: refused {}: {}", blobId, cmd.request(), refusal.getMessage());
            return effect.reply(cmd.replyTo(), StatusReply.error(refusal.getMessage()));
        }
    }

    ReplyEffect<Event, State> onCheck(State state, CheckRequest cmd) {
        Optional<ObjectChange> remembered = remembered(state, cmd.request());
        if (remembered.isPresent() && !remembered.get().after().isEmpty()) {
            Epoch epoch = committees.epochs().map(e -> e.current().epoch()).orElse(new Epoch(0));
            return effect.reply(cmd.replyTo(), StatusReply.success(new ObjectCheck(remembered.get().after().get(0),
                    epoch)));
        }
        try {
            VerifiedRequest request = verify(cmd.request(), clock.millis());
            Epoch epoch = currentEpoch();
            Optional<ObjectChange> earlier = earlierAnswer(state, request, cmd.request());
            ObjectCheck check = earlier.isPresent() ? new ObjectCheck(earlier.get().after().get(0), epoch)
                    : new ObjectCheck(ObjectRules.check(state, request, epoch), epoch);
            return effect.reply(cmd.replyTo(), StatusReply.success(check));
        } catch (ObjectRefusal refusal) {
            return effect.reply(cmd.replyTo(), StatusReply.error(refusal.getMessage()));
        }
    }

    /**
     * An extension applies to the end epoch it was priced from: if another extension moved it since, this one is
     * refused (the caller refunds it), so two extensions cannot together reach past what the ledger allowed.
     */
    private static void requirePricedEnd(State state, VerifiedRequest request, Optional<Epoch> pricedEnd) {
        if (pricedEnd.isEmpty() || request.operation() != ClientRequest.OperationCase.EXTEND_BLOB) {
            return;
        }
        ObjectId objectId;
        try {
            objectId = ObjectId.of(request.request().getExtendBlob().getObjectId().toByteArray());
        } catch (IllegalArgumentException e) {
            return; // the rules refuse a malformed object ID with their own reason
        }
        Optional<Registration> object = state.registration(objectId);
        if (object.isPresent() && !object.get().endEpoch().equals(pricedEnd.get())) {
            throw new ObjectRefusal(RequestRefusedException.Reason.MALFORMED, "the blob object's end epoch moved from "
                    + pricedEnd.get() + " to " + object.get().endEpoch() + " since this extension was priced (another "
                    + "extension?); sign a new request");
        }
    }

    /** The request verified at {@code now} and naming this blob. */
    private VerifiedRequest verify(SignedRequest signed, long now) {
        VerifiedRequest request;
        try {
            request = signed.verify(now);
        } catch (RequestRefusedException e) {
            throw ObjectRefusal.of(e);
        }
        byte[] named = request.request().getBlobId().toByteArray();
        if (!Arrays.equals(named, blobId.bytes())) {
            throw new ObjectRefusal(RequestRefusedException.Reason.MALFORMED, "the request's blob_id is not "
                    + blobId + ", whose entity got it");
        }
        return request;
    }

    /**
     * The first answer to exactly these bytes, looked up before the request is verified (as the ledger does): a
     * retry of an applied request gets its answer even after it expired, so a saga that charged or deleted for it
     * finishes (and never refunds what was applied). Bytes that do not parse, or another request under the key,
     * find nothing here and are judged by {@link #verify}.
     */
    private static Optional<ObjectChange> remembered(State state, SignedRequest signed) {
        String key;
        try {
            key = signed.key();
        } catch (RequestRefusedException malformed) {
            return Optional.empty();
        }
        String digest = digest(signed);
        return state.objects().answerTo(key).filter(a -> a.requestDigest().equals(digest))
                .map(ObjectMemory.Answered::answer);
    }

    /** The first answer to the request's key, if it was answered; other bytes under that key are refused. */
    private static Optional<ObjectChange> earlierAnswer(State state, VerifiedRequest request, SignedRequest signed) {
        Optional<ObjectMemory.Answered> earlier = state.objects().answerTo(request.key());
        if (earlier.isPresent() && !earlier.get().requestDigest().equals(digest(signed))) {
            throw new ObjectRefusal(RequestRefusedException.Reason.ID_REUSED, "request " + request.key()
                    + " was answered for other bytes; use a new request ID");
        }
        return earlier.map(ObjectMemory.Answered::answer);
    }

    private Epoch currentEpoch() {
        return committees.epochs().map(e -> e.current().epoch()).orElseThrow(() ->
                new ObjectRefusal(ObjectRefusal.UNAVAILABLE, "no committee is known here yet; try again"));
    }

    /** Hex Blake2b-256 of the request's bytes: what a retry must repeat. */
    static String digest(SignedRequest signed) {
        return HexFormat.of().formatHex(Blake2b256.hash(signed.request()));
    }
}
