package io.floe.cli;

import io.floe.cli.client.GatewayClient;
import io.floe.cli.client.GatewayException;
import io.floe.cli.client.StakeResult;
import io.floe.protocol.committee.NodeId;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code floe stake}, {@code floe request-withdraw-stake} and {@code floe withdraw-stake}: the gateway account's
 * stake with a storage node's pool, through the gateway's staking extension ({@code POST /v1/staking/...}). Node IDs
 * and amounts are checked before any request; the ledger's refusals are one-line errors with exit code 1.
 */
public final class StakeCommand extends GatewayCommand {
    static final String NODE = "--node";
    static final String AMOUNT = "--amount";

    /** Which staking call the command makes. */
    enum Operation { STAKE, REQUEST_WITHDRAW, WITHDRAW }

    private final Operation operation;

    private StakeCommand(Operation operation, String name, String summary, Environment environment) {
        super(name, summary, InfoCommand.DEFAULT_TIMEOUT_SECONDS, environment);
        this.operation = operation;
    }

    static StakeCommand stake(Environment environment) {
        return new StakeCommand(Operation.STAKE, "stake", "Stake FROST of the gateway's account with a storage node",
                environment);
    }

    static StakeCommand requestWithdraw(Environment environment) {
        return new StakeCommand(Operation.REQUEST_WITHDRAW, "request-withdraw-stake",
                "Request the withdrawal of the gateway's stake with a node", environment);
    }

    static StakeCommand withdraw(Environment environment) {
        return new StakeCommand(Operation.WITHDRAW, "withdraw-stake",
                "Return the gateway's stake with a node once its withdrawal is due", environment);
    }

    @Override
    public String usage() {
        String synopsis = operation == Operation.STAKE ? " --node NODE_ID --amount FROST" : " --node NODE_ID";
        String what = switch (operation) {
            case STAKE -> """
                Stakes FROST (1 WAL = 1000000000 FROST) of the gateway's account with the node's pool. The stake
                counts in the committee of the next epoch, or of the one after once the next committee is selected.""";
            case REQUEST_WITHDRAW -> """
                Requests the withdrawal of every stake of the gateway's account with the node: it stops counting from
                the next committee not selected yet. 'floe withdraw-stake' returns the FROST once that is done.""";
            case WITHDRAW -> """
                Returns to the gateway's account every stake with the node whose withdrawal is due: the node has left
                the committees that needed the stake (the epoch change that moved its shards is done).""";
        };
        return "usage: floe " + name() + synopsis + " [--json] [--gateway URL] [--timeout SECONDS]\n\n" + what
                + "\n\noptions:\n  --node NODE_ID     the storage node, as 'floe info' lists it\n"
                + (operation == Operation.STAKE ? "  --amount FROST     how much to stake, above 0\n" : "")
                + "  --json             print the gateway's JSON answer on one line\n" + commonOptions()
                + "\nexit codes: 0 done, 1 failure (refused by the ledger, gateway unreachable), 2 bad command line\n";
    }

    @Override
    public void execute(List<String> args, PrintStream out) {
        Set<String> values = operation == Operation.STAKE ? Set.of(GATEWAY, TIMEOUT, NODE, AMOUNT)
                : Set.of(GATEWAY, TIMEOUT, NODE);
        Arguments parsed = Arguments.parse(args, values, Set.of(JSON));
        parsed.positionals().stream().findFirst().ifPresent(extra -> {
            throw new UsageException("unexpected argument '" + extra + "'");
        });
        NodeId node = node(parsed);
        long amount = operation == Operation.STAKE ? amount(parsed) : 0;
        GatewayClient client = client(parsed);
        StakeResult result;
        try {
            result = switch (operation) {
                case STAKE -> client.stake(node, amount);
                case REQUEST_WITHDRAW -> client.requestWithdrawStake(node);
                case WITHDRAW -> client.withdrawStake(node);
            };
        } catch (GatewayException e) {
            throw failed(e);
        }
        out.println(parsed.flag(JSON) ? result.json() : describe(operation, node, result));
    }

    static NodeId node(Arguments parsed) {
        String text = parsed.value(NODE).orElseThrow(() -> new UsageException("missing " + NODE + " NODE_ID"));
        try {
            return new NodeId(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(NODE + ": " + e.getMessage());
        }
    }

    static long amount(Arguments parsed) {
        String text = parsed.value(AMOUNT).orElseThrow(() -> new UsageException("missing " + AMOUNT + " FROST"));
        try {
            long amount = Long.parseLong(text.trim());
            if (amount > 0) {
                return amount;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(AMOUNT + " needs a number of FROST above 0, got '" + text + "'");
    }

    /** One line saying what changed, and the balance afterwards. */
    static String describe(Operation operation, NodeId node, StakeResult result) {
        String epochs = result.stakes().stream().map(s -> operation == Operation.STAKE
                ? "stake " + s.id() + " counts from epoch " + s.activationEpoch()
                : "stake " + s.id() + s.withdrawEpoch().map(w -> " stops counting in epoch " + w).orElse(""))
                .collect(Collectors.joining(", "));
        String what = switch (operation) {
            case STAKE -> "staked " + result.amount() + " FROST with " + node;
            case REQUEST_WITHDRAW -> "requested the withdrawal of " + result.stakes().size() + " stake(s) with " + node;
            case WITHDRAW -> "withdrew " + result.amount() + " FROST from " + node;
        };
        return what + (epochs.isEmpty() ? "" : " (" + epochs + ")") + "; gateway balance " + result.balanceAfter()
                + " FROST";
    }
}
