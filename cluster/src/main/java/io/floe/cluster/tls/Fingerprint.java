package io.floe.cluster.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;

/**
 * The SHA-256 fingerprint of a certificate's DER encoding, written as {@code openssl x509 -fingerprint -sha256}
 * prints it (upper-case hex pairs joined by colons), so that an operator can compare the two by eye.
 */
public final class Fingerprint {
    private Fingerprint() {
    }

    public static String sha256(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            StringBuilder text = new StringBuilder(digest.length * 3);
            for (byte b : digest) {
                text.append(text.length() == 0 ? "" : ":").append(String.format("%02X", b & 0xff));
            }
            return text.toString();
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint a certificate", e);
        }
    }

    /** True when {@code expected} names {@code certificate}, ignoring case, colons and spaces. */
    public static boolean matches(String expected, X509Certificate certificate) {
        String normal = expected.replaceAll("[:\\s]", "").toUpperCase(java.util.Locale.ROOT);
        return normal.equals(sha256(certificate).replace(":", ""));
    }
}
