package io.floe.api.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.blob.Registration;

/**
 * Walrus's Sui {@code EventID} ({@code {"txDigest":<base58 32 bytes>,"eventSeq":"<n>"}}) of a registration, the one
 * name every Floe API gives it: the storage node's blob status ({@code statusEvent}), the gateway's store answer
 * ({@code alreadyCertified.event}) and the gateway's blob status. Floe has no chain, so the event is named after the
 * registration it stands for: digest = the registration's object ID in base58, sequence {@code "0"}. Invariant: a
 * function of the registration's object ID alone, so every node and every gateway derive the same ID for it.
 */
public record EventId(String txDigest, String eventSeq) {
    public static final String TX_DIGEST = "txDigest";
    public static final String EVENT_SEQ = "eventSeq";

    /** The event of a registration (its registration and certification alike: Floe records one per object). */
    public static EventId of(Registration registration) {
        return new EventId(Base58.encode(registration.objectId().bytes()), "0");
    }

    /** The event of a blob's invalidation, named after the blob (one per blob ID, alike on every node). */
    public static EventId invalidated(BlobId blobId) {
        return new EventId(Base58.encode(blobId.bytes()), "0");
    }

    public ObjectNode toJson() {
        return Json.object().put(TX_DIGEST, txDigest).put(EVENT_SEQ, eventSeq);
    }

    public static EventId fromJson(JsonNode node) {
        return new EventId(node.path(TX_DIGEST).asText(), node.path(EVENT_SEQ).asText());
    }
}
