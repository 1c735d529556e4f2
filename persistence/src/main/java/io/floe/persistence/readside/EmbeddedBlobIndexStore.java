package io.floe.persistence.readside;

import com.typesafe.config.Config;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.floe.encoding.metadata.BlobId;
import io.floe.persistence.journal.EmbeddedJournal;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.committee.Epoch;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read-side on the H2 database of the embedded journal, in tables of its own ({@code floe_blob_index*},
 * {@code floe_read_side_offset}, created when absent). {@link #apply} is one JDBC transaction: rows and offset
 * commit together. Listings are keyset-paginated on the blob ID. JDBC calls run on two threads of the store's own.
 */
public final class EmbeddedBlobIndexStore implements BlobIndexStore {
    /** The embedded journal's database (floe-embedded-journal.conf): the read-side shares it. */
    public static final String DATABASE_PATH = EmbeddedJournal.DATABASE_PATH;

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBlobIndexStore.class);
    private static final int THREADS = 2;
    private static final List<String> SCHEMA = List.of(
            "CREATE TABLE IF NOT EXISTS floe_blob_index (blob_id VARCHAR(64) PRIMARY KEY, status VARCHAR(16) NOT NULL,"
                    + " unencoded_size BIGINT NOT NULL, end_epoch INT NOT NULL, certified_epoch INT,"
                    + " applied_seq_nr BIGINT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS floe_blob_index_registration (blob_id VARCHAR(64) NOT NULL,"
                    + " object_id VARCHAR(66) NOT NULL, position INT NOT NULL, owner VARCHAR NOT NULL,"
                    + " unencoded_size BIGINT NOT NULL, end_epoch INT NOT NULL, deletable BOOLEAN NOT NULL,"
                    + " certified_epoch INT, PRIMARY KEY (blob_id, object_id))",
            "CREATE INDEX IF NOT EXISTS floe_blob_index_by_owner ON floe_blob_index_registration (owner, blob_id)",
            // Added with blob objects (issue 13): tables of an older read-side gain the column and the index.
            "ALTER TABLE floe_blob_index_registration ADD COLUMN IF NOT EXISTS burned BOOLEAN DEFAULT FALSE NOT NULL",
            "CREATE INDEX IF NOT EXISTS floe_blob_index_by_object ON floe_blob_index_registration (object_id)",
            "CREATE TABLE IF NOT EXISTS floe_read_side_offset (projection VARCHAR(64) PRIMARY KEY,"
                    + " feed_offset VARCHAR(128) NOT NULL)");

    private static final Duration SCHEMA_PATIENCE = Duration.ofSeconds(30);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration SCHEMA_RETRY_PAUSE = Duration.ofMillis(500);

    private final HikariDataSource pool;
    private final ExecutorService threads;

    private EmbeddedBlobIndexStore(HikariDataSource pool, ExecutorService threads) {
        this.pool = pool;
        this.threads = threads;
    }

    /** The store on the embedded journal's database as {@code config} (a member's, resolved) places it. */
    public static EmbeddedBlobIndexStore open(Config config) {
        Config db = config.getConfig(DATABASE_PATH);
        return open(db.getString("url"), db.getString("user"), db.getString("password"));
    }

    /** The store on the H2 database at {@code jdbcUrl}; creates its tables unless they exist. */
    public static EmbeddedBlobIndexStore open(String jdbcUrl, String user, String password) {
        EmbeddedJournal.bindAutoServerToLoopback();
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(jdbcUrl);
        hikari.setUsername(user);
        hikari.setPassword(password);
        hikari.setMaximumPoolSize(THREADS);
        hikari.setMinimumIdle(0);
        hikari.setPoolName("floe-read-side");
        // Members open the shared H2 file at the same moment on start-up, and H2 then refuses some of them for a
        // moment ("lock file recently modified"): start the pool without a connection and retry the schema below.
        hikari.setInitializationFailTimeout(-1);
        hikari.setConnectionTimeout(CONNECT_TIMEOUT.toMillis());
        HikariDataSource pool = new HikariDataSource(hikari);
        try {
            createSchema(pool);
        } catch (SQLException e) {
            pool.close();
            throw new BlobIndexStoreException("cannot create the read-side tables in " + jdbcUrl, e);
        }
        LOG.info("Read-side tables are ready in the embedded database");
        return new EmbeddedBlobIndexStore(pool, Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "floe-read-side-jdbc");
            t.setDaemon(true);
            return t;
        }));
    }

    /** Creates the tables unless they exist, retrying for a bounded time while H2 refuses to open the file. */
    private static void createSchema(HikariDataSource pool) throws SQLException {
        long deadline = System.nanoTime() + SCHEMA_PATIENCE.toNanos();
        while (true) {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                for (String ddl : SCHEMA) {
                    s.execute(ddl);
                }
                return;
            } catch (SQLException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                LOG.debug("read-side tables not created yet, retrying: {}", e.getMessage());
                pauseBeforeRetry();
            }
        }
    }

    private static void pauseBeforeRetry() throws SQLException {
        try {
            Thread.sleep(SCHEMA_RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for the embedded database", e);
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> CompletionStage<T> async(String what, Work<T> work) {
        try {
            return CompletableFuture.supplyAsync(() -> {
                try (Connection c = pool.getConnection()) {
                    return work.run(c);
                } catch (SQLException e) {
                    throw new BlobIndexStoreException("read-side: " + what + " failed: " + e.getMessage(), e);
                }
            }, threads);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new BlobIndexStoreException("read-side: " + what
                    + " failed: the store is closed", e));
        }
    }

    @Override
    public CompletionStage<Void> apply(List<BlobIndexRow> rows, String offset) {
        List<BlobIndexRow> copy = List.copyOf(rows);
        return async("applying " + copy.size() + " rows", c -> {
            c.setAutoCommit(false);
            try {
                EmbeddedRows.write(c, copy);
                try (PreparedStatement s = c.prepareStatement(
                        "MERGE INTO floe_read_side_offset (projection, feed_offset) KEY (projection) VALUES (?, ?)")) {
                    s.setString(1, PROJECTION);
                    s.setString(2, offset);
                    s.executeUpdate();
                }
                c.commit();
                return null;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        });
    }

    @Override
    public CompletionStage<Optional<String>> offset() {
        return async("reading the offset", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT feed_offset FROM floe_read_side_offset WHERE projection = ?")) {
                s.setString(1, PROJECTION);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public CompletionStage<Optional<BlobIndexRow>> blob(BlobId blobId) {
        return async("reading blob " + blobId,
                c -> EmbeddedRows.read(c, List.of(blobId.toString())).stream().findFirst());
    }

    @Override
    public CompletionStage<BlobIndexPage> blobsByOwner(String owner, Optional<BlobId> after, int limit,
                                                       Optional<Epoch> activeIn) {
        BlobIndexStore.checkLimit(limit);
        // Without an epoch every end epoch passes: epochs are >= 0.
        int endAfter = activeIn.map(Epoch::value).orElse(-1);
        return async("listing blobs of " + owner, c -> page(c, "SELECT DISTINCT blob_id FROM"
                + " floe_blob_index_registration WHERE owner = ? AND burned = FALSE AND end_epoch > " + endAfter
                + " AND blob_id > ? ORDER BY blob_id FETCH FIRST ? ROWS ONLY", Optional.of(owner), after, limit));
    }

    @Override
    public CompletionStage<Optional<BlobId>> blobOfObject(ObjectId objectId) {
        return async("finding object " + objectId, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT blob_id FROM floe_blob_index_registration WHERE object_id = ? FETCH FIRST 1 ROWS ONLY")) {
                s.setString(1, objectId.toString());
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(BlobId.parse(r.getString(1))) : Optional.empty();
                }
            }
        });
    }

    @Override
    public CompletionStage<BlobIndexPage> blobs(Optional<BlobId> after, int limit) {
        BlobIndexStore.checkLimit(limit);
        return async("listing blobs", c -> page(c, "SELECT blob_id FROM floe_blob_index WHERE blob_id > ?"
                + " ORDER BY blob_id FETCH FIRST ? ROWS ONLY", Optional.empty(), after, limit));
    }

    /** Keyset pagination: the IDs after the cursor (one more than asked, to learn if more follow), then their rows. */
    private static BlobIndexPage page(Connection c, String idQuery, Optional<String> owner, Optional<BlobId> after,
                                      int limit) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(idQuery)) {
            int i = 1;
            if (owner.isPresent()) {
                s.setString(i++, owner.get());
            }
            s.setString(i++, after.map(BlobId::toString).orElse(""));
            s.setInt(i, limit + 1);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getString(1));
                }
            }
        }
        return BlobIndexPage.of(EmbeddedRows.read(c, ids), limit);
    }

    @Override
    public void close() {
        threads.shutdown();
        pool.close();
    }
}
