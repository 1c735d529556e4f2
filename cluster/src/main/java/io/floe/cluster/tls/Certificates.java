package io.floe.cluster.tls;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes the X.509 certificates of Artery TLS with Bouncy Castle: EC P-256 keys, a self-signed cluster CA that may
 * sign only member certificates (path length 0), and member certificates that serve both ends of a mutual TLS
 * connection (serverAuth and clientAuth), naming the member and the host it announces.
 */
final class Certificates {
    /** How long a cluster's CA is valid: longer than any member certificate it issues. */
    static final Duration CA_VALIDITY = Duration.ofDays(20 * 365);
    /** How long a member certificate is valid; a member whose certificate expires is given a new one (README). */
    static final Duration MEMBER_VALIDITY = Duration.ofDays(5 * 365);
    private static final String SIGNATURE = "SHA256withECDSA";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Certificates() {
    }

    static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot make EC P-256 keys", e);
        }
    }

    static X509Certificate selfSignedCa(KeyPair keys, String name) {
        X500Name subject = new X500Name("CN=" + name + ",O=Floe");
        X509v3CertificateBuilder builder = builder(subject, subject, keys.getPublic(), CA_VALIDITY);
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            ext.createSubjectKeyIdentifier(keys.getPublic()));
        } catch (CertIOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the cluster CA certificate", e);
        }
        return sign(builder, keys.getPrivate());
    }

    /** A certificate for member {@code memberId} announcing {@code host} (an IP address or a DNS name). */
    static X509Certificate issue(X509Certificate ca, PrivateKey caKey, PublicKey member, String memberId, String host) {
        X500Name issuer = X500Name.getInstance(ca.getSubjectX500Principal().getEncoded());
        X509v3CertificateBuilder builder = builder(issuer, new X500Name("CN=" + memberId + ",O=Floe"), member,
                MEMBER_VALIDITY);
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                            new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(hostName(host)))
                    .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(member));
        } catch (CertIOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the certificate of " + memberId, e);
        }
        return sign(builder, caKey);
    }

    /** True when {@code ca}'s key signed {@code cert} (its issuer's name alone proves nothing). */
    static boolean signedBy(X509Certificate cert, X509Certificate ca) {
        try {
            cert.verify(ca.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static GeneralName hostName(String host) {
        // Only a literal address is tagged as one: resolving a DNS name here could block on a resolver.
        boolean literal = host.matches("[0-9.]+") || host.contains(":");
        try {
            return literal ? new GeneralName(GeneralName.iPAddress, InetAddress.getByName(host).getHostAddress())
                    : new GeneralName(GeneralName.dNSName, host);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + host, e);
        }
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey key,
                                                    Duration validity) {
        // Back-dated a little so that a peer whose clock runs a few minutes late accepts a fresh certificate.
        Instant from = Instant.now().minus(Duration.ofHours(1));
        BigInteger serial = new BigInteger(127, RANDOM);
        return new JcaX509v3CertificateBuilder(issuer, serial, Date.from(from), Date.from(from.plus(validity)),
                subject, key);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(SIGNATURE).build(key)));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a certificate", e);
        }
    }
}
