package io.floe.api.gateway;

import static io.floe.api.ApiPaths.QUERY_AMOUNT;
import static io.floe.api.ApiPaths.QUERY_NODE;
import static io.floe.api.ApiPaths.REQUEST_WITHDRAW;
import static io.floe.api.ApiPaths.STAKE;
import static io.floe.api.ApiPaths.STAKING;
import static io.floe.api.ApiPaths.WITHDRAW;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.floe.api.control.ControlPlane;
import io.floe.api.json.ApiErrors;
import io.floe.api.json.ApiException;
import io.floe.api.json.Json;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.ledger.StakeChange;
import io.floe.protocol.ledger.StakedWal;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Floe's staking extension of the client API, staking from the gateway's account (until users have wallets):
 * {@code POST /v1/staking/stake?node=ID&amount=FROST}, {@code POST /v1/staking/request-withdraw?node=ID} and
 * {@code POST /v1/staking/withdraw?node=ID}, each answering the ledger's {@link StakeChange} as JSON. Parameters are
 * checked before the ledger is asked (400 {@code INVALID_PARAMETER}); the ledger's refusals map as every
 * control-plane failure does.
 */
final class StakingRoutes extends AllDirectives {
    static final String INVALID_PARAMETER = "INVALID_PARAMETER";
    private final ControlPlane control;

    StakingRoutes(ControlPlane control) {
        this.control = control;
    }

    /** The routes under {@code /v1}. */
    Route route() {
        return pathPrefix(STAKING, () -> post(() -> concat(
                path(STAKE, () -> parameterOptional(QUERY_NODE, node -> parameterOptional(QUERY_AMOUNT, amount ->
                        answer(() -> control.stake(node(node), amount(amount)))))),
                path(REQUEST_WITHDRAW, () -> parameterOptional(QUERY_NODE, node ->
                        answer(() -> control.requestWithdrawStake(node(node))))),
                path(WITHDRAW, () -> parameterOptional(QUERY_NODE, node ->
                        answer(() -> control.withdrawStake(node(node))))))));
    }

    private Route answer(java.util.function.Supplier<CompletionStage<StakeChange>> call) {
        CompletionStage<HttpResponse> response;
        try {
            response = call.get().thenApply(change -> ClientRoutes.json(stakeChange(change)));
        } catch (ApiException e) {
            return complete(ApiErrors.response(e));
        }
        return completeWithFuture(response.exceptionally(ApiErrors::fromThrowable));
    }

    static NodeId node(Optional<String> text) {
        String value = text.orElseThrow(() -> ApiException.badRequest(INVALID_PARAMETER, "missing ?node=NODE_ID"));
        return parsed("node", value, NodeId::new);
    }

    static long amount(Optional<String> text) {
        String value = text.orElseThrow(() -> ApiException.badRequest(INVALID_PARAMETER,
                "missing ?amount=FROST (1 WAL = 1000000000 FROST)"));
        long amount = parsed("amount", value, Long::parseLong);
        if (amount <= 0) {
            throw ApiException.badRequest(INVALID_PARAMETER, "amount must be a number of FROST above 0: " + value);
        }
        return amount;
    }

    private static <T> T parsed(String name, String value, Function<String, T> parse) {
        try {
            return parse.apply(value.trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(INVALID_PARAMETER, "invalid " + name + " '" + value + "': " + e.getMessage());
        }
    }

    /** {@code {"stakes":[{...}],"amount":N,"balanceAfter":N}}; a stake in Walrus's {@code StakedWal} names. */
    static ObjectNode stakeChange(StakeChange change) {
        ObjectNode root = Json.object();
        ArrayNode stakes = root.putArray("stakes");
        for (StakedWal s : change.stakes()) {
            ObjectNode stake = stakes.addObject()
                    .put("id", s.id())
                    .put("nodeId", s.node().value())
                    .put("owner", s.owner())
                    .put("principal", s.principal())
                    .put("activationEpoch", s.activationEpoch().value());
            if (s.withdrawEpoch().isPresent()) {
                stake.put("withdrawEpoch", s.withdrawEpoch().get().value());
            } else {
                stake.putNull("withdrawEpoch");
            }
        }
        return root.put("amount", change.amount()).put("balanceAfter", change.balanceAfter());
    }
}
