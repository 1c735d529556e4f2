package io.floe.persistence.keys;

import io.floe.protocol.signing.Ed25519;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of {@code protocol.key}: two standard PEM blocks, {@code PRIVATE KEY} (PKCS#8 DER) then
 * {@code PUBLIC KEY} (X.509 SubjectPublicKeyInfo DER). The public key is stored because the JDK cannot derive it
 * from the private key; {@code openssl pkey -in protocol.key -pubout} reads the same file.
 */
final class KeyFile {
    private static final String PRIVATE = "PRIVATE KEY";
    private static final String PUBLIC = "PUBLIC KEY";
    private static final int LINE = 64;

    private KeyFile() {
    }

    static byte[] encode(KeyPair pair) {
        String text = block(PRIVATE, pair.getPrivate().getEncoded()) + block(PUBLIC, pair.getPublic().getEncoded());
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Parses both blocks; whether the two keys belong together is the caller's check. */
    static KeyPair decode(Path path, byte[] content) {
        String text = new String(content, StandardCharsets.US_ASCII);
        try {
            KeyFactory factory = KeyFactory.getInstance(Ed25519.ALGORITHM);
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(der(path, text, PRIVATE)));
            PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(der(path, text, PUBLIC)));
            return new KeyPair(publicKey, privateKey);
        } catch (GeneralSecurityException e) {
            throw new DamagedKeyFileException(path, "not an Ed25519 key pair: " + e.getMessage(), e);
        }
    }

    private static String block(String label, byte[] der) {
        String body = Base64.getMimeEncoder(LINE, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    private static byte[] der(Path path, String text, String label) {
        Pattern pattern = Pattern.compile(
            "-----BEGIN " + label + "-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END " + label + "-----");
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            throw new DamagedKeyFileException(path, "no complete PEM block '" + label + "'");
        }
        try {
            return Base64.getMimeDecoder().decode(m.group(1));
        } catch (IllegalArgumentException e) {
            throw new DamagedKeyFileException(path, "PEM block '" + label + "' is not base64", e);
        }
    }
}
