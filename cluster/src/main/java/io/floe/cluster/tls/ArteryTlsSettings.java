package io.floe.cluster.tls;

import com.typesafe.config.Config;
import io.floe.protocol.config.ConfigSection;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Artery TLS of one member ({@code floe.tls.artery}, documented in the cluster module's reference.conf), read once at
 * start-up from its resolved configuration.
 *
 * @param enabled       {@code floe.tls.artery.enabled}, or {@code floe.tls.enabled} when the member does not set it
 * @param caFile        the cluster CA's PEM file; empty when not configured (a member that already has its
 *                      certificate needs none)
 * @param createCa      whether this member may create the CA file when it does not exist (a new cluster's first member)
 * @param caFingerprint the SHA-256 fingerprint the cluster CA must have; empty for no pin
 * @param storesDir     the member's own TLS folder, {@code <floe.member.data-dir>/tls}
 * @param memberId      the member's ID, the common name of its certificate
 * @param host          the host the member announces ({@code pekko.remote.artery.canonical.hostname}), its
 *                      certificate's subject alternative name
 */
public record ArteryTlsSettings(boolean enabled, Optional<Path> caFile, boolean createCa, String caFingerprint,
                                Path storesDir, String memberId, String host) {
    public static final String PATH = "floe.tls.artery";

    public static ArteryTlsSettings from(Config root) {
        ConfigSection c = ConfigSection.of(root, PATH);
        // Read here rather than substituted in reference.conf: Typesafe Config resolves the reference on its own,
        // before a member's file could set floe.tls.enabled.
        boolean enabled = root.hasPath(PATH + ".enabled") ? c.bool("enabled") : root.getBoolean("floe.tls.enabled");
        String ca = c.string("ca-file").trim();
        Path dataDir = Path.of(root.getString("floe.member.data-dir")).toAbsolutePath();
        ArteryTlsSettings s = new ArteryTlsSettings(enabled, ca.isEmpty() ? Optional.empty() : Optional.of(Path.of(ca)
                .toAbsolutePath()), c.bool("create-ca"), c.string("ca-fingerprint").trim(), dataDir.resolve("tls"),
                root.getString("floe.member.id"), root.getString("pekko.remote.artery.canonical.hostname"));
        if (!s.caFingerprint.isEmpty() && !s.caFingerprint.replaceAll("[:\\s]", "").matches("[0-9A-Fa-f]{64}")) {
            throw c.bad("ca-fingerprint", "must be a SHA-256 fingerprint (64 hex digits, colons allowed)");
        }
        if (s.createCa && s.caFile.isEmpty()) {
            throw c.bad("create-ca", "needs floe.tls.artery.ca-file: where to create the cluster CA");
        }
        return s;
    }
}
