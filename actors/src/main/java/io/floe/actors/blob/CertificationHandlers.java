package io.floe.actors.blob;

import io.floe.actors.blob.BlobEntity.Certified;
import io.floe.actors.blob.BlobEntity.CertifyReply;
import io.floe.actors.blob.BlobEntity.Certify;
import io.floe.actors.blob.BlobEntity.Event;
import io.floe.actors.blob.BlobEntity.MarkInvalid;
import io.floe.actors.blob.BlobEntity.MarkInvalidReply;
import io.floe.actors.blob.BlobEntity.MarkedInvalid;
import io.floe.actors.blob.BlobEntity.NotEnough;
import io.floe.actors.blob.BlobEntity.SliverPairsAttested;
import io.floe.actors.blob.BlobEntity.State;
import io.floe.actors.blob.BlobEntity.Unavailable;
import io.floe.actors.ledger.CommitteeView;
import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.Registration;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.signing.ProtocolMessages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.javadsl.EffectFactories;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link BlobEntity}'s handlers of {@link Certify} and {@link MarkInvalid} on a blob not marked invalid: tally the
 * nodes' signatures per signing committee and persist attestations, the point of availability or the invalidity
 * (the invariants are the entity's, in its Javadoc).
 */
final class CertificationHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(BlobEntity.class);

    private final BlobId blobId;
    private final EffectFactories<Event, State> effect;
    private final CommitteeView committees;

    /** @param effect the entity's {@code Effect()} */
    CertificationHandlers(BlobId blobId, EffectFactories<Event, State> effect, CommitteeView committees) {
        this.blobId = blobId;
        this.effect = effect;
        this.committees = committees;
    }

    ReplyEffect<Event, State> onCertify(State state, Certify cmd) {
        Optional<Registration> registration = state.registration(cmd.objectId());
        if (registration.isEmpty()) {
            return effect.reply(cmd.replyTo(),
                    StatusReply.error("unknown registration " + cmd.objectId() + " of blob " + blobId));
        }
        if (registration.get().certified()) {
            return effect.reply(cmd.replyTo(),
                    StatusReply.success(new CertifyReply.Certified(state.toRecord(blobId))));
        }
        List<Committee> signing = committees.signing();
        if (signing.isEmpty()) {
            return effect.reply(cmd.replyTo(), StatusReply.success(new Unavailable("no committee is known yet")));
        }
        if (!registration.get().activeIn(signing.get(0).epoch())) {
            // Walrus's certify asserts current_epoch < end_epoch: a certificate for storage that ended is worthless.
            return effect.reply(cmd.replyTo(), StatusReply.error("registration " + cmd.objectId() + " of blob "
                    + blobId + " ended with epoch " + (registration.get().endEpoch().value() - 1)
                    + "; it cannot be certified in epoch " + signing.get(0).epoch()));
        }
        return attest(state, cmd, registration.get(), signing);
    }

    private ReplyEffect<Event, State> attest(State state, Certify cmd, Registration registration,
                                             List<Committee> signing) {
        Map<Committee, ConfirmationTally> tallies = ConfirmationTally.perCommittee(signing,
                c -> expectedConfirmation(c.epoch(), registration), state.attestationsOf(cmd.objectId()),
                cmd.confirmations());
        Committee committee = ConfirmationTally.firstReaching(tallies, Committee::isQuorum).orElse(signing.get(0));
        ConfirmationTally tally = tallies.get(committee);
        List<Event> events = new ArrayList<>();
        boolean quorum = committee.isQuorum(tally.weight());
        // At a quorum only the certifying committee's attestations are kept, so that a node's stored attestation is
        // the one its certificate counted, not a newer one of another epoch.
        (quorum ? tally.fresh() : ConfirmationTally.freshOfAll(tallies)).forEach((node, message) ->
                events.add(new SliverPairsAttested(cmd.objectId(), node, message)));
        if (quorum) {
            events.add(new Certified(cmd.objectId(), committee.epoch(), List.copyOf(tally.signers())));
        }
        CertifyReply notEnough = new NotEnough(tally.weight(), committee.nShards(), tally.invalid());
        LOG.debug("Blob {} {}: {} new, {} invalid, weight {}/{}", blobId, cmd.objectId(), tally.fresh().size(),
                tally.invalid(), tally.weight(), committee.nShards());
        if (events.isEmpty()) {
            return effect.reply(cmd.replyTo(), StatusReply.success(notEnough));
        }
        return effect.persist(events)
                .thenRun(s -> logCertified(quorum, cmd.objectId(), committee, tally))
                .thenReply(cmd.replyTo(),
                        s -> StatusReply.success(quorum ? new CertifyReply.Certified(s.toRecord(blobId)) : notEnough));
    }

    private void logCertified(boolean quorum, ObjectId objectId, Committee committee, ConfirmationTally tally) {
        if (quorum) {
            LOG.info("Blob {} registration {} certified in epoch {} by {} nodes holding {}/{} shards", blobId,
                    objectId, committee.epoch(), tally.signers().size(), tally.weight(), committee.nShards());
        }
    }

    ReplyEffect<Event, State> onMarkInvalid(State state, MarkInvalid cmd) {
        List<Committee> signing = committees.signing();
        if (signing.isEmpty()) {
            return effect.reply(cmd.replyTo(), new Unavailable("no committee is known yet"));
        }
        Map<Committee, ConfirmationTally> tallies = ConfirmationTally.perCommittee(signing,
                c -> ProtocolMessages.invalidBlob(c.epoch(), blobId), Map.of(), cmd.signatures());
        Committee committee = ConfirmationTally.firstReaching(tallies, Committee::isValidity).orElse(signing.get(0));
        Epoch epoch = committee.epoch();
        ConfirmationTally tally = tallies.get(committee);
        LOG.debug("Blob {} invalidity: {} valid, {} invalid signatures, weight {}/{}", blobId, tally.signers().size(),
                tally.invalid(), tally.weight(), committee.nShards());
        if (!committee.isValidity(tally.weight())) {
            return effect.reply(cmd.replyTo(), new NotEnough(tally.weight(), committee.nShards(), tally.invalid()));
        }
        return effect.persist(new MarkedInvalid(epoch, List.copyOf(tally.signers())))
                .thenRun(s -> LOG.info("Blob {} marked invalid in epoch {} by {} nodes holding {}/{} shards", blobId,
                        epoch, tally.signers().size(), tally.weight(), committee.nShards()))
                .thenReply(cmd.replyTo(), s -> new MarkInvalidReply.Marked(s.toRecord(blobId)));
    }

    /** The BLOB_CERT bytes a node signs for this registration: deletable ones bind the object ID. */
    private byte[] expectedConfirmation(Epoch epoch, Registration registration) {
        return registration.deletable()
                ? ProtocolMessages.blobCertifiedDeletable(epoch, blobId, registration.objectId())
                : ProtocolMessages.blobCertified(epoch, blobId);
    }
}
