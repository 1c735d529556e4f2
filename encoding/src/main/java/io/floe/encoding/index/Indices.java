package io.floe.encoding.index;

/** Range checks shared by the index types (all indices fit Walrus's u16). */
final class Indices {
    static final int MAX = 65535;

    private Indices() {
    }

    static void checkRange(String what, int value) {
        if (value < 0 || value >= MAX) {
            throw new IndexOutOfBoundsException(what + " " + value + " is outside [0, " + MAX + ")");
        }
    }

    static void checkBelow(String what, int value, int bound) {
        if (value >= bound) {
            throw new IndexOutOfBoundsException(what + " " + value + " is outside [0, " + bound + ")");
        }
    }
}
