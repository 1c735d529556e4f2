package io.floe.cluster.tls;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a member's configuration into one whose Artery runs over TLS ({@code tls-tcp}) when
 * {@code floe.tls.artery.enabled}: mutual TLS with Pekko's {@code ConfigSSLEngineProvider}, this member's
 * certificate ({@link MemberStores}, issued by the cluster CA on its first start) and trust in the cluster CA alone.
 *
 * <p>Invariant: a member with TLS on accepts and opens Artery connections only with peers holding a certificate of the
 * CA in its trust store, so a process without the cluster's trust (another CA, or none) can neither join nor send it
 * anything. No hostname check: the CA is the check, and members move between addresses.
 */
public final class ArteryTls {
    private static final Logger LOG = LoggerFactory.getLogger(ArteryTls.class);
    private static final String SSL = "pekko.remote.artery.ssl.";
    private static final String ENGINE = SSL + "config-ssl-engine.";

    private ArteryTls() {
    }

    /** {@code config} (resolved) with Artery over TLS when the member asks for it, unchanged otherwise. */
    public static Config memberConfig(Config config) {
        ArteryTlsSettings settings = ArteryTlsSettings.from(config);
        if (!settings.enabled()) {
            return config;
        }
        MemberStores stores = stores(settings);
        LOG.info("Artery TLS on: certificate of {} SHA-256 {}, trusting the cluster CA SHA-256 {}",
                settings.memberId(), Fingerprint.sha256(stores.certificate()), Fingerprint.sha256(stores.ca()));
        return pekkoConfig(stores).withFallback(config);
    }

    /** The member's stores, made on its first start; fails when they trust another CA than the configured one. */
    public static MemberStores stores(ArteryTlsSettings settings) {
        try {
            MemberStores stores = MemberStores.ensure(settings.storesDir(), settings.memberId(), settings.host(),
                    () -> pinned(settings, ClusterCa.open(settings.caFile().orElseThrow(() -> new IOException(
                            "floe.tls.artery.ca-file is not set and this member has no certificate yet")),
                            settings.createCa())));
            checkTrust(settings, stores);
            return stores;
        } catch (IOException e) {
            throw new UncheckedIOException("Artery TLS: " + e.getMessage(), e);
        }
    }

    private static ClusterCa pinned(ArteryTlsSettings settings, ClusterCa ca) throws IOException {
        if (!settings.caFingerprint().isEmpty() && !Fingerprint.matches(settings.caFingerprint(), ca.certificate())) {
            throw new IOException("the cluster CA in " + settings.caFile().orElseThrow() + " has SHA-256 "
                    + Fingerprint.sha256(ca.certificate()) + ", not floe.tls.artery.ca-fingerprint");
        }
        return ca;
    }

    /** A member keeps its certificate, so a CA file or pin it does not match means it belongs to another cluster. */
    private static void checkTrust(ArteryTlsSettings settings, MemberStores stores) throws IOException {
        if (!settings.caFingerprint().isEmpty() && !Fingerprint.matches(settings.caFingerprint(), stores.ca())) {
            throw new IOException("this member trusts the CA SHA-256 " + Fingerprint.sha256(stores.ca())
                    + ", not floe.tls.artery.ca-fingerprint; remove " + settings.storesDir() + " to re-issue");
        }
        if (settings.caFile().isPresent() && Files.exists(settings.caFile().get())) {
            ClusterCa ca = ClusterCa.open(settings.caFile().get(), false);
            if (!ca.certificate().equals(stores.ca())) {
                throw new IOException("this member's certificate is from another CA than " + settings.caFile().get()
                        + " (SHA-256 " + Fingerprint.sha256(ca.certificate()) + "); remove " + settings.storesDir()
                        + " to have one issued by it");
            }
        }
    }

    private static Config pekkoConfig(MemberStores stores) {
        return ConfigFactory.parseMap(Map.of(
                "pekko.remote.artery.transport", "tls-tcp",
                SSL + "ssl-engine-provider", "org.apache.pekko.remote.artery.tcp.ConfigSSLEngineProvider",
                ENGINE + "key-store", stores.keyStore().toString(),
                ENGINE + "trust-store", stores.trustStore().toString(),
                ENGINE + "key-store-password", stores.password(),
                ENGINE + "key-password", stores.password(),
                ENGINE + "trust-store-password", stores.password(),
                ENGINE + "require-mutual-authentication", true,
                ENGINE + "hostname-verification", false));
    }
}
