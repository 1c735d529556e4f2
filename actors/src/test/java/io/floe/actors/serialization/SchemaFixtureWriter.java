package io.floe.actors.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes one fixture set of {@link SchemaFixtures} into the source tree, once, when a persisted class changes. Off
 * in normal builds; run it by hand:
 *
 * <pre>
 * flock /tmp/floe-mvn.lock mvn -o -q -pl actors test -Dtest=SchemaFixtureWriter -Dfloe.schema-fixtures=v2
 * </pre>
 *
 * It writes {@code <stem>.bin} (the FloeSerializer bytes; the manifest is the stem before any {@code @}) for every
 * entry of the set that has no file yet, and never overwrites one: a committed fixture is history.
 */
@EnabledIfSystemProperty(named = SchemaFixtureWriter.PROPERTY, matches = "v[0-9]+")
class SchemaFixtureWriter {
    static final String PROPERTY = "floe.schema-fixtures";

    @Test
    void writeFixtureSet() throws IOException {
        String version = System.getProperty(PROPERTY);
        assertTrue(SchemaFixtures.VERSIONS.contains(version), "list " + version + " in SchemaFixtures.VERSIONS first");
        Map<String, Object> values = SchemaFixtures.expected(version);
        assertTrue(!values.isEmpty(), "SchemaFixtures.expected(\"" + version + "\") is empty");
        Path folder = SchemaFixtures.sourceFolder(Path.of(System.getProperty("basedir", ".")), version);
        Files.createDirectories(folder);
        ActorTestKit kit = ActorTestKit.create("fixtures");
        try {
            Serialization serialization = SerializationExtension.get(Adapter.toClassic(kit.system()));
            for (Map.Entry<String, Object> entry : values.entrySet()) {
                write(serialization, folder, entry.getKey(), entry.getValue());
            }
        } finally {
            kit.shutdownTestKit();
        }
    }

    private static void write(Serialization serialization, Path folder, String stem, Object value) throws IOException {
        Path file = folder.resolve(stem + ".bin");
        if (Files.exists(file)) {
            return;
        }
        Serializer serializer = serialization.findSerializerFor(value);
        assertEquals(FloeSerializer.IDENTIFIER, serializer.identifier(), stem);
        assertEquals(EventSchemaEvolutionTest.manifestOf(stem), Serializers.manifestFor(serializer, value),
                "the stem must start with the class's manifest");
        Files.write(file, serialization.serialize(value).get());
    }
}
