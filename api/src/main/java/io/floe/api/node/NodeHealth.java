package io.floe.api.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.floe.api.json.Json;
import io.floe.encoding.index.ShardIndex;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.signing.Ed25519PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * A node's {@code GET /v1/health} data, in the field names of Walrus's {@code ServiceHealthInfo} ({@code uptime}
 * as {@code {"secs","nanos"}}, {@code epoch}, {@code publicKey}, {@code nodeStatus}, {@code eventProgress},
 * {@code shardSummary}) plus Floe's {@code nodeId}, {@code shardsOwned} and {@code shardsHeld}. {@code publicKey} is
 * the 32 raw Ed25519 bytes in standard base64. Owned shards that run here count as ready, owned shards that do not
 * (yet) as unknown, and held shards the node no longer owns as read-only; owned shards the node is still pulling from
 * their previous owner at an epoch change count as {@code inTransfer}, those it rebuilds blob by blob (the previous
 * owner did not answer, the change ended before the pull did, or the recheck after the pull is not done) as
 * {@code inRecovery} (listed in Floe's {@code shardsInTransfer} and
 * {@code shardsInRecovery}). {@code nodeStatus} is Walrus's: {@code Active} for a member of the current committee,
 * {@code Standby} for a node outside it, {@code RecoveryInProgress (E)} while shards gained in epoch {@code E} are
 * rebuilt by recovery. Floe's {@code recovery} object carries the
 * node's self-healing counters; Walrus's {@code eventProgress} reports the certification events processed as
 * {@code persisted} and the recoveries still to do as {@code pending}.
 *
 * @param shardsOwned shards the current committee assigns to this node
 * @param shardsHeld shards running here now (owned and ready, or no longer owned but still serving reads)
 * @param shardsInTransfer owned shards being pulled from their previous owner
 * @param shardsInRecovery owned shards being rebuilt blob by blob from the other nodes
 */
