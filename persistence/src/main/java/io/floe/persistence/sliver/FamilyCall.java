package io.floe.persistence.sliver;

import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

/** A call on a family of a {@link SliverStore} that holds no slivers, with the store's database and write options. */
@FunctionalInterface
interface FamilyCall<T> {
    /** @param durable fsyncs the write-ahead log before a write returns; {@code plain} as the store was opened */
    T call(RocksDB db, ColumnFamilyHandle family, WriteOptions durable, WriteOptions plain) throws RocksDBException;
}
