package io.floe.api.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.floe.api.json.Json;
import io.floe.api.node.NodeHealth;
import io.floe.encoding.index.ShardIndex;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.EpochCommittees;
import io.floe.protocol.committee.EpochState;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The JSON the dashboard page polls ({@code GET /v1/dashboard}), built from what the gateway already knows: its
 * committee cache (epoch, state, committee, shard map, epoch-change sync), the cluster as it sees it (nodes up or
 * down, members), its store and read counters ({@link Throughput}) and the nodes' last health answers (recovery).
 * A pure function of its inputs, so it is tested without a network.
 *
 * <p>Shape: {@code {time, epoch:{...}|null, error?, nShards, nodes:[{id,url,state,shards,stake,health?,
 * healthError?}], shards:[{shard,owner,holder,moving}], members:[...], totals:{...}, rates:{...}, recovery:{...}}}.
 */
final class DashboardState {
    private DashboardState() {
    }

    /** Inputs of one answer; {@code epochs} is null while the network is forming ({@code error} says why). */
    record Inputs(Instant now, EpochCommittees epochs, String error, ClusterView cluster, NodeHealthPoller health,
                  Throughput throughput) {
    }

    static ObjectNode json(Inputs in) {
        ObjectNode root = Json.object().put("time", in.now().toString());
        if (in.epochs() == null) {
            root.putNull("epoch");
            root.put("error", in.error() == null ? "the committee is not known yet" : in.error());
            root.put("nShards", 0);
            root.putArray("nodes");
            root.putArray("shards");
        } else {
            root.set("epoch", epoch(in.epochs(), in.now()));
            root.put("nShards", in.epochs().current().nShards());
            root.set("nodes", nodes(in.epochs(), in.cluster(), in.health()));
            root.set("shards", shards(in.epochs(), in.cluster()));
        }
        ArrayNode members = root.putArray("members");
        for (ClusterView.Member m : in.cluster().members()) {
            ObjectNode member = members.addObject().put("address", m.address()).put("status", m.status())
                    .put("reachable", m.reachable());
            m.roles().forEach(member.putArray("roles")::add);
        }
        root.set("totals", totals(in.throughput().latest()));
        root.set("rates", rates(in.throughput()));
        root.set("recovery", recovery(in.epochs(), in.health()));
        return root;
    }

    /**
     * The epoch, its state, how far through its duration it is, and, while shards move to a new committee, the sync
     * progress: the shards whose new owners reported done against the quorum that ends the change.
     */
    static ObjectNode epoch(EpochCommittees epochs, Instant now) {
        Duration length = epochs.epochDuration();
        double elapsed = Duration.between(epochs.startOfCurrentEpoch(), now).toMillis()
                / (double) Math.max(1, length.toMillis());
        ObjectNode epoch = Json.object().put("number", epochs.epoch().value())
                .put("state", epochs.state().walrusName())
                .put("start", epochs.startOfCurrentEpoch().toString())
                .put("durationMillis", length.toMillis())
                .put("progress", Math.max(0, Math.min(1, elapsed)));
        epochs.next().ifPresentOrElse(n -> epoch.put("nextCommitteeSize", n.members().size()),
                () -> epoch.putNull("nextCommitteeSize"));
        if (epochs.state() != EpochState.EPOCH_CHANGE_SYNC) {
            epoch.putNull("change");
            return epoch;
        }
        Committee current = epochs.current();
        int moving = 0;
        for (int k = 0; k < current.nShards(); k++) {
            moving += epochs.isMoving(new ShardIndex(k)) ? 1 : 0;
        }
        // The change ends at a quorum of shards: the least weight w with 3w >= 2n+1.
        int quorum = (2 * current.nShards() + 1 + 2) / 3;
        ObjectNode change = epoch.putObject("change").put("shardsMoving", moving)
                .put("syncedWeight", current.weightOf(epochs.synced())).put("quorumWeight", quorum);
        epochs.synced().stream().map(NodeId::value).sorted().forEach(change.putArray("synced")::add);
        return epoch;
    }

    private static ArrayNode nodes(EpochCommittees epochs, ClusterView cluster, NodeHealthPoller health) {
        ArrayNode nodes = Json.array();
        Committee committee = epochs.holders();
        for (StorageNodeInfo m : committee.members()) {
            ObjectNode node = nodes.addObject().put("id", m.id().value()).put("url", m.storageUrl())
                    .put("state", cluster.stateOf(m.id()).wire())
                    .put("stake", m.stake())
                    .put("member", epochs.current().member(m.id()).isPresent());
            ArrayNode shards = node.putArray("shards");
            epochs.current().shardsOf(m.id()).forEach(s -> shards.add(s.value()));
            health.last(m.id()).ifPresent(polled -> {
                polled.health().ifPresent(h -> node.set("health", health(h)));
                polled.error().ifPresent(e -> node.put("healthError", e));
            });
        }
        return nodes;
    }

