package io.floe.cluster.tls;

import io.floe.persistence.files.AtomicFiles;
import io.floe.persistence.files.OwnerOnly;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Base64;

/**
 * A member's Artery TLS credentials in its data folder ({@code <data-dir>/tls}, {@code 0700}): a PKCS12 key store
 * with its private key and certificate (issued by the cluster CA on its first start), a PKCS12 trust store holding
 * only the cluster CA's certificate, and the stores' password, each file {@code 0600}. Pekko's
 * {@code ConfigSSLEngineProvider} reads the two stores.
 *
 * <p>Invariants: a member's certificate is issued once and kept (the key store is written last, so its presence
 * means the three files are whole); the certificate in the key store is signed by the CA in the trust store, checked
 * on every start.
 */
public record MemberStores(Path keyStore, Path trustStore, String password, X509Certificate certificate,
                           X509Certificate ca) {
    static final String KEY_STORE = "artery-keystore.p12";
    static final String TRUST_STORE = "artery-truststore.p12";
    static final String SECRET = "artery-stores.secret";
    private static final String MEMBER_ALIAS = "member";
    private static final String CA_ALIAS = "cluster-ca";

    /** Where a member's cluster CA comes from when it needs one (only on its first start). */
    @FunctionalInterface
    public interface CaSource {
        ClusterCa open() throws IOException;
    }

    /** The stores in {@code dir}, made first (with a certificate from {@code ca}) when the member has none. */
    public static MemberStores ensure(Path dir, String memberId, String host, CaSource ca) throws IOException {
        OwnerOnly.folder(dir);
        if (!Files.exists(dir.resolve(KEY_STORE))) {
            issue(dir, memberId, host, ca.open());
        }
        return load(dir);
    }

    private static void issue(Path dir, String memberId, String host, ClusterCa ca) throws IOException {
        // A start that stopped before writing the key store left at most a secret and a trust store: both are redone.
        Files.deleteIfExists(dir.resolve(SECRET));
        Files.deleteIfExists(dir.resolve(TRUST_STORE));
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        KeyPair keys = Certificates.newKeyPair();
        X509Certificate cert = ca.issue(keys.getPublic(), memberId, host);
        try {
            KeyStore trust = emptyStore();
            trust.setCertificateEntry(CA_ALIAS, ca.certificate());
            KeyStore key = emptyStore();
            key.setKeyEntry(MEMBER_ALIAS, keys.getPrivate(), password.toCharArray(),
                    new Certificate[] {cert, ca.certificate()});
            writeNew(dir.resolve(SECRET), password.getBytes(StandardCharsets.US_ASCII));
            writeNew(dir.resolve(TRUST_STORE), bytes(trust, password));
            writeNew(dir.resolve(KEY_STORE), bytes(key, password));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write the TLS stores of " + memberId + " in " + dir, e);
        }
    }

    static MemberStores load(Path dir) throws IOException {
        String password = Files.readString(dir.resolve(SECRET), StandardCharsets.US_ASCII).trim();
        try {
            KeyStore key = read(dir.resolve(KEY_STORE), password);
            KeyStore trust = read(dir.resolve(TRUST_STORE), password);
            X509Certificate cert = (X509Certificate) key.getCertificate(MEMBER_ALIAS);
            X509Certificate ca = (X509Certificate) trust.getCertificate(CA_ALIAS);
            if (cert == null || ca == null || !Certificates.signedBy(cert, ca)) {
                throw new IOException("the TLS stores in " + dir + " do not hold a certificate of the CA they trust; "
                        + "remove the folder to have a new certificate issued");
            }
            return new MemberStores(dir.resolve(KEY_STORE), dir.resolve(TRUST_STORE), password, cert, ca);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the TLS stores in " + dir, e);
        }
    }

    private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }

    private static KeyStore read(Path file, String password) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }

    private static byte[] bytes(KeyStore store, String password) throws GeneralSecurityException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, password.toCharArray());
        return out.toByteArray();
    }

    private static void writeNew(Path file, byte[] content) throws IOException {
        if (!AtomicFiles.createOnce(file, content)) {
            throw new IOException(file + " appeared while this member was writing it: is another member using "
                    + file.getParent() + "?");
        }
    }
}
