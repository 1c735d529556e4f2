package io.floe.api.gateway.auth;

import static io.floe.api.gateway.auth.ClaimTest.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.floe.protocol.signing.Ed25519;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Reading tokens: signatures of each algorithm, the header's alg, malformed parts and claims. */
class JwtDecoderTest {
    private static final String SECRET = "publisher-secret";
    private static final JwtDecoder HS256 = new JwtDecoder(JwtAlgorithm.HS256, Optional.of(bytes(SECRET)));

    @Test
    void readsTheClaimsOfATokenSignedWithTheSecret() {
        ObjectNode claims = TestTokens.claims(2_000, "id-1");
        claims.put("iat", 1_000);
        claims.put("send_object_to", "0x" + "AB".repeat(32));
        claims.put("epochs", 3);
        claims.put("max_size", 1024);
        claims.put("sub", "someone");

        Claim claim = HS256.decode(TestTokens.hs256(SECRET, claims));

        assertEquals(new Claim(2_000, OptionalLong.of(1_000), "id-1",
                Optional.of(io.floe.protocol.account.Address.parse("0x" + "ab".repeat(32))), OptionalLong.of(3),
                OptionalLong.empty(), OptionalLong.empty(), OptionalLong.of(1024)), claim);
    }

    @Test
    void refusesATokenSignedWithAnotherSecretOrChangedAfterSigning() {
        String token = TestTokens.hs256("another-secret", TestTokens.claims(2_000, "id"));
        assertRefused(AuthFailure.INVALID_SIGNATURE, () -> HS256.decode(token));

        String good = TestTokens.hs256(SECRET, TestTokens.claims(2_000, "id"));
        String[] parts = good.split("\\.");
        String forgedPayload = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(bytes("{\"exp\":9999999999,\"jti\":\"id\"}"));
        assertRefused(AuthFailure.INVALID_SIGNATURE, () -> HS256.decode(parts[0] + "." + forgedPayload + "." + parts[2]));
    }

    @Test
    void refusesATokenOfAnotherAlgorithmIncludingNone() {
        String hs512 = TestTokens.hmac("HS512", bytes(SECRET), TestTokens.claims(2_000, "id"));
        assertRefused(AuthFailure.INVALID_TOKEN, () -> HS256.decode(hs512));

        String none = TestTokens.raw("{\"alg\":\"none\"}", "{\"exp\":2000,\"jti\":\"id\"}", new byte[0]);
        assertRefused(AuthFailure.INVALID_TOKEN, () -> HS256.decode(none));
    }

    @Test
    void verifiesEachHmacAlgorithm() {
        for (String alg : new String[] {"HS256", "HS384", "HS512"}) {
            JwtDecoder decoder = new JwtDecoder(JwtAlgorithm.parse(alg), Optional.of(bytes(SECRET)));

            Claim claim = decoder.decode(TestTokens.hmac(alg, bytes(SECRET), TestTokens.claims(2_000, alg)));

            assertEquals(alg, claim.jti());
        }
    }

    @Test
    void verifiesEdDsaWithTheIssuersPublicKey() {
        KeyPair issuer = Ed25519.generate();
        KeyPair other = Ed25519.generate();
        JwtDecoder decoder = new JwtDecoder(JwtAlgorithm.EDDSA, Optional.of(Ed25519.raw(issuer.getPublic())));

        assertEquals("ed", decoder.decode(TestTokens.eddsa(issuer.getPrivate(), TestTokens.claims(2_000, "ed"))).jti());
        assertRefused(AuthFailure.INVALID_SIGNATURE,
                () -> decoder.decode(TestTokens.eddsa(other.getPrivate(), TestTokens.claims(2_000, "ed"))));
    }

    @Test
    void withoutAKeyReadsClaimsWhateverTheSignature() {
        JwtDecoder unchecked = new JwtDecoder(JwtAlgorithm.HS256, Optional.empty());

        Claim claim = unchecked.decode(TestTokens.hs256("anything", TestTokens.claims(2_000, "id")));

        assertEquals("id", claim.jti());
    }

    @Test
    void refusesMalformedTokens() {
        assertRefused(AuthFailure.INVALID_TOKEN, () -> HS256.decode("not-a-jwt"));
        assertRefused(AuthFailure.INVALID_TOKEN, () -> HS256.decode("a.b.c.d"));
        assertRefused(AuthFailure.INVALID_TOKEN, () -> HS256.decode("e30=.e30.sig"), "padding");
        assertRefused(AuthFailure.INVALID_TOKEN, () -> HS256.decode("!!.e30.c2ln"));
        assertRefused(AuthFailure.INVALID_TOKEN, () -> HS256.decode(TestTokens.raw("[1]", "{}", new byte[32])));
        assertRefused(AuthFailure.INVALID_TOKEN, () -> HS256.decode(TestTokens.raw("{nope", "{}", new byte[32])));
    }

    @Test
    void refusesMissingOrMistypedClaims() {
        assertTrue(claimRefused("{\"jti\":\"id\"}"), "exp is required");
        assertTrue(claimRefused("{\"exp\":2000}"), "jti is required");
        assertTrue(claimRefused("{\"exp\":\"2000\",\"jti\":\"id\"}"), "exp is a number");
        assertTrue(claimRefused("{\"exp\":2000.5,\"jti\":\"id\"}"), "exp is an integer");
        assertTrue(claimRefused("{\"exp\":2000,\"jti\":7}"), "jti is a string");
        assertTrue(claimRefused("{\"exp\":2000,\"jti\":\"id\",\"epochs\":-1}"), "epochs is a u32");
        assertTrue(claimRefused("{\"exp\":2000,\"jti\":\"id\",\"max_epochs\":4294967296}"), "epochs is a u32");
        assertTrue(claimRefused("{\"exp\":2000,\"jti\":\"id\",\"size\":-5}"), "size is unsigned");
        assertTrue(claimRefused("{\"exp\":2000,\"jti\":\"id\",\"send_object_to\":\"0x12\"}"), "an address");
    }

    private static boolean claimRefused(String payload) {
        JwtDecoder unchecked = new JwtDecoder(JwtAlgorithm.HS256, Optional.empty());
        assertRefused(AuthFailure.INVALID_TOKEN,
                () -> unchecked.decode(TestTokens.raw("{\"alg\":\"HS256\"}", payload, new byte[32])), payload);
        return true;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
