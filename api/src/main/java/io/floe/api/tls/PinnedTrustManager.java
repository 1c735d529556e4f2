package io.floe.api.tls;

import io.floe.protocol.tls.TlsFingerprint;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts a storage node's certificate exactly when its SHA-256 fingerprint is the one {@link NodePins} gives for the
 * address being connected to: pinning, as Walrus's clients check a node's self-signed certificate against its
 * on-chain key. No CA, no expiry and no host-name check (a node's certificate is self-signed and the ledger, not a
 * name, says which one is right); being an {@link X509ExtendedTrustManager}, it also keeps JSSE from adding the
 * host-name check the JDK's HTTP client asks for.
 */
public final class PinnedTrustManager extends X509ExtendedTrustManager {
    private final NodePins pins;

    public PinnedTrustManager(NodePins pins) {
        this.pins = pins;
    }

    /** A client-side TLS context that trusts node certificates by {@code pins} alone. */
    public static SSLContext clientContext(NodePins pins) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new PinnedTrustManager(pins)}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has a TLS context: " + e, e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain, engine.getPeerHost(), engine.getPeerPort());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        if (socket instanceof SSLSocket ssl && ssl.getHandshakeSession() != null) {
            check(chain, ssl.getHandshakeSession().getPeerHost(), ssl.getHandshakeSession().getPeerPort());
        } else {
            check(chain, socket.getInetAddress().getHostAddress(), socket.getPort());
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a node's certificate is checked against its address's pin; none given");
    }

    private void check(X509Certificate[] chain, String host, int port) throws CertificateException {
        if (chain == null || chain.length == 0 || host == null) {
            throw new CertificateException("no certificate or no address to check it for");
        }
        Optional<TlsFingerprint> expected = pins.pinFor(host, port);
        if (expected.isEmpty()) {
            throw new CertificateException("the ledger records no TLS fingerprint for a node at " + host + ":" + port);
        }
        TlsFingerprint presented = TlsFingerprint.ofCertificate(chain[0].getEncoded());
        if (!presented.equals(expected.get())) {
            throw new CertificateException("the node at " + host + ":" + port + " presents certificate " + presented
                    + " but the ledger records " + expected.get());
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("node clients do not accept TLS clients");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
