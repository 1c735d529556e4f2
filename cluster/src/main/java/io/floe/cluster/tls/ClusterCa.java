package io.floe.cluster.tls;

import io.floe.persistence.files.AtomicFiles;
import io.floe.persistence.files.OwnerOnly;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster's certificate authority for Artery TLS: its self-signed certificate and private key, kept together in one
 * PEM file ({@code 0600}: the certificate, then the key as unencrypted PKCS#8). Whoever holds the file can issue
 * certificates that every member trusts, so it is the cluster's trust: a member needs it once, on its first start,
 * to issue its own certificate ({@link MemberStores}), and trusts only this CA's certificate from then on.
 *
 * <p>Invariants: the file is created at most once and whole ({@link AtomicFiles#createOnce}: members of a local network starting
 * together all end up with the first one's CA), in a folder made {@code 0700} only if it did not exist, and never
 * replaced; a file without exactly one certificate that is a CA and a key matching it is refused, and so is a file
 * group or others may read.
 */
public final class ClusterCa {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterCa.class);

    private final X509Certificate certificate;
    private final PrivateKey key;

    private ClusterCa(X509Certificate certificate, PrivateKey key) {
        this.certificate = certificate;
        this.key = key;
    }

    /** The CA in {@code file}; with {@code create}, a new CA is made there first when there is no file. */
    public static ClusterCa open(Path file, boolean create) throws IOException {
        if (create && !Files.exists(file)) {
            Path parent = file.toAbsolutePath().getParent();
            // Made owner-only when absent, left alone when present: it may be /etc/floe or someone's home.
            if (!Files.isDirectory(parent)) {
                OwnerOnly.folder(parent);
            }
            KeyPair keys = Certificates.newKeyPair();
            ClusterCa made = new ClusterCa(Certificates.selfSignedCa(keys, "Floe cluster CA"), keys.getPrivate());
            if (AtomicFiles.createOnce(file, made.pem().getBytes(StandardCharsets.US_ASCII))) {
                LOG.info("created a new cluster CA in {} (SHA-256 {}): members need this file for their first start",
                        file, Fingerprint.sha256(made.certificate));
            }
        }
        try {
            return read(file);
        } catch (NoSuchFileException e) {
            throw new IOException("no cluster CA at " + file + ": copy it there from the cluster's first member "
                    + "(README, TLS), or set floe.tls.artery.create-ca = on on the first member of a new cluster", e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** A certificate for a member's {@code key}, naming the member and the host it announces. */
    X509Certificate issue(PublicKey member, String memberId, String host) {
        return Certificates.issue(certificate, key, member, memberId, host);
    }

    private String pem() throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(certificate);
            writer.writeObject(new JcaPKCS8Generator(key, null));
        }
        return text.toString();
    }

    private static ClusterCa read(Path file) throws IOException {
        refuseShared(file);
        X509Certificate cert = null;
        PrivateKey key = null;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(in)) {
            for (Object o = pem.readObject(); o != null; o = pem.readObject()) {
                if (o instanceof X509CertificateHolder && cert == null) {
                    cert = new JcaX509CertificateConverter().getCertificate((X509CertificateHolder) o);
                } else if (o instanceof PrivateKeyInfo && key == null) {
                    key = new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) o);
                } else if (o instanceof PEMKeyPair && key == null) {
                    key = new JcaPEMKeyConverter().getKeyPair((PEMKeyPair) o).getPrivate();
                } else {
                    throw new IOException(file + " holds more than one CA certificate and key");
                }
            }
        } catch (CertificateException e) {
            throw new IOException(file + " holds a certificate this JVM cannot read", e);
        }
        return checked(file, cert, key);
    }

    /** The file holds the key that admits members, so a copy others can read (say, left 0644 by scp) is refused. */
    private static void refuseShared(Path file) throws IOException {
        if (!OwnerOnly.posix() || !Files.exists(file)) {
            return;
        }
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
        if (mode.contains(PosixFilePermission.GROUP_READ) || mode.contains(PosixFilePermission.OTHERS_READ)) {
            throw new IOException("the cluster CA " + file + " is readable by group or others (mode "
                    + PosixFilePermissions.toString(mode) + "); it holds the key that admits members: chmod 600 "
                    + file);
        }
    }

    private static ClusterCa checked(Path file, X509Certificate cert, PrivateKey key) throws IOException {
        if (cert == null || key == null) {
            throw new IOException(file + " is not a cluster CA (a PEM certificate and its private key)");
        }
        if (cert.getBasicConstraints() < 0) {
            throw new IOException(file + "'s certificate is not a CA certificate");
        }
        ClusterCa ca = new ClusterCa(cert, key);
        if (!Certificates.signedBy(ca.issue(Certificates.newKeyPair().getPublic(), "check", "127.0.0.1"), cert)) {
            throw new IOException(file + "'s private key does not belong to its certificate");
        }
        return ca;
    }
}
