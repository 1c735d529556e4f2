package io.floe.protocol.signing;

import java.util.Arrays;

/** A BCS-serialized protocol message and a node's Ed25519 signature over exactly those bytes. */
public record SignedMessage(byte[] serializedMessage, byte[] signature) {
    public SignedMessage {
        serializedMessage = serializedMessage.clone();
        signature = signature.clone();
    }

    @Override
    public byte[] serializedMessage() {
        return serializedMessage.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignedMessage other && Arrays.equals(serializedMessage, other.serializedMessage)
                && Arrays.equals(signature, other.signature);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(serializedMessage) * 31 + Arrays.hashCode(signature);
    }
}
