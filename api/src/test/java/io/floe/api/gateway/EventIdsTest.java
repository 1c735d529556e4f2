package io.floe.api.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.api.json.BlobStatus;
import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.blob.BlobRecord;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.Registration;
import io.floe.protocol.committee.Epoch;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * One registration has one event ID in every API: the gateway's store answer ({@code alreadyCertified}, Walrus's
 * flattened {@code EventOrObjectId}), the storage node's blob status and the gateway's blob status. Before issue 14
 * the gateway wrote the object ID in hex as the digest and the node in base58.
 */
class EventIdsTest {
    private static final BlobId BLOB = BlobId.parse("AUGjBRYQSLGUHBJ2OKGMV4zRQ9sQzn-77ELr6ruZZjs");
    private static final Epoch NOW = new Epoch(3);
    /** 32 bytes whose base58 form has the full 44 characters (a random ID has 43 in one case of 16). */
    private static final byte[] LARGE_ID = filled((byte) 0xAB);

    @Test
    void namesAPermanentRegistrationByOneEventEverywhere() {
        Registration permanent = registration(false);
        BlobRecord record = new BlobRecord(BLOB, List.of(permanent), false);

        JsonNode store = ClientJson.alreadyCertified(new StoreOutcome.AlreadyCertified(BLOB, permanent))
                .path("alreadyCertified");
        JsonNode node = BlobStatus.of(record, NOW).toJson().path("permanent").path("statusEvent");
        JsonNode gateway = ClientJson.blobStatus(record).path("registrations").path(0).path("event");

        assertEquals(node, store.path("event"));
        assertEquals(node, gateway);
        assertEquals("0", node.path("eventSeq").asText());
        assertTrue(node.path("txDigest").asText().matches("[1-9A-HJ-NP-Za-km-z]{44}"),
                "a Sui digest: 32 bytes in base58, not hex: " + node.path("txDigest").asText());
        assertFalse(store.has("object"), "one variant of EventOrObjectId");
        assertEquals("[blobId, event, endEpoch, objectId]", fieldNames(store));
    }

    @Test
    void namesTheCallersDeletableBlobByItsObjectId() {
        Registration deletable = registration(true);

        JsonNode store = ClientJson.alreadyCertified(new StoreOutcome.AlreadyCertified(BLOB, deletable))
                .path("alreadyCertified");

        assertEquals(deletable.objectId().toString(), store.path("object").asText());
        assertFalse(store.has("event"));
        assertEquals(10, store.path("endEpoch").asInt());
    }

    private static Registration registration(boolean deletable) {
        return new Registration(ObjectId.of(LARGE_ID), "0xowner", 1000, 50_000, new Epoch(1), new Epoch(10), deletable,
                100, Optional.of(new Epoch(2)));
    }

    private static String fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names.toString();
    }

    private static byte[] filled(byte value) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, value);
        return bytes;
    }
}
