package io.floe.node.healing;

import io.floe.actors.blob.ObjectCommands;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.committee.Epoch;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.apache.pekko.serialization.SerializerWithStringManifest;

/**
 * Writes {@link ObjectCommands.Extended} and {@link ObjectCommands.Deleted} into the test journal for the node's
 * processor tests, bound to exactly these two classes ({@link #CONFIG}), so they run whether or not the actors
 * module's serializer has codecs for them yet (the BLOB part adds those; an exact class binding wins either way).
 */
public final class LifecycleEventsTestSerializer extends SerializerWithStringManifest {
    static final String CONFIG = "pekko.actor.serializers.lifecycle-test = \"" + LifecycleEventsTestSerializer.class
            .getName() + "\"\npekko.actor.serialization-bindings {\n"
            + "  \"io.floe.actors.blob.ObjectCommands$Extended\" = lifecycle-test\n"
            + "  \"io.floe.actors.blob.ObjectCommands$Deleted\" = lifecycle-test\n}\n";
    private static final String EXTENDED = "E";
    private static final String DELETED = "D";

    @Override
    public int identifier() {
        return 48_999;
    }

    @Override
    public String manifest(Object o) {
        return o instanceof ObjectCommands.Extended ? EXTENDED : DELETED;
    }

    @Override
    public byte[] toBinary(Object o) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            if (o instanceof ObjectCommands.Extended e) {
                out.write(e.objectId().bytes());
                out.writeInt(e.newEnd().value());
                out.writeUTF(e.key());
            } else {
                ObjectCommands.Deleted d = (ObjectCommands.Deleted) o;
                out.write(d.objectId().bytes());
                out.writeInt(d.keptUntil().map(Epoch::value).orElse(-1));
                out.writeUTF(d.key());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public Object fromBinary(byte[] bytes, String manifest) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            ObjectId objectId = ObjectId.of(in.readNBytes(32));
            int epoch = in.readInt();
            String key = in.readUTF();
            if (manifest.equals(EXTENDED)) {
                return new ObjectCommands.Extended(objectId, new Epoch(epoch), key);
            }
            return new ObjectCommands.Deleted(objectId, epoch < 0 ? Optional.empty() : Optional.of(new Epoch(epoch)),
                    key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
