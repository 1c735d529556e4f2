package io.floe.cli;

import io.floe.cli.client.AccountClient;
import io.floe.cli.client.CliJson;
import io.floe.cli.client.GatewayException;
import io.floe.cli.client.ObjectView;
import io.floe.cli.client.Receipt;
import io.floe.cli.wallet.RequestSigner;
import io.floe.cli.wallet.Wallet;
import io.floe.cli.wallet.WalletException;
import io.floe.cli.wallet.WalletFile;
import io.floe.protocol.account.SignedRequest;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.proto.FloeAccountProto.ClientRequest;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * What the commands that act for the wallet's account share: the {@code --wallet} option (default
 * {@code $FLOE_WALLET}, else the user's config folder), signing with a fresh request ID and expiry, submitting to the
 * gateway, and one way of reporting what a request did and what it cost ({@code --json}: the gateway's receipt).
 */
abstract class WalletCommand extends GatewayCommand {
    static final String WALLET = "--wallet";
    static final String WALLET_OPTION = """
          --wallet FILE      the wallet (default $FLOE_WALLET, else $XDG_CONFIG_HOME/floe/wallet.json, else
                             ~/.config/floe/wallet.json; created with a new key on first use)
        """;

    private final Clock clock;

    WalletCommand(String name, String summary, int defaultTimeoutSeconds, Environment environment, Clock clock) {
        super(name, summary, defaultTimeoutSeconds, environment);
        this.clock = clock;
    }

    /** The wallet chosen by {@code --wallet} or the default path; created on first use. */
    Wallet wallet(Arguments parsed) {
        Path path = parsed.value(WALLET).map(Path::of).orElseGet(() -> WalletFile.defaultPath(
            environment().variables()));
        try {
            return WalletFile.loadOrCreate(path);
        } catch (WalletException e) {
            throw new CommandFailedException(e.getMessage());
        }
    }

    RequestSigner signer(Arguments parsed) {
        return new RequestSigner(wallet(parsed), clock);
    }

    AccountClient accounts(Arguments parsed) {
        return new AccountClient(client(parsed));
    }

    /** Signs {@code operation} and submits it; a refusal is the command's one-line failure. */
    static Receipt submit(AccountClient accounts, RequestSigner signer, ClientRequest.Builder operation) {
        SignedRequest signed = signer.sign(operation);
        try {
            return accounts.submit(signed);
        } catch (GatewayException e) {
            throw failed(e);
        }
    }

    /** The blob object {@code id} (which blob it belongs to, its owner, whether shared). */
    static ObjectView lookUp(AccountClient accounts, ObjectId id) {
        try {
            return accounts.object(id);
        } catch (GatewayException e) {
            throw failed(e);
        }
    }

    /** {@code text} as an object ID; a malformed one is a usage error, found before any request. */
    static ObjectId objectId(String option, String text) {
        try {
            return ObjectId.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + ": not an object ID: " + text);
        }
    }

    /** A positive FROST amount from {@code option}, or {@code otherwise} when it is absent. */
    static long amount(Arguments parsed, String option, long otherwise) {
        String text = parsed.value(option).orElse(null);
        if (text == null) {
            if (otherwise > 0) {
                return otherwise;
            }
            throw new UsageException("missing " + option + " FROST");
        }
        try {
            long amount = Long.parseLong(text.trim());
            if (amount > 0) {
                return amount;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(option + " needs a number of FROST above 0, got '" + text + "'");
    }

    static void noPositionals(Arguments parsed) {
        parsed.positionals().stream().findFirst().ifPresent(extra -> {
            throw new UsageException("unexpected argument '" + extra + "'");
        });
    }

    /** What a request did, then its cost and the balance it left: {@code <did>; cost N FROST, balance M FROST}. */
    static String describe(String did, Receipt receipt) {
        return did + "; cost " + receipt.cost() + " FROST, balance " + receipt.balanceAfter() + " FROST";
    }

    /**
     * Prints the receipts: one line each from {@code lines} or, with {@code --json}, the gateway's receipt (one
     * request) or {@code {"receipts":[...],"cost":total}} (several).
     */
    static void print(PrintStream out, Arguments parsed, List<Receipt> receipts, List<String> lines) {
        if (!parsed.flag(JSON)) {
            lines.forEach(out::println);
        } else if (receipts.size() == 1) {
            out.println(receipts.get(0).json());
        } else {
            out.println(receiptsJson(receipts));
        }
    }

    static String receiptsJson(List<Receipt> receipts) {
        var root = CliJson.object();
        var list = root.putArray("receipts");
        for (Receipt receipt : receipts) {
            try {
                list.add(CliJson.tree(receipt.json()).path("receipt"));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("a receipt's JSON was printed by the CLI itself", e);
            }
        }
        return CliJson.line(root.put("cost", receipts.stream().mapToLong(Receipt::cost).sum()));
    }

    /** The usage text's option lines every wallet command shares. */
    String walletOptions() {
        return WALLET_OPTION + "  --json             print the gateway's JSON answer on one line\n" + commonOptions();
    }
}
