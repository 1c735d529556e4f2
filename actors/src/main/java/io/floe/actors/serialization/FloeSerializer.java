package io.floe.actors.serialization;

import com.google.protobuf.InvalidProtocolBufferException;
import com.typesafe.config.Config;
import java.io.NotSerializableException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.SerializerWithStringManifest;

/**
 * Pekko serializer for every {@link FloeMessage}: Protobuf bytes from the area mappers, and a short stable
 * manifest per class ({@code "blob.Register.v1"}). Bound in the actors module's reference.conf; the mappers it
 * uses are listed there and in the reference.conf of each module that adds messages.
 *
 * <p>Invariant: each class has exactly one manifest and each manifest one class (checked at start-up); a class
 * without a codec fails loudly on first use instead of falling back to another serializer.
 */
public final class FloeSerializer extends SerializerWithStringManifest {
    /** Pekko's serializer ID for Floe; never change it, journals record it next to each event. */
    public static final int IDENTIFIER = 48190;
    /** The config object whose values name the {@link MessageMapper} classes, one per area. */
    public static final String MAPPERS_KEY = "floe.serialization.mappers";

    private final Map<Class<?>, Codec<?>> byClass = new HashMap<>();
    private final Map<String, Codec<?>> byManifest = new HashMap<>();

    public FloeSerializer(ExtendedActorSystem system) {
        ActorRefResolver refs = ActorRefResolver.get(Adapter.toTyped(system));
        for (Codec<?> codec : codecs(system, refs)) {
            if (byClass.put(codec.type(), codec) != null || byManifest.put(codec.manifest(), codec) != null) {
                throw new IllegalStateException("two codecs for " + codec.type() + " / " + codec.manifest());
            }
        }
    }

    /** The codecs of every mapper named under {@value #MAPPERS_KEY}, in key order. */
    private static List<Codec<?>> codecs(ExtendedActorSystem system, ActorRefResolver refs) {
        Config mappers = system.settings().config().getConfig(MAPPERS_KEY);
        List<Codec<?>> all = new ArrayList<>();
        for (String area : new TreeSet<>(mappers.root().keySet())) {
            String className = mappers.getString(area);
            try {
                MessageMapper mapper = Class.forName(className, true, system.dynamicAccess().classLoader())
                        .asSubclass(MessageMapper.class).getConstructor(ActorRefResolver.class).newInstance(refs);
                all.addAll(mapper.codecs());
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalStateException("cannot build the message mapper " + MAPPERS_KEY + "." + area + " = "
                        + className + ": " + e, e);
            }
        }
        return all;
    }

    @Override
    public int identifier() {
        return IDENTIFIER;
    }

    /** Every manifest this serializer reads, for tests that check each one round-trips. */
    public Set<String> manifests() {
        return Collections.unmodifiableSet(byManifest.keySet());
    }

    @Override
    public String manifest(Object o) {
        return codecFor(o).manifest();
    }

    @Override
    public byte[] toBinary(Object o) {
        return codecFor(o).toBinary(o);
    }

    @Override
    public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
        Codec<?> codec = byManifest.get(manifest);
        if (codec == null) {
            throw new NotSerializableException("no Floe codec for manifest " + manifest);
        }
        try {
            return codec.fromBinary(bytes);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            // A RuntimeException here is a constructor refusing decoded values (a bad ID or length).
            NotSerializableException failure = new NotSerializableException(
                    "cannot read " + manifest + ": " + e.getMessage());
            failure.initCause(e);
            throw failure;
        }
    }

    private Codec<?> codecFor(Object o) {
        Codec<?> codec = byClass.get(o.getClass());
        if (codec == null) {
            throw new IllegalArgumentException("no Floe codec for " + o.getClass().getName()
                    + "; add one to the area's mapper");
        }
        return codec;
    }
}
