package io.floe.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.protocol.account.Address;
import io.floe.protocol.account.SignedRequest;
import io.floe.protocol.blob.ObjectId;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The gateway's account routes, as the CLI uses them: signed requests ({@code POST /v1/transactions}), accounts,
 * blob objects and the faucet. Each call is bounded by the {@link GatewayClient}'s timeout.
 *
 * <p>Invariant: a signed request is sent as the same bytes on every attempt; the control plane answers a request ID
 * it has seen with its first answer, so retrying after a lost answer never does an operation twice.
 */
public final class AccountClient {
    public static final String TRANSACTIONS = "/v1/transactions";
    public static final String FAUCET = "/v1/faucet";
    public static final String ACCOUNTS = "/v1/accounts/";
    public static final String OBJECTS = "/v1/objects/";
    /** Attempts of one signed request: the first and two retries after a timeout, a broken connection or a 5xx. */
    static final int ATTEMPTS = 3;
    private static final Duration BACKOFF = Duration.ofMillis(300);
    private static final String JSON = "application/json";

    private final GatewayClient gateway;
    private final AccountJson json;

    public AccountClient(GatewayClient gateway) {
        this.gateway = gateway;
        this.json = new AccountJson(gateway.json());
    }

    /** Submits {@code signed}; retries with the same bytes when the answer was lost or the gateway was busy. */
    public Receipt submit(SignedRequest signed) {
        String body = SignedEnvelope.json(signed);
        for (int attempt = 1; ; attempt++) {
            HttpRequest request = gateway.request(TRANSACTIONS, JSON).header("Content-Type", JSON)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.US_ASCII)).build();
            try {
                return json.receipt(gateway.call(request));
            } catch (GatewayException e) {
                if (attempt >= ATTEMPTS || !worthRetrying(e)) {
                    throw e;
                }
            }
            pause(BACKOFF.multipliedBy(attempt));
        }
    }

    /** The account of {@code address}: balance and free storage resources. */
    public AccountSummary account(Address address) {
        return json.account(get(ACCOUNTS + address.value()));
    }

    /** The blob object {@code id} and the blob it belongs to. */
    public ObjectView object(ObjectId id) {
        return json.object(get(OBJECTS + id));
    }

    /** Asks the network's faucet for {@code amount} FROST for {@code address} (local networks only). */
    public AccountSummary.Funded faucet(Address address, long amount) {
        HttpRequest request = gateway.request(FAUCET + "?address=" + address.value() + "&amount=" + amount, JSON)
            .POST(HttpRequest.BodyPublishers.noBody()).build();
        return json.funded(gateway.call(request));
    }

    private JsonNode get(String path) {
        return gateway.call(gateway.request(path, JSON).GET().build());
    }

    // A 4xx is the control plane's considered answer; only a lost answer or a busy gateway is worth asking again.
    private static boolean worthRetrying(GatewayException e) {
        if (e instanceof GatewayException.TimedOut || e instanceof GatewayException.ConnectionLost) {
            return true;
        }
        return e instanceof GatewayException.ErrorResponse error && error.httpStatus() >= 500;
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayException.ConnectionLost(gateway.gateway(), "interrupted", e);
        }
    }
}
