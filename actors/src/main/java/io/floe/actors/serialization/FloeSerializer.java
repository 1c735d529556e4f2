package io.floe.actors.serialization;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.NotSerializableException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.SerializerWithStringManifest;

/**
 * Pekko serializer for every {@link FloeMessage}: Protobuf bytes from the area mappers, and a short stable
 * manifest per class ({@code "blob.Register.v1"}). Bound in the actors module's reference.conf.
 *
 * <p>Invariant: each class has exactly one manifest and each manifest one class (checked at start-up); a class
 * without a codec fails loudly on first use instead of falling back to another serializer.
 */
public final class FloeSerializer extends SerializerWithStringManifest {
    /** Pekko's serializer ID for Floe; never change it, journals record it next to each event. */
    public static final int IDENTIFIER = 48190;

    private final Map<Class<?>, Codec<?>> byClass = new HashMap<>();
    private final Map<String, Codec<?>> byManifest = new HashMap<>();

    public FloeSerializer(ExtendedActorSystem system) {
        ActorRefResolver refs = ActorRefResolver.get(Adapter.toTyped(system));
        List<Codec<?>> all = new ArrayList<>(new BlobMessagesMapper(refs).codecs());
        all.addAll(new LedgerMessagesMapper(refs).codecs());
        all.addAll(new ShardMessagesMapper(refs).codecs());
        for (Codec<?> codec : all) {
            if (byClass.put(codec.type(), codec) != null || byManifest.put(codec.manifest(), codec) != null) {
                throw new IllegalStateException("two codecs for " + codec.type() + " / " + codec.manifest());
            }
        }
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
