package io.floe.persistence.readside;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.data.TupleValue;
import com.datastax.oss.driver.api.core.type.ListType;
import com.datastax.oss.driver.api.core.type.TupleType;
import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.committee.Epoch;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Cassandra read-side tables and the prepared statements that write and read whole {@link BlobIndexRow}s.
 * A row lives twice: in {@code blob_index} (by blob ID) and in {@code blob_index_by_owner} once per owner, with
 * the blob ID as clustering key so that a page of an owner's blobs is one slice of one partition, resumed after
 * the last blob ID. Registrations are a list of tuples in the row, so one row is one Cassandra row.
 */
final class CassandraRows {
    private static final String REGISTRATION = "frozen<tuple<text, text, bigint, int, boolean, int>>";
    /** Added with blob objects (issue 13), beside the registrations: a tuple type cannot gain an element in place. */
    private static final String BURNED = "burned_objects";
    private static final String ROW_COLUMNS = "status text, unencoded_size bigint, end_epoch int, certified_epoch int,"
            + " applied_seq_nr bigint, registrations list<" + REGISTRATION + ">, " + BURNED + " set<text>";
    private static final String SELECTED = "blob_id, status, applied_seq_nr, registrations, " + BURNED;

    final PreparedStatement insertBlob;
    final PreparedStatement insertByOwner;
    final PreparedStatement insertOffset;
    final PreparedStatement selectOffset;
    final PreparedStatement selectBlob;
    final PreparedStatement selectByOwner;
    final PreparedStatement selectFirst;
    final PreparedStatement selectAfter;
    final PreparedStatement insertByObject;
    final PreparedStatement selectByObject;
    final PreparedStatement deleteByOwner;
    final PreparedStatement deleteByObject;
    private final TupleType registrationType;

