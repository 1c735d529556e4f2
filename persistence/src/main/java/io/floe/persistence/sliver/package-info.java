/**
 * The node's sliver and metadata store on RocksDB (DESIGN.md §7): one database per storage node, one column family
 * per shard and sliver type keyed by the 32 blob-ID bytes, and one {@code metadata} family for the metadata each
 * node keeps once per blob, one {@code progress} family for what the node's event processor has done
 * ({@link io.floe.persistence.sliver.NodeProgress}) and one {@code shard-sync} family for how far the shards gained
 * at an epoch change were pulled ({@link io.floe.persistence.sliver.ShardSyncProgress}), so a wiped store forgets
 * them too. Writes are synced before they return.
 */
package io.floe.persistence.sliver;
