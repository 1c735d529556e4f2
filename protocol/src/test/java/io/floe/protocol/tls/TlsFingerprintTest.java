package io.floe.protocol.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TlsFingerprintTest {
    private static byte[] counting() {
        byte[] digest = new byte[TlsFingerprint.LENGTH];
        for (int i = 0; i < digest.length; i++) {
            digest[i] = (byte) (0xe0 + i);
        }
        return digest;
    }

    @Test
    void printsAsOpensslDoesAndReadsThatBack() {
        TlsFingerprint fingerprint = TlsFingerprint.of(counting());
        String openssl = fingerprint.opensslForm();
        assertEquals("E0:E1:E2:E3:E4:E5:E6:E7:E8:E9:EA:EB:EC:ED:EE:EF:"
                + "F0:F1:F2:F3:F4:F5:F6:F7:F8:F9:FA:FB:FC:FD:FE:FF", openssl);
        assertEquals(fingerprint, TlsFingerprint.parse(openssl));
        assertEquals(fingerprint, TlsFingerprint.parse(fingerprint.hex()));
    }

    @Test
    void refusesWhatIsNoSha256() {
        assertThrows(IllegalArgumentException.class, () -> TlsFingerprint.parse("E0:E1"));
        assertThrows(IllegalArgumentException.class, () -> TlsFingerprint.of(new byte[31]));
    }
}
