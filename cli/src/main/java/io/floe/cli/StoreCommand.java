package io.floe.cli;

import io.floe.cli.client.GatewayClient;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.floe.cli.client.CliJson;
import io.floe.cli.client.GatewayException;
import io.floe.cli.client.GatewayInfo;
import io.floe.cli.client.StoreQuery;
import io.floe.cli.client.StoreResult;
import io.floe.cli.wallet.RequestSigner;
import io.floe.protocol.account.Address;
import io.floe.protocol.account.SignedRequest;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code floe store FILE... [--epochs N|max | --end-epoch E] [--permanent|--deletable] [--send-object-to ADDR]
 * [--dry-run] [--force] [--json]}: stores a file as a blob the wallet pays for and owns, as {@code walrus store}
 * does. The blob ID is computed locally (with the network's shard count from {@code /status}) and a signed
 * {@code register_blob} travels with the bytes in the {@code X-Floe-Signed-Request} header; the file is streamed to
 * the gateway. A file larger than one blob at the network's n is stored in chunks plus a manifest
 * ({@link ChunkedStore}); its blob ID is the manifest's. Every option and every file is checked before anything is sent; the files are stored in turn and
 * reported as Walrus's {@code Vec<BlobStoreResultWithPath>} ({@link StoredFiles}).
 */
public final class StoreCommand extends WalletCommand {
    public static final int DEFAULT_EPOCHS = 1;
    /** Large blobs take minutes to upload, encode and certify; an hour is generous yet still ends. */
    static final int DEFAULT_TIMEOUT_SECONDS = 3600;

    private static final String PERMANENT = "--permanent";
    private static final String DELETABLE = "--deletable";
    private static final String FORCE = "--force";
    private static final String DRY_RUN = "--dry-run";
    private static final String SEND_OBJECT_TO = "--send-object-to";

    StoreCommand(Environment environment) {
        this(environment, Clock.systemUTC());
    }

    StoreCommand(Environment environment, Clock clock) {
        super("store", "Store a file as a blob the wallet pays for and owns", DEFAULT_TIMEOUT_SECONDS, environment,
            clock);
    }

    @Override
    public String usage() {
        return """
            usage: floe store FILE... [--epochs N|max | --end-epoch EPOCH] [--permanent | --deletable]
                              [--send-object-to ADDRESS] [--dry-run] [--force] [--json] [--progress]
                              [--wallet FILE] [--gateway URL] [--timeout SECONDS]

            Stores each FILE as a blob the wallet pays for and owns: computes its blob ID locally, signs the
            registration, and uploads FILE to the gateway, which encodes it, sends its slivers to the
            storage nodes and certifies it. Prints the blob ID, the end epoch and the cost. A storage
            resource the wallet owns is reused when one fits. Files are stored one after the other; one
            that fails does not stop the others (exit 1 at the end).

            A file larger than one blob can be at the network's shard count (about 149 MB at 100
            shards, 13.6 GiB at 1000) is stored in chunks: each chunk is a blob with a signed store of
            its own, then a small manifest blob lists them; the manifest's blob ID names the file, and
            `floe read` returns the whole file. A chunk already certified is not paid again, so a
            store that failed part-way can simply be repeated. --timeout bounds each chunk's store.

            Computing a large file's blob ID (each chunk's) needs free disk for a scratch file of 2 to
            3.5 times the blob or chunk, beside FILE when its directory is writable, else in
            java.io.tmpdir; deleted when done (see floe blob-id --help).

            options:
              --epochs N|max     store for N epochs, N >= 1, or the most the network allows (default %d)
              --end-epoch EPOCH  store until EPOCH (exclusive) instead
              --permanent        the blob cannot be deleted before its end epoch
              --deletable        the owner may delete the blob before its end epoch (the default)
              --send-object-to ADDRESS  the blob object goes to ADDRESS; the wallet still pays
              --dry-run          print the blob ID, encoded size and cost (and each chunk of a chunked
                                 file); store nothing
              --force            register and pay again even if the blob is already certified
              --progress         show a progress bar on stderr even when it is not a terminal
              --json             print walrus's [{"blobStoreResult":...,"path":FILE},...] on one line
                                 (with --dry-run: [{"path","blobId","unencodedSize","encodedSize",...},...]);
                                 a chunked file adds "chunkCount" and "chunks":[{"blobId","offset",
                                 "length",...},...], and its blobStoreResult is the manifest's
            %s
            exit codes: 0 stored, 1 failure (file, wallet, gateway), 2 bad command line
            """.formatted(DEFAULT_EPOCHS, walletOptions());
    }

    @Override
    public void execute(List<String> args, PrintStream out) {
        Arguments parsed = Arguments.parse(args, Set.of(StorePlan.EPOCHS, StorePlan.END_EPOCH, SEND_OBJECT_TO,
            WALLET, GATEWAY, TIMEOUT), Set.of(PERMANENT, DELETABLE, FORCE, DRY_RUN, JSON, PROGRESS));
        List<String> files = parsed.positionals();
        if (files.isEmpty()) {
            throw new UsageException("missing FILE");
        }
        StorePlan.checkOptions(parsed);
        if (parsed.flag(PERMANENT) && parsed.flag(DELETABLE)) {
            throw new UsageException(PERMANENT + " and " + DELETABLE + " exclude each other");
        }
        Optional<Address> sendTo = sendObjectTo(parsed);
        GatewayClient client = client(parsed);
        files.forEach(LocalFiles::readableFile);
        GatewayInfo info = networkInfo(client);
        if (parsed.flag(DRY_RUN)) {
            dryRun(files, parsed, info, out);
            return;
        }
        StoredFiles stored = new StoredFiles(parsed.flag(JSON));
        for (String file : files) {
            stored.add(file, storeOne(file, parsed, info, client, sendTo));
            if (!parsed.flag(JSON) && stored.lastSucceeded()) {
                out.println(stored.lastLine());
            }
        }
        stored.finish(out);
    }

    /** Walrus prints the dry runs of all files as one list ({@code Vec<DryRunOutput>}). */
    private static void dryRun(List<String> files, Arguments parsed, GatewayInfo info, PrintStream out) {
        ArrayNode plans = CliJson.array();
        for (String file : files) {
            StorePlan plan = StorePlan.of(file, parsed, info);
            if (parsed.flag(JSON)) {
                plans.add(plan.json(file));
            } else {
                out.println(plan.describe(file));
            }
        }
        if (parsed.flag(JSON)) {
            out.println(CliJson.line(plans));
        }
    }

    /** Stores one file; a failure of this file (gateway, file, invalid blob) is its outcome, not the command's. */
    private StoredFiles.Outcome storeOne(String file, Arguments parsed, GatewayInfo info, GatewayClient client,
                                         Optional<Address> sendTo) {
        StorePlan plan;
        try {
            plan = StorePlan.of(file, parsed, info);
        } catch (CommandFailedException e) {
            return StoredFiles.Outcome.failed(Optional.empty(), "encode", e.getMessage());
        }
        // One signature per blob, made just before its upload, so each is fresh however long the chunks before took.
        RequestSigner wallet = signer(parsed);
        ChunkedStore.Signer signer = (blobId, length) -> wallet.sign(Operations.register(blobId, length,
            plan.epochs(), !parsed.flag(PERMANENT), sendTo.map(Address::value).orElse("")));
        StoreQuery options = new StoreQuery(plan.epochs(), parsed.flag(PERMANENT), parsed.flag(DELETABLE),
            parsed.flag(FORCE), sendTo.map(Address::value));
        Progress progress = Progress.on(err(), "store " + file, "waiting for the gateway to certify",
            progressWanted(parsed, true));
        FileBlobs blobs = plan.blobs();
        if (blobs.chunked()) {
            return new ChunkedStore(client, options, signer).store(blobs, file, progress);
        }
        SignedRequest signed = signer.register(blobs.blobId(), blobs.length());
        try {
            return StoredFiles.Outcome.of(store(client, LocalFiles.path(file), file, options, signed, progress));
        } catch (CommandFailedException e) {
            return StoredFiles.Outcome.failed(Optional.of(blobs.blobId()), "store", e.getMessage());
        }
    }

    private static Optional<Address> sendObjectTo(Arguments parsed) {
        try {
            return parsed.value(SEND_OBJECT_TO).map(Address::parse);
        } catch (IllegalArgumentException e) {
            throw new UsageException(SEND_OBJECT_TO + ": " + e.getMessage());
        }
    }

    private static StoreResult store(GatewayClient client, Path path, String file, StoreQuery options,
            SignedRequest signed, Progress progress) {
        boolean stored = false;
        try {
            StoreResult result = client.store(path, options, Optional.of(signed), progress);
            stored = true;
            return result;
        } catch (GatewayException e) {
            throw failed(e);
        } catch (IOException e) {
            throw new CommandFailedException("cannot read " + file + ": " + LocalFiles.reason(e));
        } finally {
            progress.finish(stored);
        }
    }
    /** The human line for a store's result, in the words of {@code walrus store}. */
    static String describe(String file, StoreResult result) {
        if (result instanceof StoreResult.NewlyCreated created) {
            return "Stored " + file + ": blob ID " + created.blobId() + ", " + BlobIdCommand.bytes(created.size())
                + ", end epoch " + created.endEpoch() + ", cost " + created.cost() + " FROST";
        }
        if (result instanceof StoreResult.AlreadyCertified certified) {
            return "Already certified: blob ID " + certified.blobId() + " until epoch " + certified.endEpoch();
        }
        return "Marked invalid: blob ID " + result.blobId();
    }
}
