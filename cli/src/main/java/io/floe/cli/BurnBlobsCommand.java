package io.floe.cli;

import io.floe.cli.client.AccountClient;
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
import java.util.stream.Collectors;

/**
 * {@code floe burn-blobs --object-ids OID...}: drops blob objects of the wallet, as {@code walrus burn-blobs} does.
 * The data stays readable until the objects' end epochs, but nobody can extend, delete or reuse them any more. One
 * signed request per blob, because a request names the blob whose objects it burns.
 */
public final class BurnBlobsCommand extends WalletCommand {
    private static final String OBJECT_IDS = "--object-ids";
    private static final String OBJECT_ID = "--object-id";
    private static final String YES = "--yes";

    BurnBlobsCommand(Environment environment, Clock clock) {
        super("burn-blobs", "Burn blob objects of the wallet (the data stays until it expires)",
            InfoCommand.DEFAULT_TIMEOUT_SECONDS, environment, clock);
    }

    @Override
    public String usage() {
        return """
            usage: floe burn-blobs --object-ids OBJECT_ID... [--yes] [--wallet FILE] [--json] [--gateway URL]
                                   [--timeout SECONDS]

            Burns blob objects of the wallet: the objects are gone, the data stays readable until their end
            epoch, the storage is not refunded, and nobody can extend or delete the blobs any more.

            options:
              --object-ids ID... the blob objects to burn (also --object-id)
              --yes              accepted for walrus compatibility; floe never asks
            %s
            exit codes: 0 burned, 1 failure (refused, wallet, gateway), 2 bad command line
            """.formatted(walletOptions());
    }

    @Override
    public void execute(List<String> args, PrintStream out) {
        Arguments parsed = Arguments.parse(args, Set.of(WALLET, GATEWAY, TIMEOUT), Set.of(YES, JSON),
            Map.of(OBJECT_IDS, 0, OBJECT_ID, 0));
        noPositionals(parsed);
        List<String> texts = new ArrayList<>(parsed.list(OBJECT_IDS));
        texts.addAll(parsed.list(OBJECT_ID));
        if (texts.isEmpty()) {
            throw new UsageException("missing " + OBJECT_IDS + " OBJECT_ID...");
        }
        List<ObjectId> ids = texts.stream().map(t -> objectId(OBJECT_IDS, t)).distinct().toList();
        AccountClient accounts = accounts(parsed);
        RequestSigner signer = signer(parsed);
        Map<BlobId, List<ObjectId>> byBlob = new LinkedHashMap<>();
        for (ObjectId id : ids) {
            byBlob.computeIfAbsent(lookUp(accounts, id).blobId(), b -> new ArrayList<>()).add(id);
        }
        List<Receipt> receipts = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        byBlob.forEach((blob, objects) -> {
            Receipt receipt = submit(accounts, signer, Operations.burn(blob, objects));
            receipts.add(receipt);
            lines.add(describe("Burned blob object(s) " + objects.stream().map(ObjectId::toString)
                .collect(Collectors.joining(", ")) + " (blob ID " + blob + ")", receipt));
        });
        print(out, parsed, receipts, lines);
    }
}
