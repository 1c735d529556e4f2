package io.floe.api.json;

import java.math.BigInteger;

/** Base58 with the Bitcoin alphabet, the text form of Sui transaction digests. */
final class Base58 {
    private static final char[] ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();
    private static final BigInteger BASE = BigInteger.valueOf(58);

    private Base58() {
    }

    static String encode(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        // Digests are 32 bytes and only formatted for status answers: BigInteger division is clear and fast enough.
        BigInteger value = new BigInteger(1, bytes);
        while (value.signum() > 0) {
            BigInteger[] qr = value.divideAndRemainder(BASE);
            out.append(ALPHABET[qr[1].intValue()]);
            value = qr[0];
        }
        for (int i = 0; i < bytes.length && bytes[i] == 0; i++) {
            out.append(ALPHABET[0]);
        }
        return out.reverse().toString();
    }
}
