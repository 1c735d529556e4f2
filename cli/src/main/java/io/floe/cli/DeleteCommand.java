package io.floe.cli;

import io.floe.cli.client.AccountClient;
import io.floe.cli.client.BlobStatusReport;
import io.floe.cli.client.GatewayClient;
import io.floe.cli.client.GatewayException;
import io.floe.cli.client.ObjectView;
import io.floe.cli.client.Receipt;
import io.floe.cli.wallet.RequestSigner;
import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.blob.ObjectId;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code floe delete --blob-id ID | --object-id OID | --file F}: deletes deletable blob objects of the wallet, as
 * {@code walrus delete} does: an object ID names one object; a blob ID (or a file's, computed locally) names every
 * deletable object of that blob the wallet owns. The storage resource of each comes back to the wallet.
 */
public final class DeleteCommand extends WalletCommand {
    private static final String BLOB_IDS = "--blob-ids";
    private static final String BLOB_ID = "--blob-id";
    private static final String OBJECT_IDS = "--object-ids";
    private static final String OBJECT_ID = "--object-id";
    private static final String FILES = "--files";
    private static final String FILE = "--file";
    private static final String YES = "--yes";

    DeleteCommand(Environment environment, Clock clock) {
        super("delete", "Delete deletable blobs of the wallet", InfoCommand.DEFAULT_TIMEOUT_SECONDS, environment,
            clock);
    }

    @Override
    public String usage() {
        return """
            usage: floe delete (--blob-id ID | --object-id OBJECT_ID | --file FILE)... [--yes] [--wallet FILE]
                               [--json] [--gateway URL] [--timeout SECONDS]

            Deletes deletable blob objects of the wallet: the object named by --object-id, or every
            deletable object the wallet owns of the blob named by --blob-id or --file (its blob ID is
            computed locally, with the network's shard count). Each object's storage resource returns to
            the wallet for reuse; the nodes drop the data once no other registration keeps it.

            options:
              --blob-id ID...    blob IDs (also --blob-ids)
              --object-id ID...  blob object IDs (also --object-ids)
              --file FILE...     files whose blobs to delete (also --files)
              --yes              accepted for walrus compatibility; floe never asks
            %s
            exit codes: 0 deleted, 1 failure (nothing to delete, refused, wallet, gateway), 2 bad command line
            """.formatted(walletOptions());
    }

    @Override
    public void execute(List<String> args, PrintStream out) {
        Arguments parsed = Arguments.parse(args, Set.of(WALLET, GATEWAY, TIMEOUT), Set.of(YES, JSON),
            Map.of(BLOB_IDS, 0, BLOB_ID, 0, OBJECT_IDS, 0, OBJECT_ID, 0, FILES, 0, FILE, 0));
        noPositionals(parsed);
        List<BlobId> blobIds = new ArrayList<>();
        both(parsed, BLOB_IDS, BLOB_ID).forEach(text -> blobIds.add(blobId(text)));
        List<ObjectId> objectIds = new ArrayList<>();
        both(parsed, OBJECT_IDS, OBJECT_ID).forEach(text -> objectIds.add(objectId(OBJECT_ID, text)));
        List<String> files = both(parsed, FILES, FILE);
        if (blobIds.isEmpty() && objectIds.isEmpty() && files.isEmpty()) {
            throw new UsageException("missing " + BLOB_ID + ", " + OBJECT_ID + " or " + FILE);
        }
        GatewayClient client = client(parsed);
        AccountClient accounts = new AccountClient(client);
        RequestSigner signer = signer(parsed);
        if (!files.isEmpty()) {
            int nShards = networkInfo(client).nShards();
            files.forEach(file -> blobIds.add(new BlobIdCommand().compute(file, nShards).blobId()));
        }
        Map<ObjectId, BlobId> targets = targets(client, accounts, objectIds, blobIds,
            signer.wallet().address().value());
        List<Receipt> receipts = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        targets.forEach((id, blob) -> {
            Receipt receipt = submit(accounts, signer, Operations.delete(blob, id));
            receipts.add(receipt);
            lines.add(describe("Deleted blob object " + id + " (blob ID " + blob + ")" + returned(receipt), receipt));
        });
        print(out, parsed, receipts, lines);
    }

    /** Every object to delete, with the blob it belongs to: those named, and the owner's deletable ones of blobs. */
    private static Map<ObjectId, BlobId> targets(GatewayClient client, AccountClient accounts,
                                                 List<ObjectId> objectIds, List<BlobId> blobIds, String owner) {
        Map<ObjectId, BlobId> targets = new LinkedHashMap<>();
        for (ObjectId id : objectIds) {
            ObjectView view = lookUp(accounts, id);
            targets.put(id, view.blobId());
        }
        for (BlobId blob : blobIds) {
            ownedDeletable(client, blob, owner).forEach(id -> targets.put(id, blob));
        }
        return targets;
    }

    private static List<String> both(Arguments parsed, String plural, String singular) {
        List<String> all = new ArrayList<>(parsed.list(plural));
        all.addAll(parsed.list(singular));
        return all;
    }

    /** The wallet's deletable, unshared objects of {@code blob}, from the blob's status; none is a failure. */
    private static List<ObjectId> ownedDeletable(GatewayClient client, BlobId blob, String owner) {
        BlobStatusReport report;
        try {
            report = client.blobStatus(blob);
        } catch (GatewayException e) {
            throw failed(e);
        }
        List<ObjectId> ids = report.registrations().stream()
            .filter(r -> r.deletable() && !r.shared() && !r.burned() && r.owner().filter(owner::equals).isPresent())
            .map(BlobStatusReport.Registration::objectId).toList();
        if (ids.isEmpty()) {
            throw new CommandFailedException("the wallet " + owner + " owns no deletable object of blob ID " + blob);
        }
        return ids;
    }

    private static String returned(Receipt receipt) {
        return receipt.returnedStorage().map(s -> ", storage " + s.id() + " of " + BlobIdCommand.bytes(s.size())
            + " until epoch " + s.endEpoch().value() + " returned").orElse("");
    }
}
