package io.floe.node.http;

import com.typesafe.config.Config;
import io.floe.api.tls.NodePins;
import io.floe.protocol.config.ConfigSection;
import java.net.URI;
import java.util.Set;

/**
 * A storage node's HTTP API ({@code floe.storage-api}, and {@code floe.tls.node-api}, documented in the node module's
 * reference.conf).
 *
 * <p>Invariants: {@code publicUrl} is an address peers can connect to: a node bound to a wildcard host (0.0.0.0,
 * ::) is refused without an explicit public URL, since {@code http://0.0.0.0:port} in the ledger would send every
 * peer and client to its own host. It is {@code https} exactly when {@code tls} is on, so what the node registers
 * with the ledger says how to reach it.
 *
 * @param host       the interface the API binds
 * @param publicUrl  the URL other members and clients reach the node at; {@code http(s)://host:port} when not set
 * @param syncWrites fsync RocksDB's write-ahead log on every sliver write (else only before signing)
 * @param tls        serve HTTPS with the node's own certificate, whose fingerprint the ledger records
 */
public record StorageApiSettings(String host, int port, String publicUrl, boolean syncWrites, boolean tls) {
    /** The block this record is read from. */
    public static final String PATH = "floe.storage-api";
    private static final Set<String> WILDCARDS = Set.of("0.0.0.0", "::", "[::]", "0:0:0:0:0:0:0:0");
    /** On: HTTPS. Unset: follows {@value #TLS_ENABLED} (the member's one switch for both wires). */
    public static final String TLS_PATH = "floe.tls.node-api";
    public static final String TLS_ENABLED = "floe.tls.enabled";

    public StorageApiSettings {
        String scheme = tls ? "https:" : "http:";
        if (!publicUrl.startsWith(scheme)) {
            throw new IllegalArgumentException(PATH + ".public-url " + publicUrl + " must start with " + scheme
                    + " while " + TLS_PATH + " is " + (tls ? "on" : "off"));
        }
    }

    /** A plain-HTTP API. */
    public StorageApiSettings(String host, int port, String publicUrl, boolean syncWrites) {
        this(host, port, publicUrl, syncWrites, false);
    }

    /** Reads {@value #PATH} and the TLS switch of a resolved member configuration. */
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
        boolean tls = tls(root);
        String scheme = tls ? "https://" : "http://";
        return new StorageApiSettings(host, port, url.isEmpty() ? scheme + urlHost(host) + ":" + port : url,
                c.bool("sync-writes"), tls);
    }

    /**
     * The public URL's host as a certificate names it: an IPv6 literal without the brackets the URL needs
     * ({@code https://[fd00::1]:9185} gives {@code fd00::1}).
     */
    public String certificateHost() {
        return NodePins.bareHost(URI.create(publicUrl).getHost());
    }

    private static boolean tls(Config root) {
        if (root.hasPath(TLS_PATH)) {
            return root.getBoolean(TLS_PATH);
        }
        return root.hasPath(TLS_ENABLED) && root.getBoolean(TLS_ENABLED);
    }

    /** An IPv6 literal goes in brackets in a URL. */
    private static String urlHost(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
