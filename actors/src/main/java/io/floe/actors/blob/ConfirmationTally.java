package io.floe.actors.blob;

import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;
import io.floe.protocol.signing.ConfirmationVerifier;
import io.floe.protocol.signing.NodeConfirmation;
import io.floe.protocol.signing.SignedMessage;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One Certify command's confirmations checked against the current committee, together with the attestations
 * already stored for the registration.
 *
 * <p>Invariant: {@code signers} holds only members whose attestation (stored or fresh) is exactly the expected
 * message and verifies under the member's current key, so {@code weight} never counts a stale epoch, another
 * blob, or a key the node has since replaced; {@code fresh} holds the valid confirmations not stored yet, one
 * per node.
 *
 * @param invalid confirmations that failed a check (not a member, other bytes, bad signature)
 */
record ConfirmationTally(Map<NodeId, SignedMessage> fresh, int invalid, SortedSet<NodeId> signers, int weight) {

    static ConfirmationTally of(Committee committee, byte[] expected, Map<NodeId, SignedMessage> stored,
                                List<NodeConfirmation> confirmations) {
        SortedSet<NodeId> signers = new TreeSet<>();
        // Stored attestations are checked again: the epoch or a node's key may have changed since they arrived.
        stored.forEach((node, message) -> {
            if (valid(committee, node, message, expected)) {
                signers.add(node);
            }
        });
        Map<NodeId, SignedMessage> fresh = new LinkedHashMap<>();
        int invalid = 0;
        for (NodeConfirmation c : confirmations) {
            if (!valid(committee, c.node(), c.confirmation(), expected)) {
                invalid++;
            } else if (signers.add(c.node())) {
                fresh.put(c.node(), c.confirmation());
            }
        }
        return new ConfirmationTally(Collections.unmodifiableMap(fresh), invalid,
                Collections.unmodifiableSortedSet(signers), committee.weightOf(signers));
    }

    private static boolean valid(Committee committee, NodeId node, SignedMessage message, byte[] expected) {
        Optional<StorageNodeInfo> member = committee.member(node);
        return member.isPresent() && ConfirmationVerifier.verifyConfirmation(member.get(), message, expected);
    }
}
