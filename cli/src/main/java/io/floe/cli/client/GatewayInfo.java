package io.floe.cli.client;

import io.floe.encoding.index.ShardIndex;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.NodeId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The network as the gateway sees it ({@code GET /status}): the epoch, the shard count and the committee. Prices and
 * the gateway's account are optional because a read-only gateway has none. {@link #json()} is the answer on one line.
 */
public record GatewayInfo(Epoch epoch, int nShards, List<Node> nodes, OptionalLong storagePricePerUnit,
        OptionalLong writePricePerUnit, Optional<String> gatewayAccount, OptionalLong gatewayBalance, String json) {
    public GatewayInfo {
        nodes = List.copyOf(nodes);
    }

    /** One storage node: its storage API URL, its shards, its public key (base64) and whether it answers now. */
    public record Node(NodeId id, String url, List<ShardIndex> shards, String publicKey, long stake, boolean up) {
        public Node {
            shards = List.copyOf(shards);
        }
    }
}
