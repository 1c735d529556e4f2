package io.floe.actors.blob;

import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;
import io.floe.protocol.signing.ConfirmationVerifier;
import io.floe.protocol.signing.NodeConfirmation;
import io.floe.protocol.signing.SignedMessage;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * One Certify command's confirmations checked against one signing committee, together with the attestations
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

    /** The same confirmations tallied by each signing committee, in signing order (the current one first). */
    static Map<Committee, ConfirmationTally> perCommittee(List<Committee> signing, Function<Committee, byte[]> expected,
                                                          Map<NodeId, SignedMessage> stored,
                                                          List<NodeConfirmation> confirmations) {
        Map<Committee, ConfirmationTally> tallies = new LinkedHashMap<>();
        for (Committee c : signing) {
            tallies.put(c, of(c, expected.apply(c), stored, confirmations));
        }
        return tallies;
    }

    /** The first committee (in signing order) whose tally's weight is {@code enough} for it. */
    static Optional<Committee> firstReaching(Map<Committee, ConfirmationTally> tallies,
                                             BiPredicate<Committee, Integer> enough) {
        return tallies.entrySet().stream().filter(e -> enough.test(e.getKey(), e.getValue().weight()))
                .map(Map.Entry::getKey).findFirst();
    }

    /**
     * New valid confirmations of every tally, one per node; a node that signed validly for an earlier committee in
     * signing order keeps that one, so an older epoch's confirmation never replaces a newer one.
     */
    static Map<NodeId, SignedMessage> freshOfAll(Map<Committee, ConfirmationTally> tallies) {
        Map<NodeId, SignedMessage> fresh = new LinkedHashMap<>();
        Set<NodeId> taken = new HashSet<>();
        for (ConfirmationTally tally : tallies.values()) {
            tally.fresh().forEach((node, message) -> {
                if (!taken.contains(node)) {
                    fresh.put(node, message);
                }
            });
            taken.addAll(tally.signers());
        }
        return fresh;
    }

    private static boolean valid(Committee committee, NodeId node, SignedMessage message, byte[] expected) {
        Optional<StorageNodeInfo> member = committee.member(node);
        return member.isPresent() && ConfirmationVerifier.verifyConfirmation(member.get(), message, expected);
    }
}
