package io.floe.cluster.downing;

import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.Address;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;

/**
 * Majority arithmetic over a member's view of the cluster, as the keep-majority resolver counts: the voters are the
 * members that are Up or Leaving, and a side holds the majority when more than half of them are reachable on it.
 */
final class Votes {
    private Votes() {
    }

    /** The members that count in a majority decision. */
    static List<Member> voters(ClusterEvent.CurrentClusterState state) {
        return StreamSupport.stream(state.getMembers().spliterator(), false)
                .filter(m -> m.status() == MemberStatus.up() || m.status() == MemberStatus.leaving())
                .toList();
    }

    /**
     * Whether {@code self} sees more than half of the voters reachable, not counting {@code excluded} (a member about
     * to be downed; null for none) as reachable. {@code self} always counts as reachable in its own view.
     */
    static boolean reachableMajorityWithout(ClusterEvent.CurrentClusterState state, Member self, Address excluded) {
        List<Member> voters = voters(state);
        long reachable = voters.stream()
                .filter(m -> m.equals(self) || !state.getUnreachable().contains(m))
                .filter(m -> excluded == null || !m.address().equals(excluded))
                .count();
        return 2 * reachable > voters.size();
    }
}
