package io.floe.protocol.signing;

import io.floe.protocol.committee.StorageNodeInfo;
import java.util.Arrays;

/**
 * Checks a node's signed confirmation against what the checker expected the node to sign.
 *
 * <p>Invariant: a confirmation passes only if its bytes are exactly the expected message (so epoch, blob ID and
 * blob type all match) and its signature verifies under the key the committee records for that node. The
 * message is compared before the signature is checked, so a confirmation for another blob costs no curve
 * arithmetic.
 */
public final class ConfirmationVerifier {
    private ConfirmationVerifier() {
    }

    /** Whether {@code confirmation} is {@code node}'s valid signature over {@code expectedMessage}; never throws. */
    public static boolean verifyConfirmation(StorageNodeInfo node, SignedMessage confirmation, byte[] expectedMessage) {
        byte[] message = confirmation.serializedMessage();
        return Arrays.equals(message, expectedMessage)
                && Ed25519.verify(node.publicKey(), message, confirmation.signature());
    }
}
