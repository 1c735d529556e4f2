package io.floe.api.gateway.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The IDs ({@code jti}) of tokens already used, each kept until its token expires, as Walrus's publisher keeps
 * them against replay.
 *
 * <p>Invariant: it never holds more than {@code capacity} IDs. When full, IDs of expired tokens are dropped first;
 * if none has expired the new token is refused rather than an older one forgotten (forgetting one would let it be
 * replayed; refusing bounds the memory a flood of tokens can take). Expired IDs are also swept at most every
 * {@code refresh}, on the next insertion: no timer thread, and the sweep costs nothing while nobody uploads.
 */
final class ReplayCache {
    /** The answer to {@link #insert}. */
    enum Outcome { INSERTED, ALREADY_USED, FULL }

    private final int capacity;
    private final Duration refresh;
    private final Map<String, Instant> expiries = new HashMap<>();
    private Instant lastSweep = Instant.MIN;

    ReplayCache(int capacity, Duration refresh) {
        this.capacity = capacity;
        this.refresh = refresh;
    }

    /** Remembers {@code jti} until {@code expiry}, unless it is already remembered or the cache is full. */
    synchronized Outcome insert(String jti, Instant expiry, Instant now) {
        if (!lastSweep.isAfter(now.minus(refresh))) {
            sweep(now);
        }
        if (expiries.containsKey(jti)) {
            return Outcome.ALREADY_USED;
        }
        if (expiries.size() >= capacity) {
            sweep(now);
            if (expiries.size() >= capacity) {
                return Outcome.FULL;
            }
        }
        expiries.put(jti, expiry);
        return Outcome.INSERTED;
    }

    /** Forgets {@code jti}: the upload it was inserted for was refused, so the token was not spent. */
    synchronized void remove(String jti) {
        expiries.remove(jti);
    }

    synchronized int size() {
        return expiries.size();
    }

    private void sweep(Instant now) {
        // An expired token is refused on its exp before the cache is asked, so its ID need not be kept.
        expiries.values().removeIf(expiry -> expiry.isBefore(now.minus(Claim.LEEWAY)));
        lastSweep = now;
    }
}
