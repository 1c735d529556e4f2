package io.floe.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.floe.api.gateway.BlobListings;
import io.floe.cli.client.BlobListPage;
import io.floe.cli.client.CliJson;
import io.floe.cli.client.GatewayClient;
import io.floe.cli.client.GatewayException;
import io.floe.protocol.committee.Epoch;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code floe list-blobs [--owner X | --all] [--include-expired] [--limit N] [--cursor C] [--json]}: the blobs the
 * gateway's read-side knows, page after page until there are no more or {@code --limit} are listed. Without
 * {@code --owner} they are the wallet's, as {@code walrus list-blobs} lists them.
 */
public final class ListBlobsCommand extends WalletCommand {
    static final int DEFAULT_TIMEOUT_SECONDS = 30;
    /** At most this many pages per run, so a gateway that never ends a listing cannot keep the command running. */
    static final int MAX_PAGES = 100_000;

    private static final String OWNER = "--owner";
    private static final String ALL = "--all";
    private static final String LIMIT = "--limit";
    private static final String CURSOR = "--cursor";
    private static final String INCLUDE_EXPIRED = "--include-expired";

    ListBlobsCommand(Environment environment) {
        super("list-blobs", "List the blobs of the wallet, of another owner, or of everyone",
            DEFAULT_TIMEOUT_SECONDS, environment, java.time.Clock.systemUTC());
    }

    @Override
    public String usage() {
        return """
            usage: floe list-blobs [--owner OWNER | --all] [--include-expired] [--limit N] [--cursor CURSOR]
                                   [--json] [--wallet FILE] [--gateway URL] [--timeout SECONDS]

            Lists blobs from the gateway's read-side, in blob ID order: each blob's ID, status, size, end epoch
            and owners. The read-side follows the network's events, so a blob stored a moment ago may take a
            second to appear.

            options:
              --owner OWNER      the owner whose blobs to list (default: the wallet's address; the
                                 gateway's own account is 'gateway')
              --all              list every blob of the network, whoever owns it
              --include-expired  list expired blobs too (hidden by default, as walrus list-blobs does)
              --limit N          list at most N blobs (default: all); a last line tells how to go on
              --cursor CURSOR    start after CURSOR, the nextCursor of an earlier listing
              --json             print {"owner","blobs":[...],"nextCursor"} on one line
            %s
            exit codes: 0 listed (even none), 1 failure (503: the read-side is not ready yet), 2 bad command line
            """.formatted(WALLET_OPTION + commonOptions());
    }

    @Override
    public void execute(List<String> args, PrintStream out) {
        Arguments parsed = Arguments.parse(args, Set.of(OWNER, LIMIT, CURSOR, WALLET, GATEWAY, TIMEOUT),
            Set.of(ALL, INCLUDE_EXPIRED, JSON));
        if (!parsed.positionals().isEmpty()) {
            throw new UsageException("unexpected argument '" + parsed.positionals().get(0) + "'");
        }
        Optional<String> owner = parsed.value(OWNER);
        boolean all = parsed.flag(ALL);
        if (all && owner.isPresent()) {
            throw new UsageException("give " + OWNER + " or " + ALL + ", not both");
        }
        if (owner.isPresent() && owner.get().isBlank()) {
            throw new UsageException(OWNER + " needs an owner name");
        }
        int limit = parsed.intValue(LIMIT, Integer.MAX_VALUE);
        if (limit < 1) {
            throw new UsageException(LIMIT + " needs a number >= 1, got " + limit);
        }
        Optional<String> cursor = parsed.value(CURSOR).map(c -> blobId(c).toString());
        if (owner.isEmpty() && !all) {
            owner = Optional.of(wallet(parsed).address().value());
        }
        Listing listing = fetch(client(parsed), new Query(owner, all, parsed.flag(INCLUDE_EXPIRED)), limit, cursor);
        out.print(parsed.flag(JSON) ? json(listing) + "\n" : describe(listing));
    }

    /** What the pages gave together: whose blobs, the blobs, and where a further listing would start. */
    record Listing(Optional<String> owner, List<BlobListPage.Blob> blobs, Optional<String> nextCursor) {
    }

    /** Whose blobs a listing asks for. */
    private record Query(Optional<String> owner, boolean all, boolean includeExpired) {
    }

    private static Listing fetch(GatewayClient client, Query query, int limit, Optional<String> start) {
        Optional<String> owner = query.owner();
        List<BlobListPage.Blob> blobs = new ArrayList<>();
        Optional<String> cursor = start;
        Optional<String> listed = owner;
        try {
            for (int pages = 0; pages < MAX_PAGES && blobs.size() < limit; pages++) {
                int want = Math.min(limit - blobs.size(), BlobListings.MAX_LIMIT);
                BlobListPage page = client.listBlobs(owner, query.all(), query.includeExpired(), want, cursor);
                listed = page.owner();
                blobs.addAll(page.blobs().subList(0, Math.min(want, page.blobs().size())));
                if (page.nextCursor().isEmpty() || page.nextCursor().equals(cursor)) {
                    return new Listing(listed, blobs, Optional.empty());
                }
                cursor = page.nextCursor();
            }
        } catch (GatewayException e) {
            throw failed(e);
        }
        return new Listing(listed, blobs, cursor);
    }

    static String describe(Listing listing) {
        String whose = listing.owner().map(o -> "of " + o).orElse("of every owner");
        if (listing.blobs().isEmpty()) {
            return "No blobs " + whose + ".\n";
        }
        StringBuilder sb = new StringBuilder().append(listing.blobs().size())
            .append(listing.blobs().size() == 1 ? " blob " : " blobs ").append(whose).append(":\n");
        for (BlobListPage.Blob blob : listing.blobs()) {
            sb.append("  ").append(blob.blobId()).append("  ").append(blob.status())
                .append(", ").append(BlobIdCommand.bytes(blob.size()))
                .append(blob.certifiedEpoch().map(e -> ", certified in epoch " + e.value()).orElse(""))
                .append(", end epoch ").append(blob.endEpoch().value())
                .append(", owners ").append(blob.owners().stream().map(BlobListPage.Owner::owner).distinct()
                    .collect(Collectors.joining(" ")))
                .append('\n');
        }
        listing.nextCursor().ifPresent(c -> sb.append("More blobs follow: add --cursor ").append(c).append('\n'));
        return sb.toString();
    }

    /** The listing as one JSON line: {@code {"owner","blobs":[...],"nextCursor"}}, absent values as null. */
    static String json(Listing listing) {
        ObjectNode root = CliJson.object().put("owner", listing.owner().orElse(null));
        ArrayNode blobs = root.putArray("blobs");
        for (BlobListPage.Blob b : listing.blobs()) {
            ObjectNode blob = blobs.addObject().put("blobId", b.blobId().toString()).put("status", b.status())
                .put("size", b.size()).put("endEpoch", b.endEpoch().value());
            ArrayNode owners = blob.putArray("owners");
            for (BlobListPage.Owner o : b.owners()) {
                owners.addObject().put("owner", o.owner()).put("objectId", o.objectId().toString());
            }
            blob.put("certifiedEpoch", b.certifiedEpoch().map(Epoch::value).orElse(null));
        }
        return CliJson.line(root.put("nextCursor", listing.nextCursor().orElse(null)));
    }
}
