package io.floe.cluster.tls;

import io.floe.protocol.tls.TlsFingerprint;
import java.security.cert.X509Certificate;

/**
 * The SHA-256 fingerprint of a certificate's DER encoding ({@link TlsFingerprint}, the digest the ledger records for
 * node API certificates), written as {@code openssl x509 -fingerprint -sha256} prints it (upper-case hex pairs joined
 * by colons), so that an operator can compare the two by eye.
 */
public final class Fingerprint {
    private Fingerprint() {
    }

    public static String sha256(X509Certificate certificate) {
        return TlsFingerprint.of(certificate).opensslForm();
    }

    /** True when {@code expected} names {@code certificate}, ignoring case, colons and spaces. */
    public static boolean matches(String expected, X509Certificate certificate) {
        try {
            return TlsFingerprint.parse(expected.replaceAll("[:\\s]", "")).equals(TlsFingerprint.of(certificate));
        } catch (IllegalArgumentException notAFingerprint) {
            return false;
        }
    }
}
