package io.floe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.floe.cli.client.CliJson;
import io.floe.cli.client.GatewayClient;
import io.floe.cli.client.GatewayInfo;
import io.floe.cli.client.NodeHealthClient;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code floe health [--committee | --node-ids ID... | --node-urls URL...] [--detail] [--json]}: asks storage nodes
 * for their health as {@code walrus health} does. Nodes are named by the gateway's committee; each is asked at its
 * storage API. {@code --json} prints Walrus's {@code ServiceHealthInfoOutput}: {@code {"healthInfo":[{"nodeId",
 * "nodeUrl","nodeName","networkPublicKey","healthInfo":{"Ok":ServiceHealthInfo}|{"Err":reason}}],"latestSeq":null}},
 * sorted as Walrus sorts by default (by status, then name; failures last). A node that does not answer is a row, not
 * a failure of the command. A node serving TLS is trusted by the certificate fingerprint the gateway shows for it
 * (the ledger's record), never by a CA.
 */
public final class HealthCommand extends GatewayCommand {
    static final int DEFAULT_TIMEOUT_SECONDS = 30;
    private static final String COMMITTEE = "--committee";
    private static final String NODE_IDS = "--node-ids";
    private static final String NODE_URLS = "--node-urls";
    private static final String DETAIL = "--detail";

    /** One node to ask: Floe nodes have one key, shown as Walrus's network public key too. */
    private record Target(Optional<String> nodeId, String url, String name, String publicKey) {
    }

    HealthCommand(Environment environment) {
        super("health", "Show the health of storage nodes", DEFAULT_TIMEOUT_SECONDS, environment);
    }

    @Override
    public String usage() {
        return """
            usage: floe health [--committee | --node-ids ID... | --node-urls URL...] [--detail] [--json]
                               [--gateway URL] [--timeout SECONDS]

            Asks storage nodes for their health (GET /v1/health on each node's storage API): status, epoch,
            shards owned and ready, uptime. The nodes are the current committee (the default, or --committee),
            the committee members --node-ids names, or the storage APIs --node-urls names.

            options:
              --detail           ask for each shard's status too (?detailed=true)
              --json             print walrus's {"healthInfo":[...],"latestSeq":null} on one line
            %s
            exit codes: 0 asked (whatever the nodes answered), 1 failure, 2 bad command line
            """.formatted(commonOptions());
    }

    @Override
    public void execute(List<String> args, PrintStream out) {
        Arguments parsed = Arguments.parse(args, Set.of(GATEWAY, TIMEOUT), Set.of(COMMITTEE, DETAIL, JSON),
            Map.of(NODE_IDS, 0, NODE_URLS, 0));
        int selections = (parsed.flag(COMMITTEE) ? 1 : 0) + (parsed.list(NODE_IDS).isEmpty() ? 0 : 1)
            + (parsed.list(NODE_URLS).isEmpty() ? 0 : 1);
        if (selections > 1) {
            throw new UsageException("only one of " + COMMITTEE + ", " + NODE_IDS + " and " + NODE_URLS);
        }
        parsed.positionals().stream().findFirst().ifPresent(extra -> {
            throw new UsageException("unexpected argument '" + extra + "'");
        });
        GatewayClient client = client(parsed);
        GatewayInfo info = networkInfo(client);
        List<Target> targets = targets(parsed, info);
        List<NodeHealthClient.Health> answers = new NodeHealthClient(client.timeout(), info.nodePins())
            .health(targets.stream().map(Target::url).toList(), parsed.flag(DETAIL));
        List<ObjectNode> rows = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            rows.add(row(targets.get(i), answers.get(i)));
        }
        rows.sort(BY_STATUS);
        out.print(parsed.flag(JSON) ? json(rows) : table(rows));
    }

    private static List<Target> targets(Arguments parsed, GatewayInfo info) {
        List<Target> committee = info.nodes().stream().map(n -> new Target(Optional.of(n.id().value()), n.url(),
            n.id().value(), n.publicKey())).toList();
        if (!parsed.list(NODE_URLS).isEmpty()) {
            return parsed.list(NODE_URLS).stream().map(url -> committee.stream().filter(t -> t.url().equals(url))
                .findFirst().orElse(new Target(Optional.empty(), url, url, ""))).toList();
        }
        List<Target> chosen = new ArrayList<>();
        for (String id : parsed.list(NODE_IDS)) {
            chosen.add(committee.stream().filter(t -> t.nodeId().orElseThrow().equals(id)).findFirst()
                .orElseThrow(() -> new CommandFailedException("node " + id + " is not in the current committee")));
        }
        return chosen.isEmpty() ? committee : chosen;
    }

    /** Walrus's {@code NodeHealthOutput}; its {@code Result} as serde writes one: {@code Ok} or {@code Err}. */
    private static ObjectNode row(Target target, NodeHealthClient.Health health) {
        ObjectNode row = CliJson.object();
        if (target.nodeId().isPresent()) {
            row.put("nodeId", target.nodeId().get());
        } else {
            row.putNull("nodeId");
        }
        row.put("nodeUrl", target.url()).put("nodeName", target.name()).put("networkPublicKey", target.publicKey());
        ObjectNode result = row.putObject("healthInfo");
        if (health.ok()) {
            result.set("Ok", health.data());
        } else {
            result.put("Err", health.error());
        }
        return row;
    }

    // Walrus's cmp_by_status: answers before failures, then by status (or error) text, then by name.
    private static final Comparator<ObjectNode> BY_STATUS = Comparator
        .comparing((ObjectNode r) -> r.path("healthInfo").has("Err"))
        .thenComparing(r -> status(r).toLowerCase(java.util.Locale.ROOT))
        .thenComparing(r -> r.path("nodeName").asText().toLowerCase(java.util.Locale.ROOT));

    private static String status(JsonNode row) {
        JsonNode result = row.path("healthInfo");
        return result.has("Ok") ? result.get("Ok").path("nodeStatus").asText() : result.path("Err").asText();
    }

    private static String json(List<ObjectNode> rows) {
        ObjectNode root = CliJson.object();
        ArrayNode list = root.putArray("healthInfo");
        rows.forEach(list::add);
        // Walrus reports the latest Sui checkpoint it saw; Floe has no chain to follow.
        root.putNull("latestSeq");
        return CliJson.line(root) + "\n";
    }

    private static String table(List<ObjectNode> rows) {
        StringBuilder sb = new StringBuilder();
        for (ObjectNode row : rows) {
            JsonNode ok = row.path("healthInfo").path("Ok");
            sb.append(row.path("nodeName").asText()).append(" (").append(row.path("nodeUrl").asText()).append("): ");
            if (ok.isObject()) {
                JsonNode summary = ok.path("shardSummary");
                sb.append(ok.path("nodeStatus").asText()).append(", epoch ").append(ok.path("epoch").asText())
                    .append(", shards ").append(summary.path("ownedShardStatus").path("ready").asText())
                    .append(" ready of ").append(summary.path("owned").asText()).append(" owned, up ")
                    .append(InfoCommand.duration(java.time.Duration.ofSeconds(ok.path("uptime").path("secs").asLong())))
                    .append('\n');
            } else {
                sb.append("error: ").append(row.path("healthInfo").path("Err").asText()).append('\n');
            }
        }
        return sb.toString();
    }
}
