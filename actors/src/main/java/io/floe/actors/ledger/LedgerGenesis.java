package io.floe.actors.ledger;

import com.typesafe.config.Config;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.config.ConfigSection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The network as it is created: shard count, prices (FROST per 1 MiB storage unit; storage per epoch), how far
 * ahead storage can be bought, the gateway account and its starting funds, the genesis storage nodes with
 * their stakes, the length of an epoch, and the faucet: {@code faucetFunds} FROST in the account
 * {@link #FAUCET_ACCOUNT} (0: the network has no faucet), handed out at most {@code maxFaucetAmount} at a time.
 * The ledger journals it once (GenesisApplied); a later change in configuration does not rewrite it.
 *
 * <p>Invariant: every value is in range (the epoch lasts at least a second), the node list is non-empty and has no
 * duplicate ID. Read from
 * {@code floe.network} (documented in the actors module's reference.conf), which every member of one network shares.
 */
public record LedgerGenesis(int nShards, long storagePricePerUnit, long writePricePerUnit, int maxEpochsAhead,
                            String gatewayAccount, long gatewayFunds, List<Node> nodes, Duration epochDuration,
                            long faucetFunds, long maxFaucetAmount) {

    /** Walrus mainnet's epoch is two weeks; a day keeps a local network calm yet shows the machine turning. */
    public static final Duration DEFAULT_EPOCH_DURATION = Duration.ofDays(1);
    /** Shorter epochs would leave the selection no time between a change's start and the next middle. */
    public static final Duration MIN_EPOCH_DURATION = Duration.ofSeconds(1);
    /** The account the faucet's FROST are in; not an address, so no key can sign for it. */
    public static final String FAUCET_ACCOUNT = "faucet";
    /** 10 WAL: what {@code floe.network.max-faucet-amount} defaults to, and genesis records without one read as. */
    public static final long DEFAULT_MAX_FAUCET_AMOUNT = 10_000_000_000L;

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
        requireAtLeast(faucetFunds, 0, "faucet funds");
        requireAtLeast(maxFaucetAmount, 1, "max faucet amount");
        if (gatewayAccount == null || gatewayAccount.isBlank()) {
            throw new IllegalArgumentException("the gateway account needs a name");
        }
        if (gatewayAccount.equals(FAUCET_ACCOUNT)) {
            throw new IllegalArgumentException("the gateway account cannot be the faucet's, " + FAUCET_ACCOUNT);
        }
        nodes = List.copyOf(nodes);
        Objects.requireNonNull(epochDuration, "epochDuration");
        if (epochDuration.compareTo(MIN_EPOCH_DURATION) < 0) {
            throw new IllegalArgumentException("an epoch must last at least " + MIN_EPOCH_DURATION + ": "
                    + epochDuration);
        }
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

    /** A genesis without a faucet (as genesis records written before faucets read). */
    public LedgerGenesis(int nShards, long storagePricePerUnit, long writePricePerUnit, int maxEpochsAhead,
                         String gatewayAccount, long gatewayFunds, List<Node> nodes, Duration epochDuration) {
        this(nShards, storagePricePerUnit, writePricePerUnit, maxEpochsAhead, gatewayAccount, gatewayFunds, nodes,
                epochDuration, 0, DEFAULT_MAX_FAUCET_AMOUNT);
    }

    /** A genesis with epochs of {@link #DEFAULT_EPOCH_DURATION}, without a faucet. */
    public LedgerGenesis(int nShards, long storagePricePerUnit, long writePricePerUnit, int maxEpochsAhead,
                         String gatewayAccount, long gatewayFunds, List<Node> nodes) {
        this(nShards, storagePricePerUnit, writePricePerUnit, maxEpochsAhead, gatewayAccount, gatewayFunds, nodes,
                DEFAULT_EPOCH_DURATION);
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
                c.longValue("gateway-funds"), nodes, c.durationAtLeast("epoch-duration", MIN_EPOCH_DURATION),
                c.longValue("faucet-funds"), c.longValue("max-faucet-amount"));
    }

    /** Whether the network has a faucet ({@code floe get-wal}). */
    public boolean hasFaucet() {
        return faucetFunds > 0;
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
