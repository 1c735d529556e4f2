package io.floe.persistence.readside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on H2 files like the embedded journal's, plus the all-or-nothing of a failed transaction. */
class EmbeddedBlobIndexStoreTest extends BlobIndexStoreContract {
    @TempDir
    Path dir;

    @Override
    protected BlobIndexStore open(String name) {
        String file = dir.resolve(name).toAbsolutePath().toString().replace('\\', '/');
        return EmbeddedBlobIndexStore.open("jdbc:h2:file:" + file + ";WRITE_DELAY=0;AUTO_SERVER=TRUE", "sa", "");
    }

    @Test
    void aFailedApplyWritesNoRowAndKeepsTheOffset() throws Exception {
        BlobIndexStore store = store();
        BlobIndexRow before = row("alice", 1);
        await(store.apply(List.of(before), "seq:1"));
        BlobIndexRow good = row("alice", 2);
        // Two registrations with one object ID break the registrations' primary key half-way through the batch.
        IndexedRegistration twice = registration(3, "alice", 5);
        BlobIndexRow broken = new BlobIndexRow(before.blobId(), List.of(twice, twice), false, 9);
        Exception failure = assertThrows(Exception.class, () -> await(store.apply(List.of(good, broken), "seq:2")));
        assertEquals(BlobIndexStoreException.class, failure.getClass());
        assertEquals(Optional.of("seq:1"), await(store.offset()));
        assertEquals(Optional.of(before), await(store.blob(before.blobId())));
        assertEquals(Optional.empty(), await(store.blob(good.blobId())));
        assertEquals(List.of(before), await(store.blobsByOwner("alice", Optional.empty(), 10)).rows());
    }
}
