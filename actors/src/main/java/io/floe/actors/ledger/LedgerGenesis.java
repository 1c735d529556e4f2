package io.floe.actors.ledger;

import com.typesafe.config.Config;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.config.ConfigSection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The network as it is created: shard count, prices (FROST per 1 MiB storage unit; storage per epoch), how far
 * ahead storage can be bought, the gateway account and its starting funds, and the genesis storage nodes with
 * their stakes. The ledger journals it once (GenesisApplied); a later change in configuration does not rewrite it.
 *
 * <p>Invariant: every value is in range, the node list is non-empty and has no duplicate ID. Read from
 * {@code floe.network} (documented in the actors module's reference.conf), which every member of one network shares.
 */
public record LedgerGenesis(int nShards, long storagePricePerUnit, long writePricePerUnit, int maxEpochsAhead,
                            String gatewayAccount, long gatewayFunds, List<Node> nodes) {

    /** A genesis storage node and its stake in FROST. */
    public record Node(NodeId id, long stake) {
        public Node {
            Objects.requireNonNull(id, "id");
            if (stake < 0) {
                throw new IllegalArgumentException("stake must be >= 0: " + stake);
            }
        }
    }

    public LedgerGenesis {
        requireAtLeast(nShards, 1, "shard count");
        requireAtLeast(storagePricePerUnit, 0, "storage price");
        requireAtLeast(writePricePerUnit, 0, "write price");
        requireAtLeast(maxEpochsAhead, 1, "max epochs ahead");
        requireAtLeast(gatewayFunds, 0, "gateway funds");
        if (gatewayAccount == null || gatewayAccount.isBlank()) {
            throw new IllegalArgumentException("the gateway account needs a name");
        }
        nodes = List.copyOf(nodes);
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one genesis node");
        }
        Set<NodeId> ids = new HashSet<>();
        for (Node node : nodes) {
            if (!ids.add(node.id())) {
                throw new IllegalArgumentException("genesis node " + node.id() + " is listed twice");
            }
        }
    }

    /** The block this record is read from. */
    public static final String PATH = "floe.network";

    /** Reads {@value #PATH} of a resolved member configuration. */
    public static LedgerGenesis from(Config root) {
        ConfigSection c = ConfigSection.of(root, PATH);
        List<Node> nodes = new ArrayList<>();
        for (Config node : c.configs("genesis-nodes")) {
            nodes.add(new Node(new NodeId(node.getString("id")), node.getLong("stake")));
        }
        if (nodes.isEmpty()) {
            throw c.bad("genesis-nodes", "a network needs at least one storage node");
        }
        return new LedgerGenesis(c.positiveInt("n-shards"), c.longValue("storage-price-per-unit"),
                c.longValue("write-price-per-unit"), c.positiveInt("max-epochs-ahead"), c.string("gateway-account"),
                c.longValue("gateway-funds"), nodes);
    }

    public Optional<Node> node(NodeId id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    private static void requireAtLeast(long value, long min, String what) {
        if (value < min) {
            throw new IllegalArgumentException(what + " must be >= " + min + ": " + value);
        }
    }
}
