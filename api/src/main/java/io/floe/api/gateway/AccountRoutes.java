package io.floe.api.gateway;

import static io.floe.api.ApiPaths.ACCOUNTS;
import static io.floe.api.ApiPaths.FAUCET;
import static io.floe.api.ApiPaths.QUERY_ADDRESS;
import static io.floe.api.ApiPaths.QUERY_AMOUNT;
import static io.floe.api.ApiPaths.TRANSACTIONS;

import io.floe.api.HttpSettings;
import io.floe.api.RequestBodies;
import io.floe.api.control.ControlPlane;
import io.floe.api.json.ApiErrors;
import io.floe.api.json.ApiException;
import io.floe.api.json.Json;
import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.account.Address;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.Materializer;

/**
 * Floe's account routes under {@code /v1} (the role Sui's RPC plays for Walrus clients): {@code POST /transactions}
 * carries out a client's signed request ({@link SignedEnvelope}), {@code POST /faucet} funds an address on a network
 * with a faucet, {@code GET /accounts/{address}} shows a balance and free storage. The gateway signs nothing here: every
 * change is the signer's, verified by the actor that carries it out.
 */
final class AccountRoutes extends AllDirectives {
    /** A signed request is a few hundred bytes; anything far larger is not one. */
    static final long MAX_REQUEST_BYTES = 64 * 1024;
    /** What {@code POST /v1/faucet} gives without {@code amount}: 1 WAL. */
    static final long DEFAULT_FAUCET_AMOUNT = 1_000_000_000L;
    private static final String INVALID_PARAMETER = "INVALID_PARAMETER";

    private final ControlPlane control;
    private final Materializer materializer;
    private final HttpSettings http;
    /** Told of the blob of every object a request acted on (the read path's cache forgets it). */
    private final Consumer<BlobId> objectChanged;

    AccountRoutes(ActorSystem<?> system, ControlPlane control, Consumer<BlobId> objectChanged) {
        this.control = control;
        this.materializer = Materializer.matFromSystem(system);
        this.http = HttpSettings.of(system);
        this.objectChanged = objectChanged;
    }

    /** The routes under {@code /v1}. */
    Route route() {
        return concat(
                path(TRANSACTIONS, () -> post(() -> extractRequestEntity(entity -> answer(() ->
                        RequestBodies.toArray(entity.withSizeLimit(MAX_REQUEST_BYTES), http, materializer)
                                .thenCompose(this::submit))))),
                path(FAUCET, () -> post(() -> parameterOptional(QUERY_ADDRESS, address ->
                        parameterOptional(QUERY_AMOUNT, amount -> faucet(address, amount))))),
                pathPrefix(ACCOUNTS, () -> path(PathMatchers.segment(), address ->
                        get(() -> answer(() -> control.account(address(Optional.of(address)))
                                .thenApply(info -> ClientRoutes.json(ClientJson.account(info))))))));
    }

    private CompletionStage<HttpResponse> submit(byte[] body) {
        com.fasterxml.jackson.databind.JsonNode envelope;
        try {
            envelope = Json.parse(body);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("INVALID_REQUEST", e.getMessage());
        }
        return control.submit(SignedEnvelope.fromJson(envelope)).thenApply(receipt -> {
            receipt.blobId().ifPresent(objectChanged);
            return ClientRoutes.json(ClientJson.receipt(receipt));
        });
    }

    private Route faucet(Optional<String> addressText, Optional<String> amountText) {
        return answer(() -> {
            String address = address(addressText);
            long amount = amountText.isEmpty() ? DEFAULT_FAUCET_AMOUNT : StakingRoutes.amount(amountText);
            return control.faucet(address, amount).thenApply(balance -> ClientRoutes.json(Json.object()
                    .put("address", address).put("amount", amount).put("balance", balance)));
        });
    }

    /** An address in the canonical form (lower-case hex); 400 for anything else. */
    static String address(Optional<String> text) {
        String value = text.orElseThrow(() -> ApiException.badRequest(INVALID_PARAMETER, "missing ?address=0x..."))
                .trim().toLowerCase(Locale.ROOT);
        if (!Address.isAddress(value)) {
            throw ApiException.badRequest(INVALID_PARAMETER, "an address is 0x and 64 hex digits, was '"
                    + text.get() + "'");
        }
        return value;
    }

    /** Answers the call's response, and its failures (thrown or in the stage) as error JSON. */
    private Route answer(Supplier<CompletionStage<HttpResponse>> call) {
        return completeWithFuture(ClientRoutes.calling(call).exceptionally(ApiErrors::fromThrowable));
    }
}
