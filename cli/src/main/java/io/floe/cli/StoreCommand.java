package io.floe.cli;

import io.floe.cli.client.GatewayClient;
import io.floe.cli.client.GatewayException;
import io.floe.cli.client.StoreQuery;
import io.floe.cli.client.StoreResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code floe store FILE [--epochs N] [--permanent|--deletable] [--force] [--json]}: uploads a file to the gateway,
 * which encodes, distributes and certifies it, as {@code walrus store} does. The file is streamed, never loaded
 * whole; every option is checked before the upload starts.
 */
public final class StoreCommand extends GatewayCommand {
    public static final int DEFAULT_EPOCHS = 1;
    /** Large blobs take minutes to upload, encode and certify; an hour is generous yet still ends. */
    static final int DEFAULT_TIMEOUT_SECONDS = 3600;

    private static final String EPOCHS = "--epochs";
    private static final String PERMANENT = "--permanent";
    private static final String DELETABLE = "--deletable";
    private static final String FORCE = "--force";

    StoreCommand(Environment environment) {
        super("store", "Store a file as a blob, through the gateway", DEFAULT_TIMEOUT_SECONDS, environment);
    }

    @Override
    public String usage() {
        return """
            usage: floe store FILE [--epochs N] [--permanent | --deletable] [--force] [--json] [--progress]
                              [--gateway URL] [--timeout SECONDS]

            Uploads FILE to the gateway, which encodes it, sends its slivers to the storage nodes and
            certifies it. Prints the blob ID, the end epoch and the cost.

            options:
              --epochs N         store for N epochs, N >= 1 (default %d)
              --permanent        the blob cannot be deleted before its end epoch
              --deletable        the owner may delete the blob before its end epoch (without either
                                 flag the gateway decides; Floe's, like Walrus's, stores deletable)
              --force            register and pay again even if the blob is already certified
              --json             print the gateway's JSON answer on one line
              --progress         show a progress bar on stderr even when it is not a terminal
            %s
            exit codes: 0 stored, 1 failure (file, gateway), 2 bad command line
            """.formatted(DEFAULT_EPOCHS, commonOptions());
    }

    @Override
    public void execute(List<String> args, PrintStream out) {
        Arguments parsed = Arguments.parse(args, Set.of(EPOCHS, GATEWAY, TIMEOUT),
            Set.of(PERMANENT, DELETABLE, FORCE, JSON, PROGRESS));
        String file = parsed.singlePositional("FILE");
        StoreQuery options = options(parsed);
        GatewayClient client = client(parsed);
        Path path = LocalFiles.readableFile(file);
        Progress progress = Progress.on(err(), "store " + file, "waiting for the gateway to certify",
            progressWanted(parsed, true));
        StoreResult result = store(client, path, file, options, progress);
        if (parsed.flag(JSON)) {
            out.println(result.json());
        }
        if (result instanceof StoreResult.MarkedInvalid) {
            throw new CommandFailedException("blob ID " + result.blobId() + " of " + file
                + " is marked invalid: its encoding is inconsistent");
        }
        if (!parsed.flag(JSON)) {
            out.println(describe(file, result));
        }
    }

    private static StoreQuery options(Arguments parsed) {
        int epochs = parsed.intValue(EPOCHS, DEFAULT_EPOCHS);
        if (epochs < 1) {
            throw new UsageException(EPOCHS + " needs a number of epochs >= 1, got " + epochs);
        }
        if (parsed.flag(PERMANENT) && parsed.flag(DELETABLE)) {
            throw new UsageException(PERMANENT + " and " + DELETABLE + " exclude each other");
        }
        return new StoreQuery(epochs, parsed.flag(PERMANENT), parsed.flag(DELETABLE), parsed.flag(FORCE));
    }

    private static StoreResult store(GatewayClient client, Path path, String file, StoreQuery options,
            Progress progress) {
        boolean stored = false;
        try {
            StoreResult result = client.store(path, options, progress);
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
