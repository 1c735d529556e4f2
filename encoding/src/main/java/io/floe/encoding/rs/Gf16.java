package io.floe.encoding.rs;

/**
 * GF(2^16) exactly as the {@code reed-solomon-simd} 3.x crate represents it: polynomial 0x1002D,
 * elements stored as coordinates in the crate's Cantor basis, logarithms modulo 65535.
 *
 * <p>Invariant: the tables are built once, never escape, and satisfy {@code EXP[LOG[x]] == x} for every
 * nonzero x, {@code LOG[0] == 65535}, {@code EXP[65535] == 1} (see RS16-SPEC.md §1-§2).
 */
final class Gf16 {
    /** Number of field elements. */
    static final int ORDER = 65536;
    /** Order of the multiplicative group; also the "zero element" marker in SKEW. */
    static final int MODULUS = 65535;

    private static final int POLY = 0x1002D;
    private static final int[] CANTOR_BASIS = {
        0x0001, 0xACCA, 0x3C0E, 0x163E, 0xC582, 0xED2E, 0x914C, 0x4012,
        0x6C98, 0x10D8, 0x6A72, 0xB900, 0xFDB8, 0xFB34, 0xFF38, 0x991E,
    };

    private static final char[] EXP = new char[ORDER];
    private static final char[] LOG = new char[ORDER];
    private static final char[] SKEW = new char[MODULUS];
    private static final char[] LOG_WALSH = new char[ORDER];

    static {
        buildLogExp();
        buildSkew();
        buildLogWalsh();
    }

    private Gf16() {
    }

    /** A copy of EXP, for the native engine (which must use exactly these tables). */
    static char[] expTable() {
        return EXP.clone();
    }

    /** A copy of LOG, for the native engine. */
    static char[] logTable() {
        return LOG.clone();
    }

    private static void buildLogExp() {
        int[] polyLog = new int[ORDER];
        int s = 1;
        for (int i = 0; i < MODULUS; i++) {
            polyLog[s] = i;
            s <<= 1;
            if (s >= ORDER) {
                s ^= POLY;
            }
        }
        polyLog[0] = MODULUS;
        for (int c = 0; c < ORDER; c++) {
            LOG[c] = (char) polyLog[toPolynomial(c)];
        }
        for (int c = 1; c < ORDER; c++) {
            EXP[LOG[c]] = (char) c;
        }
        EXP[MODULUS] = EXP[0];
    }

    /** psi: Cantor coordinates to polynomial representation (GF(2)-linear). */
    private static int toPolynomial(int c) {
        int p = 0;
        for (int b = 0; b < 16; b++) {
            if ((c >>> b & 1) != 0) {
                p ^= CANTOR_BASIS[b];
            }
        }
        return p;
    }

    /** Closed form of the crate's twiddle table: SKEW[j] = LOG[(kappa >> ctz(kappa)) ^ 1], kappa = j + 1. */
    private static void buildSkew() {
        for (int j = 0; j < MODULUS; j++) {
            int kappa = j + 1;
            SKEW[j] = LOG[(kappa >>> Integer.numberOfTrailingZeros(kappa)) ^ 1];
        }
    }

    private static void buildLogWalsh() {
        int[] v = new int[ORDER];
        for (int i = 0; i < ORDER; i++) {
            v[i] = LOG[i];
        }
        v[0] = 0;
        fwht(v);
        for (int i = 0; i < ORDER; i++) {
            LOG_WALSH[i] = (char) v[i];
        }
    }

    /** Discrete logarithm of a stored element; {@code log(0) == 65535}. */
    static int log(int x) {
        return LOG[x];
    }

    /** Element with the given logarithm, for l in [0, 65535]; {@code exp(65535) == 1}. */
    static int exp(int l) {
        return EXP[l];
    }

    /** Twiddle logarithm SKEW[j], j in [0, 65534]; 65535 means the zero twiddle. */
    static int skew(int j) {
        return SKEW[j];
    }

    /** LOG_WALSH[i]: the Walsh-Hadamard transform of LOG (with entry 0 replaced by 0). */
    static int logWalsh(int i) {
        return LOG_WALSH[i];
    }

    /** Sum of two logarithms modulo 65535, as the crate computes it (result in [0, 65535]). */
    static int addMod(int a, int b) {
        int s = a + b;
        return (s + (s >>> 16)) & 0xFFFF;
    }

    /** Difference of two logarithms modulo 65535 (result in [0, 65535]). */
    static int subMod(int a, int b) {
        int d = a - b;
        return d >= 0 ? d : d + MODULUS;
    }

    /** Product of two residues modulo 65535, folded as the crate does. */
    static int foldMul(int a, int b) {
        long p = (long) a * b;
        return addMod((int) (p & 0xFFFF), (int) (p >>> 16));
    }

    /** x times the element whose logarithm is l; l = 65535 multiplies by one. */
    static int mulLog(int x, int l) {
        return x == 0 ? 0 : EXP[addMod(LOG[x], l)];
    }

    /** Product of two stored elements. */
    static int mul(int a, int b) {
        return a == 0 || b == 0 ? 0 : EXP[addMod(LOG[a], LOG[b])];
    }

    /** Multiplicative inverse of a nonzero element. */
    static int inverse(int a) {
        if (a == 0) {
            throw new ArithmeticException("zero has no inverse in GF(2^16)");
        }
        return EXP[MODULUS - LOG[a]];
    }

    /** In-place Walsh-Hadamard transform of 65536 residues modulo 65535 (its own inverse mod 65535). */
    static void fwht(int[] v) {
        if (v.length != ORDER) {
            throw new IllegalArgumentException("FWHT needs " + ORDER + " entries, got " + v.length);
        }
        for (int h = 1; h < ORDER; h <<= 1) {
            for (int base = 0; base < ORDER; base += h << 1) {
                for (int i = base; i < base + h; i++) {
                    int a = v[i];
                    int b = v[i + h];
                    v[i] = addMod(a, b);
                    v[i + h] = subMod(a, b);
                }
            }
        }
    }
}
