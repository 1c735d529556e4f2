package io.floe.encoding.rs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Gf16Test {
    @Test
    void expAndLogMatchTheCratesCheckValues() {
        int[][] rows = {
            {0, 1, 65535}, {1, 18064, 0}, {2, 26072, 21845}, {3, 25296, 43690}, {4, 22324, 17476},
            {1000, 57708, 3981}, {12345, 10980, 50290}, {32768, 31519, 26315}, {65534, 9798, 43173},
            {65535, 1, 45925},
        };
        for (int[] row : rows) {
            assertEquals(row[1], Gf16.exp(row[0]), "EXP[" + row[0] + "]");
            assertEquals(row[2], Gf16.log(row[0]), "LOG[" + row[0] + "]");
        }
    }

    @Test
    void logInvertsExpOverTheWholeGroup() {
        boolean[] seen = new boolean[Gf16.ORDER];
        for (int l = 0; l < Gf16.MODULUS; l++) {
            int x = Gf16.exp(l);
            assertTrue(x != 0 && !seen[x], "EXP visits every nonzero element once");
            seen[x] = true;
            assertEquals(l, Gf16.log(x));
        }
    }

    @Test
    void basisIsACantorBasis() {
        for (int i = 1; i < 16; i++) {
            int e = 1 << i;
            assertEquals(1 << (i - 1), Gf16.mul(e, e) ^ e);
        }
    }

    @Test
    void skewMatchesCheckValuesAndTheIterativeConstruction() {
        int[][] rows = {
            {0, 65535}, {1, 65535}, {2, 21845}, {3, 65535}, {4, 17476}, {5, 21845}, {11, 21845}, {767, 21845},
            {1000, 3981}, {12345, 13799}, {32767, 65535}, {32768, 26315}, {40959, 17476}, {49151, 21845},
            {65534, 43173},
        };
        for (int[] row : rows) {
            assertEquals(row[1], Gf16.skew(row[0]), "SKEW[" + row[0] + "]");
        }
        int[] iterative = iterativeSkew();
        for (int j = 0; j < Gf16.MODULUS; j++) {
            assertEquals(iterative[j], Gf16.skew(j), "SKEW[" + j + "]");
        }
    }

    /** The crate's own level-by-level construction (RS16-SPEC.md §2.2). */
    private static int[] iterativeSkew() {
        int[] z = new int[Gf16.MODULUS];
        int[] t = new int[15];
        for (int i = 0; i < 15; i++) {
            t[i] = 1 << (i + 1);
        }
        for (int mu = 0; mu < 15; mu++) {
            z[(1 << mu) - 1] = 0;
            for (int i = mu; i < 15; i++) {
                int s = 1 << (i + 1);
                for (int j = (1 << mu) - 1; j < s; j += 1 << (mu + 1)) {
                    z[j + s] = z[j] ^ t[i];
                }
            }
            t[mu] = Gf16.MODULUS - Gf16.log(Gf16.mulLog(t[mu], Gf16.log(t[mu] ^ 1)));
            for (int i = mu + 1; i < 15; i++) {
                t[i] = Gf16.mulLog(t[i], Gf16.addMod(Gf16.log(t[i] ^ 1), t[mu]));
            }
        }
        int[] skew = new int[Gf16.MODULUS];
        for (int j = 0; j < Gf16.MODULUS; j++) {
            skew[j] = Gf16.log(z[j]);
        }
        return skew;
    }

    @Test
    void logWalshMatchesCheckValuesModulo65535() {
        int[][] rows = {
            {0, 65535}, {1, 8105}, {2, 48770}, {3, 36820}, {4, 13876}, {1000, 27202}, {12345, 58976},
            {32768, 0}, {65534, 32005}, {65535, 16210},
        };
        for (int[] row : rows) {
            assertEquals(row[1] % Gf16.MODULUS, Gf16.logWalsh(row[0]) % Gf16.MODULUS, "LOG_WALSH[" + row[0] + "]");
        }
    }

    @Test
    void fieldLawsHoldOnDenseSamples() {
        SplittableRandom random = new SplittableRandom(16);
        for (int n = 0; n < 200_000; n++) {
            int a = random.nextInt(Gf16.ORDER);
            int b = random.nextInt(Gf16.ORDER);
            int c = random.nextInt(Gf16.ORDER);
            assertEquals(Gf16.mul(a, b), Gf16.mul(b, a));
            assertEquals(Gf16.mul(Gf16.mul(a, b), c), Gf16.mul(a, Gf16.mul(b, c)));
            assertEquals(Gf16.mul(a, b ^ c), Gf16.mul(a, b) ^ Gf16.mul(a, c));
            assertEquals(a, Gf16.mul(a, 1));
        }
        for (int a = 1; a < Gf16.ORDER; a++) {
            assertEquals(1, Gf16.mul(a, Gf16.inverse(a)), "inverse of " + a);
            assertEquals(Gf16.mul(a, 0x1234), Gf16.mulLog(a, Gf16.log(0x1234)));
        }
    }

    @Test
    void fwhtIsItsOwnInverseModulo65535() {
        int[] v = new int[Gf16.ORDER];
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextInt(Gf16.MODULUS);
        }
        int[] w = v.clone();
        Gf16.fwht(w);
        Gf16.fwht(w);
        for (int i = 0; i < v.length; i++) {
            assertEquals(v[i] % Gf16.MODULUS, w[i] % Gf16.MODULUS);
        }
    }
}
