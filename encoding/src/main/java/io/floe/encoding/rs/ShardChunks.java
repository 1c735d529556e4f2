package io.floe.encoding.rs;

import java.nio.ByteBuffer;

/**
 * Splits shards of the crate's byte layout into chunks of whole 64-byte blocks that the codec processes one at a
 * time, so its work array stays cache-sized however long the shards are. A tail shorter than 64 bytes (low bytes
 * in its first half, high bytes in its second, RS16-SPEC.md §7) becomes one padded block of its own.
 */
final class ShardChunks {
    /** Work-array budget per thread: about the L2 cache of this machine's cores. */
    private static final int WORK_BUDGET_BYTES = 512 * 1024;
    private static final int MAX_CHUNK_BYTES = 16 * 1024;

    private final int fullBytes;
    private final int tailHalf;
    private final int chunkBytes;
    private final int fullChunks;

    ShardChunks(int shardBytes, int workRows) {
        this(shardBytes, workRows, WORK_BUDGET_BYTES);
    }

    /** Chunks whose work array holds about {@code budgetBytes} (NativeCodec picks the budget per ISA). */
    ShardChunks(int shardBytes, int workRows, int budgetBytes) {
        this.fullBytes = shardBytes / 64 * 64;
        this.tailHalf = (shardBytes - fullBytes) / 2;
        int budget = budgetBytes / Math.max(1, workRows) / 64 * 64;
        this.chunkBytes = Math.max(64, Math.min(Math.min(budget, MAX_CHUNK_BYTES), Math.max(64, fullBytes)));
        this.fullChunks = (fullBytes + chunkBytes - 1) / chunkBytes;
    }

    /** Number of chunks, the tail block included. */
    int count() {
        return fullChunks + (tailHalf > 0 ? 1 : 0);
    }

    /** Row length of the work array. */
    int rowBytes() {
        return chunkBytes;
    }

    /** Bytes of work-array row that chunk {@code c} uses (a multiple of 64). */
    int length(int c) {
        return c < fullChunks ? Math.min(chunkBytes, fullBytes - c * chunkBytes) : 64;
    }

    /** Byte offset of chunk {@code c} in its shard when the chunk is a plain slice of it, else -1 (the tail). */
    int plainOffset(int c) {
        return c < fullChunks ? c * chunkBytes : -1;
    }

    /** Copies chunk {@code c} of a shard into a work row, in block layout. */
    void load(byte[] shard, byte[] row, int c) {
        if (c < fullChunks) {
            System.arraycopy(shard, c * chunkBytes, row, 0, length(c));
        } else {
            System.arraycopy(shard, fullBytes, row, 0, tailHalf);
            System.arraycopy(shard, fullBytes + tailHalf, row, 32, tailHalf);
        }
    }

    /** Copies chunk {@code c} of a shard into the work row at byte {@code row} of a direct buffer. */
    void load(byte[] shard, ByteBuffer work, int row, int c) {
        if (c < fullChunks) {
            work.put(row, shard, c * chunkBytes, length(c));
        } else {
            work.put(row, shard, fullBytes, tailHalf);
            work.put(row + 32, shard, fullBytes + tailHalf, tailHalf);
        }
    }

    /** Copies the work row at byte {@code row} of a direct buffer back into chunk {@code c} of a shard. */
    void store(ByteBuffer work, int row, byte[] shard, int c) {
        if (c < fullChunks) {
            work.get(row, shard, c * chunkBytes, length(c));
        } else {
            work.get(row, shard, fullBytes, tailHalf);
            work.get(row + 32, shard, fullBytes + tailHalf, tailHalf);
        }
    }

    /** Copies a work row back into chunk {@code c} of a shard. */
    void store(byte[] row, byte[] shard, int c) {
        if (c < fullChunks) {
            System.arraycopy(row, 0, shard, c * chunkBytes, length(c));
        } else {
            System.arraycopy(row, 0, shard, fullBytes, tailHalf);
            System.arraycopy(row, 32, shard, fullBytes + tailHalf, tailHalf);
        }
    }
}
