package io.floe.actors.blob;

import io.floe.actors.ledger.CommitteeView;
import io.floe.actors.serialization.FloeMessage;
import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.blob.BlobRecord;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.Registration;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.signing.NodeConfirmation;
import io.floe.protocol.signing.SignedMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReplyBuilderByState;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All registrations of one blob ID and the storage nodes' attestations for them; records each registration's
 * point of availability. Cluster Sharding entity, event sourced, entity ID = the blob ID's string form.
 *
 * <p>Invariants: a registration is stored once per object ID and never replaced by a later Register; an
 * attestation is stored only after its bytes matched the expected BLOB_CERT message of a signing committee's epoch
 * and its signature verified under that member's key; a registration is certified at most once, and only when the
 * valid attestations of one committee reach a quorum of its shards; the {@code Certified} event records that
 * committee's epoch. The signing committees are the current one and, while shards move
 * ({@code EPOCH_CHANGE_SYNC}), the previous one: the current is tried first. A blob is marked invalid at most once,
 * and only when valid INVALID_BLOB_ID signatures of one signing committee reach validity weight ({@code 3w >= n+1},
 * so at least one honest node verified an inconsistency proof); from then on nothing is registered anew or
 * certified. A deleted registration leaves the state and its object ID is never registered again; signed requests on
 * blob objects keep the invariants of {@link ObjectCommands}.
 */
