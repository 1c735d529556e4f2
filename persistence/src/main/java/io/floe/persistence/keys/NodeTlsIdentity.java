package io.floe.persistence.keys;

import io.floe.persistence.files.AtomicFiles;
import io.floe.persistence.files.OwnerOnly;
import io.floe.protocol.tls.TlsFingerprint;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A storage node's TLS identity for its HTTP API: an EC P-256 key and a self-signed certificate, made on the node's
 * first start with TLS and kept in its data folder ({@value #FILE_NAME}, PKCS#12, {@code 0600}). Clients trust it by
 * its {@link TlsFingerprint}, which the node registers with the ledger, never through a CA; so the certificate's
 * names and dates are informative only (it names the node's host for tools such as {@code curl --cacert}).
 *
 * <p>Invariant: the fingerprint is that of the certificate the server presents; a second start reuses the file, so
 * the fingerprint the ledger records stays valid until the data folder is wiped.
 */
public final class NodeTlsIdentity {
    public static final String FILE_NAME = "node-api-tls.p12";
    private static final Logger LOG = LoggerFactory.getLogger(NodeTlsIdentity.class);
    private static final String ALIAS = "node-api";
    /** PKCS#12 wants a password; the file's 0600 mode is what protects the key, so a fixed one is as good. */
    private static final char[] PASSWORD = "floe-node-api".toCharArray();
    /** Pinned certificates are not checked for expiry; a long validity keeps other tools quiet. */
    private static final Duration VALIDITY = Duration.ofDays(100 * 365);

    private final KeyStore store;
    private final TlsFingerprint fingerprint;

    private NodeTlsIdentity(KeyStore store, X509Certificate certificate) {
        this.store = store;
        this.fingerprint = TlsFingerprint.of(certificate);
    }

    /**
     * Loads the identity from {@code dataDir}, or makes one naming {@code host} (a DNS name or an IP literal) and
     * stores it when there is none yet.
     */
    public static NodeTlsIdentity loadOrCreate(Path dataDir, String host) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                if (OwnerOnly.posix()) {
                    Files.setPosixFilePermissions(file, OwnerOnly.FILE);
                }
                KeyStore stored = read(file);
                NodeTlsIdentity loaded = new NodeTlsIdentity(stored, certificateIn(stored, file));
                LOG.info("Loaded node API TLS certificate {} (SHA-256 fingerprint {})", file, loaded.fingerprint);
                return loaded;
            }
            OwnerOnly.folder(dataDir);
            KeyStore created = create(host);
            AtomicFiles.write(file, encode(created));
            NodeTlsIdentity identity = new NodeTlsIdentity(created, certificateIn(created, file));
            LOG.info("Created node API TLS certificate {} for {} (SHA-256 fingerprint {})", file, host,
                    identity.fingerprint);
            return identity;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the node API's TLS certificate " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the node API's TLS certificate " + file + " is unusable: " + e, e);
        }
    }

    /** The SHA-256 fingerprint of the certificate, as the ledger records it. */
    public TlsFingerprint fingerprint() {
        return fingerprint;
    }

    /** A server-side TLS context presenting this certificate. */
    public SSLContext serverContext() {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot serve TLS with the node API's certificate: " + e, e);
        }
    }

    private static KeyStore create(String host) throws GeneralSecurityException, IOException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        Instant now = Instant.now();
        X500Name subject = new X500Name("CN=floe storage node " + host);
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(VALIDITY)), subject, pair.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(generalName(host)));
        X509Certificate certificate;
        try {
            certificate = new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign the certificate", e);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(ALIAS, pair.getPrivate(), PASSWORD, new Certificate[] {certificate});
        return store;
    }

    private static GeneralName generalName(String host) {
        boolean ip = host.matches("[0-9.]+") || host.contains(":");
        return new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, host);
    }

    private static byte[] encode(KeyStore store) throws GeneralSecurityException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, PASSWORD);
        return out.toByteArray();
    }

    private static KeyStore read(Path file) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(Files.readAllBytes(file)), PASSWORD);
        return store;
    }

    private static X509Certificate certificateIn(KeyStore store, Path file) throws GeneralSecurityException {
        if (!store.isKeyEntry(ALIAS) || !(store.getCertificate(ALIAS) instanceof X509Certificate certificate)) {
            throw new GeneralSecurityException(file + " holds no key entry " + ALIAS);
        }
        return certificate;
    }
}
