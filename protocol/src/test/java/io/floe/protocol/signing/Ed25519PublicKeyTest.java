package io.floe.protocol.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Ed25519PublicKeyTest {
    // RFC 8032, section 7.1, TEST 1 (empty message).
    private static final byte[] RFC_PUBLIC = HexFormat.of()
            .parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    private static final byte[] RFC_SIGNATURE = HexFormat.of().parseHex(
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                    + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");

    @Test
    void refusesAnythingButThirtyTwoBytes() {
        IllegalArgumentException shortKey = assertThrows(IllegalArgumentException.class,
                () -> Ed25519PublicKey.of(new byte[31]));
        assertEquals("an Ed25519 public key has 32 bytes, got 31", shortKey.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Ed25519PublicKey.of(new byte[33]));
        assertThrows(IllegalArgumentException.class, () -> Ed25519PublicKey.of((byte[]) null));
    }

    @Test
    void keepsItsBytesWhateverTheCallerDoesWithTheirs() {
        byte[] raw = RFC_PUBLIC.clone();
        Ed25519PublicKey key = Ed25519PublicKey.of(raw);
        raw[0] ^= 1;
        key.bytes()[1] ^= 1;
        assertArrayEquals(RFC_PUBLIC, key.bytes());
    }

    @Test
    void equalsByValueAndShowsHex() {
        Ed25519PublicKey key = Ed25519PublicKey.of(RFC_PUBLIC);
        assertEquals(Ed25519PublicKey.of(RFC_PUBLIC.clone()), key);
        assertEquals(Ed25519PublicKey.of(RFC_PUBLIC.clone()).hashCode(), key.hashCode());
        assertNotEquals(Ed25519PublicKey.of(new byte[32]), key);
        assertEquals("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", key.toString());
        assertEquals(Base64.getEncoder().encodeToString(RFC_PUBLIC), key.base64());
    }

    @Test
    void isTheRawFormOfAJdkKey() {
        KeyPair pair = Ed25519.generate();
        Ed25519PublicKey key = Ed25519PublicKey.of(pair.getPublic());
        assertArrayEquals(Ed25519.raw(pair.getPublic()), key.bytes());
        byte[] msg = {1, 2, 3};
        assertTrue(Ed25519.verify(key, msg, Ed25519.sign(pair.getPrivate(), msg)));
    }

    @Test
    void verifiesUnderTheTypedKeyAsUnderTheRawBytes() {
        assertTrue(Ed25519.verify(Ed25519PublicKey.of(RFC_PUBLIC), new byte[0], RFC_SIGNATURE));
        assertFalse(Ed25519.verify(Ed25519PublicKey.of(RFC_PUBLIC), new byte[] {0}, RFC_SIGNATURE));
        assertFalse(Ed25519.verify((Ed25519PublicKey) null, new byte[0], RFC_SIGNATURE), "no key");
    }
}
