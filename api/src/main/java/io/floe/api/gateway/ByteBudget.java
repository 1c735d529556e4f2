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

    synchronized void release(long bytes) {
        used -= bytes;
    }
}
