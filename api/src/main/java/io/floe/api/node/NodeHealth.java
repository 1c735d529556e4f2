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
 * (yet) as unknown, and held shards the node no longer owns as read-only. Floe's {@code recovery} object carries the
 * node's self-healing counters; Walrus's {@code eventProgress} reports the certification events processed as
 * {@code persisted} and the recoveries still to do as {@code pending}.
 *
 * @param shardsOwned shards the current committee assigns to this node
 * @param shardsHeld shards running here now (owned and ready, or no longer owned but still serving reads)
 */
public record NodeHealth(Duration uptime, Epoch epoch, Ed25519PublicKey publicKey, NodeId nodeId, String nodeStatus,
                         List<ShardIndex> shardsOwned, List<ShardIndex> shardsHeld, Recovery recovery) {
    /** The only status Floe reports; a node that is not active does not answer at all. */
    public static final String ACTIVE = "Active";

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
    }

    /** A health answer without recovery counters. */
    public NodeHealth(Duration uptime, Epoch epoch, Ed25519PublicKey publicKey, NodeId nodeId, String nodeStatus,
                      List<ShardIndex> shardsOwned, List<ShardIndex> shardsHeld) {
        this(uptime, epoch, publicKey, nodeId, nodeStatus, shardsOwned, shardsHeld, Recovery.NONE);
    }

    public JsonNode toJson() {
        int ready = (int) shardsOwned.stream().filter(shardsHeld::contains).count();
        ObjectNode data = Json.object();
        data.set("uptime", Json.object().put("secs", uptime.toSeconds()).put("nanos", uptime.toNanosPart()));
        data.put("epoch", epoch.value());
        data.put("publicKey", publicKey.base64());
        data.put("nodeStatus", nodeStatus);
        // No index of Walrus's event stream exists here: the highest finished index stays null.
        data.set("eventProgress", Json.object().put("persisted", recovery.eventsProcessed())
                .put("pending", recovery.recoveriesPending()).putNull("highestFinishedEventIndex"));
        ObjectNode status = Json.object().put("unknown", shardsOwned.size() - ready).put("ready", ready)
                .put("inTransfer", 0).put("inRecovery", 0);
        ObjectNode summary = Json.object().put("owned", shardsOwned.size());
        summary.set("ownedShardStatus", status);
        summary.put("readOnly", shardsHeld.size() - ready);
        data.set("shardSummary", summary);
        data.put("nodeId", nodeId.value());
        putShards(data.putArray("shardsOwned"), shardsOwned);
        putShards(data.putArray("shardsHeld"), shardsHeld);
        data.set("recovery", recovery.toJson());
        return data;
    }

    /** Parses the {@code success.data} of a health answer. */
    public static NodeHealth fromJson(JsonNode data) {
        JsonNode uptime = data.path("uptime");
        return new NodeHealth(Duration.ofSeconds(uptime.path("secs").asLong(), uptime.path("nanos").asLong()),
                new Epoch(data.path("epoch").asInt()),
                Ed25519PublicKey.of(Base64.getDecoder().decode(data.path("publicKey").asText())),
                new NodeId(data.path("nodeId").asText()), data.path("nodeStatus").asText(),
                shards(data.path("shardsOwned")), shards(data.path("shardsHeld")),
                Recovery.fromJson(data.path("recovery")));
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
                + " held=" + shardsHeld.size() + " uptime=" + uptime + " " + recovery + "]";
    }
}
