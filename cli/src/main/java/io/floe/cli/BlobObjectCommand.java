package io.floe.cli;

import io.floe.cli.client.AccountClient;
import io.floe.cli.client.BlobObject;
import io.floe.cli.client.ObjectView;
import io.floe.cli.client.Receipt;
import io.floe.cli.wallet.RequestSigner;
import io.floe.protocol.blob.ObjectId;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code floe extend}, {@code floe share} and {@code floe fund-shared-blob}: signed requests on one blob object,
 * with {@code walrus}'s flags. The object is looked up first ({@code GET /v1/objects/{id}}) for the blob it belongs
 * to, which the request names; every number is checked before any request.
 */
public final class BlobObjectCommand extends WalletCommand {
    static final String BLOB_OBJ_ID = "--blob-obj-id";
    static final String SHARED_BLOB_OBJ_ID = "--shared-blob-obj-id";
    static final String EPOCHS_EXTENDED = "--epochs-extended";
    static final String SHARED = "--shared";
    static final String AMOUNT = "--amount";

    /** Which operation the command signs. */
    enum Kind { EXTEND, SHARE, FUND }

    private final Kind kind;

    private BlobObjectCommand(Kind kind, String name, String summary, Environment environment, Clock clock) {
        super(name, summary, InfoCommand.DEFAULT_TIMEOUT_SECONDS, environment, clock);
        this.kind = kind;
    }

    static BlobObjectCommand extend(Environment environment, Clock clock) {
        return new BlobObjectCommand(Kind.EXTEND, "extend", "Extend an owned or shared blob by some epochs",
            environment, clock);
    }

    static BlobObjectCommand share(Environment environment, Clock clock) {
        return new BlobObjectCommand(Kind.SHARE, "share", "Share a blob, so anyone may fund and extend it",
            environment, clock);
    }

    static BlobObjectCommand fund(Environment environment, Clock clock) {
        return new BlobObjectCommand(Kind.FUND, "fund-shared-blob", "Add FROST to a shared blob's funds",
            environment, clock);
    }

    @Override
    public String usage() {
        String synopsis = switch (kind) {
            case EXTEND -> "--blob-obj-id OBJECT_ID --epochs-extended N [--shared]";
            case SHARE -> "--blob-obj-id OBJECT_ID [--amount FROST]";
            case FUND -> "--shared-blob-obj-id OBJECT_ID --amount FROST";
        };
        String what = switch (kind) {
            case EXTEND -> """
                Extends a certified, unexpired blob object by N epochs (at most the network's maximum ahead of the
                current epoch). The wallet pays for an owned blob; a shared blob is paid from its funds, by anyone.

                options:
                  --blob-obj-id ID     the blob object
                  --epochs-extended N  how many epochs to add, N >= 1
                  --shared             the object is a shared blob (required for one, as walrus extend asks)
                """;
            case SHARE -> """
                Shares a blob object of the wallet: nobody owns it afterwards, anyone may fund and extend it, and
                nobody may delete it. With --amount, funds it right away (a second signed request).

                options:
                  --blob-obj-id ID     the blob object
                  --amount FROST       fund the shared blob with this much, above 0
                """;
            case FUND -> """
                Moves FROST from the wallet to a shared blob's funds, which pay for its extensions.

                options:
                  --shared-blob-obj-id ID  the shared blob object
                  --amount FROST           how much, above 0
                """;
        };
        return "usage: floe " + name() + " " + synopsis + " [--wallet FILE] [--json] [--gateway URL]"
            + " [--timeout SECONDS]\n\n" + what + walletOptions()
            + "\nexit codes: 0 done, 1 failure (refused, wallet, gateway), 2 bad command line\n";
    }

    @Override
    public void execute(List<String> args, PrintStream out) {
        Set<String> values = switch (kind) {
            case EXTEND -> Set.of(BLOB_OBJ_ID, EPOCHS_EXTENDED, WALLET, GATEWAY, TIMEOUT);
            case SHARE -> Set.of(BLOB_OBJ_ID, AMOUNT, WALLET, GATEWAY, TIMEOUT);
            case FUND -> Set.of(SHARED_BLOB_OBJ_ID, AMOUNT, WALLET, GATEWAY, TIMEOUT);
        };
        Arguments parsed = Arguments.parse(args, values, kind == Kind.EXTEND ? Set.of(SHARED, JSON) : Set.of(JSON));
        noPositionals(parsed);
        String option = kind == Kind.FUND ? SHARED_BLOB_OBJ_ID : BLOB_OBJ_ID;
        ObjectId id = objectId(option, parsed.value(option)
            .orElseThrow(() -> new UsageException("missing " + option + " OBJECT_ID")));
        int epochs = kind == Kind.EXTEND ? epochs(parsed) : 0;
        long amount = kind == Kind.FUND ? amount(parsed, AMOUNT, 0)
            : parsed.value(AMOUNT).isPresent() ? amount(parsed, AMOUNT, 0) : 0;
        AccountClient accounts = accounts(parsed);
        RequestSigner signer = signer(parsed);
        ObjectView view = lookUp(accounts, id);
        List<Receipt> receipts = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        switch (kind) {
            case EXTEND -> extend(accounts, signer, view, epochs, parsed.flag(SHARED), receipts, lines);
            case SHARE -> share(accounts, signer, view, amount, receipts, lines);
            case FUND -> fund(accounts, signer, view, amount, receipts, lines);
        }
        print(out, parsed, receipts, lines);
    }

    private static int epochs(Arguments parsed) {
        if (parsed.value(EPOCHS_EXTENDED).isEmpty()) {
            throw new UsageException("missing " + EPOCHS_EXTENDED + " N");
        }
        int epochs = parsed.intValue(EPOCHS_EXTENDED, 0);
        if (epochs < 1) {
            throw new UsageException(EPOCHS_EXTENDED + " needs a number of epochs >= 1, got " + epochs);
        }
        return epochs;
    }

    private static void extend(AccountClient accounts, RequestSigner signer, ObjectView view, int epochs,
                               boolean shared, List<Receipt> receipts, List<String> lines) {
        if (view.object().shared() != shared) {
            throw new CommandFailedException("blob object " + view.object().id() + (shared
                ? " is not shared: extend it without " + SHARED : " is shared: extend it with " + SHARED));
        }
        Receipt receipt = submit(accounts, signer, Operations.extend(view.blobId(), view.object().id(), epochs));
        String end = receipt.objects().stream().findFirst().map(o -> " to end epoch "
            + o.storage().endEpoch().value()).orElse("");
        receipts.add(receipt);
        lines.add(describe("Extended blob object " + view.object().id() + " (blob ID " + view.blobId() + ") by "
            + epochs + " epoch(s)" + end, receipt));
    }

    private static void share(AccountClient accounts, RequestSigner signer, ObjectView view, long amount,
                              List<Receipt> receipts, List<String> lines) {
        BlobObject object = view.object();
        Receipt shared = submit(accounts, signer, Operations.share(view.blobId(), object.id()));
        receipts.add(shared);
        lines.add(describe("Shared blob object " + object.id() + " (blob ID " + view.blobId() + ")", shared));
        if (amount > 0) {
            fund(accounts, signer, view, amount, receipts, lines);
        }
    }

    private static void fund(AccountClient accounts, RequestSigner signer, ObjectView view, long amount,
                             List<Receipt> receipts, List<String> lines) {
        Receipt funded = submit(accounts, signer, Operations.fund(view.blobId(), view.object().id(), amount));
        receipts.add(funded);
        lines.add(describe("Funded shared blob " + view.object().id() + " with " + amount + " FROST", funded));
    }
}
