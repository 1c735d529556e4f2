package io.floe.api.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.floe.api.json.ApiException;
import io.floe.protocol.account.Address;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Each of Walrus's claim rules, one at a time: what passes, and the reason of what is refused. */
class ClaimTest {
    private static final String OWNER = "0x" + "2a".repeat(32);
    private static final String OTHER = "0x" + "11".repeat(32);
    private static final Claim BARE = new Claim(1_000, OptionalLong.empty(), "t", Optional.empty(),
            OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());

    @Test
    void expiresAfterExpPlusTheLeeway() {
        assertDoesNotThrow(() -> BARE.checkNotExpired(Instant.ofEpochSecond(1_000)));
        assertDoesNotThrow(() -> BARE.checkNotExpired(Instant.ofEpochSecond(1_060)));
        assertRefused(AuthFailure.EXPIRED_SIGNATURE, () -> BARE.checkNotExpired(Instant.ofEpochSecond(1_061)));
    }

    @Test
    void refusesAnExpNoInstantCanHold() {
        Claim far = new Claim(Long.MAX_VALUE, OptionalLong.empty(), "t", Optional.empty(), OptionalLong.empty(),
                OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());

        assertRefused(AuthFailure.INVALID_TIMESTAMP, far::expiry);
    }

    @Test
    void theLifetimeRuleWantsExpMinusIatExactly() {
        Claim issued = new Claim(1_000, OptionalLong.of(700), "t", Optional.empty(), OptionalLong.empty(),
                OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());

        assertDoesNotThrow(() -> issued.checkLifetime(300));
        assertDoesNotThrow(() -> issued.checkLifetime(0), "0 turns the rule off");
        assertRefused(AuthFailure.INVALID_EXPIRATION, () -> issued.checkLifetime(299));
        assertRefused(AuthFailure.INVALID_EXPIRATION, () -> issued.checkLifetime(301));
        assertRefused(AuthFailure.INVALID_TOKEN, () -> BARE.checkLifetime(300), "iat is then required");
    }

    @Test
    void aTokenLimitsSizeAndEpochsOneWayOnly() {
        assertRefused(AuthFailure.INCONSISTENT_TOKEN, () -> limits(OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.of(5), OptionalLong.of(5)).checkConsistent());
        assertRefused(AuthFailure.INCONSISTENT_TOKEN, () -> limits(OptionalLong.of(1), OptionalLong.of(2),
                OptionalLong.empty(), OptionalLong.empty()).checkConsistent());
        assertDoesNotThrow(() -> limits(OptionalLong.of(1), OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.of(5)).checkConsistent());
    }

    @Test
    void anExactSizeWantsThatManyBytes() {
        Claim exact = limits(OptionalLong.empty(), OptionalLong.empty(), OptionalLong.of(1_000), OptionalLong.empty());

        assertDoesNotThrow(() -> exact.checkSize(OptionalLong.of(1_000)));
        assertRefused(AuthFailure.INVALID_SIZE, () -> exact.checkSize(OptionalLong.of(999)));
        assertRefused(AuthFailure.INVALID_SIZE, () -> exact.checkSize(OptionalLong.of(1_001)));
        assertRefused(AuthFailure.INVALID_SIZE, () -> exact.checkSize(OptionalLong.empty()), "a chunked body");
    }

    @Test
    void aMaxSizeIsInclusive() {
        Claim max = limits(OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.of(10));

        assertDoesNotThrow(() -> max.checkSize(OptionalLong.of(0)));
        assertDoesNotThrow(() -> max.checkSize(OptionalLong.of(10)));
        assertRefused(AuthFailure.INVALID_SIZE, () -> max.checkSize(OptionalLong.of(11)));
        assertRefused(AuthFailure.INVALID_SIZE, () -> max.checkSize(OptionalLong.empty()), "a chunked body");
        assertDoesNotThrow(() -> BARE.checkSize(OptionalLong.empty()), "no size claim, no limit");
    }

