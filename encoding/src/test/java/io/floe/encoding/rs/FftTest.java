package io.floe.encoding.rs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FftTest {
    private static final int[] INPUT = {0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0x6666, 0x7777, 0x8888};
    private final GfKernel kernel = GfKernels.scalar();

    @Test
    void fftMatchesTheCratesLowLevelVectors() {
        assertArrayEquals(ints("1111 3333 a00e c668 b4e3 a1aa 9263 4be6"), transform(true, 0));
        assertArrayEquals(ints("2476 43da c85a 02cc 02d8 49b2 3b97 554f"), transform(true, 8));
        assertArrayEquals(ints("83b8 116a eb1e 47d3 39a1 fdee fd9e 8f46"), transform(true, 16));
    }

    @Test
    void ifftMatchesTheCratesLowLevelVectors() {
        assertArrayEquals(ints("1111 3333 8e12 4444 1a3f 510d ff05 8888"), transform(false, 0));
        assertArrayEquals(ints("b0a1 6950 e100 ad3a 1325 2b56 3571 8888"), transform(false, 8));
        assertArrayEquals(ints("21da ef3c 39a7 d761 cad3 e122 15da 8888"), transform(false, 24));
    }

    @Test
    void fftEvaluatesTheNovelBasisPolynomial() {
        SplittableRandom random = new SplittableRandom(3);
        for (int size = 1; size <= 32; size <<= 1) {
            for (int delta = 0; delta <= 128; delta += size * 4) {
                int[] coefficients = random.ints(size, 0, Gf16.ORDER).toArray();
                int[] values = run(coefficients, true, delta);
                for (int i = 0; i < size; i++) {
                    assertEquals(evaluate(coefficients, delta ^ i), values[i], "size " + size + " point " + i);
                }
                assertArrayEquals(coefficients, run(values, false, delta), "IFFT inverts FFT");
            }
        }
    }

    /** Sum of c_j X_j(x), X_j(x) = product over set bits b of j of (x >> b) (RS16-SPEC.md §3.5). */
    private static int evaluate(int[] c, int x) {
        int sum = 0;
        for (int j = 0; j < c.length; j++) {
            int term = c[j];
            for (int b = 0; b < 16; b++) {
                if ((j >>> b & 1) != 0) {
                    term = Gf16.mul(term, x >>> b);
                }
            }
            sum ^= term;
        }
        return sum;
    }

    private int[] transform(boolean forward, int delta) {
        return run(INPUT, forward, delta);
    }

    private int[] run(int[] symbols, boolean forward, int delta) {
        byte[][] rows = new byte[symbols.length][64];
        for (int i = 0; i < symbols.length; i++) {
            rows[i][0] = (byte) symbols[i];
            rows[i][32] = (byte) (symbols[i] >>> 8);
        }
        if (forward) {
            Fft.fft(kernel, rows, 0, symbols.length, symbols.length, delta, 64);
        } else {
            Fft.ifft(kernel, rows, 0, symbols.length, symbols.length, delta, 64);
        }
        int[] out = new int[symbols.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (rows[i][0] & 0xFF) | (rows[i][32] & 0xFF) << 8;
        }
        return out;
    }

    private static int[] ints(String hex) {
        String[] parts = hex.split(" ");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Integer.parseInt(parts[i], 16);
        }
        return out;
    }
}
