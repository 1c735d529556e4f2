package io.floe.protocol.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.protocol.signing.Ed25519PublicKey;
import io.floe.protocol.testing.TestKey;
import java.util.HexFormat;
import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.junit.jupiter.api.Test;

/** Addresses are Sui's: Blake2b-256 of the Ed25519 flag byte 0x00 and the public key, computed here by BouncyCastle. */
class AddressTest {
    @Test
    void derivesSuiAddressOfEd25519Key() {
        for (int i = 0; i < 20; i++) {
            Ed25519PublicKey key = TestKey.generate().publicKey();
            assertEquals("0x" + HexFormat.of().formatHex(blake2b256(flagged(key.bytes()))), Address.of(key).value());
        }
    }

    @Test
    void knownAnswerForFixedKey() {
        byte[] raw = new byte[32];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) i;
        }
        Ed25519PublicKey key = Ed25519PublicKey.of(raw);
        String expected = "0x" + HexFormat.of().formatHex(blake2b256(flagged(raw)));
        assertEquals(expected, Address.of(key).value());
        assertEquals(66, expected.length());
    }

    @Test
    void parsesUpperCaseAndRefusesOtherForms() {
        String lower = Address.of(TestKey.generate().publicKey()).value();
        assertEquals(lower, Address.parse(lower.toUpperCase().replace("0X", "0x")).value());
        assertThrows(IllegalArgumentException.class, () -> new Address(lower.substring(0, 65)));
        assertThrows(IllegalArgumentException.class, () -> new Address(lower.substring(2)));
        assertTrue(Address.isAddress(lower));
        assertFalse(Address.isAddress("gateway"));
        assertFalse(Address.isAddress("faucet"));
        assertFalse(Address.isAddress(null));
    }

    private static byte[] flagged(byte[] key) {
        byte[] input = new byte[key.length + 1];
        System.arraycopy(key, 0, input, 1, key.length);
        return input;
    }

    private static byte[] blake2b256(byte[] input) {
        Blake2bDigest digest = new Blake2bDigest(256);
        digest.update(input, 0, input.length);
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }
}
