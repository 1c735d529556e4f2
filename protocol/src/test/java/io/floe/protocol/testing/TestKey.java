package io.floe.protocol.testing;

import io.floe.protocol.signing.Ed25519PublicKey;
import io.floe.protocol.signing.SignedMessage;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A fresh Ed25519 key for a test node, generated, used and checked through the JDK's own provider rather than
 * Floe's {@code Ed25519} class, so tests of code built on that class do not check it against itself.
 *
 * <p>Invariant: {@link #publicKey()} is the pair's public key (its 32 raw bytes, as Walrus and the ledger exchange
 * them), and every signature {@link #sign} makes verifies against it with {@link #verifies}.
 */
public final class TestKey {
    /** DER of an Ed25519 SubjectPublicKeyInfo up to the key: the X.509 encoding is this and the 32 raw bytes. */
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final String ALGORITHM = "Ed25519";
    private static final int RAW_LENGTH = 32;

    private final PrivateKey privateKey;
    private final Ed25519PublicKey publicKey;

    private TestKey(KeyPair pair) {
        this.privateKey = pair.getPrivate();
        byte[] encoded = pair.getPublic().getEncoded();
        this.publicKey = Ed25519PublicKey.of(Arrays.copyOfRange(encoded, encoded.length - RAW_LENGTH, encoded.length));
    }

    /** A new key from the JDK's default secure random source. */
    public static TestKey generate() {
        try {
            return new TestKey(KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has Ed25519", e);
        }
    }

    /** The public key, as the ledger records it. */
    public Ed25519PublicKey publicKey() {
        return publicKey;
    }

    /** The 64-byte Ed25519 signature of {@code message}. */
    public byte[] sign(byte[] message) {
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(privateKey);
            signer.update(message);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK signs with Ed25519", e);
        }
    }

    /** {@code message} with this key's signature of it. */
    public SignedMessage signed(byte[] message) {
        return new SignedMessage(message, sign(message));
    }

    /** Whether {@code signed} carries a valid signature of its message by {@code key}. */
    public static boolean verifies(Ed25519PublicKey key, SignedMessage signed) {
        byte[] rawPublicKey = key.bytes();
        byte[] x509 = new byte[X509_PREFIX.length + rawPublicKey.length];
        System.arraycopy(X509_PREFIX, 0, x509, 0, X509_PREFIX.length);
        System.arraycopy(rawPublicKey, 0, x509, X509_PREFIX.length, rawPublicKey.length);
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(x509)));
            verifier.update(signed.serializedMessage());
            return verifier.verify(signed.signature());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot check an Ed25519 signature", e);
        }
    }

    @Override
    public String toString() {
        return "TestKey[" + publicKey + "]";
    }
}
