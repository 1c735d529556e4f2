package io.floe.actors.blob;

import io.floe.actors.blob.ObjectCommands.ObjectChange;
import io.floe.actors.blob.ObjectCommands.RequestAnswered;
import io.floe.protocol.blob.ObjectId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a Blob entity remembers about its objects beyond the registrations it holds: the object IDs deleted (so a
 * retried delete still answers, and a later Register of a deleted object ID is refused) and the signed requests it
 * answered, each until the request expires.
 *
 * <p>Invariants: immutable; a deleted object ID stays deleted for good; an answer is forgotten only when an answer
 * recorded later was recorded after its expiry, so pruning depends on the journal alone and every replay of the
 * journal gives the same memory.
 */
public record ObjectMemory(Set<ObjectId> deleted, Map<String, Answered> answered) {
    /** One answered request: a digest of its bytes, its expiry and the answer. */
    public record Answered(String requestDigest, long expiresAtMillis, ObjectChange answer) {
        public Answered {
            Objects.requireNonNull(requestDigest, "requestDigest");
            Objects.requireNonNull(answer, "answer");
        }
    }

    public ObjectMemory {
        deleted = Collections.unmodifiableSet(new LinkedHashSet<>(deleted));
        answered = Collections.unmodifiableMap(new LinkedHashMap<>(answered));
    }

    public static ObjectMemory empty() {
        return new ObjectMemory(Set.of(), Map.of());
    }

    public boolean wasDeleted(ObjectId objectId) {
        return deleted.contains(objectId);
    }

    public Optional<Answered> answerTo(String key) {
        return Optional.ofNullable(answered.get(key));
    }

    ObjectMemory delete(ObjectId objectId) {
        Set<ObjectId> more = new LinkedHashSet<>(deleted);
        more.add(objectId);
        return new ObjectMemory(more, answered);
    }

    /** Records {@code e}'s answer, forgetting the answers whose requests expired before {@code e} was answered. */
    ObjectMemory answer(RequestAnswered e) {
        Map<String, Answered> kept = new LinkedHashMap<>(answered);
        kept.values().removeIf(a -> a.expiresAtMillis() < e.atMillis());
        kept.put(e.key(), new Answered(e.requestDigest(), e.expiresAtMillis(), e.answer()));
        return new ObjectMemory(deleted, kept);
    }
}
