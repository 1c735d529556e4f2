package io.floe.persistence.journal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.floe.persistence.files.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.jdbc.testkit.javadsl.SchemaUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded event journal: pekko-persistence-jdbc on an H2 file, needing no server (DESIGN.md §7).
 *
 * <p>Invariants kept by the configuration it hands out: the journal acknowledges an event only once H2 has
 * written it to disk ({@code WRITE_DELAY=0}) where a JVM that reopens the file after a crash finds it
 * ({@code REUSE_SPACE=FALSE}: commits are appended, never written into freed space); several member JVMs on one
 * machine can share the file
 * ({@code AUTO_SERVER=TRUE}, a survivor takes over when the serving JVM dies), and the server H2 starts for them
 * listens on 127.0.0.1 only. A member that {@link #secure}s its configuration opens the database only with the
 * network's secret (any local user can reach the auto-server's port), and keeps its folder {@code 0700} and its
 * files {@code 0600}.
 */
public final class EmbeddedJournal {
    /** Classpath resource with the plugin selection and the shared H2 database (see its comments). */
    public static final String CONFIG_RESOURCE = "floe-embedded-journal.conf";
    /** Plugin ID of the read journal, for {@code PersistenceQuery.getReadJournalFor}. */
    public static final String READ_JOURNAL_PLUGIN_ID = "jdbc-read-journal";
    /** The key that places the database; everything else follows from it. */
    public static final String DIR_KEY = "floe.persistence.embedded.dir";
    /** The file with the database's secret; empty for {@value #SECRET_FILE_NAME} in the database's folder. */
    public static final String SECRET_FILE_KEY = "floe.persistence.embedded.secret-file";
    public static final String SECRET_FILE_NAME = "floe-db.secret";
    /** Where the database's connection settings are (floe-embedded-journal.conf). */
    public static final String DATABASE_PATH = "pekko-persistence-jdbc.shared-databases.floe-embedded.db";
    private static final Duration OPEN_PATIENCE = Duration.ofSeconds(60);
    /**
     * The connection {@link #secure} opened, held for the JVM's life: closing it would close the database until the
     * journal's pool opens it again, and members opening and closing the shared file at once keep refusing each
     * other ("Lock file recently modified") for longer than the pool waits.
     */
    private static java.sql.Connection held;

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedJournal.class);
    private static final String BIND_ADDRESS_PROPERTY = "h2.bindAddress";
    private static final String LOOPBACK = "127.0.0.1";

    private EmbeddedJournal() {
    }

    /**
     * The resolved settings that put this member's journal, snapshot store and read journal in an H2 database in
     * {@code journalDir}: merge them over the rest, {@code EmbeddedJournal.config(dir).withFallback(config)}.
     * Also binds H2's auto-server to loopback, see {@link #bindAutoServerToLoopback()}.
     */
    public static Config config(Path journalDir) {
        String dir = journalDir.toAbsolutePath().normalize().toString().replace('\\', '/');
        if (dir.indexOf(';') >= 0) {
            // H2 would read what follows the ';' as a setting of the database URL.
            throw new IllegalArgumentException("journal folder must not contain ';': " + dir);
        }
        bindAutoServerToLoopback();
        ClassLoader loader = EmbeddedJournal.class.getClassLoader();
        Config journal = ConfigFactory.parseResources(loader, CONFIG_RESOURCE);
        if (journal.isEmpty()) {
            throw new IllegalStateException("resource " + CONFIG_RESOURCE + " is missing from the classpath");
        }
        Config overrides = ConfigFactory.parseMap(Map.of(DIR_KEY, dir));
        Config source = overrides.withFallback(ConfigFactory.defaultReference(loader));
        return overrides.withFallback(journal).resolveWith(source);
    }

    /**
     * Readies a member's embedded database before its actor system starts: the folder {@code 0700}, the network's
     * secret read (or created, {@link DatabaseSecret}), the database locked with it ({@link DatabasePassword}, which
     * also gives an older database with the empty password the secret) and its files {@code 0600}. Returns
     * {@code config} (a member's, resolved) with the secret as the database password, for every pool that opens it.
     */
    public static Config secure(Config config) {
        Path dir = Path.of(config.getString(DIR_KEY)).toAbsolutePath().normalize();
        String configured = config.hasPath(SECRET_FILE_KEY) ? config.getString(SECRET_FILE_KEY).trim() : "";
        Path secretFile = configured.isEmpty() ? dir.resolve(SECRET_FILE_NAME) : Path.of(configured).toAbsolutePath();
        bindAutoServerToLoopback();
        Config db = config.getConfig(DATABASE_PATH);
        try {
            OwnerOnly.folder(dir);
            if (!Files.isDirectory(secretFile.getParent())) {
                // Made private when Floe makes it; a folder the operator chose (say $HOME) keeps its modes.
                OwnerOnly.folder(secretFile.getParent());
            }
            String secret = DatabaseSecret.readOrCreate(secretFile);
            hold(DatabasePassword.ensure(db.getString("url"), db.getString("user"), secret, OPEN_PATIENCE));
            OwnerOnly.filesIn(dir);
            return config.withValue(DATABASE_PATH + ".password", ConfigValueFactory.fromAnyRef(secret));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the embedded journal in " + dir + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new IllegalStateException("the embedded journal in " + dir + " did not open with the network's"
                    + " secret (" + secretFile + "): " + e.getMessage(), e);
        }
    }

    private static synchronized void hold(java.sql.Connection connection) {
        java.sql.Connection before = held;
        held = connection;
        if (before != null) {
            try {
                before.close();
            } catch (SQLException e) {
                LOG.debug("closing an earlier connection to the embedded database: {}", e.getMessage());
            }
        }
    }

    /**
     * Creates the journal, tag and snapshot tables unless they exist; safe to call on every start and from
     * several members at once. Completes when the tables are there.
     */
    public static CompletionStage<Done> createSchema(ActorSystem<?> system) {
        bindAutoServerToLoopback();
        return SchemaUtils.createIfNotExists(system).whenComplete((done, failure) -> {
            if (failure == null) {
                LOG.info("Embedded journal schema is ready");
            } else {
                LOG.error("Creating the embedded journal schema failed", failure);
            }
        });
    }

    /**
     * Sets {@code h2.bindAddress=127.0.0.1} unless the operator set it: H2 reads it once, when its classes load,
     * so this must run before the first connection. Without it the auto-server would listen on every interface.
     */
    public static void bindAutoServerToLoopback() {
        if (System.getProperty(BIND_ADDRESS_PROPERTY) == null) {
            System.setProperty(BIND_ADDRESS_PROPERTY, LOOPBACK);
        }
    }
}
