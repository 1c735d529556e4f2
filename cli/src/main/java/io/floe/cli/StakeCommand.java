package io.floe.cli;

import io.floe.cli.client.Receipt;
import io.floe.cli.client.StakeResult;
import io.floe.protocol.committee.NodeId;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code floe stake}, {@code floe request-withdraw-stake} and {@code floe withdraw-stake}: the wallet's stake with a
 * storage node's pool, as signed requests ({@code POST /v1/transactions}). Node IDs and amounts are checked before
 * any request; the ledger's refusals are one-line errors with exit code 1.
 */
public final class StakeCommand extends WalletCommand {
    static final String NODE = "--node";
    static final String AMOUNT = "--amount";

    /** Which staking operation the command signs. */
    enum Operation { STAKE, REQUEST_WITHDRAW, WITHDRAW }

    private final Operation operation;

    private StakeCommand(Operation operation, String name, String summary, Environment environment, Clock clock) {
        super(name, summary, InfoCommand.DEFAULT_TIMEOUT_SECONDS, environment, clock);
        this.operation = operation;
    }

    static StakeCommand stake(Environment environment) {
        return stake(environment, Clock.systemUTC());
    }

    static StakeCommand stake(Environment environment, Clock clock) {
        return new StakeCommand(Operation.STAKE, "stake", "Stake FROST of the wallet with a storage node",
                environment, clock);
    }

    static StakeCommand requestWithdraw(Environment environment) {
        return new StakeCommand(Operation.REQUEST_WITHDRAW, "request-withdraw-stake",
                "Request the withdrawal of the wallet's stake with a node", environment, Clock.systemUTC());
    }

    static StakeCommand withdraw(Environment environment) {
        return new StakeCommand(Operation.WITHDRAW, "withdraw-stake",
                "Return the wallet's stake with a node once its withdrawal is due", environment, Clock.systemUTC());
    }

    @Override
    public String usage() {
        String synopsis = operation == Operation.STAKE ? " --node NODE_ID --amount FROST" : " --node NODE_ID";
        String what = switch (operation) {
            case STAKE -> """
                Stakes FROST (1 WAL = 1000000000 FROST) of the wallet with the node's pool. The stake counts in
                the committee of the next epoch, or of the one after once the next committee is selected.""";
            case REQUEST_WITHDRAW -> """
                Requests the withdrawal of every stake of the wallet with the node: it stops counting from the
                next committee not selected yet. 'floe withdraw-stake' returns the FROST once that is done.""";
            case WITHDRAW -> """
                Returns to the wallet every stake with the node whose withdrawal is due: the node has left the
                committees that needed the stake (the epoch change that moved its shards is done).""";
        };
        return "usage: floe " + name() + synopsis + " [--wallet FILE] [--json] [--gateway URL] [--timeout SECONDS]\n\n"
                + what + "\n\noptions:\n  --node NODE_ID     the storage node, as 'floe info' lists it\n"
                + (operation == Operation.STAKE ? "  --amount FROST     how much to stake, above 0\n" : "")
                + walletOptions()
                + "\nexit codes: 0 done, 1 failure (refused by the ledger, wallet, gateway), 2 bad command line\n";
    }

    @Override
    public void execute(List<String> args, PrintStream out) {
        Set<String> values = operation == Operation.STAKE ? Set.of(WALLET, GATEWAY, TIMEOUT, NODE, AMOUNT)
                : Set.of(WALLET, GATEWAY, TIMEOUT, NODE);
        Arguments parsed = Arguments.parse(args, values, Set.of(JSON));
        noPositionals(parsed);
        NodeId node = node(parsed);
        long amount = operation == Operation.STAKE ? amount(parsed, AMOUNT, 0) : 0;
        Receipt receipt = submit(accounts(parsed), signer(parsed), switch (operation) {
            case STAKE -> Operations.stake(node.value(), amount);
            case REQUEST_WITHDRAW -> Operations.requestWithdraw(node.value());
            case WITHDRAW -> Operations.withdraw(node.value());
        });
        print(out, parsed, List.of(receipt), List.of(describe(operation, node, receipt)));
    }

    static NodeId node(Arguments parsed) {
        String text = parsed.value(NODE).orElseThrow(() -> new UsageException("missing " + NODE + " NODE_ID"));
        try {
            return new NodeId(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(NODE + ": " + e.getMessage());
        }
    }

    /** One line saying what changed, its cost and the wallet's balance afterwards. */
    static String describe(Operation operation, NodeId node, Receipt receipt) {
        long amount = receipt.amount().orElse(0);
        String what = switch (operation) {
            case STAKE -> "Staked " + amount + " FROST with " + node;
            case REQUEST_WITHDRAW -> "Requested the withdrawal of the wallet's stake with " + node;
            case WITHDRAW -> "Withdrew " + amount + " FROST from " + node;
        };
        return WalletCommand.describe(what, receipt);
    }

    /** One line for a stake of the gateway's own account ({@code floe local add-node}), and its balance after. */
    static String describeGatewayStake(Operation operation, NodeId node, StakeResult result) {
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
