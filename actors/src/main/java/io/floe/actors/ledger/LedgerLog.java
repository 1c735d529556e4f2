package io.floe.actors.ledger;

import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.NodeId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What an operator reads of the ledger's steps, at INFO, once per persisted step (under SystemLedger's logger). */
final class LedgerLog {
    private static final Logger LOG = LoggerFactory.getLogger(SystemLedger.class);

    private LedgerLog() {
    }

    static void genesis(LedgerGenesis genesis) {
        LOG.info("Genesis applied: {} shards, {} nodes, epochs of {}, gateway {} funded with {}, faucet {}",
                genesis.nShards(), genesis.nodes().size(), genesis.epochDuration(), genesis.gatewayAccount(),
                genesis.gatewayFunds(), genesis.hasFaucet() ? genesis.faucetFunds() + " FROST" : "none");
    }

    static void registration(boolean changed, NodeId node, String storageUrl, Optional<Committee> formed) {
        LOG.info(changed ? "Node {} changed its key, URL or pool, now at {}" : "Node {} registered at {}", node,
                storageUrl);
        formed.ifPresent(c -> LOG.info("Committee of epoch {} formed: {} nodes, {} shards; epoch {} starts",
                c.epoch(), c.members().size(), c.nShards(), c.epoch()));
    }

    /** Each epoch-machine event just persisted; {@code after} is the state they led to. */
    static void epochSteps(List<SystemLedger.Event> events, LedgerState after) {
        for (SystemLedger.Event e : events) {
            if (e instanceof SystemLedger.NextCommitteeSelected s) {
                Committee c = s.committee();
                LOG.info("Committee of epoch {} selected: {} nodes, {} of {} shards move", c.epoch(),
                        c.members().size(), moved(after, c), c.nShards());
            } else if (e instanceof SystemLedger.EpochChangeStarted s) {
                LOG.info("Epoch {} started: writes go to its committee, shards sync", s.epoch());
            } else if (e instanceof SystemLedger.ShardsSynced s) {
                LOG.info("Node {} holds its shards of epoch {}", s.node(), s.epoch());
            } else if (e instanceof SystemLedger.EpochStartRecorded r) {
                LOG.info("Epoch {} had no recorded start (journal from before epochs turned); it counts from {}",
                        r.epoch(), Instant.ofEpochMilli(r.startMillis()));
            } else if (e instanceof SystemLedger.EpochChangeDone d) {
                LOG.info("Epoch change to {} done", d.epoch());
            }
        }
    }

    private static long moved(LedgerState after, Committee next) {
        List<NodeId> now = after.committee().map(Committee::shardOwners).orElse(next.shardOwners());
        long moved = 0;
        for (int k = 0; k < next.nShards(); k++) {
            if (!now.get(k).equals(next.shardOwners().get(k))) {
                moved++;
            }
        }
        return moved;
    }
}
