package io.floe.protocol.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The SHA-256 fingerprint of a storage node's TLS certificate (of its DER encoding, as {@code openssl x509
 * -fingerprint -sha256} shows it), recorded by the ledger with the node's registration. A client of the node API
 * accepts exactly the certificate whose fingerprint the ledger records for that node: pinning, no CA.
 *
 * <p>Invariants: always {@value #LENGTH} bytes, held as lowercase hex; equal when the bytes are.
 */
public record TlsFingerprint(String hex) {
    /** Bytes of a SHA-256 digest. */
    public static final int LENGTH = 32;
    private static final HexFormat HEX = HexFormat.of();

    public TlsFingerprint {
        if (hex == null || hex.length() != 2 * LENGTH || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("a TLS fingerprint is " + LENGTH + " bytes of hex, got " + hex);
        }
        hex = hex.toLowerCase(Locale.ROOT);
    }

    /** The fingerprint with these digest bytes. */
    public static TlsFingerprint of(byte[] sha256) {
        if (sha256 == null || sha256.length != LENGTH) {
            throw new IllegalArgumentException("a TLS fingerprint is " + LENGTH + " bytes, got "
                    + (sha256 == null ? "null" : sha256.length));
        }
        return new TlsFingerprint(HEX.formatHex(sha256));
    }

    /** The fingerprint of a certificate given in DER. */
    public static TlsFingerprint ofCertificate(byte[] der) {
        try {
            return of(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The fingerprint of {@code certificate}. */
    public static TlsFingerprint of(X509Certificate certificate) {
        try {
            return ofCertificate(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a certificate that cannot be encoded: " + e, e);
        }
    }

    /** Reads hex as Floe prints it, or as openssl does (upper case, bytes separated by colons). */
    public static TlsFingerprint parse(String text) {
        return new TlsFingerprint(text.strip().replace(":", ""));
    }

    /** As {@code openssl x509 -noout -fingerprint -sha256} prints it: upper-case hex pairs joined by colons. */
    public String opensslForm() {
        StringBuilder text = new StringBuilder(3 * LENGTH);
        for (int i = 0; i < hex.length(); i += 2) {
            text.append(i == 0 ? "" : ":").append(hex, i, i + 2);
        }
        return text.toString().toUpperCase(Locale.ROOT);
    }

    /** The 32 digest bytes (a copy). */
    public byte[] bytes() {
        return HEX.parseHex(hex);
    }

    @Override
    public String toString() {
        return hex;
    }
}
