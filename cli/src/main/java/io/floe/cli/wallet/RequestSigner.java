package io.floe.cli.wallet;

import io.floe.protocol.account.SignedRequest;
import io.floe.protocol.proto.FloeAccountProto.ClientRequest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Turns an operation into a request the control plane accepts: names the wallet's account, gives it a fresh request
 * ID and an expiry {@link #VALIDITY} ahead, and signs it.
 *
 * <p>Invariant: every request it signs has an ID no earlier request of this signer had (128 random bits), so two
 * commands never collide, while a retry of one request re-sends the same signed bytes and is answered once.
 */
public final class RequestSigner {
    /** Long enough for retries and a slow gateway, well inside {@link SignedRequest#MAX_VALIDITY}. */
    public static final Duration VALIDITY = Duration.ofMinutes(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Wallet wallet;
    private final Clock clock;

    public RequestSigner(Wallet wallet, Clock clock) {
        this.wallet = wallet;
        this.clock = clock;
    }

    public Wallet wallet() {
        return wallet;
    }

    /** {@code operation} (a request with its operation and blob ID set) as the wallet's signed request. */
    public SignedRequest sign(ClientRequest.Builder operation) {
        ClientRequest request = operation.clone()
                .setAccount(wallet.address().value())
                .setRequestId(freshId())
                .setExpiresAtMillis(clock.millis() + VALIDITY.toMillis())
                .build();
        return wallet.sign(request);
    }

    private static String freshId() {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        return "cli-" + HexFormat.of().formatHex(random);
    }
}
