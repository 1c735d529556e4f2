package io.floe.persistence.readside;

import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.committee.Epoch;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The SQL that writes and reads whole {@link BlobIndexRow}s of the embedded store, inside the caller's transaction. */
final class EmbeddedRows {
    private static final String UPSERT_BLOB = "MERGE INTO floe_blob_index (blob_id, status, unencoded_size, end_epoch,"
            + " certified_epoch, applied_seq_nr) KEY (blob_id) VALUES (?, ?, ?, ?, ?, ?)";
    private static final String DELETE_REGISTRATIONS = "DELETE FROM floe_blob_index_registration WHERE blob_id = ?";
    private static final String INSERT_REGISTRATION = "INSERT INTO floe_blob_index_registration (blob_id, object_id,"
            + " position, owner, unencoded_size, end_epoch, deletable, certified_epoch, burned)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String SELECT_ROWS = "SELECT b.blob_id, b.status, b.applied_seq_nr, r.object_id, r.owner,"
            + " r.unencoded_size, r.end_epoch, r.deletable, r.certified_epoch, r.burned FROM floe_blob_index b"
            + " LEFT JOIN floe_blob_index_registration r ON r.blob_id = b.blob_id"
            + " WHERE b.blob_id = ANY(?) ORDER BY b.blob_id, r.position";

    private EmbeddedRows() {
    }

    /** Replaces each row: its summary, and its registrations exactly as listed. */
    static void write(Connection c, List<BlobIndexRow> rows) throws SQLException {
        try (PreparedStatement blob = c.prepareStatement(UPSERT_BLOB);
             PreparedStatement delete = c.prepareStatement(DELETE_REGISTRATIONS);
             PreparedStatement insert = c.prepareStatement(INSERT_REGISTRATION)) {
            for (BlobIndexRow row : rows) {
                String id = row.blobId().toString();
                blob.setString(1, id);
                blob.setString(2, row.status().wire());
                blob.setLong(3, row.size());
                blob.setInt(4, row.endEpoch().value());
                setEpoch(blob, 5, row.certifiedEpoch());
                blob.setLong(6, row.appliedSeqNr());
                blob.addBatch();
                delete.setString(1, id);
                delete.addBatch();
                addRegistrations(insert, id, row.registrations());
            }
            blob.executeBatch();
            delete.executeBatch();
            insert.executeBatch();
        }
    }

    private static void addRegistrations(PreparedStatement insert, String blobId, List<IndexedRegistration> all)
            throws SQLException {
        for (int position = 0; position < all.size(); position++) {
            IndexedRegistration r = all.get(position);
            insert.setString(1, blobId);
            insert.setString(2, r.objectId().toString());
            insert.setInt(3, position);
            insert.setString(4, r.owner());
            insert.setLong(5, r.unencodedSize());
            insert.setInt(6, r.endEpoch().value());
            insert.setBoolean(7, r.deletable());
            setEpoch(insert, 8, r.certifiedEpoch());
            insert.setBoolean(9, r.burned());
            insert.addBatch();
        }
    }

    /** The rows of {@code blobIds} that exist, in blob ID order. */
    static List<BlobIndexRow> read(Connection c, List<String> blobIds) throws SQLException {
        if (blobIds.isEmpty()) {
            return List.of();
        }
        Map<String, Builder> rows = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement(SELECT_ROWS)) {
            Array ids = c.createArrayOf("VARCHAR", blobIds.toArray());
            s.setArray(1, ids);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Builder row = rows.computeIfAbsent(r.getString(1), id -> new Builder());
                    row.invalid = BlobIndexStatus.fromWire(r.getString(2)) == BlobIndexStatus.INVALID;
                    row.appliedSeqNr = r.getLong(3);
                    if (r.getString(4) != null) {
                        row.registrations.add(registration(r));
                    }
                }
            }
        }
        List<BlobIndexRow> result = new ArrayList<>(rows.size());
        rows.forEach((id, b) -> result.add(new BlobIndexRow(BlobId.parse(id), b.registrations, b.invalid,
                b.appliedSeqNr)));
        return result;
    }

    private static IndexedRegistration registration(ResultSet r) throws SQLException {
        int certified = r.getInt(9);
        Optional<Epoch> certifiedEpoch = r.wasNull() ? Optional.empty() : Optional.of(new Epoch(certified));
        return new IndexedRegistration(ObjectId.parse(r.getString(4)), r.getString(5), r.getLong(6),
                new Epoch(r.getInt(7)), r.getBoolean(8), certifiedEpoch, r.getBoolean(10));
    }

    private static void setEpoch(PreparedStatement s, int index, Optional<Epoch> epoch) throws SQLException {
        if (epoch.isPresent()) {
            s.setInt(index, epoch.get().value());
        } else {
            s.setNull(index, Types.INTEGER);
        }
    }

    private static final class Builder {
        private final List<IndexedRegistration> registrations = new ArrayList<>();
        private boolean invalid;
        private long appliedSeqNr;
    }
}