public record NodeHealth(Duration uptime, Epoch epoch, Ed25519PublicKey publicKey, NodeId nodeId, String nodeStatus,
                         List<ShardIndex> shardsOwned, List<ShardIndex> shardsHeld, Recovery recovery,
                         List<ShardIndex> shardsInTransfer, List<ShardIndex> shardsInRecovery) {
    /** A member of the current committee, up to date. */
    public static final String ACTIVE = "Active";
    /** A node outside the current committee. */
    public static final String STANDBY = "Standby";

    /** Walrus's status of a member rebuilding the shards it gained in {@code epoch} from the other nodes. */
    public static String recoveryInProgress(Epoch epoch) {
        return "RecoveryInProgress (" + epoch + ")";
    }

    /**
     * Where this node's sync of the shards it gained at the last epoch change stands (none: nothing moving here).
     *
     * @param recoveryEpoch the epoch whose gained shards are rebuilt by recovery, when {@code inRecovery} is not empty
     */
    public record ShardSync(List<ShardIndex> inTransfer, List<ShardIndex> inRecovery, Epoch recoveryEpoch) {
        public static final ShardSync NONE = new ShardSync(List.of(), List.of(), Epoch.GENESIS);

        public ShardSync {
            inTransfer = List.copyOf(inTransfer);
            inRecovery = List.copyOf(inRecovery);
            Objects.requireNonNull(recoveryEpoch, "recoveryEpoch");
        }
    }

    /**
     * A node's self-healing counters since it started (the storage node's {@code HealingMetrics.Snapshot}, which this
     * module cannot see). Recovery traffic per rebuilt sliver is {@code bytesFetched / sliversRebuilt}.
     */
    public record Recovery(long sliversRebuilt, long bytesFetched, long bytesRebuilt, long recoveriesFailed,
                           long inconsistenciesFound, long sliversScrubbed, long scrubMismatches,
                           long eventsProcessed, long recoveriesPending) {
        /** A node that has not recovered anything (or does not recover at all). */
        public static final Recovery NONE = new Recovery(0, 0, 0, 0, 0, 0, 0, 0, 0);

        JsonNode toJson() {
            return Json.object().put("sliversRebuilt", sliversRebuilt).put("bytesFetched", bytesFetched)
                    .put("bytesRebuilt", bytesRebuilt).put("recoveriesFailed", recoveriesFailed)
                    .put("inconsistenciesFound", inconsistenciesFound).put("sliversScrubbed", sliversScrubbed)
                    .put("scrubMismatches", scrubMismatches).put("eventsProcessed", eventsProcessed)
                    .put("recoveriesPending", recoveriesPending);
        }

        /** Missing fields read as 0, so a node without recovery (or an older one) parses as {@link #NONE}. */
        static Recovery fromJson(JsonNode r) {
            return new Recovery(r.path("sliversRebuilt").asLong(), r.path("bytesFetched").asLong(),
                    r.path("bytesRebuilt").asLong(), r.path("recoveriesFailed").asLong(),
                    r.path("inconsistenciesFound").asLong(), r.path("sliversScrubbed").asLong(),
                    r.path("scrubMismatches").asLong(), r.path("eventsProcessed").asLong(),
                    r.path("recoveriesPending").asLong());
        }
    }

    public NodeHealth {
        Objects.requireNonNull(publicKey, "publicKey");
        shardsOwned = List.copyOf(shardsOwned);
        shardsHeld = List.copyOf(shardsHeld);
        Objects.requireNonNull(recovery, "recovery");
        shardsInTransfer = List.copyOf(shardsInTransfer);
        shardsInRecovery = List.copyOf(shardsInRecovery);
    }

    /** A health answer with nothing moving to this node. */
    public NodeHealth(Duration uptime, Epoch epoch, Ed25519PublicKey publicKey, NodeId nodeId, String nodeStatus,
                      List<ShardIndex> shardsOwned, List<ShardIndex> shardsHeld, Recovery recovery) {
        this(uptime, epoch, publicKey, nodeId, nodeStatus, shardsOwned, shardsHeld, recovery, List.of(), List.of());
    }

    /** A health answer without recovery counters. */
    public NodeHealth(Duration uptime, Epoch epoch, Ed25519PublicKey publicKey, NodeId nodeId, String nodeStatus,
                      List<ShardIndex> shardsOwned, List<ShardIndex> shardsHeld) {
        this(uptime, epoch, publicKey, nodeId, nodeStatus, shardsOwned, shardsHeld, Recovery.NONE);
    }

    /** Walrus's {@code ShardStatus} names, as {@code shardDetail} lists them. */
    static final String UNKNOWN = "unknown";
    static final String READY = "ready";
    static final String IN_TRANSFER = "inTransfer";
    static final String IN_RECOVERY = "inRecovery";
    static final String READ_ONLY = "readOnly";

    public JsonNode toJson() {
        return toJson(false);
    }

    /**
     * The answer; {@code detailed} adds Walrus's {@code shardDetail}: {@code owned} (each owned shard with its status)
     * and {@code other} (shards held here but not owned, {@code readOnly}), each sorted by shard, as Walrus's
     * {@code shard_health_status} lists them.
     */
    public JsonNode toJson(boolean detailed) {
        ObjectNode data = Json.object();
        data.set("uptime", Json.object().put("secs", uptime.toSeconds()).put("nanos", uptime.toNanosPart()));
        data.put("epoch", epoch.value());
        data.put("publicKey", publicKey.base64());
        data.put("nodeStatus", nodeStatus);
        // No index of Walrus's event stream exists here: the highest finished index stays null.
        data.set("eventProgress", Json.object().put("persisted", recovery.eventsProcessed())
                .put("pending", recovery.recoveriesPending()).putNull("highestFinishedEventIndex"));
        data.set("shardSummary", summary());
        if (detailed) {
            data.set("shardDetail", detail());
        }
        data.put("nodeId", nodeId.value());
        putShards(data.putArray("shardsOwned"), shardsOwned);
        putShards(data.putArray("shardsHeld"), shardsHeld);
        putShards(data.putArray("shardsInTransfer"), shardsInTransfer);
        putShards(data.putArray("shardsInRecovery"), shardsInRecovery);
        data.set("recovery", recovery.toJson());
        return data;
    }

    /** An owned shard's status: pulled from its previous owner, rebuilt blob by blob, running here, or unknown. */
    String statusOf(ShardIndex owned) {
        if (shardsInTransfer.contains(owned)) {
            return IN_TRANSFER;
        }
        if (shardsInRecovery.contains(owned)) {
            return IN_RECOVERY;
        }
        return shardsHeld.contains(owned) ? READY : UNKNOWN;
    }

    private ObjectNode summary() {
        ObjectNode status = Json.object().put(UNKNOWN, count(UNKNOWN)).put(READY, count(READY))
                .put(IN_TRANSFER, count(IN_TRANSFER)).put(IN_RECOVERY, count(IN_RECOVERY));
        ObjectNode summary = Json.object().put("owned", shardsOwned.size());
        summary.set("ownedShardStatus", status);
        summary.put("readOnly", otherShards().size());
        return summary;
    }

    private ObjectNode detail() {
        ObjectNode detail = Json.object();
        ArrayNode owned = detail.putArray("owned");
        shardsOwned.stream().sorted(java.util.Comparator.comparingInt(ShardIndex::value))
                .forEach(s -> owned.addObject().put("shard", s.value()).put("status", statusOf(s)));
        ArrayNode other = detail.putArray("other");
        otherShards().forEach(s -> other.addObject().put("shard", s.value()).put("status", READ_ONLY));
        return detail;
    }

    private int count(String status) {
        return (int) shardsOwned.stream().filter(s -> statusOf(s).equals(status)).count();
    }

    /** Held here, no longer owned: serving reads only. */
    private List<ShardIndex> otherShards() {
        return shardsHeld.stream().filter(s -> !shardsOwned.contains(s))
                .sorted(java.util.Comparator.comparingInt(ShardIndex::value)).toList();
    }

    /** Parses the {@code success.data} of a health answer. */
    public static NodeHealth fromJson(JsonNode data) {
        JsonNode uptime = data.path("uptime");
        return new NodeHealth(Duration.ofSeconds(uptime.path("secs").asLong(), uptime.path("nanos").asLong()),
                new Epoch(data.path("epoch").asInt()),
                Ed25519PublicKey.of(Base64.getDecoder().decode(data.path("publicKey").asText())),
                new NodeId(data.path("nodeId").asText()), data.path("nodeStatus").asText(),
                shards(data.path("shardsOwned")), shards(data.path("shardsHeld")),
                Recovery.fromJson(data.path("recovery")), shards(data.path("shardsInTransfer")),
                shards(data.path("shardsInRecovery")));
    }

    private static void putShards(ArrayNode array, List<ShardIndex> shards) {
        shards.forEach(s -> array.add(s.value()));
    }

    private static List<ShardIndex> shards(JsonNode array) {
        List<ShardIndex> shards = new ArrayList<>();
        array.forEach(s -> shards.add(new ShardIndex(s.asInt())));
        return shards;
    }

    @Override
    public String toString() {
        return "NodeHealth[" + nodeId + " epoch=" + epoch + " status=" + nodeStatus + " owned=" + shardsOwned.size()
                + " held=" + shardsHeld.size() + " inTransfer=" + shardsInTransfer + " inRecovery=" + shardsInRecovery
                + " uptime=" + uptime + " " + recovery + "]";
    }
}
