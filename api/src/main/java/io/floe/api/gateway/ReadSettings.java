package io.floe.api.gateway;

import com.typesafe.config.Config;
import io.floe.protocol.config.ConfigSection;

/**
 * How the aggregator streams reads (DESIGN-ADDENDA §14): {@code floe.gateway.read-ahead} and
 * {@code floe.gateway.whole-read-size}, documented in the api module's reference.conf.
 *
 * @param readAheadBytes sliver bytes one streamed read may hold ahead of what it has emitted (at least one batch
 *                       request's worth is always allowed): the heap a read holds, whatever the blob's size
 * @param wholeReadBytes blobs up to this size are read whole, as before streaming (one batch request per node, a
 *                       missing systematic sliver replaced by decoding); larger ones are streamed
 */
public record ReadSettings(long readAheadBytes, long wholeReadBytes) {
    /** 32 MiB ahead per read; blobs up to 1 MiB read whole. */
    public static final ReadSettings DEFAULT = new ReadSettings(8 * io.floe.api.node.NodeRoutes.BATCH_BYTES, 1L << 20);

    public ReadSettings {
        if (readAheadBytes < 0 || wholeReadBytes < 0) {
            throw new IllegalArgumentException("negative read settings " + readAheadBytes + ", " + wholeReadBytes);
        }
    }

    /** Reads {@code floe.gateway}'s read keys of a resolved member configuration. */
    public static ReadSettings from(Config root) {
        ConfigSection c = ConfigSection.of(root, GatewaySettings.PATH);
        return new ReadSettings(c.bytes("read-ahead"), c.bytes("whole-read-size"));
    }
}
