package io.floe.actors.blob;

import io.floe.actors.serialization.FloeMessage;
import io.floe.protocol.account.SignedRequest;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.Registration;
import io.floe.protocol.blob.StorageResource;
import io.floe.protocol.committee.Epoch;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;

/**
 * The {@link BlobEntity}'s commands, replies and events for what owners do with their blob objects (Walrus's
 * {@code blob.move} and {@code shared_blob.move}): extend, delete, burn, share, attributes, send to another owner
 * (DESIGN.md §10). Kept apart from the entity's file, which holds registration and certification.
 *
 * <p>Invariants: the entity verifies every {@link SignedRequest} itself (signature, account, time) before it persists
 * anything, and acts only on a registration the signer owns (or, to extend, a shared one); each request is applied at
 * most once: its key again answers the first answer. A refusal is a {@link StatusReply} error whose text starts with
 * the {@link io.floe.protocol.account.RequestRefusedException.Reason} name (or {@code NOT_FOUND}, {@code EXPIRED_BLOB},
 * {@code NOT_CERTIFIED}, {@code NOT_DELETABLE}, {@code NO_ATTRIBUTES}) and a colon; {@code UNAVAILABLE:} means no
 * committee is known on the entity's member yet (the request was not judged: answer 503, retry later). A request
 * answered before is answered the same again, with or without a committee.
 */
public final class ObjectCommands {
    private ObjectCommands() {
    }

    /**
     * Applies a signed {@code extend_blob}, {@code delete_blob}, {@code burn_blobs}, {@code share_blob},
     * {@code set_attributes}, {@code remove_attributes} or {@code send_object} request to this blob's objects. An
     * extension must be paid first: {@code paid} is what the ledger charged for the request's key, priced from the end
     * epoch {@code pricedEnd}; an extension whose object's end moved since (another extension) is refused, so the
     * charge is refunded and the limit of epochs ahead that the ledger checked holds.
     */
    public record ApplyRequest(SignedRequest request, long paid, Optional<Epoch> pricedEnd,
                               ActorRef<StatusReply<ObjectChange>> replyTo) implements BlobEntity.Command {
        public ApplyRequest {
            Objects.requireNonNull(pricedEnd, "pricedEnd");
        }

        /** A request that is not a priced extension. */
        public ApplyRequest(SignedRequest request, long paid, ActorRef<StatusReply<ObjectChange>> replyTo) {
            this(request, paid, Optional.empty(), replyTo);
        }
    }

    /**
     * Checks a signed request as {@link ApplyRequest} would, persisting nothing: answers the registration it acts on
     * (for an extension, the caller then charges its storage size from {@code endEpoch}, from the shared funds when
     * it is shared).
     */
    public record CheckRequest(SignedRequest request, ActorRef<StatusReply<ObjectCheck>> replyTo)
            implements BlobEntity.Command {
    }

    /** What a request would act on, and the entity's epoch when it checked. */
    public record ObjectCheck(Registration registration, Epoch epoch) implements FloeMessage {
    }

    /**
     * What an applied request changed.
     *
     * @param after    the registrations it acted on, as they are now (a deleted or burned one as it was just before)
     * @param released the storage a deletion frees: the caller returns it to the owner at the ledger
     */
    public record ObjectChange(String key, List<Registration> after, Optional<StorageResource> released)
            implements FloeMessage {
        public ObjectChange {
            after = List.copyOf(after);
            Objects.requireNonNull(released, "released");
        }
    }

    /** {@code objectId}'s storage now ends with {@code newEnd}; {@code key} names the request. */
    public record Extended(ObjectId objectId, Epoch newEnd, String key) implements BlobEntity.Event {
    }

    /**
     * {@code objectId} was deleted; the blob's other registrations keep its slivers until {@code keptUntil} (empty:
     * none is left, nodes drop them now).
     */
    public record Deleted(ObjectId objectId, Optional<Epoch> keptUntil, String key) implements BlobEntity.Event {
    }

    /** {@code objectIds} were burned: owned by nobody, kept until they end. */
    public record Burned(List<ObjectId> objectIds, String key) implements BlobEntity.Event {
        public Burned {
            objectIds = List.copyOf(objectIds);
        }
    }

    public record Shared(ObjectId objectId, String key) implements BlobEntity.Event {
    }

    /** {@code objectId}'s attributes are now {@code attributes} (all of them). */
    public record AttributesChanged(ObjectId objectId, Map<String, String> attributes, String key)
            implements BlobEntity.Event {
        public AttributesChanged {
            attributes = Map.copyOf(attributes);
        }
    }

    public record OwnerChanged(ObjectId objectId, String owner, String key) implements BlobEntity.Event {
    }

    /**
     * The entity answered the request {@code key} with {@code answer} at {@code atMillis} (its clock); it remembers
     * the answer until {@code expiresAtMillis}, the request's own expiry, so a retry of the same bytes
     * ({@code requestDigest}, hex Blake2b-256 of them) answers the same. Persisted after the request's change events.
     */
    public record RequestAnswered(String key, String requestDigest, long expiresAtMillis, long atMillis,
                                  ObjectChange answer) implements BlobEntity.Event {
        public RequestAnswered {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(requestDigest, "requestDigest");
            Objects.requireNonNull(answer, "answer");
        }
    }
}
