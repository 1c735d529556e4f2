package io.floe.cli;

import io.floe.cli.client.AccountSummary;
import io.floe.cli.client.GatewayException;
import io.floe.cli.wallet.Wallet;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * {@code floe get-wal [--amount FROST]}: funds the wallet from the network's faucet ({@code POST /v1/faucet}), as
 * {@code walrus get-wal} funds one from testnet's exchange. Only local networks have a faucet; elsewhere the
 * gateway refuses (404 NO_FAUCET) and the command fails with its message.
 */
public final class GetWalCommand extends WalletCommand {
    /** 1 WAL, as Walrus's exchange gives for its default amount. */
    static final long DEFAULT_AMOUNT = 1_000_000_000L;
    private static final String AMOUNT = "--amount";

    GetWalCommand(Environment environment, Clock clock) {
        super("get-wal", "Fund the wallet from the network's faucet (local networks)",
            InfoCommand.DEFAULT_TIMEOUT_SECONDS, environment, clock);
    }

    GetWalCommand(Environment environment) {
        this(environment, Clock.systemUTC());
    }

    @Override
    public String usage() {
        return """
            usage: floe get-wal [--amount FROST] [--wallet FILE] [--json] [--gateway URL] [--timeout SECONDS]

            Asks the network's faucet for FROST for the wallet's address. 'floe local' networks have a
            faucet; a network without one refuses.

            options:
              --amount FROST     how much, above 0 (default %d, 1 WAL; the network caps it)
            %s
            exit codes: 0 funded, 1 failure (no faucet, wallet, gateway), 2 bad command line
            """.formatted(DEFAULT_AMOUNT, walletOptions());
    }

    @Override
    public void execute(List<String> args, PrintStream out) {
        Arguments parsed = Arguments.parse(args, Set.of(AMOUNT, WALLET, GATEWAY, TIMEOUT), Set.of(JSON));
        noPositionals(parsed);
        long amount = amount(parsed, AMOUNT, DEFAULT_AMOUNT);
        Wallet wallet = wallet(parsed);
        AccountSummary.Funded funded;
        try {
            funded = accounts(parsed).faucet(wallet.address(), amount);
        } catch (GatewayException e) {
            throw failed(e);
        }
        out.println(parsed.flag(JSON) ? funded.json() : "Received " + funded.amount() + " FROST from the faucet for "
            + funded.address() + "; cost 0 FROST, balance " + funded.balance() + " FROST");
    }
}
