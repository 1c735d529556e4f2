package io.floe.cli.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.api.tls.NodePins;
import io.floe.cli.client.CliJson;
import io.floe.cli.client.NodeHealthClient;
import io.floe.protocol.tls.TlsFingerprint;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Which storage nodes of a starting local network do not serve yet: a node is ready once its {@code /v1/health}
 * shows it holds every shard the committee gives it (its StorageShard entities start a few seconds after the
 * committee forms). With {@code --tls} the nodes serve self-signed certificates, trusted here exactly as {@code floe
 * health} trusts them: by the fingerprint the gateway's {@code /status} shows for each node (the ledger's record),
 * refreshed on every poll so that a node that registers later is pinned too.
 */
final class NodeReadiness {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final AtomicReference<NodePins> pins = new AtomicReference<>(NodePins.ofUrls(Map.of()));
    private final NodeHealthClient health = new NodeHealthClient(TIMEOUT, (host, port) -> pins.get().pinFor(host,
            port));

    /** The ids of the committee's nodes (as {@code statusJson}, the gateway's /status, lists them) not yet ready. */
    String notReady(String statusJson) throws IOException {
        JsonNode nodes = CliJson.tree(statusJson).path("nodes");
        List<String> urls = new ArrayList<>();
        Map<String, TlsFingerprint> fingerprints = new HashMap<>();
        for (JsonNode node : nodes) {
            String url = node.path("url").asText();
            urls.add(url);
            if (node.path("tlsFingerprint").isTextual()) {
                fingerprints.put(url, TlsFingerprint.parse(node.path("tlsFingerprint").asText()));
            }
        }
        pins.set(NodePins.ofUrls(fingerprints));
        List<NodeHealthClient.Health> answers = health.health(urls, false);
        List<String> waiting = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            NodeHealthClient.Health answer = answers.get(i);
            String id = nodes.get(i).path("id").asText();
            if (!answer.ok()) {
                waiting.add(id + " (" + answer.error() + ")");
            } else if (answer.data().path("shardsHeld").size() < answer.data().path("shardsOwned").size()) {
                waiting.add(id);
            }
        }
        return String.join(", ", waiting);
    }
}
