package io.floe.protocol.committee;

import io.floe.protocol.signing.Ed25519PublicKey;
import java.util.Objects;

/**
 * A committee member as the ledger knows it: its name, where its storage-node HTTP API listens, its Ed25519
 * protocol public key and its stake in FROST (never negative).
 */
public record StorageNodeInfo(NodeId id, String storageUrl, Ed25519PublicKey publicKey, long stake) {
    public StorageNodeInfo {
        Objects.requireNonNull(publicKey, "publicKey");
        if (stake < 0) {
            throw new IllegalArgumentException("stake must be >= 0: " + stake);
        }
    }
}
