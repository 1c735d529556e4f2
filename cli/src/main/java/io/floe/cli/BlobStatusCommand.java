package io.floe.cli;

import io.floe.cli.client.BlobStatusReport;
import io.floe.cli.client.GatewayClient;
import io.floe.cli.client.GatewayException;
import io.floe.encoding.metadata.BlobId;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code floe blob-status ID [--json]}: whether the network knows a blob and until when it owes it, from the
 * gateway's view of the ledger. The ID may also be given as {@code --blob-id ID}, or as {@code --file FILE} whose
 * ID is computed locally, as {@code walrus blob-status} takes them.
 */
public final class BlobStatusCommand extends GatewayCommand {
    static final int DEFAULT_TIMEOUT_SECONDS = 30;

    private static final String BLOB_ID = "--blob-id";
    private static final String FILE = "--file";

    BlobStatusCommand(Environment environment) {
        super("blob-status", "Show whether a blob is registered or certified, and until when",
            DEFAULT_TIMEOUT_SECONDS, environment);
    }

    @Override
    public String usage() {
        return """
            usage: floe blob-status ID [--json] [--gateway URL] [--timeout SECONDS]
                   floe blob-status --blob-id ID [...]
                   floe blob-status --file FILE [...]

            Asks the gateway for the status of blob ID: nonexistent, registered, certified or invalid,
            and lists its registrations with their end epochs.

            options:
              --blob-id ID       the blob ID, as an option (as walrus blob-status takes it)
              --file FILE        the blob of FILE: its ID is computed locally with the network's shard count
              --json             print the gateway's JSON answer on one line
            %s
            exit codes: 0 answered (whatever the status), 1 failure, 2 bad command line or blob ID
            """.formatted(commonOptions());
    }

    @Override
    public void execute(List<String> args, PrintStream out) {
        Arguments parsed = Arguments.parse(args, Set.of(BLOB_ID, FILE, GATEWAY, TIMEOUT), Set.of(JSON));
        Optional<String> file = parsed.value(FILE);
        if (file.isPresent() && (parsed.value(BLOB_ID).isPresent() || !parsed.positionals().isEmpty())) {
            throw new UsageException("give the blob ID or " + FILE + ", not both");
        }
        BlobId known = file.isPresent() ? null : blobId(idText(parsed));
        GatewayClient client = client(parsed);
        BlobId id = file.isPresent()
            ? new BlobIdCommand().compute(file.get(), networkInfo(client).nShards()).blobId() : known;
        BlobStatusReport report;
        try {
            report = client.blobStatus(id);
        } catch (GatewayException e) {
            throw failed(e);
        }
        out.print(parsed.flag(JSON) ? report.json() + "\n" : describe(report));
    }

    private static String idText(Arguments parsed) {
        Optional<String> option = parsed.value(BLOB_ID);
        if (option.isPresent()) {
            if (!parsed.positionals().isEmpty()) {
                throw new UsageException("give the blob ID once, as ID or as " + BLOB_ID);
            }
            return option.get();
        }
        return parsed.singlePositional("ID");
    }

    /** The human form: the status on the first line, one indented line per registration. */
    static String describe(BlobStatusReport report) {
        StringBuilder sb = new StringBuilder("Blob ID ").append(report.blobId()).append(": ")
            .append(switch (report.status()) {
                case NONEXISTENT -> "nonexistent (never registered, or expired)";
                case REGISTERED -> "registered, not yet certified";
                case CERTIFIED -> "certified";
                case INVALID -> "invalid (its encoding was proven inconsistent)";
            })
            .append('\n');
        for (BlobStatusReport.Registration registration : report.registrations()) {
            sb.append("  ").append(registration.objectId())
                .append(registration.deletable() ? "  deletable" : "  permanent")
                .append(", ").append(BlobIdCommand.bytes(registration.size()))
                .append(registration.certifiedEpoch().map(e -> ", certified in epoch " + e).orElse(", uncertified"))
                .append(", end epoch ").append(registration.endEpoch())
                .append(registration.owner().map(o -> ", owner " + o).orElse(""))
                .append(registration.shared() ? ", shared" : "").append(registration.burned() ? ", burned" : "")
                .append('\n');
        }
        return sb.toString();
    }
}
