package io.floe.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.floe.cli.client.CliJson;
import io.floe.cli.client.GatewayClient;
import io.floe.cli.client.GatewayException;
import io.floe.encoding.metadata.BlobId;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code floe read ID [--out FILE] [--json]}: fetches a blob from the gateway, as {@code walrus read} does, and
 * streams it to stdout or into FILE. FILE only ever appears complete: bytes go to {@code FILE.part}, which is
 * synced and renamed over FILE at the end, and deleted on any failure.
 */
public final class ReadCommand extends GatewayCommand {
    /** A multi-GiB blob at a slow link takes a while; an hour is generous yet still ends. */
    static final int DEFAULT_TIMEOUT_SECONDS = 3600;
    static final String PARTIAL_SUFFIX = ".part";

    private static final String OUT = "--out";

    ReadCommand(Environment environment) {
        super("read", "Read a blob, through the gateway", DEFAULT_TIMEOUT_SECONDS, environment);
    }

    @Override
    public String usage() {
        return """
            usage: floe read ID [--out FILE] [--json] [--progress] [--gateway URL] [--timeout SECONDS]

            Fetches blob ID from the gateway, which gathers and verifies slivers from the storage nodes,
            and writes its bytes to stdout, or to FILE (replaced only once the whole blob has arrived).

            options:
              --out FILE         write the blob to FILE instead of stdout
              --json             print {"blobId","out","size"}; without --out, {"blobId","blob","size"}
                                 with the blob in base64
              --progress         show a progress bar on stderr even when it is not a terminal
            %s
            exit codes: 0 read, 1 failure (gateway, blob not found, file), 2 bad command line or blob ID
            """.formatted(commonOptions().replace("give up when the whole request takes longer",
                "give up when the gateway stays silent that long"));
    }

    @Override
    public void execute(List<String> args, PrintStream out) {
        Arguments parsed = Arguments.parse(args, Set.of(OUT, GATEWAY, TIMEOUT), Set.of(JSON, PROGRESS));
        BlobId id = blobId(parsed.singlePositional("ID"));
        GatewayClient client = client(parsed);
        Optional<String> file = parsed.value(OUT);
        if (file.isPresent()) {
            long size = readToFile(client, id, file.get(), parsed);
            out.println(parsed.flag(JSON)
                ? CliJson.line(CliJson.object().put("blobId", id.toString()).put("out", file.get()).put("size", size))
                : "Read blob ID " + id + " into " + file.get() + " (" + BlobIdCommand.bytes(size) + ")");
        } else if (parsed.flag(JSON)) {
            readAsJson(client, id, out, parsed);
        } else {
            // A bar only on request: with the blob on stdout, stdout is likely the same terminal.
            read(client, id, new CheckedStream(out), progress(id.toString(), parsed, false));
        }
    }

    private long readToFile(GatewayClient client, BlobId id, String file, Arguments parsed) {
        Path target = LocalFiles.writableTarget(file);
        Path partial = target.resolveSibling(target.getFileName() + PARTIAL_SUFFIX);
        Progress progress = progress(file, parsed, true);
        boolean complete = false;
        try {
            long size;
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                size = client.read(id, Channels.newOutputStream(channel), progress);
                // Synced before the rename, so a crash leaves the old FILE or the whole new one.
                channel.force(true);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            complete = true;
            return size;
        } catch (GatewayException e) {
            throw failed(e);
        } catch (IOException e) {
            throw new CommandFailedException("cannot write " + file + ": " + LocalFiles.reason(e));
        } finally {
            progress.finish(complete);
            if (!complete) {
                deleteQuietly(partial);
            }
        }
    }

    /**
     * Streams the blob through a base64 encoder, so even the JSON form never holds it in memory. Jackson writes the
     * object around it; the string value is opened raw and filled past the generator, which is safe because base64
     * needs no escaping.
     */
    private void readAsJson(GatewayClient client, BlobId id, PrintStream out, Arguments parsed) {
        OutputStream stdout = new CheckedStream(out);
        try {
            JsonGenerator json = CliJson.generator(stdout);
            json.writeStartObject();
            json.writeStringField("blobId", id.toString());
            json.writeFieldName("blob");
            json.writeRawValue("\"");
            json.flush();
            OutputStream base64 = Base64.getEncoder().wrap(stdout);
            long size = read(client, id, base64, progress(id.toString(), parsed, false));
            base64.close();
            json.writeRaw('"');
            json.writeNumberField("size", size);
            json.writeEndObject();
            json.close();
        } catch (IOException e) {
            throw new CommandFailedException("cannot write to stdout: " + LocalFiles.reason(e));
        }
        out.println();
    }

    private static long read(GatewayClient client, BlobId id, OutputStream sink, Progress progress) {
        boolean complete = false;
        try {
            long size = client.read(id, sink, progress);
            sink.flush();
            complete = true;
            return size;
        } catch (GatewayException e) {
            throw failed(e);
        } catch (IOException e) {
            throw new CommandFailedException("cannot write to stdout: " + LocalFiles.reason(e));
        } finally {
            progress.finish(complete);
        }
    }

    private Progress progress(String what, Arguments parsed, boolean auto) {
        return Progress.on(err(), "read " + what, "", progressWanted(parsed, auto));
    }

    private static void deleteQuietly(Path partial) {
        try {
            Files.deleteIfExists(partial);
        } catch (IOException e) {
            // The failure being reported matters more; a leftover .part is overwritten by the next read.
        }
    }

    /**
     * Stdout as a stream that fails: a PrintStream swallows write errors (a closed pipe), which would make a read
     * into {@code | head} run to the end. Closing it leaves stdout open.
     */
    private static final class CheckedStream extends FilterOutputStream {
        CheckedStream(PrintStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            check();
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            check();
        }

        @Override
        public void close() throws IOException {
            flush();
            check();
        }

        private void check() throws IOException {
            if (((PrintStream) out).checkError()) {
                throw new IOException("stdout is closed");
            }
        }
    }
}
