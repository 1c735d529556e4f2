package io.floe.node.http;

import com.typesafe.config.Config;
import io.floe.protocol.config.ConfigSection;

/**
 * A storage node's HTTP API ({@code floe.storage-api}, documented in the node module's reference.conf).
 *
 * @param publicUrl the URL other members and clients reach the node at; {@code http://host:port} when not set
 * @param syncWrites fsync RocksDB's write-ahead log on every sliver write (else only before signing)
 */
public record StorageApiSettings(String host, int port, String publicUrl, boolean syncWrites) {
    /** The block this record is read from. */
    public static final String PATH = "floe.storage-api";

    /** Reads {@value #PATH} of a resolved member configuration. */
    public static StorageApiSettings from(Config root) {
        ConfigSection c = ConfigSection.of(root, PATH);
        String host = c.string("host");
        int port = c.intValue("port");
        String url = c.string("public-url");
        return new StorageApiSettings(host, port, url.isEmpty() ? "http://" + host + ":" + port : url,
                c.bool("sync-writes"));
    }
}