    @Test
    void exactEpochsMatchTheQueryAndItsDefault() {
        Claim one = limits(OptionalLong.of(1), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());
        Claim three = limits(OptionalLong.of(3), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());

        assertDoesNotThrow(() -> one.checkEpochs(upload(null, null)), "epochs defaults to 1, as Walrus's");
        assertDoesNotThrow(() -> three.checkEpochs(upload("3", null)));
        assertRefused(AuthFailure.INVALID_EPOCHS, () -> three.checkEpochs(upload("2", null)));
        assertRefused(AuthFailure.INVALID_EPOCHS, () -> three.checkEpochs(upload("100", null)));
        assertRefused(AuthFailure.INVALID_EPOCHS, () -> three.checkEpochs(upload("max", null)));
    }

    @Test
    void maxEpochsIsInclusive() {
        Claim max = limits(OptionalLong.empty(), OptionalLong.of(5), OptionalLong.empty(), OptionalLong.empty());

        assertDoesNotThrow(() -> max.checkEpochs(upload("5", null)));
        assertDoesNotThrow(() -> max.checkEpochs(upload(null, null)));
        assertRefused(AuthFailure.INVALID_EPOCHS, () -> max.checkEpochs(upload("6", null)));
        assertRefused(AuthFailure.INVALID_EPOCHS, () -> max.checkEpochs(upload("max", null)),
                "max epochs could be more than the token allows");
        assertDoesNotThrow(() -> BARE.checkEpochs(upload("max", null)), "no epoch claim, no limit");
    }

    @Test
    void sendObjectToMustBeInTheQueryWhenTheTokenSaysIt() {
        Claim sent = new Claim(1_000, OptionalLong.empty(), "t", Optional.of(Address.parse(OWNER)),
                OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());

        assertDoesNotThrow(() -> sent.checkSendObjectTo(Optional.of(OWNER)));
        assertDoesNotThrow(() -> sent.checkSendObjectTo(Optional.of(OWNER.toUpperCase().replace("0X", "0x"))));
        assertRefused(AuthFailure.INVALID_SEND_OBJECT_TO, () -> sent.checkSendObjectTo(Optional.of(OTHER)));
        assertRefused(AuthFailure.INVALID_SEND_OBJECT_TO, () -> sent.checkSendObjectTo(Optional.empty()));
        assertRefused(AuthFailure.INVALID_SEND_OBJECT_TO, () -> sent.checkSendObjectTo(Optional.of("0x12")));
        assertDoesNotThrow(() -> BARE.checkSendObjectTo(Optional.of(OTHER)), "the token does not care");
    }

    @Test
    void checkUploadAppliesEveryLimit() {
        Claim all = new Claim(1_000, OptionalLong.empty(), "t", Optional.of(Address.parse(OWNER)),
                OptionalLong.of(2), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.of(10));

        assertDoesNotThrow(() -> all.checkUpload(new UploadRequest("2", Optional.of(OWNER), OptionalLong.of(10))));
        assertRefused(AuthFailure.INVALID_SIZE,
                () -> all.checkUpload(new UploadRequest("2", Optional.of(OWNER), OptionalLong.of(11))));
        assertRefused(AuthFailure.INVALID_EPOCHS,
                () -> all.checkUpload(new UploadRequest("1", Optional.of(OWNER), OptionalLong.of(10))));
        assertRefused(AuthFailure.INVALID_SEND_OBJECT_TO,
                () -> all.checkUpload(new UploadRequest("2", Optional.empty(), OptionalLong.of(10))));
    }

    private static Claim limits(OptionalLong epochs, OptionalLong maxEpochs, OptionalLong size, OptionalLong maxSize) {
        return new Claim(1_000, OptionalLong.empty(), "t", Optional.empty(), epochs, maxEpochs, size, maxSize);
    }

    private static UploadRequest upload(String epochs, String sendTo) {
        java.util.Map<String, String> query = new java.util.HashMap<>();
        if (epochs != null) {
            query.put("epochs", epochs);
        }
        if (sendTo != null) {
            query.put("send_object_to", sendTo);
        }
        return UploadRequest.of(query, OptionalLong.of(1));
    }

    static void assertRefused(AuthFailure reason, Executable check) {
        assertRefused(reason, check, reason.name());
    }

    static void assertRefused(AuthFailure reason, Executable check, String why) {
        ApiException refused = assertThrows(ApiException.class, check, why);
        assertEquals(reason.name(), refused.code(), why + ": " + refused.getMessage());
        assertEquals(reason == AuthFailure.REPLAY_CACHE_FULL ? 503 : 401, refused.status());
    }
}
