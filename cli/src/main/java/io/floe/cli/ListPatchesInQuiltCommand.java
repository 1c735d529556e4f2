package io.floe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.cli.client.CliJson;
import io.floe.cli.client.GatewayException;
import io.floe.cli.client.QuiltClient;
import io.floe.encoding.metadata.BlobId;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code floe list-patches-in-quilt QUILT_ID [--json]}: the patches of a quilt ({@code GET /v1/quilts/{id}/patches}),
 * one line each: identifier, quilt patch ID, tags. {@code --json} prints the aggregator's list of Walrus's
 * {@code QuiltPatchItem} ({@code [{"identifier","patch_id","tags"}]}) as the gateway sent it.
 */
public final class ListPatchesInQuiltCommand extends GatewayCommand {
    static final int DEFAULT_TIMEOUT_SECONDS = 60;

    ListPatchesInQuiltCommand(Environment environment) {
        super("list-patches-in-quilt", "List the patches (files) of a quilt", DEFAULT_TIMEOUT_SECONDS, environment);
    }

    @Override
    public String usage() {
        return """
            usage: floe list-patches-in-quilt QUILT_ID [--json] [--gateway URL] [--timeout SECONDS]

            Lists the patches of quilt QUILT_ID: each one's identifier, quilt patch ID and tags.

            options:
              --json             print the gateway's [{"identifier","patch_id","tags"}] on one line
            %s
            exit codes: 0 listed, 1 failure (gateway, not a quilt), 2 bad command line or ID
            """.formatted(commonOptions());
    }

    @Override
    public void execute(List<String> args, PrintStream out) {
        Arguments parsed = Arguments.parse(args, Set.of(GATEWAY, TIMEOUT), Set.of(JSON));
        BlobId quiltId = blobId(parsed.singlePositional("QUILT_ID"));
        QuiltClient quilts = new QuiltClient(client(parsed));
        try {
            if (parsed.flag(JSON)) {
                JsonNode list = quilts.listPatchesJson(quiltId);
                out.println(CliJson.line(list));
                return;
            }
            for (QuiltClient.PatchItem item : quilts.listPatches(quiltId)) {
                out.println(item.identifier() + "  " + item.patchId() + (item.tags().isEmpty() ? "" : "  "
                    + item.tags().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","))));
            }
        } catch (GatewayException e) {
            throw failed(e);
        }
    }
}