    private CassandraRows(CqlSession session, String ks) {
        insertBlob = session.prepare("INSERT INTO " + ks + ".blob_index (blob_id, status, unencoded_size, end_epoch,"
                + " certified_epoch, applied_seq_nr, registrations, " + BURNED + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        insertByOwner = session.prepare("INSERT INTO " + ks + ".blob_index_by_owner (owner, blob_id, status,"
                + " unencoded_size, end_epoch, certified_epoch, applied_seq_nr, registrations, " + BURNED + ")"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        insertByObject = session.prepare("INSERT INTO " + ks + ".blob_index_by_object (object_id, blob_id)"
                + " VALUES (?, ?)");
        selectByObject = session.prepare("SELECT blob_id FROM " + ks + ".blob_index_by_object WHERE object_id = ?");
        deleteByOwner = session.prepare("DELETE FROM " + ks + ".blob_index_by_owner WHERE owner = ? AND blob_id = ?");
        deleteByObject = session.prepare("DELETE FROM " + ks + ".blob_index_by_object WHERE object_id = ?");
        insertOffset = session.prepare("INSERT INTO " + ks + ".read_side_offset (projection, feed_offset)"
                + " VALUES (?, ?)");
        selectOffset = session.prepare("SELECT feed_offset FROM " + ks + ".read_side_offset WHERE projection = ?");
        selectBlob = session.prepare("SELECT " + SELECTED + " FROM " + ks + ".blob_index WHERE blob_id = ?");
        selectByOwner = session.prepare("SELECT " + SELECTED + " FROM " + ks + ".blob_index_by_owner"
                + " WHERE owner = ? AND blob_id > ? LIMIT ?");
        selectFirst = session.prepare("SELECT " + SELECTED + " FROM " + ks + ".blob_index LIMIT ?");
        selectAfter = session.prepare("SELECT " + SELECTED + " FROM " + ks + ".blob_index"
                + " WHERE token(blob_id) > token(?) LIMIT ?");
        ListType list = (ListType) insertBlob.getVariableDefinitions().get("registrations").getType();
        registrationType = (TupleType) list.getElementType();
    }

    /** The DDL that creates the keyspace (when asked) and the tables, each idempotent. */
    static List<String> schema(String ks, int replicationFactor, boolean createKeyspace) {
        List<String> ddl = new ArrayList<>();
        if (createKeyspace) {
            ddl.add("CREATE KEYSPACE IF NOT EXISTS " + ks + " WITH replication = {'class': 'SimpleStrategy',"
                    + " 'replication_factor': " + replicationFactor + "}");
        }
        ddl.add("CREATE TABLE IF NOT EXISTS " + ks + ".blob_index (blob_id text PRIMARY KEY, " + ROW_COLUMNS + ")");
        ddl.add("CREATE TABLE IF NOT EXISTS " + ks + ".blob_index_by_owner (owner text, blob_id text, " + ROW_COLUMNS
                + ", PRIMARY KEY ((owner), blob_id)) WITH CLUSTERING ORDER BY (blob_id ASC)");
        ddl.add("CREATE TABLE IF NOT EXISTS " + ks + ".read_side_offset (projection text PRIMARY KEY,"
                + " feed_offset text)");
        ddl.add("CREATE TABLE IF NOT EXISTS " + ks + ".blob_index_by_object (object_id text PRIMARY KEY,"
                + " blob_id text)");
        return ddl;
    }

    /**
     * The DDL that brings tables created before blob objects up to date; each fails harmlessly (and is ignored) when
     * the column is there already.
     */
    static List<String> upgrades(String ks) {
        return List.of("ALTER TABLE " + ks + ".blob_index ADD " + BURNED + " set<text>",
                "ALTER TABLE " + ks + ".blob_index_by_owner ADD " + BURNED + " set<text>");
    }

    /** Prepares the statements; the tables must exist. */
    static CassandraRows prepare(CqlSession session, String keyspace) {
        return new CassandraRows(session, keyspace);
    }

    /**
     * The statements that write {@code row} over {@code before} (the stored row, if any): its blob_index row, one
     * blob_index_by_owner row per owner and one blob_index_by_object row per registration, and the deletions of the
     * rows of owners and objects that {@code before} had and {@code row} has not (given away, deleted).
     */
    List<BoundStatement> write(BlobIndexRow row, Optional<BlobIndexRow> before) {
        List<BoundStatement> all = write(row);
        before.ifPresent(old -> {
            String blobId = row.blobId().toString();
            old.owners().stream().filter(o -> !row.owners().contains(o))
                    .forEach(o -> all.add(deleteByOwner.bind(o, blobId)));
            old.registrations().stream().filter(r -> row.registration(r.objectId()).isEmpty())
                    .forEach(r -> all.add(deleteByObject.bind(r.objectId().toString())));
        });
        return all;
    }

    private List<BoundStatement> write(BlobIndexRow row) {
        List<TupleValue> registrations = row.registrations().stream().map(this::tuple).toList();
        List<BoundStatement> all = new ArrayList<>();
        all.add(summary(insertBlob.boundStatementBuilder(), row, registrations).build());
        for (String owner : row.owners()) {
            all.add(summary(insertByOwner.boundStatementBuilder().setString("owner", owner), row, registrations)
                    .build());
        }
        for (IndexedRegistration r : row.registrations()) {
            all.add(insertByObject.bind(r.objectId().toString(), row.blobId().toString()));
        }
        return all;
    }

    // An absent certified epoch stays unset (not null), so upserts write no tombstones.
    private static BoundStatementBuilder summary(BoundStatementBuilder b, BlobIndexRow row,
                                                 List<TupleValue> registrations) {
        b.setString("blob_id", row.blobId().toString()).setString("status", row.status().wire())
                .setLong("unencoded_size", row.size()).setInt("end_epoch", row.endEpoch().value())
                .setLong("applied_seq_nr", row.appliedSeqNr())
                .setList("registrations", registrations, TupleValue.class)
                .setSet(BURNED, burned(row), String.class);
        row.certifiedEpoch().ifPresent(e -> b.setInt("certified_epoch", e.value()));
        return b;
    }

    private static java.util.Set<String> burned(BlobIndexRow row) {
        java.util.Set<String> burned = new java.util.TreeSet<>();
        row.registrations().stream().filter(IndexedRegistration::burned).forEach(r -> burned.add(r.objectId().toString()));
        return burned;
    }

    private TupleValue tuple(IndexedRegistration r) {
        return registrationType.newValue(r.objectId().toString(), r.owner(), r.unencodedSize(), r.endEpoch().value(),
                r.deletable(), r.certifiedEpoch().map(Epoch::value).orElse(null));
    }

    /** A row as {@link #SELECTED} reads it. */
    static BlobIndexRow read(Row row) {
        List<IndexedRegistration> registrations = new ArrayList<>();
        java.util.Set<String> burned = row.getSet(BURNED, String.class);
        for (TupleValue t : row.getList("registrations", TupleValue.class)) {
            Optional<Epoch> certified = t.isNull(5) ? Optional.empty() : Optional.of(new Epoch(t.getInt(5)));
            registrations.add(new IndexedRegistration(ObjectId.parse(t.getString(0)), t.getString(1), t.getLong(2),
                    new Epoch(t.getInt(3)), t.getBoolean(4), certified, burned.contains(t.getString(0))));
        }
        boolean invalid = BlobIndexStatus.fromWire(row.getString("status")) == BlobIndexStatus.INVALID;
        return new BlobIndexRow(BlobId.parse(row.getString("blob_id")), registrations, invalid,
                row.getLong("applied_seq_nr"));
    }
}
