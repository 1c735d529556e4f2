/**
 * The node's sliver and metadata store on RocksDB (DESIGN.md §7): one database per storage node, one column family
 * per shard and sliver type keyed by the 32 blob-ID bytes, and one {@code metadata} family for the metadata each
 * node keeps once per blob. Writes are synced before they return.
 */
package io.floe.persistence.sliver;
