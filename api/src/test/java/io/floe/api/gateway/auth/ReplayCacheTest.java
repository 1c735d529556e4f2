package io.floe.api.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The replay cache: a used ID is refused until its token expires, and the cache never grows past its size. */
class ReplayCacheTest {
    private static final Instant NOW = Instant.ofEpochSecond(10_000);

    @Test
    void refusesAnIdItHoldsAndTakesItAgainOnceRemoved() {
        ReplayCache cache = new ReplayCache(10, Duration.ofSeconds(5));

        assertEquals(ReplayCache.Outcome.INSERTED, cache.insert("a", NOW.plusSeconds(600), NOW));
        assertEquals(ReplayCache.Outcome.ALREADY_USED, cache.insert("a", NOW.plusSeconds(900), NOW));
        cache.remove("a");
        assertEquals(ReplayCache.Outcome.INSERTED, cache.insert("a", NOW.plusSeconds(600), NOW));
    }

    @Test
    void whenFullRefusesRatherThanForgetAnUnexpiredId() {
        ReplayCache cache = new ReplayCache(2, Duration.ofHours(1));
        cache.insert("a", NOW.plusSeconds(600), NOW);
        cache.insert("b", NOW.plusSeconds(600), NOW);

        assertEquals(ReplayCache.Outcome.FULL, cache.insert("c", NOW.plusSeconds(600), NOW.plusSeconds(1)));
        assertEquals(ReplayCache.Outcome.ALREADY_USED, cache.insert("a", NOW.plusSeconds(600), NOW.plusSeconds(1)),
                "a full cache still knows what it holds");
        assertEquals(2, cache.size());
    }

    @Test
    void whenFullDropsIdsOfExpiredTokensFirst() {
        ReplayCache cache = new ReplayCache(2, Duration.ofHours(1));
        cache.insert("short", NOW.plusSeconds(10), NOW);
        cache.insert("long", NOW.plusSeconds(600), NOW);
        Instant later = NOW.plusSeconds(10).plus(Claim.LEEWAY).plusSeconds(1);

        assertEquals(ReplayCache.Outcome.INSERTED, cache.insert("c", NOW.plusSeconds(600), later));
        assertEquals(2, cache.size());
        assertEquals(ReplayCache.Outcome.ALREADY_USED, cache.insert("long", NOW.plusSeconds(600), later));
    }

    @Test
    void keepsAnIdWhileItsTokenIsStillAcceptedWithinTheLeeway() {
        ReplayCache cache = new ReplayCache(1, Duration.ofSeconds(1));
        cache.insert("a", NOW, NOW);

        Instant atLeewayEnd = NOW.plus(Claim.LEEWAY);
        assertEquals(ReplayCache.Outcome.ALREADY_USED, cache.insert("a", NOW, atLeewayEnd),
                "the token itself is still accepted, so its ID must still be refused");
    }

    @Test
    void sweepsExpiredIdsEveryRefreshInterval() {
        ReplayCache cache = new ReplayCache(100, Duration.ofSeconds(5));
        cache.insert("a", NOW.plusSeconds(1), NOW);
        cache.insert("b", NOW.plusSeconds(1_000), NOW);
        Instant afterExpiry = NOW.plusSeconds(1).plus(Claim.LEEWAY).plusSeconds(1);

        cache.insert("c", NOW.plusSeconds(1_000), afterExpiry);

        assertEquals(2, cache.size(), "a's token expired and was swept, b and c stay");
    }
}
