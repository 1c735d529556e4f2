package io.floe.api.gateway;

import com.typesafe.config.Config;
import io.floe.protocol.config.ConfigSection;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The publisher/aggregator API of a gateway member ({@code floe.gateway}, documented in the api module's
 * reference.conf).
 *
 * @param maxBodySize the largest body {@code PUT /v1/blobs} accepts (413 beyond)
 * @param spoolDir where bodies are spooled before encoding ({@code <data-dir>/spool} when not set)
 * @param nodeRequestTimeout bound of one request to a storage node
 * @param confirmationTail after a quorum of confirmations, how long to collect the rest before certifying
 * @param nodeConcurrency parallel requests to one storage node during a store or read
 * @param uploadWindow sliver bytes one store's upload holds loaded at once, all nodes together
 * @param uploadWhileRegistering whether a small blob is sent to the nodes to hold while it is registered
 * @param storeBudget the heap stores running at once may hold (503 beyond)
 * @param signedMaxBodySize the largest signed {@code PUT /v1/blobs} body; empty ({@code auto}): one blob at n
 * @param allowedHeaders blob attributes served as response headers of {@code GET /v1/blobs/by-object-id/{id}}
 */
public record GatewaySettings(String host, int port, long maxBodySize, Path spoolDir, Duration nodeRequestTimeout,
                              Duration confirmationTail, int nodeConcurrency, long uploadWindow,
                              boolean uploadWhileRegistering, long storeBudget,
                              java.util.Set<String> allowedHeaders, java.util.OptionalLong signedMaxBodySize) {
    /** The block this record is read from. */
    public static final String PATH = "floe.gateway";
    /** Walrus's aggregator default ({@code --allowed-headers}). */
    public static final java.util.Set<String> DEFAULT_ALLOWED_HEADERS = java.util.Set.of("content-type",
            "authorization", "content-disposition", "content-encoding", "content-language", "content-location", "link");

    public GatewaySettings {
        allowedHeaders = java.util.Set.copyOf(allowedHeaders);
    }

    /** Reads {@value #PATH} of a resolved member configuration whose data folder is {@code dataDir}. */
    public static GatewaySettings from(Config root, Path dataDir) {
        ConfigSection c = ConfigSection.of(root, PATH);
        String spool = c.string("spool-dir");
        return new GatewaySettings(c.string("host"), c.intValue("port"), c.bytes("max-body-size"),
                spool.isEmpty() ? dataDir.resolve("spool") : Path.of(spool).toAbsolutePath(),
                c.positiveDuration("node-request-timeout"), c.notNegativeDuration("confirmation-tail"),
                c.positiveInt("node-concurrency"), c.bytes("upload-window"),
                c.bool("upload-while-registering"), c.bytes("store-budget"),
                new java.util.HashSet<>(c.strings("allowed-headers")), signedMaxBodySize(c));
    }

    /** {@code signed-max-body-size}: {@code auto} (one blob at the network's n) or a size. */
    private static java.util.OptionalLong signedMaxBodySize(ConfigSection c) {
        return "auto".equals(c.string("signed-max-body-size")) ? java.util.OptionalLong.empty()
                : java.util.OptionalLong.of(c.bytes("signed-max-body-size"));
    }

    /** The store path's limits (a store larger than the whole budget still runs when it is the only one). */
    public UploadSettings upload() {
        return new UploadSettings(maxBodySize, spoolDir, storeBudget, signedMaxBodySize);
    }
}
