package io.floe.protocol.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Ed25519Test {
    private static final HexFormat HEX = HexFormat.of();
    // RFC 8032, section 7.1, TEST 1 (empty message).
    private static final byte[] RFC_SEED = HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    private static final byte[] RFC_PUBLIC = HEX.parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    private static final byte[] RFC_SIGNATURE = HEX.parseHex("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
            + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");

    @Test
    void signsRfc8032VectorFromSeed() {
        PrivateKey key = Ed25519.privateKey(RFC_SEED);
        assertArrayEquals(RFC_SIGNATURE, Ed25519.sign(key, new byte[0]));
        assertArrayEquals(RFC_SEED, Ed25519.seed(key));
    }

    @Test
    void verifiesRfc8032VectorUnderRawKey() {
        assertTrue(Ed25519.verify(RFC_PUBLIC, new byte[0], RFC_SIGNATURE));
        assertFalse(Ed25519.verify(RFC_PUBLIC, new byte[] {0}, RFC_SIGNATURE));
    }

    @Test
    void rawAndPublicKeyAreInverse() {
        KeyPair pair = Ed25519.generate();
        byte[] raw = Ed25519.raw(pair.getPublic());
        assertEquals(32, raw.length);
        assertArrayEquals(pair.getPublic().getEncoded(), Ed25519.publicKey(raw).getEncoded());
        assertArrayEquals(RFC_PUBLIC, Ed25519.raw(Ed25519.publicKey(RFC_PUBLIC)));
    }

    @Test
    void generatedKeysSignAndVerify() {
        KeyPair pair = Ed25519.generate();
        byte[] msg = "blob".getBytes(StandardCharsets.UTF_8);
        byte[] sig = Ed25519.sign(pair.getPrivate(), msg);
        assertEquals(64, sig.length);
        assertTrue(Ed25519.verify(Ed25519.raw(pair.getPublic()), msg, sig));
        assertFalse(Ed25519.verify(Ed25519.raw(Ed25519.generate().getPublic()), msg, sig), "other key");
        assertEquals(32, Ed25519.seed(pair.getPrivate()).length);
    }

    @Test
    void verifyAnswersFalseForBadInputsInsteadOfThrowing() {
        byte[] sig = RFC_SIGNATURE.clone();
        sig[63] ^= 0x40;
        assertFalse(Ed25519.verify(RFC_PUBLIC, new byte[0], sig), "flipped bit");
        assertFalse(Ed25519.verify(RFC_PUBLIC, new byte[0], new byte[63]), "short signature");
        assertFalse(Ed25519.verify(RFC_PUBLIC, new byte[0], new byte[64]), "zero signature");
        byte[] highS = RFC_SIGNATURE.clone();
        highS[63] = (byte) 0xff;
        assertFalse(Ed25519.verify(RFC_PUBLIC, new byte[0], highS), "s out of range");
        assertFalse(Ed25519.verify(new byte[31], new byte[0], RFC_SIGNATURE), "short key");
        assertFalse(Ed25519.verify((byte[]) null, new byte[0], RFC_SIGNATURE), "no key");
        assertFalse(Ed25519.verify(RFC_PUBLIC, null, RFC_SIGNATURE), "no message");
        byte[] notAPoint = new byte[32];
        notAPoint[0] = 2; // y = 2 has no x on the curve
        assertFalse(Ed25519.verify(notAPoint, new byte[0], RFC_SIGNATURE), "key not on the curve");
    }

    @Test
    void refusesWrongLengths() {
        assertThrows(IllegalArgumentException.class, () -> Ed25519.publicKey(new byte[33]));
        assertThrows(IllegalArgumentException.class, () -> Ed25519.privateKey(new byte[31]));
    }
}
