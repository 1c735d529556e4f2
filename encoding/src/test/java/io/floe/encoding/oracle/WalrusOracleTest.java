package io.floe.encoding.oracle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Smoke test of the Walrus wasm oracle itself (no Floe code involved). */
class WalrusOracleTest {

    private static WalrusOracle oracle;

    @BeforeAll
    static void start() {
        oracle = new WalrusOracle();
    }

    private static String b64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    @Test
    void designVectors() {
        byte[] a = "walrus blob id v1 regression test".getBytes(StandardCharsets.UTF_8);
        byte[] b = "some other string".getBytes(StandardCharsets.UTF_8);
        List<WalrusOracle.Metadata> md = oracle.metadata(
                List.of(new WalrusOracle.Case(10, a), new WalrusOracle.Case(1000, b)));
        assertEquals("RcU82Mwf-CFkv1LaI_2qcpANwpGUuG3TMwnVzZxD2kY", b64(md.get(0).blobId()));
        assertEquals("M4hsZGQ1oCktdzegB6HnI6Mi28S2nqOPHxK-W7_4BUk", b64(md.get(1).blobId()));
        assertEquals(a.length, md.get(0).unencodedLength());
        assertEquals(32, md.get(1).rootHash().length);
    }

    @Test
    void encodeLayoutAndDecodeRoundTrip() {
        int n = 10, np = 4, ns = 7;
        byte[] blob = new byte[1000];
        new Random(42).nextBytes(blob);
        int s = 36; // ceil(1000 / 28) rounded up to even
        WalrusOracle.Encoded enc = oracle.encode(n, blob);
        assertArrayEquals(oracle.metadata(List.of(new WalrusOracle.Case(n, blob))).get(0).blobId(),
                enc.metadata().blobId());

        for (int i = 0; i < n; i++) {
            // BCS SliverData: ULEB128 length, data, symbol_size u16, index u16; buffer i holds pair i.
            assertSliver(enc.primaryBcs()[i], ns * s, s, i);
            assertSliver(enc.secondaryBcs()[i], np * s, s, n - 1 - i);
        }
        // Systematic: primary sliver r < np is the zero-padded blob bytes [r*ns*s, (r+1)*ns*s).
        byte[] padded = Arrays.copyOf(blob, np * ns * s);
        for (int r = 0; r < np; r++) {
            assertArrayEquals(Arrays.copyOfRange(padded, r * ns * s, (r + 1) * ns * s),
                    Arrays.copyOfRange(enc.primaryBcs()[r], 2, 2 + ns * s));
        }

        // Any np distinct primary slivers, in any order, recovery ones included.
        List<byte[]> some = List.of(enc.primaryBcs()[9], enc.primaryBcs()[2], enc.primaryBcs()[7],
                enc.primaryBcs()[5]);
        assertArrayEquals(blob, oracle.decode(n, enc.metadata().blobId(), blob.length, some));
    }

    private static void assertSliver(byte[] bcs, int dataLength, int symbolSize, int index) {
        assertEquals(dataLength, (bcs[0] & 0x7f) | (bcs[1] & 0xff) << 7, "ULEB128 length"); // 2-byte ULEB here
        int p = 2 + dataLength;
        assertEquals(bcs.length, p + 4);
        assertEquals(symbolSize, (bcs[p] & 0xff) | (bcs[p + 1] & 0xff) << 8, "symbol_size");
        assertEquals(index, (bcs[p + 2] & 0xff) | (bcs[p + 3] & 0xff) << 8, "index");
    }
}
