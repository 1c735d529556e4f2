package io.floe.api.gateway;

/** A budget of bytes shared by concurrent work: reserve before, release after; never more than the budget at once. */
final class ByteBudget {
    private final long budget;
    private long used;

    ByteBudget(long budget) {
        this.budget = budget;
    }

    long budget() {
        return budget;
    }

    synchronized boolean tryReserve(long bytes) {
        if (used + bytes > budget && used > 0) {
            return false;
        }
        used += bytes;
        return true;
    }

    /**
     * Reserves as much of {@code [min, max]} as is left (at least {@code min}; {@code max} when nothing is in use, so
     * one user alone always runs); 0 when less than {@code min} is left.
     */
    synchronized long tryReserve(long min, long max) {
        long left = budget - used;
        if (used > 0 && left < min) {
            return 0;
        }
        long granted = used == 0 ? max : Math.max(min, Math.min(max, left));
        used += granted;
        return granted;
    }

    synchronized void release(long bytes) {
        used -= bytes;
    }
}
