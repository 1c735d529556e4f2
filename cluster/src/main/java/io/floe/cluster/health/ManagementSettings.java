package io.floe.cluster.health;

import com.typesafe.config.Config;
import io.floe.protocol.config.ConfigSection;

/**
 * The {@code floe.management} settings (the cluster module's reference.conf documents each key), read once.
 * Invariants: the port is 0 (no management server) or a TCP port; the read side may be at least one event behind.
 *
 * @param port              the management server's port, 0 for none
 * @param hostname          the address it binds and announces
 * @param readSideMaxBehind how many blob events the gateway's read side may still have to apply and be ready
 */
public record ManagementSettings(int port, String hostname, int readSideMaxBehind) {
    public static final String PATH = "floe.management";

    public ManagementSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(PATH + ".port must be 0 (none) or a port, was " + port);
        }
        if (hostname.isBlank()) {
            throw new IllegalArgumentException(PATH + ".hostname is empty");
        }
        if (readSideMaxBehind < 1) {
            throw new IllegalArgumentException(PATH + ".read-side-max-behind must be >= 1, was " + readSideMaxBehind);
        }
    }

    public static ManagementSettings from(Config root) {
        ConfigSection c = ConfigSection.of(root, PATH);
        return new ManagementSettings(c.intValue("port"), c.string("hostname"), c.positiveInt("read-side-max-behind"));
    }

    /** True when the member runs a management server. */
    public boolean enabled() {
        return port > 0;
    }
}
