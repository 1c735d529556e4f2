package io.floe.protocol.committee;

import io.floe.protocol.signing.Ed25519PublicKey;
import io.floe.protocol.tls.TlsFingerprint;
import java.util.Objects;
import java.util.Optional;

/**
 * A committee member as the ledger knows it: its name, where its storage-node HTTP API listens, its Ed25519
 * protocol public key, its stake in FROST (never negative) and, when its API serves HTTPS, the fingerprint of the
 * certificate its clients pin ({@link TlsFingerprint}; empty for a plain-HTTP node).
 */
public record StorageNodeInfo(NodeId id, String storageUrl, Ed25519PublicKey publicKey, long stake,
                              Optional<TlsFingerprint> tlsFingerprint) {
    public StorageNodeInfo {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(tlsFingerprint, "tlsFingerprint");
        if (stake < 0) {
            throw new IllegalArgumentException("stake must be >= 0: " + stake);
        }
    }

    /** A node serving plain HTTP. */
    public StorageNodeInfo(NodeId id, String storageUrl, Ed25519PublicKey publicKey, long stake) {
        this(id, storageUrl, publicKey, stake, Optional.empty());
    }

    /** This node with {@code newStake}, everything else kept. */
    public StorageNodeInfo withStake(long newStake) {
        return new StorageNodeInfo(id, storageUrl, publicKey, newStake, tlsFingerprint);
    }
}
