package io.floe.protocol.committee;

/** An epoch number; epoch 0 is the network before genesis, epoch 1 the first with a committee. */
public record Epoch(int value) implements Comparable<Epoch> {
    public static final Epoch GENESIS = new Epoch(1);

    public Epoch {
        if (value < 0) {
            throw new IllegalArgumentException("epoch must be >= 0: " + value);
        }
    }

    public Epoch plus(int epochs) {
        return new Epoch(Math.addExact(value, epochs));
    }

    @Override
    public int compareTo(Epoch o) {
        return Integer.compare(value, o.value);
    }

    @Override
    public String toString() {
        return Integer.toString(value);
    }
}
