package io.floe.api.gateway.auth;

import io.floe.api.json.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.pekko.actor.AbstractExtensionId;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.Extension;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JWT authentication of the publisher's uploads, Walrus's authenticated publisher: with {@code floe.gateway.jwt}
 * enabled, a {@code PUT /v1/blobs} needs {@code Authorization: Bearer <JWT>} whose token verifies, has not expired,
 * lives as long as the publisher's policy says, was not used before, and (with {@code verify-upload}) allows the
 * upload's epochs, size and {@code send_object_to}.
 *
 * <p>Invariant: a token is spent by the first upload that passes every check, and only by it: its {@code jti} is
 * remembered before the claim checks (two uploads racing with one token cannot both pass) and forgotten again when a
 * check refuses. One instance per actor system ({@link #of}), so every route shares one replay cache.
 */
public final class PublisherAuth implements Extension {
    private static final Logger LOG = LoggerFactory.getLogger(PublisherAuth.class);
    private static final String BEARER = "bearer ";
    private static final Id ID = new Id();

    private final JwtSettings settings;
    private final JwtDecoder decoder;
    private final ReplayCache used;
    private final Clock clock;

    public PublisherAuth(JwtSettings settings, Clock clock) {
        this.settings = settings;
        this.decoder = new JwtDecoder(settings.algorithm(), settings.decodeKey());
        this.used = new ReplayCache(settings.cacheSize(), settings.cacheRefresh());
        this.clock = clock;
    }

    /** The one instance of {@code system}, configured from its {@code floe.gateway.jwt}. */
    public static PublisherAuth of(org.apache.pekko.actor.typed.ActorSystem<?> system) {
        return ID.get(org.apache.pekko.actor.typed.javadsl.Adapter.toClassic(system));
    }

    /**
     * Refuses the upload {@code request} with these query parameters unless its token allows it; does nothing when
     * authentication is off.
     *
     * @throws ApiException 401 naming the {@link AuthFailure} (503 when the replay cache is full)
     */
    public void authorize(HttpRequest request, Map<String, String> query) {
        authorize(request.getHeader("Authorization").map(HttpHeader::value), query,
                request.entity().getContentLengthOption());
    }

    /** As {@link #authorize(HttpRequest, Map)}, from the {@code Authorization} header's value and the body length. */
    public void authorize(Optional<String> authorization, Map<String, String> query, OptionalLong bodyLength) {
        if (!settings.enabled()) {
            return;
        }
        try {
            Claim claim = decoder.decode(bearerToken(authorization));
            Instant now = clock.instant();
            claim.checkNotExpired(now);
            spend(claim, now);
            try {
                checkClaims(claim, UploadRequest.of(query, bodyLength));
            } catch (ApiException refused) {
                used.remove(claim.jti());
                throw refused;
            }
        } catch (ApiException refused) {
            LOG.debug("upload refused: {}", refused.getMessage());
            throw refused;
        }
    }

    private void spend(Claim claim, Instant now) {
        switch (used.insert(claim.jti(), claim.expiry(), now)) {
            case ALREADY_USED:
                throw AuthFailure.TOKEN_ALREADY_USED.refuse("jti '" + claim.jti() + "'");
            case FULL:
                LOG.warn("the JWT replay cache holds {} unexpired tokens (floe.gateway.jwt.replay-cache-size);"
                        + " uploads are refused until some expire", settings.cacheSize());
                throw AuthFailure.REPLAY_CACHE_FULL.refuse("");
            default:
        }
    }

    /** Walrus's order: the lifetime rule and the token's consistency always, the upload's limits on request. */
    private void checkClaims(Claim claim, UploadRequest upload) {
        claim.checkLifetime(settings.expiringSeconds());
        claim.checkConsistent();
        if (settings.verifyUpload()) {
            claim.checkUpload(upload);
        }
    }

    private static String bearerToken(Optional<String> authorization) {
        String value = authorization.map(String::trim).orElse("");
        if (value.isEmpty()) {
            throw AuthFailure.MISSING_TOKEN.refuse("");
        }
        if (!value.toLowerCase(Locale.ROOT).startsWith(BEARER) || value.substring(BEARER.length()).isBlank()) {
            throw AuthFailure.MISSING_TOKEN.refuse("the Authorization header is not 'Bearer <JWT>'");
        }
        return value.substring(BEARER.length()).trim();
    }

    private static final class Id extends AbstractExtensionId<PublisherAuth> {
        @Override
        public PublisherAuth createExtension(ExtendedActorSystem system) {
            JwtSettings settings = JwtSettings.from(system.settings().config());
            if (settings.enabled()) {
                LOG.info("publisher JWT authentication on: {}", settings);
                if (settings.decodeKey().isEmpty()) {
                    LOG.warn("floe.gateway.jwt.decode-secret is empty: token signatures are NOT checked; only run"
                            + " this publisher behind a gateway that checks them");
                }
            }
            return new PublisherAuth(settings, Clock.systemUTC());
        }
    }
}
