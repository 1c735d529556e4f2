package io.floe.cli.client;

import io.floe.api.tls.NodePins;
import io.floe.encoding.index.ShardIndex;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.tls.TlsFingerprint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The network as the gateway sees it ({@code GET /status}): the epoch, the shard count and the committee. Prices and
 * the gateway's account are optional because a read-only gateway has none; the epoch's details are optional because a
 * gateway before epochs did not send them; {@code maxEpochsAhead} (how far ahead storage can be bought) is optional
 * for the same reason. {@link #json()} is the answer on one line.
 */
public record GatewayInfo(Epoch epoch, int nShards, List<Node> nodes, OptionalLong storagePricePerUnit,
        OptionalLong writePricePerUnit, OptionalInt maxEpochsAhead, Optional<String> gatewayAccount,
        OptionalLong gatewayBalance, Optional<EpochDetails> epochDetails, String json) {
    public GatewayInfo {
        nodes = List.copyOf(nodes);
    }

    /**
     * One storage node: its storage API URL, its shards, its public key (base64), whether it answers now, and for a
     * node serving TLS the fingerprint of its certificate as the ledger records it (what a client pins).
     */
    public record Node(NodeId id, String url, List<ShardIndex> shards, String publicKey, long stake, boolean up,
                       Optional<TlsFingerprint> tlsFingerprint) {
        public Node {
            shards = List.copyOf(shards);
            Objects.requireNonNull(tlsFingerprint, "tlsFingerprint");
        }

        /** A plain-HTTP node. */
        public Node(NodeId id, String url, List<ShardIndex> shards, String publicKey, long stake, boolean up) {
            this(id, url, shards, publicKey, stake, up, Optional.empty());
        }
    }

    /**
     * The pins a client of the nodes' APIs uses: each fingerprint the gateway shows, for its node's URL, in the
     * current and (once selected) next committee.
     */
    public NodePins nodePins() {
        Map<String, TlsFingerprint> pins = new HashMap<>();
        List<Node> all = new ArrayList<>(nodes);
        epochDetails.ifPresent(e -> all.addAll(e.next()));
        all.forEach(n -> n.tlsFingerprint().ifPresent(f -> pins.putIfAbsent(n.url(), f)));
        return NodePins.ofUrls(pins);
    }

    /**
     * Walrus's epoch fields ({@code epochInfo}) and committees ({@code committeeInfo}): the epoch state's Walrus
     * name, when the epoch started (ISO-8601, as sent), how long an epoch lasts, the current committee and the next
     * one (empty until selected).
     */
    public record EpochDetails(Epoch currentEpoch, String epochState, String startOfCurrentEpoch,
                               Duration epochDuration, List<Node> current, List<Node> next) {
        public EpochDetails {
            current = List.copyOf(current);
            next = List.copyOf(next);
        }
    }
}
