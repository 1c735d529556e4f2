package io.floe.persistence.readside;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.Row;
import io.floe.encoding.metadata.BlobId;
import io.floe.persistence.cassandra.CassandraJournalSettings;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.committee.Epoch;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read-side in the Cassandra keyspace of the journal ({@code floe.persistence.cassandra}), through the Java
 * driver. {@link #apply} is one LOGGED batch holding every row upsert and the offset row, so Cassandra applies all
 * of them or none. Tables are created on start when {@code create-schema} is on. Owner listings are slices of one
 * partition resumed after the last blob ID (a clustering-key cursor); the full listing resumes after the last
 * blob ID's token.
 *
 * <p>The session connects in the background and keeps retrying while Cassandra is down (the driver's
 * reconnect-on-init), so a member starts without it; calls made meanwhile wait for it, and their callers bound them.
 */
public final class CassandraBlobIndexStore implements BlobIndexStore {
    private static final Logger LOG = LoggerFactory.getLogger(CassandraBlobIndexStore.class);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SCHEMA_TIMEOUT = Duration.ofSeconds(60);

    private final CompletableFuture<CqlSession> session;
    private final CassandraJournalSettings settings;
    // Schema and prepared statements; made again on the next call when they failed (Cassandra was down, or an
    // operator had not created the tables yet).
    private volatile CompletableFuture<CassandraRows> rows;

    private CassandraBlobIndexStore(CompletableFuture<CqlSession> session, CassandraJournalSettings settings) {
        this.session = session;
        this.settings = settings;
        this.rows = prepared();
    }

    /** The store as {@code floe.persistence.cassandra} in {@code config} places it. */
    public static CassandraBlobIndexStore open(com.typesafe.config.Config config) {
        return open(CassandraJournalSettings.from(config));
    }

    public static CassandraBlobIndexStore open(CassandraJournalSettings settings) {
        DriverConfigLoader driverConfig = DriverConfigLoader.programmaticBuilder()
                .withString(DefaultDriverOption.REQUEST_CONSISTENCY, DefaultConsistencyLevel.LOCAL_QUORUM.name())
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, REQUEST_TIMEOUT)
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, SCHEMA_TIMEOUT)
                .withBoolean(DefaultDriverOption.RECONNECT_ON_INIT, true)
                .withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false)
                .withString(DefaultDriverOption.SESSION_NAME, "floe-read-side")
                .build();
        CompletableFuture<CqlSession> session = CqlSession.builder().withConfigLoader(driverConfig)
                .addContactPoints(addresses(settings.contactPoints()))
                .withLocalDatacenter(settings.localDatacenter())
                .buildAsync().toCompletableFuture();
        return new CassandraBlobIndexStore(session, settings);
    }

    private CompletableFuture<CassandraRows> prepared() {
        String ks = settings.keyspace();
        // Preparing blocks, and the driver refuses blocking calls on its own threads: prepare on the common pool.
        CompletableFuture<CassandraRows> ready = session.thenCompose(s -> createSchema(s, settings))
                .thenApplyAsync(s -> CassandraRows.prepare(s, ks)).toCompletableFuture();
        ready.whenComplete((done, failure) -> {
            if (failure == null) {
                LOG.info("Read-side tables are ready in Cassandra keyspace {}", ks);
            } else {
                LOG.warn("The Cassandra read-side is not ready (tried again on the next call): {}",
                        rootMessage(failure));
            }
        });
        return ready;
    }

    private static CompletionStage<CqlSession> createSchema(CqlSession session, CassandraJournalSettings settings) {
        if (!settings.createSchema()) {
            return CompletableFuture.completedFuture(session);
        }
        CompletionStage<?> chain = CompletableFuture.completedFuture(null);
        for (String ddl : CassandraRows.schema(settings.keyspace(), settings.replicationFactor(), true)) {
            chain = chain.thenCompose(x -> session.executeAsync(ddl));
        }
        for (String ddl : CassandraRows.upgrades(settings.keyspace())) {
            // Fails when the column exists (the usual case): Cassandra has no ADD IF NOT EXISTS before 5.0.
            chain = chain.thenCompose(x -> session.executeAsync(ddl).handle((done, failure) -> null));
        }
        return chain.thenApply(x -> session);
    }

    private static List<InetSocketAddress> addresses(List<String> contactPoints) {
        List<InetSocketAddress> all = new ArrayList<>();
        for (String point : contactPoints) {
            int colon = point.lastIndexOf(':');
            String host = point.substring(0, colon).replace("[", "").replace("]", "");
            all.add(new InetSocketAddress(host, Integer.parseInt(point.substring(colon + 1))));
        }
        return all;
    }

    /**
     * Reads the stored rows first (the projection is the only writer, one batch at a time), so that the batch also
     * removes the owner and object entries a row no longer has.
     */
    @Override
    public CompletionStage<Void> apply(List<BlobIndexRow> changed, String offset) {
        return call("applying " + changed.size() + " rows", (s, r) -> stored(s, r, changed).thenCompose(before -> {
            BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.LOGGED);
            for (BlobIndexRow row : changed) {
                r.write(row, Optional.ofNullable(before.get(row.blobId()))).forEach(batch::addStatement);
            }
            batch.addStatement(r.insertOffset.bind(PROJECTION, offset));
            return s.executeAsync(batch.build()).thenApply(done -> null);
        }));
    }

    private static CompletionStage<Map<BlobId, BlobIndexRow>> stored(CqlSession s, CassandraRows r,
                                                                     List<BlobIndexRow> rows) {
        Map<BlobId, BlobIndexRow> found = new ConcurrentHashMap<>();
        CompletableFuture<?>[] reads = rows.stream().map(row -> s.executeAsync(r.selectBlob.bind(
                row.blobId().toString())).thenAccept(result -> Optional.ofNullable(result.one())
                .map(CassandraRows::read).ifPresent(old -> found.put(old.blobId(), old))).toCompletableFuture())
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(reads).thenApply(done -> found);
    }

    @Override
    public CompletionStage<Optional<String>> offset() {
        return call("reading the offset", (s, r) -> s.executeAsync(r.selectOffset.bind(PROJECTION))
                .thenApply(result -> Optional.ofNullable(result.one()).map(row -> row.getString(0))));
    }

    @Override
    public CompletionStage<Optional<BlobIndexRow>> blob(BlobId blobId) {
        return call("reading blob " + blobId, (s, r) -> s.executeAsync(r.selectBlob.bind(blobId.toString()))
                .thenApply(result -> Optional.ofNullable(result.one()).map(CassandraRows::read)));
    }

    @Override
    public CompletionStage<BlobIndexPage> blobsByOwner(String owner, Optional<BlobId> after, int limit,
                                                       Optional<Epoch> activeIn) {
        BlobIndexStore.checkLimit(limit);
        List<BlobIndexRow> listed = new ArrayList<>();
        return call("listing blobs of " + owner, (s, r) -> ownerSlices(s, r, owner, after, limit, activeIn, listed)
                .thenApply(done -> BlobIndexPage.of(listed, limit)));
    }

    /**
     * Reads the owner's partition slice after slice, keeping the rows that list for the owner (a partition also holds
     * rows of blobs whose objects the owner burned or let expire), until {@code limit + 1} are kept or it ends.
     */
    private static CompletionStage<Void> ownerSlices(CqlSession s, CassandraRows r, String owner,
                                                     Optional<BlobId> after, int limit, Optional<Epoch> activeIn,
                                                     List<BlobIndexRow> listed) {
        List<BlobIndexRow> slice = new ArrayList<>();
        return s.executeAsync(r.selectByOwner.bind(owner, after.map(BlobId::toString).orElse(""), limit + 1))
                .thenCompose(result -> collect(result, slice)).thenCompose(done -> {
                    slice.stream().filter(row -> row.listedFor(owner, activeIn)).forEach(listed::add);
                    if (slice.size() <= limit || listed.size() > limit) {
                        return CompletableFuture.completedFuture(null);
                    }
                    Optional<BlobId> last = Optional.of(slice.get(slice.size() - 1).blobId());
                    return ownerSlices(s, r, owner, last, limit, activeIn, listed);
                });
    }

    @Override
    public CompletionStage<Optional<BlobId>> blobOfObject(ObjectId objectId) {
        // Checked against the blob's row too: an entry outlives its registration if a batch was cut off half-way.
        return call("finding object " + objectId, (s, r) -> s.executeAsync(r.selectByObject.bind(objectId.toString()))
                .thenCompose(result -> {
                    Row found = result.one();
                    if (found == null) {
                        return CompletableFuture.completedFuture(Optional.<BlobId>empty());
                    }
                    return s.executeAsync(r.selectBlob.bind(found.getString(0))).thenApply(blob ->
                            Optional.ofNullable(blob.one()).map(CassandraRows::read)
                                    .filter(row -> row.registration(objectId).isPresent()).map(BlobIndexRow::blobId));
                }));
    }

    @Override
    public CompletionStage<BlobIndexPage> blobs(Optional<BlobId> after, int limit) {
        BlobIndexStore.checkLimit(limit);
        return call("listing blobs", (s, r) -> page(s, after.isEmpty() ? r.selectFirst.bind(limit + 1)
                : r.selectAfter.bind(after.get().toString(), limit + 1), limit));
    }

    /** One page: {@code limit + 1} rows at most, read through the driver's own pages of the result. */
    private static CompletionStage<BlobIndexPage> page(CqlSession s, BoundStatement query, int limit) {
        List<BlobIndexRow> fetched = new ArrayList<>();
        return s.executeAsync(query).thenCompose(result -> collect(result, fetched))
                .thenApply(done -> BlobIndexPage.of(fetched, limit));
    }

    private static CompletionStage<Void> collect(AsyncResultSet result, List<BlobIndexRow> into) {
        for (Row row : result.currentPage()) {
            into.add(CassandraRows.read(row));
        }
        if (!result.hasMorePages()) {
            return CompletableFuture.completedFuture(null);
        }
        return result.fetchNextPage().thenCompose(next -> collect(next, into));
    }

    @FunctionalInterface
    private interface Call<T> {
        CompletionStage<T> run(CqlSession session, CassandraRows rows);
    }

    private <T> CompletionStage<T> call(String what, Call<T> work) {
        CompletableFuture<CassandraRows> current = rows;
        if (current.isCompletedExceptionally()) {
            synchronized (this) {
                if (rows == current) {
                    rows = prepared();
                }
                current = rows;
            }
        }
        return current.thenCompose(r -> work.run(session.join(), r)).exceptionally(failure -> {
            throw new BlobIndexStoreException("read-side: " + what + " failed: " + rootMessage(failure), failure);
        });
    }

    private static String rootMessage(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    @Override
    public void close() {
        if (session.isDone() && !session.isCompletedExceptionally()) {
            session.join().close();
            return;
        }
        // A session still connecting is closed as soon as it is up; the driver offers no way to abort its init.
        session.thenAccept(CqlSession::closeAsync);
    }
}
