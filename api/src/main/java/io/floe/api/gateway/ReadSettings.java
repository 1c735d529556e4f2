package io.floe.api.gateway;

import com.typesafe.config.Config;
import io.floe.protocol.config.ConfigSection;

/**
 * How the aggregator streams reads (DESIGN-ADDENDA §14): {@code floe.gateway.read-ahead},
 * {@code floe.gateway.whole-read-size}, {@code floe.gateway.read-budget} and {@code floe.gateway.metadata-cache-size},
 * documented in the api module's reference.conf.
 *
 * @param readAheadBytes sliver bytes one streamed read may hold ahead of what it has emitted (at least one batch
 *                       request's worth is always allowed), when the read budget has them
 * @param wholeReadBytes blobs up to this size are read whole, as before streaming (one batch request per node, a
 *                       missing systematic sliver replaced by decoding); larger ones are streamed
 * @param readBudgetBytes the heap all reads at once may hold ({@link ReadBudget}); a read that cannot get its least
 *                        gets 503 {@code AGGREGATOR_BUSY}
 * @param metadataCacheBytes heap the verified metadata of blobs read lately may hold, so that reading a blob again
 *                           (the next Range of a video, say) skips its metadata request
 */
public record ReadSettings(long readAheadBytes, long wholeReadBytes, long readBudgetBytes, long metadataCacheBytes) {
    /** The default {@code metadata-cache-size}: about 1,000 blobs' metadata at n = 100, 100 at n = 1000. */
    public static final long DEFAULT_METADATA_CACHE_BYTES = 16L << 20;
    /** 32 MiB ahead per read; blobs up to 1 MiB read whole; a quarter of the heap for all reads. */
    public static final ReadSettings DEFAULT = new ReadSettings(8 * io.floe.api.node.NodeRoutes.BATCH_BYTES, 1L << 20);

    public ReadSettings {
        if (readAheadBytes < 0 || wholeReadBytes < 0 || readBudgetBytes < 0 || metadataCacheBytes < 0) {
            throw new IllegalArgumentException("negative read settings " + readAheadBytes + ", " + wholeReadBytes
                    + ", " + readBudgetBytes + ", " + metadataCacheBytes);
        }
        if (wholeReadBytes > Integer.MAX_VALUE - 8) {
            // A whole read is one byte[]: beyond an array's size only streaming can serve a blob.
            throw new IllegalArgumentException("whole-read-size must be below 2 GiB: " + wholeReadBytes);
        }
    }

    /** With the default metadata cache. */
    public ReadSettings(long readAheadBytes, long wholeReadBytes, long readBudgetBytes) {
        this(readAheadBytes, wholeReadBytes, readBudgetBytes, DEFAULT_METADATA_CACHE_BYTES);
    }

    /** With the default read budget, a quarter of this JVM's heap, and the default metadata cache. */
    public ReadSettings(long readAheadBytes, long wholeReadBytes) {
        this(readAheadBytes, wholeReadBytes, heapQuarter());
    }

    /** Reads {@code floe.gateway}'s read keys of a resolved member configuration. */
    public static ReadSettings from(Config root) {
        ConfigSection c = ConfigSection.of(root, GatewaySettings.PATH);
        long budget = "auto".equals(c.string("read-budget")) ? heapQuarter() : c.bytes("read-budget");
        return new ReadSettings(c.bytes("read-ahead"), c.bytes("whole-read-size"), budget,
                c.bytes("metadata-cache-size"));
    }

    private static long heapQuarter() {
        return Runtime.getRuntime().maxMemory() / 4;
    }
}
