package io.floe.protocol.signing;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Ed25519 with keys as Walrus and the ledger exchange them: 32 raw public-key bytes and 64-byte signatures. Keys
 * are the JDK provider's; signing and verifying use Bouncy Castle's RFC 8032 code, which does each about 7x faster
 * than the JDK's (a store signs 4 confirmations and verifies 8: it was the largest single CPU cost of a small store).
 *
 * <p>Invariant: {@link #raw(PublicKey)} and {@link #publicKey(byte[])} are inverse; {@link #verify} answers
 * {@code false} for anything it cannot check (wrong lengths, a key that is not a curve point, a malformed
 * signature) and never throws, because its inputs come from peers.
 */
public final class Ed25519 {
    public static final String ALGORITHM = "Ed25519";
    public static final int PUBLIC_KEY_LENGTH = 32;
    public static final int SEED_LENGTH = 32;
    public static final int SIGNATURE_LENGTH = 64;

    /** DER of SubjectPublicKeyInfo { AlgorithmIdentifier { 1.3.101.112 }, BIT STRING (33) } up to the key. */
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    /** DER of PKCS#8 v1 PrivateKeyInfo { version 0, AlgorithmIdentifier { 1.3.101.112 }, OCTET STRING { OCTET STRING (32) } }. */
    private static final byte[] PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");

    private Ed25519() {
    }

    /** A fresh key pair from the JDK's default secure random source. */
    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw missingProvider(e);
        }
    }

    /**
     * The public key with these 32 raw bytes.
     *
     * @throws IllegalArgumentException if the length is wrong or the provider refuses the bytes
     */
    public static PublicKey publicKey(byte[] raw32) {
        checkLength(raw32, PUBLIC_KEY_LENGTH, "an Ed25519 public key");
        try {
            return keyFactory().generatePublic(new X509EncodedKeySpec(concat(X509_PREFIX, raw32)));
        } catch (InvalidKeySpecException e) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + HexFormat.of().formatHex(raw32), e);
        }
    }

    /** The 32 raw bytes of an Ed25519 public key (its X.509 encoding without the fixed prefix). */
    public static byte[] raw(PublicKey key) {
        byte[] encoded = key.getEncoded();
        if (encoded == null || encoded.length != X509_PREFIX.length + PUBLIC_KEY_LENGTH
                || !Arrays.equals(encoded, 0, X509_PREFIX.length, X509_PREFIX, 0, X509_PREFIX.length)) {
            throw new IllegalArgumentException("not an X.509-encoded Ed25519 public key: " + key.getAlgorithm());
        }
        return Arrays.copyOfRange(encoded, X509_PREFIX.length, encoded.length);
    }

    /** The private key with this 32-byte seed (RFC 8032's secret key), e.g. as read from a node's key file. */
    public static PrivateKey privateKey(byte[] seed32) {
        checkLength(seed32, SEED_LENGTH, "an Ed25519 seed");
        try {
            return keyFactory().generatePrivate(new PKCS8EncodedKeySpec(concat(PKCS8_PREFIX, seed32)));
        } catch (InvalidKeySpecException e) {
            throw new IllegalArgumentException("the provider refused an Ed25519 seed", e);
        }
    }

    /** The 32-byte seed of a private key made by {@link #generate()} or {@link #privateKey(byte[])}. */
    public static byte[] seed(PrivateKey key) {
        byte[] encoded = key.getEncoded();
        if (encoded == null || encoded.length != PKCS8_PREFIX.length + SEED_LENGTH
                || !Arrays.equals(encoded, 0, PKCS8_PREFIX.length, PKCS8_PREFIX, 0, PKCS8_PREFIX.length)) {
            throw new IllegalArgumentException("not a PKCS#8 v1 Ed25519 private key: " + key.getAlgorithm());
        }
        return Arrays.copyOfRange(encoded, PKCS8_PREFIX.length, encoded.length);
    }

    /** Signs {@code msg}; the result has 64 bytes (RFC 8032 signatures are deterministic: the JDK's are equal). */
    public static byte[] sign(PrivateKey key, byte[] msg) {
        byte[] seed;
        try {
            seed = seed(key);
        } catch (IllegalArgumentException notPkcs8v1) {
            return jdkSign(key, msg);
        }
        byte[] signature = new byte[SIGNATURE_LENGTH];
        org.bouncycastle.math.ec.rfc8032.Ed25519.sign(seed, 0, msg, 0, msg.length, signature, 0);
        return signature;
    }

    /** The JDK provider's signature, for a private key in an encoding {@link #seed} does not read. */
    private static byte[] jdkSign(PrivateKey key, byte[] msg) {
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(key);
            signer.update(msg);
            return signer.sign();
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("not an Ed25519 private key: " + key.getAlgorithm(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** Whether {@code sig} is a valid signature of {@code msg} under {@code key}; never throws. */
    public static boolean verify(Ed25519PublicKey key, byte[] msg, byte[] sig) {
        return key != null && verify(key.bytes(), msg, sig);
    }

    /** Whether {@code sig} is a valid signature of {@code msg} under the raw public key; never throws. */
    public static boolean verify(byte[] raw32, byte[] msg, byte[] sig) {
        if (raw32 == null || msg == null || sig == null
                || raw32.length != PUBLIC_KEY_LENGTH || sig.length != SIGNATURE_LENGTH) {
            return false;
        }
        try {
            return org.bouncycastle.math.ec.rfc8032.Ed25519.verify(sig, 0, raw32, 0, msg, 0, msg.length);
        } catch (RuntimeException e) {
            // A peer's bad key or signature is an answer ("not valid"), not an error of ours.
            return false;
        }
    }

    private static KeyFactory keyFactory() {
        try {
            return KeyFactory.getInstance(ALGORITHM);
        } catch (NoSuchAlgorithmException e) {
            throw missingProvider(e);
        }
    }

    private static IllegalStateException missingProvider(NoSuchAlgorithmException e) {
        return new IllegalStateException("this JDK has no Ed25519 provider", e);
    }

    private static void checkLength(byte[] bytes, int length, String what) {
        if (bytes == null || bytes.length != length) {
            throw new IllegalArgumentException(what + " has " + length + " bytes, got "
                    + (bytes == null ? "null" : bytes.length));
        }
    }

    private static byte[] concat(byte[] prefix, byte[] body) {
        byte[] out = Arrays.copyOf(prefix, prefix.length + body.length);
        System.arraycopy(body, 0, out, prefix.length, body.length);
        return out;
    }
}
