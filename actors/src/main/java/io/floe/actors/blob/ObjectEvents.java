package io.floe.actors.blob;

import io.floe.actors.blob.BlobEntity.Event;
import io.floe.actors.blob.BlobEntity.State;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.Registration;
import io.floe.protocol.blob.Registration.ObjectDetails;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * How the object events of {@link ObjectCommands} change a {@link State}: each a pure function, used by the entity's
 * event handler on replay and by its command handler to compute an answer before persisting.
 */
final class ObjectEvents {
    private ObjectEvents() {
    }

    /** {@code events} applied in order to {@code state}; events that are not object events leave it as it is. */
    static State applyAll(State state, List<Event> events) {
        State s = state;
        for (Event e : events) {
            s = apply(s, e);
        }
        return s;
    }

    static State apply(State state, Event event) {
        if (event instanceof ObjectCommands.Extended e) {
            return change(state, e.objectId(), r -> r.extendedTo(e.newEnd()));
        }
        if (event instanceof ObjectCommands.Deleted e) {
            return state.without(e.objectId());
        }
        if (event instanceof ObjectCommands.Burned e) {
            State s = state;
            for (ObjectId id : e.objectIds()) {
                s = change(s, id, r -> r.withObject(details(r, r.shared(), true, r.attributes())));
            }
            return s;
        }
        if (event instanceof ObjectCommands.Shared e) {
            return change(state, e.objectId(), r -> r.withObject(details(r, true, r.burned(), r.attributes())));
        }
        if (event instanceof ObjectCommands.AttributesChanged e) {
            return change(state, e.objectId(), r -> r.withObject(details(r, r.shared(), r.burned(), e.attributes())));
        }
        if (event instanceof ObjectCommands.OwnerChanged e) {
            return change(state, e.objectId(), r -> r.ownedBy(e.owner()));
        }
        if (event instanceof ObjectCommands.RequestAnswered e) {
            return state.withObjects(state.objects().answer(e));
        }
        return state;
    }

    private static ObjectDetails details(Registration r, boolean shared, boolean burned,
                                         Map<String, String> attributes) {
        return new ObjectDetails(r.storage(), shared, burned, attributes);
    }

    private static State change(State state, ObjectId objectId, UnaryOperator<Registration> change) {
        List<Registration> updated = new ArrayList<>(state.registrations().size());
        for (Registration r : state.registrations()) {
            updated.add(r.objectId().equals(objectId) ? change.apply(r) : r);
        }
        return state.withRegistrations(updated);
    }
}
