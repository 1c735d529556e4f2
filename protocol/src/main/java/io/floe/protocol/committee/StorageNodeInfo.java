package io.floe.protocol.committee;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A committee member as the ledger knows it: its name, where its storage-node HTTP API listens, its Ed25519
 * protocol public key (32 raw bytes) and its stake in FROST.
 */
public record StorageNodeInfo(NodeId id, String storageUrl, byte[] publicKey, long stake) {
    public StorageNodeInfo {
        if (publicKey == null || publicKey.length != 32) {
            throw new IllegalArgumentException("an Ed25519 public key has 32 bytes");
        }
        if (stake < 0) {
            throw new IllegalArgumentException("stake must be >= 0: " + stake);
        }
        publicKey = publicKey.clone();
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StorageNodeInfo other && id.equals(other.id) && storageUrl.equals(other.storageUrl)
                && Arrays.equals(publicKey, other.publicKey) && stake == other.stake;
    }

    @Override
    public int hashCode() {
        return id.hashCode() * 31 + Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
        return "StorageNodeInfo[" + id + " " + storageUrl + " key=" + HexFormat.of().formatHex(publicKey) + " stake=" + stake + "]";
    }
}
