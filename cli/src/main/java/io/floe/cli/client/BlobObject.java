package io.floe.cli.client;

import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.committee.Epoch;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A blob object as the gateway shows one (Walrus's {@code blobObject} plus Floe's {@code owner}, {@code shared} and
 * {@code attributes}): who may act on it and until when its storage lasts. {@code owner} is empty when the gateway
 * does not say (a gateway before accounts) or nobody owns it (shared or burned).
 */
public record BlobObject(ObjectId id, BlobId blobId, long size, Optional<Epoch> certifiedEpoch, Storage storage,
        boolean deletable, Optional<String> owner, boolean shared, Map<String, String> attributes) {
    public BlobObject {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes)); // keeps the gateway's order
    }

    /** A storage resource: {@code size} encoded bytes from {@code startEpoch} until {@code endEpoch} (exclusive). */
    public record Storage(ObjectId id, Epoch startEpoch, Epoch endEpoch, long size) {
    }
}