    private static ObjectNode health(NodeHealth h) {
        NodeHealth.Recovery r = h.recovery();
        ObjectNode health = Json.object().put("status", h.nodeStatus()).put("epoch", h.epoch().value())
                .put("uptimeSeconds", h.uptime().toSeconds())
                .put("shardsHeld", h.shardsHeld().size())
                .put("sliversRebuilt", r.sliversRebuilt()).put("bytesFetched", r.bytesFetched())
                .put("recoveriesPending", r.recoveriesPending()).put("recoveriesFailed", r.recoveriesFailed())
                .put("sliversScrubbed", r.sliversScrubbed()).put("scrubMismatches", r.scrubMismatches());
        ArrayNode transfer = health.putArray("shardsInTransfer");
        h.shardsInTransfer().forEach(s -> transfer.add(s.value()));
        ArrayNode recovery = health.putArray("shardsInRecovery");
        h.shardsInRecovery().forEach(s -> recovery.add(s.value()));
        return health;
    }

    /** Each shard's owner in the current committee, who holds its data now, and whether it moves in this change. */
    private static ArrayNode shards(EpochCommittees epochs, ClusterView cluster) {
        ArrayNode shards = Json.array();
        for (int k = 0; k < epochs.current().nShards(); k++) {
            ShardIndex shard = new ShardIndex(k);
            NodeId holder = epochs.holderOf(shard);
            shards.addObject().put("shard", k).put("owner", epochs.current().ownerOf(shard).value())
                    .put("holder", holder.value()).put("moving", epochs.isMoving(shard))
                    .put("up", cluster.stateOf(holder) == ClusterView.NodeState.UP);
        }
        return shards;
    }

    /** This gateway's totals: {@code blobsStored} counts new blobs only, {@code stores} every successful store. */
    private static ObjectNode totals(GatewayCounters.Sample s) {
        return Json.object().put("blobsStored", s.blobsCreated()).put("stores", s.stores())
                .put("storesFailed", s.storesFailed())
                .put("bytesStored", s.storedBytes()).put("reads", s.reads()).put("readsFailed", s.readsFailed())
                .put("bytesServed", s.servedBytes());
    }

    /** Per-second rates over the last minute, oldest first, one value a second. */
    private static ObjectNode rates(Throughput throughput) {
        ObjectNode rates = Json.object();
        rate(rates, "stores", throughput, GatewayCounters.Sample::stores);
        rate(rates, "reads", throughput, GatewayCounters.Sample::reads);
        rate(rates, "storedBytes", throughput, GatewayCounters.Sample::storedBytes);
        rate(rates, "servedBytes", throughput, GatewayCounters.Sample::servedBytes);
        return rates;
    }

    private static void rate(ObjectNode rates, String name, Throughput t, ToLongFunction<GatewayCounters.Sample> c) {
        ArrayNode values = rates.putArray(name);
        t.rates(c).forEach(values::add);
    }

    /** The committee's self-healing, summed over the nodes' last health answers. */
    private static ObjectNode recovery(EpochCommittees epochs, NodeHealthPoller health) {
        long rebuilt = 0;
        long fetched = 0;
        long pending = 0;
        long failed = 0;
        long scrubbed = 0;
        long mismatches = 0;
        List<StorageNodeInfo> members = epochs == null ? List.of() : epochs.holders().members();
        for (StorageNodeInfo m : members) {
            NodeHealth.Recovery r = health.last(m.id()).flatMap(NodeHealthPoller.Polled::health)
                    .map(NodeHealth::recovery).orElse(NodeHealth.Recovery.NONE);
            rebuilt += r.sliversRebuilt();
            fetched += r.bytesFetched();
            pending += r.recoveriesPending();
            failed += r.recoveriesFailed();
            scrubbed += r.sliversScrubbed();
            mismatches += r.scrubMismatches();
        }
        return Json.object().put("sliversRebuilt", rebuilt).put("bytesFetched", fetched)
                .put("recoveriesPending", pending).put("recoveriesFailed", failed)
                .put("sliversScrubbed", scrubbed).put("scrubMismatches", mismatches);
    }
}
