package io.floe.api.gateway.auth;

import static io.floe.api.gateway.auth.ClaimTest.assertRefused;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The whole check of one upload, in Walrus's order: bearer header, signature, expiry, replay, lifetime rule, then
 * (with verify-upload) the upload's limits; a refused upload does not spend its token.
 */
class PublisherAuthTest {
    private static final String SECRET = "0x" + "5e".repeat(32);
    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000);
    private static final Map<String, String> ONE_EPOCH = Map.of("epochs", "1");

    @Test
    void letsEveryUploadThroughWhenOff() {
        PublisherAuth off = new PublisherAuth(JwtSettings.disabled(), Clock.fixed(NOW, ZoneOffset.UTC));

        assertDoesNotThrow(() -> off.authorize(Optional.empty(), Map.of(), OptionalLong.empty()));
    }

    @Test
    void wantsABearerToken() {
        PublisherAuth auth = auth(0, false);
        String token = token(claims("t"));

        assertRefused(AuthFailure.MISSING_TOKEN, () -> auth.authorize(Optional.empty(), ONE_EPOCH, len(5)));
        assertRefused(AuthFailure.MISSING_TOKEN, () -> auth.authorize(Optional.of(token), ONE_EPOCH, len(5)));
        assertRefused(AuthFailure.MISSING_TOKEN, () -> auth.authorize(Optional.of("Basic abc"), ONE_EPOCH, len(5)));
        assertDoesNotThrow(() -> auth.authorize(Optional.of("bearer  " + token + " "), ONE_EPOCH, len(5)));
    }

    @Test
    void refusesABadSignatureAndAnExpiredToken() {
        PublisherAuth auth = auth(0, false);
        String forged = TestTokens.hs256("guess", claims("t"));
        ObjectNode expired = TestTokens.claims(NOW.getEpochSecond() - 61, "old");

        assertRefused(AuthFailure.INVALID_SIGNATURE, () -> authorize(auth, forged, ONE_EPOCH));
        assertRefused(AuthFailure.EXPIRED_SIGNATURE, () -> authorize(auth, token(expired), ONE_EPOCH));
    }

    @Test
    void aTokenIsSpentOnceAndItsJtiStaysUsedUntilItExpires() {
        PublisherAuth auth = auth(0, false);

        authorize(auth, token(claims("once")), ONE_EPOCH);

        assertRefused(AuthFailure.TOKEN_ALREADY_USED, () -> authorize(auth, token(claims("once")), ONE_EPOCH));
        ObjectNode sameJtiOtherToken = claims("once");
        sameJtiOtherToken.put("max_size", 5);
        assertRefused(AuthFailure.TOKEN_ALREADY_USED, () -> authorize(auth, token(sameJtiOtherToken), ONE_EPOCH));
    }

    @Test
    void aRefusedUploadDoesNotSpendItsToken() {
        PublisherAuth auth = auth(0, true);
        ObjectNode twoEpochs = claims("retry");
        twoEpochs.put("epochs", 2);

        assertRefused(AuthFailure.INVALID_EPOCHS, () -> authorize(auth, token(twoEpochs), ONE_EPOCH));

        assertDoesNotThrow(() -> authorize(auth, token(twoEpochs), Map.of("epochs", "2")));
    }

    @Test
    void withoutVerifyUploadTheLimitsAreNotCheckedButTheRulesAre() {
        PublisherAuth auth = auth(600, false);
        ObjectNode limited = claims("limits");
        limited.put("iat", NOW.getEpochSecond() - 100);
        limited.put("exp", NOW.getEpochSecond() + 500);
        limited.put("epochs", 2);
        limited.put("max_size", 1);

        assertDoesNotThrow(() -> authorize(auth, token(limited), ONE_EPOCH));

        ObjectNode tooLong = claims("long");
        tooLong.put("iat", NOW.getEpochSecond());
        tooLong.put("exp", NOW.getEpochSecond() + 601);
        assertRefused(AuthFailure.INVALID_EXPIRATION, () -> authorize(auth, token(tooLong), ONE_EPOCH));
        ObjectNode inconsistent = claims("both");
        inconsistent.put("iat", NOW.getEpochSecond());
        inconsistent.put("exp", NOW.getEpochSecond() + 600);
        inconsistent.put("size", 5);
        inconsistent.put("max_size", 5);
        assertRefused(AuthFailure.INCONSISTENT_TOKEN, () -> authorize(auth, token(inconsistent), ONE_EPOCH));
    }

    @Test
    void withVerifyUploadChecksSizeAndSendObjectTo() {
        PublisherAuth auth = auth(0, true);
        String owner = "0x" + "2a".repeat(32);
        ObjectNode claims = claims("upload");
        claims.put("send_object_to", owner);
        claims.put("size", 5);

        assertRefused(AuthFailure.INVALID_SEND_OBJECT_TO, () -> authorize(auth, token(claims), ONE_EPOCH));
        Map<String, String> query = Map.of("epochs", "1", "send_object_to", owner);
        assertRefused(AuthFailure.INVALID_SIZE,
                () -> auth.authorize(Optional.of("Bearer " + token(claims)), query, len(6)));
        assertDoesNotThrow(() -> auth.authorize(Optional.of("Bearer " + token(claims)), query, len(5)));
    }

    @Test
    void refusesWhenTheReplayCacheIsFullOfUnexpiredTokens() {
        JwtSettings one = new JwtSettings(true, JwtSettings.decodeKey(SECRET), JwtAlgorithm.HS256, 0, false, 1,
                Duration.ofSeconds(5));
        PublisherAuth auth = new PublisherAuth(one, Clock.fixed(NOW, ZoneOffset.UTC));
        authorize(auth, token(claims("first")), ONE_EPOCH);

        assertRefused(AuthFailure.REPLAY_CACHE_FULL, () -> authorize(auth, token(claims("second")), ONE_EPOCH));
    }

    private static PublisherAuth auth(long expiringSeconds, boolean verifyUpload) {
        JwtSettings settings = new JwtSettings(true, JwtSettings.decodeKey(SECRET), JwtAlgorithm.HS256,
                expiringSeconds, verifyUpload, 100, Duration.ofSeconds(5));
        return new PublisherAuth(settings, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static void authorize(PublisherAuth auth, String token, Map<String, String> query) {
        auth.authorize(Optional.of("Bearer " + token), query, len(5));
    }

    private static ObjectNode claims(String jti) {
        return TestTokens.claims(NOW.getEpochSecond() + 300, jti);
    }

    private static String token(ObjectNode claims) {
        return TestTokens.hmac("HS256", JwtSettings.decodeKey(SECRET).orElseThrow(), claims);
    }

    private static OptionalLong len(long n) {
        return OptionalLong.of(n);
    }
}