public final class BlobEntity
        extends EventSourcedBehaviorWithEnforcedReplies<BlobEntity.Command, BlobEntity.Event, BlobEntity.State> {

    private static final Logger LOG = LoggerFactory.getLogger(BlobEntity.class);
    private static final int SNAPSHOT_EVERY = 100;
    private static final int SNAPSHOTS_KEPT = 2;

    /**
     * The registrations in arrival order (deleted ones removed), per object ID the attestations by node, the epoch of
     * the certificate that marked the blob invalid, if one did, and the memory of deleted objects and answered
     * requests.
     */
    public record State(List<Registration> registrations, Map<ObjectId, Map<NodeId, SignedMessage>> attestations,
                        Optional<Epoch> invalidEpoch, ObjectMemory objects) implements FloeMessage {
        public State {
            registrations = List.copyOf(registrations);
            Map<ObjectId, Map<NodeId, SignedMessage>> copy = new LinkedHashMap<>();
            attestations.forEach((id, byNode) -> copy.put(id, Collections.unmodifiableMap(new TreeMap<>(byNode))));
            attestations = Collections.unmodifiableMap(copy);
            Objects.requireNonNull(objects, "objects");
        }

        /** A state of a blob whose objects were never deleted nor acted on by a signed request. */
        public State(List<Registration> registrations, Map<ObjectId, Map<NodeId, SignedMessage>> attestations,
                     Optional<Epoch> invalidEpoch) {
            this(registrations, attestations, invalidEpoch, ObjectMemory.empty());
        }

        /** A state of a blob not marked invalid. */
        public State(List<Registration> registrations, Map<ObjectId, Map<NodeId, SignedMessage>> attestations) {
            this(registrations, attestations, Optional.empty());
        }

        public static State empty() {
            return new State(List.of(), Map.of());
        }

        public boolean invalid() {
            return invalidEpoch.isPresent();
        }

        public Optional<Registration> registration(ObjectId objectId) {
            return registrations.stream().filter(r -> r.objectId().equals(objectId)).findFirst();
        }

        public Map<NodeId, SignedMessage> attestationsOf(ObjectId objectId) {
            return attestations.getOrDefault(objectId, Map.of());
        }

        State register(Registration registration) {
            List<Registration> more = new ArrayList<>(registrations);
            more.add(registration);
            return new State(more, attestations, invalidEpoch, objects);
        }

        State attest(ObjectId objectId, NodeId node, SignedMessage confirmation) {
            Map<NodeId, SignedMessage> byNode = new TreeMap<>(attestationsOf(objectId));
            byNode.put(node, confirmation);
            Map<ObjectId, Map<NodeId, SignedMessage>> all = new LinkedHashMap<>(attestations);
            all.put(objectId, byNode);
            return new State(registrations, all, invalidEpoch, objects);
        }

        State certify(ObjectId objectId, Epoch epoch) {
            List<Registration> updated = new ArrayList<>(registrations.size());
            for (Registration r : registrations) {
                updated.add(r.objectId().equals(objectId) ? r.certifiedAt(epoch) : r);
            }
            return withRegistrations(updated);
        }

        State markInvalid(Epoch epoch) {
            return new State(registrations, attestations, Optional.of(epoch), objects);
        }

        State withRegistrations(List<Registration> updated) {
            return new State(updated, attestations, invalidEpoch, objects);
        }

        State withObjects(ObjectMemory memory) {
            return new State(registrations, attestations, invalidEpoch, memory);
        }

        /** Without the registration {@code objectId} and its attestations, remembered as deleted. */
        State without(ObjectId objectId) {
            Map<ObjectId, Map<NodeId, SignedMessage>> left = new LinkedHashMap<>(attestations);
            left.remove(objectId);
            return new State(registrations.stream().filter(r -> !r.objectId().equals(objectId)).toList(), left,
                    invalidEpoch, objects.delete(objectId));
        }

        public BlobRecord toRecord(BlobId blobId) {
            return new BlobRecord(blobId, registrations, invalid());
        }
    }

    /** What the entity accepts. */
    public sealed interface Command extends FloeMessage permits Register, Certify, GetStatus, MarkInvalid,
            ObjectCommands.ApplyRequest, ObjectCommands.CheckRequest {
    }

    /**
     * Records a registration; the same object ID again answers the stored one and changes nothing. Refused (a
     * {@link StatusReply} error) when the registration arrives certified or the blob is invalid.
     */
    public record Register(Registration registration, ActorRef<StatusReply<RegisterReply>> replyTo)
            implements Command {
    }

    /**
     * Adds nodes' confirmations for one registration and certifies it when they reach a quorum of shards. Refused
     * (a {@link StatusReply} error) for an unknown registration or an invalid blob.
     */
    public record Certify(ObjectId objectId, List<NodeConfirmation> confirmations,
                          ActorRef<StatusReply<CertifyReply>> replyTo) implements Command {
        public Certify {
            confirmations = List.copyOf(confirmations);
        }
    }

    /** Answers the blob's record: every registration, each with its certified epoch if it has one. */
    public record GetStatus(ActorRef<BlobRecord> replyTo) implements Command {
    }

    /**
     * Marks the blob invalid when {@code signatures} (nodes' signed INVALID_BLOB_ID messages of the current epoch,
     * not yet checked) reach validity weight; marking an invalid blob again changes nothing.
     */
    public record MarkInvalid(List<NodeConfirmation> signatures, ActorRef<MarkInvalidReply> replyTo)
            implements Command {
        public MarkInvalid {
            signatures = List.copyOf(signatures);
        }
    }

    /** @param created false when the object ID was registered before; then {@code registration} is the stored one */
    public record RegisterReply(Registration registration, boolean created) implements FloeMessage {
    }

    /** The answer to a {@link Certify} the entity did not refuse. */
    public sealed interface CertifyReply extends FloeMessage {
        /** The registration is certified (now or before); {@code blob} is the record afterwards. */
        record Certified(BlobRecord blob) implements CertifyReply {
        }
    }

    /** The answer to {@link MarkInvalid}. */
    public sealed interface MarkInvalidReply extends FloeMessage {
        /** The blob is marked invalid (now or before); {@code blob} is the record afterwards. */
        record Marked(BlobRecord blob) implements MarkInvalidReply {
        }
    }

    /** The valid signatures weigh {@code weight} of {@code nShards}, too little; {@code invalidCount} were ignored. */
    public record NotEnough(int weight, int nShards, int invalidCount) implements CertifyReply, MarkInvalidReply {
    }

    /** No committee is known here yet: the command was not judged, not refused either, and may succeed later. */
    public record Unavailable(String reason) implements CertifyReply, MarkInvalidReply {
    }

    /** What the entity persists. */
    public sealed interface Event extends FloeMessage
            permits Registered, SliverPairsAttested, Certified, MarkedInvalid, ObjectCommands.Extended,
            ObjectCommands.Deleted, ObjectCommands.Burned, ObjectCommands.Shared, ObjectCommands.AttributesChanged,
            ObjectCommands.OwnerChanged, ObjectCommands.RequestAnswered {
    }

    public record Registered(Registration registration) implements Event {
    }

    /** {@code node} signed that it holds its sliver pairs of the registration {@code objectId}. */
    public record SliverPairsAttested(ObjectId objectId, NodeId node, SignedMessage confirmation) implements Event {
    }

    /** The point of availability of {@code objectId}: {@code signers} reached a quorum in {@code epoch}. */
    public record Certified(ObjectId objectId, Epoch epoch, List<NodeId> signers) implements Event {
        public Certified {
            signers = List.copyOf(signers);
        }
    }

    /** {@code signers} signed INVALID_BLOB_ID in {@code epoch} with validity weight: the blob is never served. */
    public record MarkedInvalid(Epoch epoch, List<NodeId> signers) implements Event {
        public MarkedInvalid {
            signers = List.copyOf(signers);
        }
    }

    public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "Blob");
    /** The tag on every event, which the blob event feed (node processors, read-side) follows. */
    public static final String EVENT_TAG = "floe-blob";
    private static final Set<String> EVENT_TAGS = Set.of(EVENT_TAG);

    /** Starts Blob entities on this member with the default shard allocation. */
    public static ActorRef<ShardingEnvelope<Command>> init(ActorSystem<?> system, CommitteeView committees) {
        return ClusterSharding.get(system)
                .init(Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId(), committees)));
    }

    /**
     * @param entityId the blob ID as {@link BlobId#toString()} writes it
     * @throws io.floe.encoding.metadata.InvalidBlobIdException if it is not a blob ID
     */
    public static Behavior<Command> create(String entityId, CommitteeView committees) {
        return create(entityId, committees, Clock.systemUTC());
    }

    /** As {@link #create(String, CommitteeView)}, verifying signed requests' times with {@code clock}. */
    public static Behavior<Command> create(String entityId, CommitteeView committees, Clock clock) {
        return new BlobEntity(BlobId.parse(entityId), committees, clock);
    }

    private final BlobId blobId;
    private final CertificationHandlers certification;
    private final ObjectHandlers objects;

    private BlobEntity(BlobId blobId, CommitteeView committees, Clock clock) {
        super(PersistenceId.of(ENTITY_KEY.name(), blobId.toString()),
                SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.1));
        this.blobId = blobId;
        this.certification = new CertificationHandlers(blobId, Effect(), committees);
        this.objects = new ObjectHandlers(blobId, Effect(), committees, clock);
    }

    @Override
    public State emptyState() {
        return State.empty();
    }

    @Override
    public Set<String> tagsFor(Event event) {
        return EVENT_TAGS;
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        return RetentionCriteria.snapshotEvery(SNAPSHOT_EVERY, SNAPSHOTS_KEPT);
    }

    @Override
    public CommandHandlerWithReply<Command, Event, State> commandHandler() {
        return validBlob().orElse(invalidBlob()).orElse(queries()).build();
    }

    /** A blob not marked invalid registers, attests, certifies and may be marked invalid. */
    private CommandHandlerWithReplyBuilderByState<Command, Event, State, State> validBlob() {
        return newCommandHandlerWithReplyBuilder().forState(state -> !state.invalid())
                .onCommand(Register.class, this::onRegister)
                .onCommand(Certify.class, certification::onCertify)
                .onCommand(MarkInvalid.class, certification::onMarkInvalid);
    }

    /** An invalid blob only answers what it stored: nothing new is registered or certified, and it stays invalid. */
    private CommandHandlerWithReplyBuilderByState<Command, Event, State, State> invalidBlob() {
        return newCommandHandlerWithReplyBuilder().forState(State::invalid)
                .onCommand(Register.class, (state, cmd) -> answerWithoutRegistering(state, cmd)
                        .orElseGet(() -> refuseAsInvalid(state, cmd.replyTo())))
                .onCommand(Certify.class, (state, cmd) -> refuseAsInvalid(state, cmd.replyTo()))
                .onCommand(MarkInvalid.class, (state, cmd) -> Effect().reply(cmd.replyTo(),
                        new MarkInvalidReply.Marked(state.toRecord(blobId))));
    }

    private CommandHandlerWithReplyBuilderByState<Command, Event, State, State> queries() {
        return newCommandHandlerWithReplyBuilder().forAnyState()
                .onCommand(GetStatus.class, (state, cmd) -> Effect().reply(cmd.replyTo(), state.toRecord(blobId)))
                // An invalid blob's objects may still be deleted, burned or given away, as Walrus's can.
                .onCommand(ObjectCommands.ApplyRequest.class, objects::onApply)
                .onCommand(ObjectCommands.CheckRequest.class, objects::onCheck);
    }

    private ReplyEffect<Event, State> onRegister(State state, Register cmd) {
        Registration registration = cmd.registration();
        return answerWithoutRegistering(state, cmd).orElseGet(() -> Effect().persist(new Registered(registration))
                .thenRun(s -> LOG.debug("Blob {}: registered {}", blobId, registration.objectId()))
                .thenReply(cmd.replyTo(), s -> StatusReply.success(new RegisterReply(registration, true))));
    }

    /** A Register answered without an event in any state: a known object ID, or a registration arriving certified. */
    private Optional<ReplyEffect<Event, State>> answerWithoutRegistering(State state, Register cmd) {
        Registration registration = cmd.registration();
        Optional<Registration> known = state.registration(registration.objectId());
        if (known.isPresent()) {
            return Optional.of(Effect().reply(cmd.replyTo(),
                    StatusReply.success(new RegisterReply(known.get(), false))));
        }
        if (registration.certified()) {
            return Optional.of(Effect().reply(cmd.replyTo(),
                    StatusReply.error("a registration cannot arrive certified: " + registration.objectId())));
        }
        if (state.objects().wasDeleted(registration.objectId())) {
            return Optional.of(Effect().reply(cmd.replyTo(), StatusReply.error("NOT_FOUND: "
                    + registration.objectId() + " was deleted; a deleted object ID is never registered again")));
        }
        return Optional.empty();
    }

    private <T> ReplyEffect<Event, State> refuseAsInvalid(State state, ActorRef<StatusReply<T>> replyTo) {
        return Effect().reply(replyTo, StatusReply.error("blob " + blobId + " was marked invalid in epoch "
                + state.invalidEpoch().orElseThrow()
                + " (its writer encoded it inconsistently); it cannot be registered or certified again"));
    }

    @Override
    public EventHandler<State, Event> eventHandler() {
        return newEventHandlerBuilder().forAnyState()
                .onEvent(Registered.class, (state, e) -> state.register(e.registration()))
                .onEvent(SliverPairsAttested.class,
                        (state, e) -> state.attest(e.objectId(), e.node(), e.confirmation()))
                .onEvent(Certified.class, (state, e) -> state.certify(e.objectId(), e.epoch()))
                .onEvent(MarkedInvalid.class, (state, e) -> state.markInvalid(e.epoch()))
                .onAnyEvent(ObjectEvents::apply);
    }
}
