package io.floe.cli;

import io.floe.cli.client.AccountSummary;
import io.floe.cli.client.BlobObject;
import io.floe.cli.client.GatewayException;
import io.floe.cli.wallet.Wallet;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * {@code floe account}: the wallet's address, its balance and the storage resources it owns but does not use, from
 * the gateway's ledger ({@code GET /v1/accounts/{address}}). Creates the wallet on first use, so it is also how a
 * new user learns the address to fund.
 */
public final class AccountCommand extends WalletCommand {
    AccountCommand(Environment environment, Clock clock) {
        super("account", "Show the wallet's address, balance and storage resources", InfoCommand.DEFAULT_TIMEOUT_SECONDS,
            environment, clock);
    }

    AccountCommand(Environment environment) {
        this(environment, Clock.systemUTC());
    }

    @Override
    public String usage() {
        return """
            usage: floe account [--wallet FILE] [--json] [--gateway URL] [--timeout SECONDS]

            Shows the wallet's address (derived from its Ed25519 key as Sui derives one), its balance in
            FROST (1 WAL = 1000000000 FROST) and the storage resources it owns and may reuse for new blobs.

            options:
            %s
            exit codes: 0 shown, 1 failure (wallet, gateway), 2 bad command line
            """.formatted(walletOptions());
    }

    @Override
    public void execute(List<String> args, PrintStream out) {
        Arguments parsed = Arguments.parse(args, Set.of(WALLET, GATEWAY, TIMEOUT), Set.of(JSON));
        noPositionals(parsed);
        Wallet wallet = wallet(parsed);
        AccountSummary account;
        try {
            account = accounts(parsed).account(wallet.address());
        } catch (GatewayException e) {
            throw failed(e);
        }
        out.print(parsed.flag(JSON) ? account.json() + "\n" : describe(account));
    }

    static String describe(AccountSummary account) {
        StringBuilder sb = new StringBuilder("Address ").append(account.address()).append('\n')
            .append("Balance ").append(account.balance()).append(" FROST\n");
        if (account.storage().isEmpty()) {
            return sb.append("No free storage resources\n").toString();
        }
        sb.append("Free storage resources:\n");
        for (BlobObject.Storage storage : account.storage()) {
            sb.append("  ").append(storage.id()).append("  ").append(BlobIdCommand.bytes(storage.size()))
                .append(", epochs ").append(storage.startEpoch().value()).append(" to ")
                .append(storage.endEpoch().value()).append(" (exclusive)\n");
        }
        return sb.toString();
    }
}
