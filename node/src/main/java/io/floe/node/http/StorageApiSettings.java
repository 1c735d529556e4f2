package io.floe.node.http;

import com.typesafe.config.Config;
import io.floe.protocol.config.ConfigSection;
import java.util.Set;

/**
 * A storage node's HTTP API ({@code floe.storage-api}, documented in the node module's reference.conf).
 *
 * <p>Invariant: {@code publicUrl} is an address peers can connect to: a node bound to a wildcard host (0.0.0.0, ::)
 * is refused without an explicit public URL, since {@code http://0.0.0.0:port} in the ledger would send every peer
 * and client to its own host.
 *
 * @param host the interface the API binds
 * @param publicUrl the URL other members and clients reach the node at; {@code http://host:port} when not set
 * @param syncWrites fsync RocksDB's write-ahead log on every sliver write (else only before signing)
 */
public record StorageApiSettings(String host, int port, String publicUrl, boolean syncWrites) {
    /** The block this record is read from. */
    public static final String PATH = "floe.storage-api";
    private static final Set<String> WILDCARDS = Set.of("0.0.0.0", "::", "[::]", "0:0:0:0:0:0:0:0");

    /** Reads {@value #PATH} of a resolved member configuration. */
    public static StorageApiSettings from(Config root) {
        ConfigSection c = ConfigSection.of(root, PATH);
        String host = c.string("host");
        int port = c.intValue("port");
        String url = c.string("public-url");
        if (url.isEmpty() && WILDCARDS.contains(host)) {
            throw new IllegalArgumentException(PATH + ".host = " + host + " listens on every interface, so it is no"
                    + " address for peers: set " + PATH + ".public-url (FLOE_STORAGE_API_PUBLIC_URL) to the URL"
                    + " they reach this node at");
        }
        return new StorageApiSettings(host, port, url.isEmpty() ? "http://" + urlHost(host) + ":" + port : url,
                c.bool("sync-writes"));
    }

    /** An IPv6 literal goes in brackets in a URL. */
    private static String urlHost(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
