package io.floe.node.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.floe.actors.serialization.FloeSerializer;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The node module's reference.conf adds the shard messages to Floe's serializer, and they round-trip. */
class ShardMessagesMapperTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create();
    private static final Serialization SERIALIZATION = SerializationExtension.get(Adapter.toClassic(TEST_KIT.system()));

    @AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
    }

    @Test
    void wakeRoundTripsThroughFloesSerializer() {
        StorageShard.Wake wake = new StorageShard.Wake();
        Serializer serializer = SERIALIZATION.findSerializerFor(wake);
        assertInstanceOf(FloeSerializer.class, serializer);
        String manifest = Serializers.manifestFor(serializer, wake);
        assertEquals("shard.Wake.v1", manifest);
        assertEquals(wake, SERIALIZATION.deserialize(SERIALIZATION.serialize(wake).get(), serializer.identifier(),
                manifest).get());
    }
}
