package io.floe.api.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.blob.BlobRecord;
import io.floe.protocol.blob.Registration;
import io.floe.protocol.committee.Epoch;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A blob's status as one storage node answers it on {@code GET /v1/blobs/{id}/status}: Walrus's {@code BlobStatus}
 * in the JSON shape the {@code @mysten/walrus} client reads ({@code "nonexistent"}, {@code {"invalid":{...}}},
 * {@code {"permanent":{...}}}, {@code {"deletable":{...}}}; camelCase fields, snake_case counts). The client groups
 * nodes' answers by their serialized text, so the same record must give the same JSON on every node: nothing here
 * depends on the answering node.
 */
public sealed interface BlobStatus {
    String NONEXISTENT = "nonexistent";
    String INVALID = "invalid";
    String PERMANENT = "permanent";
    String DELETABLE = "deletable";

    JsonNode toJson();

    /** No active registration (never registered, deleted or expired). */
    record Nonexistent() implements BlobStatus {
        @Override
        public JsonNode toJson() {
            return TextNode.valueOf(NONEXISTENT);
        }
    }

    /** Marked invalid by an inconsistency certificate. */
    record Invalid(EventId event) implements BlobStatus {
        @Override
        public JsonNode toJson() {
            ObjectNode inner = Json.object();
            inner.set("event", event.toJson());
            return wrap(INVALID, inner);
        }
    }

    /**
     * At least one active permanent registration; {@code endEpoch} (exclusive) and {@code statusEvent} are those of
     * the longest-lasting certified one, or of the longest-lasting registered one when none is certified.
     */
    record Permanent(Epoch endEpoch, boolean isCertified, EventId statusEvent, DeletableCounts deletableCounts,
                     Optional<Epoch> initialCertifiedEpoch) implements BlobStatus {
        @Override
        public JsonNode toJson() {
            ObjectNode inner = Json.object();
            inner.put("endEpoch", endEpoch.value());
            inner.put("isCertified", isCertified);
            inner.set("statusEvent", statusEvent.toJson());
            inner.set("deletableCounts", deletableCounts.toJson());
            putEpoch(inner, initialCertifiedEpoch);
            return wrap(PERMANENT, inner);
        }
    }

    /** Only deletable registrations are active. */
    record Deletable(Optional<Epoch> initialCertifiedEpoch, DeletableCounts deletableCounts) implements BlobStatus {
        @Override
        public JsonNode toJson() {
            ObjectNode inner = Json.object();
            putEpoch(inner, initialCertifiedEpoch);
            inner.set("deletableCounts", deletableCounts.toJson());
            return wrap(DELETABLE, inner);
        }
    }

    /** Active deletable registrations, all and certified. */
    record DeletableCounts(int total, int certified) {
        JsonNode toJson() {
            ObjectNode node = Json.object();
            node.put("count_deletable_total", total);
            node.put("count_deletable_certified", certified);
            return node;
        }

        static DeletableCounts fromJson(JsonNode node) {
            return new DeletableCounts(node.path("count_deletable_total").asInt(),
                    node.path("count_deletable_certified").asInt());
        }
    }

    /** The status of a blob in epoch {@code current}: registrations whose end epoch has come are not counted. */
    static BlobStatus of(BlobRecord record, Epoch current) {
        if (record.invalid()) {
            return new Invalid(EventId.invalidated(record.blobId()));
        }
        List<Registration> active = record.registrations().stream()
                .filter(r -> r.endEpoch().compareTo(current) > 0).toList();
        if (active.isEmpty()) {
            return new Nonexistent();
        }
        List<Registration> deletable = active.stream().filter(Registration::deletable).toList();
        DeletableCounts counts = new DeletableCounts(deletable.size(),
                (int) deletable.stream().filter(Registration::certified).count());
        Optional<Epoch> firstCertified = active.stream().flatMap(r -> r.certifiedEpoch().stream()).min(Epoch::compareTo);
        Comparator<Registration> byEnd = Comparator.comparing(Registration::endEpoch);
        Optional<Registration> permanent = active.stream().filter(r -> !r.deletable())
                .max(Comparator.comparing(Registration::certified).thenComparing(byEnd));
        if (permanent.isEmpty()) {
            return new Deletable(firstCertified, counts);
        }
        Registration chosen = permanent.get();
        return new Permanent(chosen.endEpoch(), chosen.certified(), EventId.of(chosen), counts, firstCertified);
    }

    /** Parses the {@code success.data} of a status answer (Floe's or Walrus's). */
    static BlobStatus fromJson(JsonNode data) {
        if (data.isTextual() && NONEXISTENT.equals(data.asText())) {
            return new Nonexistent();
        }
        if (data.has(INVALID)) {
            return new Invalid(EventId.fromJson(data.get(INVALID).path("event")));
        }
        if (data.has(PERMANENT)) {
            JsonNode p = data.get(PERMANENT);
            return new Permanent(new Epoch(p.path("endEpoch").asInt()), p.path("isCertified").asBoolean(),
                    EventId.fromJson(p.path("statusEvent")), DeletableCounts.fromJson(p.path("deletableCounts")),
                    epoch(p));
        }
        if (data.has(DELETABLE)) {
            JsonNode d = data.get(DELETABLE);
            return new Deletable(epoch(d), DeletableCounts.fromJson(d.path("deletableCounts")));
        }
        throw new IllegalArgumentException("unknown blob status " + Json.text(data));
    }

    private static Optional<Epoch> epoch(JsonNode inner) {
        JsonNode e = inner.get("initialCertifiedEpoch");
        return e == null || e.isNull() ? Optional.empty() : Optional.of(new Epoch(e.asInt()));
    }

    private static void putEpoch(ObjectNode inner, Optional<Epoch> epoch) {
        if (epoch.isPresent()) {
            inner.put("initialCertifiedEpoch", epoch.get().value());
        } else {
            inner.putNull("initialCertifiedEpoch");
        }
    }

    private static JsonNode wrap(String kind, JsonNode inner) {
        ObjectNode node = Json.object();
        node.set(kind, inner);
        return node;
    }
}
