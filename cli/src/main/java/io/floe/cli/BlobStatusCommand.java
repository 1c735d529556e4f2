package io.floe.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.floe.cli.client.BlobChunks;
import io.floe.cli.client.BlobStatusReport;
import io.floe.cli.client.CliJson;
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
 * ID is computed locally, as {@code walrus blob-status} takes them. A certified chunk manifest also shows its
 * chunks, from the gateway's {@code GET /v1/blobs/{id}/chunks} (a Floe extension).
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
            and lists its registrations with their end epochs. A certified blob that is the manifest of
            a chunked file (one stored by `floe store` in chunks) also lists its chunks.

            options:
              --blob-id ID       the blob ID, as an option (as walrus blob-status takes it)
              --file FILE        the blob of FILE: its ID is computed locally with the network's shard count
              --json             print the gateway's JSON answer on one line; a chunk manifest adds
                                 "chunked":true,"totalLength","nShards","chunkSize","chunks":[...]
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
        Chunking chunking = chunking(client, report);
        out.print(parsed.flag(JSON) ? json(report, chunking) + "\n" : describe(report) + describe(chunking));
    }

    /** How a blob is chunked: known, not known because the gateway failed to say, or not asked. */
    record Chunking(Optional<BlobChunks> chunks, String failure) {
        static final Chunking NONE = new Chunking(Optional.empty(), "");
    }

    /**
     * Only a certified blob can be read, so only then is the gateway asked whether it is a chunk manifest. A gateway
     * without the route (404) shows no chunks; any other failure is noted, since the status itself was answered.
     */
    private static Chunking chunking(GatewayClient client, BlobStatusReport report) {
        if (report.status() != BlobStatusReport.Status.CERTIFIED) {
            return Chunking.NONE;
        }
        try {
            return new Chunking(client.chunks(report.blobId()), "");
        } catch (GatewayException e) {
            return new Chunking(Optional.empty(), e.getMessage());
        }
    }

    /** The gateway's answer; for a chunk manifest with the chunks route's fields added. */
    static String json(BlobStatusReport report, Chunking chunking) {
        Optional<BlobChunks> chunks = chunking.chunks().filter(BlobChunks::chunked);
        if (chunks.isEmpty()) {
            return report.json();
        }
        try {
            ObjectNode root = (ObjectNode) CliJson.tree(report.json());
            JsonNode answer = CliJson.tree(chunks.get().json());
            root.put("chunked", true).set("totalLength", answer.get("totalLength"));
            root.set("nShards", answer.get("nShards"));
            root.set("chunkSize", answer.get("chunkSize"));
            root.set("chunks", answer.get("chunks"));
            return CliJson.line(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the gateway's answers were JSON when they were read", e);
        }
    }

    /** The chunk lines of the human form: none for an ordinary blob. */
    static String describe(Chunking chunking) {
        if (!chunking.failure().isEmpty()) {
            return "  chunks: unknown (" + chunking.failure() + ")\n";
        }
        Optional<BlobChunks> chunks = chunking.chunks().filter(BlobChunks::chunked);
        if (chunks.isEmpty()) {
            return "";
        }
        BlobChunks manifest = chunks.get();
        StringBuilder sb = new StringBuilder("  chunked: ").append(BlobIdCommand.bytes(manifest.totalLength()))
            .append(" in ").append(manifest.chunks().size()).append(" chunks of up to ")
            .append(BlobIdCommand.bytes(manifest.chunkSize())).append(" (n = ").append(manifest.nShards())
            .append("); this blob is their manifest\n");
        int i = 1;
        for (BlobChunks.Chunk chunk : manifest.chunks()) {
            sb.append("    chunk ").append(i++).append(": ").append(chunk.blobId()).append(", bytes ")
                .append(chunk.offset()).append(" to ").append(chunk.offset() + chunk.length() - 1).append(" (")
                .append(BlobIdCommand.bytes(chunk.length())).append(")\n");
        }
        return sb.toString();
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
