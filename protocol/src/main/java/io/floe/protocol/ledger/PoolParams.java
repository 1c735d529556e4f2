package io.floe.protocol.ledger;

/**
 * A storage node's staking pool as the node registers it (Walrus's pool parameters): the commission it keeps of its
 * stakers' rewards in basis points (0 to 10,000), the storage capacity it offers in bytes, and its votes for the
 * storage price (FROST per unit per epoch) and the write price (FROST per unit).
 *
 * <p>Invariant: the commission is within 0..10,000 and nothing is negative.
 */
public record PoolParams(int commissionRate, long capacity, long storagePrice, long writePrice) {
    /** 100 % in basis points. */
    public static final int MAX_COMMISSION = 10_000;

    /** What a node that names none registers (and what journals from before pools read as). */
    public static final PoolParams DEFAULT = new PoolParams(0, 1L << 40, 1000, 2000);

    public PoolParams {
        if (commissionRate < 0 || commissionRate > MAX_COMMISSION) {
            throw new IllegalArgumentException("commission rate must be 0.." + MAX_COMMISSION + " basis points: "
                    + commissionRate);
        }
        if (capacity < 0 || storagePrice < 0 || writePrice < 0) {
            throw new IllegalArgumentException("capacity and prices must be >= 0: capacity " + capacity
                    + ", storage price " + storagePrice + ", write price " + writePrice);
        }
    }
}
