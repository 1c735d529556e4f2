package io.floe.actors.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.actors.blob.BlobEntity;
import io.floe.actors.ledger.LedgerState;
import io.floe.actors.ledger.SystemLedger;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Journals keep events and snapshots for good, so today's FloeSerializer must read the bytes every earlier Floe
 * wrote. Each folder {@code src/test/resources/serialization/<version>/} holds one committed fixture set: a file per
 * persisted value, {@code <manifest>[@<variant>].bin}, with the FloeSerializer bytes of that version (serializer ID
 * {@value FloeSerializer#IDENTIFIER}, the manifest from the file name, exactly what the journal stores). This test
 * decodes every file through Pekko's serialization and compares it with {@link SchemaFixtures#expected}.
 *
 * <p>When an event or state changes (a field added to its Protobuf message, a new event such as
 * {@code MarkedInvalid}, a new {@code .v2} manifest):
 * <ol>
 * <li>never edit or regenerate an existing set; if this test then fails on an old fixture, the change breaks old
 *     journals: make the mapper read the old layout (or keep the old manifest's codec, see {@code Codec});</li>
 * <li>update the old set's values in {@link SchemaFixtures} to today's constructors, with what old bytes must
 *     decode to (usually the Protobuf default of the new field);</li>
 * <li>add {@code "v2"} to {@link SchemaFixtures#VERSIONS} and a {@code v2()} map with the new shapes (the new
 *     field set, the new event), and write it once with {@link SchemaFixtureWriter}
 *     ({@code -Dtest=SchemaFixtureWriter -Dfloe.schema-fixtures=v2}); commit the new {@code .bin} files.</li>
 * </ol>
 * {@link #everyPersistedClassHasAFixture} fails until a new event or state class has a fixture in some set.
 */
class EventSchemaEvolutionTest {
    private static final ActorTestKit KIT = ActorTestKit.create("schema-evolution");
    private static final Serialization SERIALIZATION = SerializationExtension.get(Adapter.toClassic(KIT.system()));

    @AfterAll
    static void stop() {
        KIT.shutdownTestKit();
    }

    /** The manifest a fixture file's stem names: the stem up to its first {@code @}. */
    static String manifestOf(String stem) {
        int at = stem.indexOf('@');
        return at < 0 ? stem : stem.substring(0, at);
    }

    @Test
    void everyFixtureOfEverySetDecodesToItsValue() throws IOException {
        for (String version : SchemaFixtures.VERSIONS) {
            Map<String, Object> expected = SchemaFixtures.expected(version);
            Set<String> stems = new TreeSet<>();
            for (Path file : files(version)) {
                String stem = file.getFileName().toString().replaceFirst("\\.bin$", "");
                stems.add(stem);
                assertTrue(expected.containsKey(stem), version + "/" + stem + " has no value in SchemaFixtures");
                assertEquals(expected.get(stem), decode(file, stem), version + "/" + stem);
            }
            assertEquals(new TreeSet<>(expected.keySet()), stems, "values without a fixture file in " + version);
        }
    }

    @Test
    void everyPersistedClassHasAFixture() throws IOException {
        Set<Class<?>> covered = new HashSet<>();
        for (String version : SchemaFixtures.VERSIONS) {
            for (Path file : files(version)) {
                covered.add(decode(file, file.getFileName().toString().replaceFirst("\\.bin$", "")).getClass());
            }
        }
        List<String> missing = new ArrayList<>();
        for (Class<?> persisted : persistedClasses()) {
            if (!covered.contains(persisted)) {
                missing.add(persisted.getName());
            }
        }
        assertEquals(List.of(), missing, "persisted classes without a fixture: add them to a new set (see Javadoc)");
    }

    /** Every event the Blob entity and the ledger persist, and their snapshot states. */
    private static List<Class<?>> persistedClasses() {
        List<Class<?>> all = new ArrayList<>();
        all.addAll(List.of(BlobEntity.Event.class.getPermittedSubclasses()));
        all.addAll(List.of(SystemLedger.Event.class.getPermittedSubclasses()));
        all.add(BlobEntity.State.class);
        all.add(LedgerState.class);
        return all;
    }

    private static Object decode(Path file, String stem) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return SERIALIZATION.deserialize(bytes, FloeSerializer.IDENTIFIER, manifestOf(stem)).get();
    }

    private static List<Path> files(String version) throws IOException {
        URL folder = EventSchemaEvolutionTest.class.getResource("/serialization/" + version);
        assertNotNull(folder, "fixture set " + version + " is missing from the test resources");
        try (Stream<Path> listing = Files.list(Path.of(folder.toURI()))) {
            List<Path> files = listing.filter(p -> p.getFileName().toString().endsWith(".bin")).sorted().toList();
            assertTrue(!files.isEmpty(), "fixture set " + version + " is empty");
            return files;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
