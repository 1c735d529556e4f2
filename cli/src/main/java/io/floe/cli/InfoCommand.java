package io.floe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.cli.client.CliJson;
import io.floe.cli.client.GatewayInfo;
import io.floe.encoding.index.ShardIndex;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code floe info [all|epoch|storage|size|price|committee] [--json]}: the network as the gateway sees it, as
 * {@code walrus info} shows it: the epoch (its state, start and length), the shard count, prices, and a table of the
 * committee (each node's ID, storage API URL, shards and public key) and, once selected, of the next committee. A
 * section word prints only that part; {@code --json} prints Walrus's {@code InfoOutput} shapes ({@link WalrusInfo}).
 */
public final class InfoCommand extends GatewayCommand {
    static final int DEFAULT_TIMEOUT_SECONDS = 30;
    static final String COMMITTEE = "committee";
    static final String PRICE = "price";
    static final String ALL = "all";
    static final List<String> SECTIONS = List.of(ALL, "epoch", "storage", "size", PRICE, COMMITTEE);
    private static final List<String> HEADER = List.of("NODE", "UP", "STAKE", "SHARDS", "STORAGE API", "PUBLIC KEY");

    InfoCommand(Environment environment) {
        super("info", "Show the epoch, shards, prices and storage nodes of the network",
            DEFAULT_TIMEOUT_SECONDS, environment);
    }

    @Override
    public String usage() {
        return """
            usage: floe info [all|epoch|storage|size|price|committee] [--json] [--gateway URL] [--timeout SECONDS]

            Asks the gateway for the current epoch (its state, start and duration), the number of shards, the prices
            and the committee: each storage node's ID, storage API URL, shards, stake, public key and whether it is
            up; and the next epoch's committee once it is selected. A section word prints only that part, as
            'walrus info' does: 'epoch', 'storage' (shards and nodes), 'size' (storage unit, largest blob), 'price'
            (prices and example costs), 'committee' (the committees); 'all' adds the committee to the rest.

            options:
              --json             print the answer on one line in the walrus CLI's shape (InfoOutput, or the
                                 section's InfoEpochOutput, InfoStorageOutput, ... for a section word)
            %s
            exit codes: 0 answered, 1 failure, 2 bad command line
            """.formatted(commonOptions());
    }

    @Override
    public void execute(List<String> args, PrintStream out) {
        Arguments parsed = Arguments.parse(args, Set.of(GATEWAY, TIMEOUT), Set.of(JSON));
        List<String> words = parsed.positionals();
        String section = words.isEmpty() ? "" : words.get(0);
        if (!section.isEmpty() && !SECTIONS.contains(section)) {
            throw new UsageException("unexpected argument '" + section + "' (a section is one of " + String.join(", ", SECTIONS) + ")");
        }
        words.stream().skip(1).findFirst().ifPresent(extra -> {
            throw new UsageException("unexpected argument '" + extra + "'");
        });
        GatewayInfo info = networkInfo(client(parsed));
        if (section.equals(PRICE) && info.storagePricePerUnit().isEmpty()) {
            throw new CommandFailedException("the gateway publishes no prices");
        }
        out.print(parsed.flag(JSON) ? CliJson.line(json(section, new WalrusInfo(info))) + "\n" : human(section, info));
    }

    private static JsonNode json(String section, WalrusInfo walrus) {
        switch (section) {
            case "epoch": return walrus.epochInfo();
            case "storage": return walrus.storageInfo();
            case "size": return walrus.sizeInfo();
            case PRICE: return walrus.priceInfo();
            case COMMITTEE: return walrus.committeeInfo();
            default: return walrus.all(section.equals(ALL));
        }
    }

    private static String human(String section, GatewayInfo info) {
        switch (section) {
            case "epoch": return InfoSections.epoch(info);
            case "storage": return InfoSections.storage(info);
            case "size": return InfoSections.size(info);
            case PRICE: return InfoSections.price(info);
            case COMMITTEE: return committees(info);
            default: return describe(info);
        }
    }

    /** The human form: a few summary lines, a blank line, then one table row per node. */
    static String describe(GatewayInfo info) {
        long up = info.nodes().stream().filter(GatewayInfo.Node::up).count();
        StringBuilder sb = new StringBuilder()
            .append("epoch:          ").append(info.epoch()).append('\n');
        info.epochDetails().ifPresent(e -> sb
            .append("epoch state:    ").append(e.epochState()).append('\n')
            .append("epoch start:    ").append(e.startOfCurrentEpoch()).append('\n')
            .append("epoch duration: ").append(duration(e.epochDuration())).append('\n'));
        sb.append("shards:         ").append(info.nShards()).append('\n')
            .append("nodes:          ").append(info.nodes().size()).append(" (").append(up).append(" up)\n");
        info.storagePricePerUnit().ifPresent(p -> sb.append("storage price:  ").append(p)
            .append(" FROST per unit per epoch\n"));
        info.writePricePerUnit().ifPresent(p -> sb.append("write price:    ").append(p).append(" FROST per unit\n"));
        info.gatewayAccount().ifPresent(a -> sb.append("gateway:        ").append(a)
            .append(info.gatewayBalance().isPresent() ? ", balance " + info.gatewayBalance().getAsLong() + " FROST"
                : "")
            .append('\n'));
        sb.append('\n').append(table(info.nodes()));
        return sb.append(nextCommittee(info)).toString();
    }

    /** {@code floe info committee}: the current committee's table and, once selected, the next one's. */
    static String committees(GatewayInfo info) {
        return "committee of epoch " + info.epoch() + ":\n" + table(info.nodes()) + nextCommittee(info);
    }

    private static String nextCommittee(GatewayInfo info) {
        return info.epochDetails().filter(e -> !e.next().isEmpty())
            .map(e -> "\nnext committee (epoch " + e.currentEpoch().plus(1) + "):\n" + table(e.next()))
            .orElse("");
    }

    /** "30s", "2h", "1d", "1d 12h": the epoch length in the largest units that divide it. */
    static String duration(java.time.Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        long[] sizes = {86_400, 3_600, 60, 1};
        String[] units = {"d", "h", "m", "s"};
        long seconds = d.getSeconds();
        for (int i = 0; i < sizes.length; i++) {
            if (seconds >= sizes[i]) {
                sb.append(sb.length() == 0 ? "" : " ").append(seconds / sizes[i]).append(units[i]);
                seconds %= sizes[i];
            }
        }
        return sb.length() == 0 ? d.toMillis() + "ms" : sb.toString();
    }

    private static String table(List<GatewayInfo.Node> nodes) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (GatewayInfo.Node node : nodes) {
            rows.add(List.of(node.id().toString(), node.up() ? "yes" : "no", Long.toString(node.stake()),
                shardRanges(node.shards()), node.url(), node.publicKey()));
        }
        return rows(rows);
    }

    /** Shards as sorted ranges, "0-2,7,9-11": a node of a 1000-shard network holds long runs. */
    static String shardRanges(List<ShardIndex> shards) {
        int[] sorted = shards.stream().mapToInt(ShardIndex::value).sorted().distinct().toArray();
        if (sorted.length == 0) {
            return "-";
        }
        StringBuilder sb = new StringBuilder();
        int start = 0;
        for (int i = 1; i <= sorted.length; i++) {
            if (i == sorted.length || sorted[i] != sorted[i - 1] + 1) {
                sb.append(sb.length() == 0 ? "" : ",").append(sorted[start]);
                if (i - 1 > start) {
                    sb.append('-').append(sorted[i - 1]);
                }
                start = i;
            }
        }
        return sb.toString();
    }

    // Left-aligned columns two spaces apart, no trailing spaces.
    private static String rows(List<List<String>> rows) {
        int columns = rows.get(0).size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                line.append(row.get(c)).append(" ".repeat(widths[c] - row.get(c).length() + 2));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }
}
