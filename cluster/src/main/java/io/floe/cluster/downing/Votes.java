package io.floe.cluster.downing;

import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.Address;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;

/**
 * Majority arithmetic over a member's view of the cluster, counted as Pekko's keep-majority resolver counts a clean
 * split (sbr.DowningStrategy.KeepMajority; its handling of members unreachable through some links only is not
 * repeated here): the voters are the members that are Up or Leaving; a side is kept when more
 * than half of them are reachable on it, or exactly half and the voter with the lowest address is one of them.
 */
final class Votes {
    /** Pekko's Member.addressOrdering: by host, then by port. */
    private static final Comparator<Member> LOWEST_ADDRESS = Comparator
            .comparing((Member m) -> m.address().host().isDefined() ? m.address().host().get() : "")
            .thenComparingInt(m -> m.address().port().isDefined() ? (Integer) m.address().port().get() : 0);

    private Votes() {
    }

    /** The members that count in a majority decision. */
    static List<Member> voters(ClusterEvent.CurrentClusterState state) {
        return StreamSupport.stream(state.getMembers().spliterator(), false)
                .filter(m -> m.status() == MemberStatus.up() || m.status() == MemberStatus.leaving())
                .toList();
    }

    /**
     * Whether the resolver would keep {@code self}'s side, not counting {@code excluded} (a member about to be
     * downed; null for none) as reachable. {@code self} always counts as reachable in its own view.
     */
    static boolean keepsSide(ClusterEvent.CurrentClusterState state, Member self, Address excluded) {
        return keepsSide(state, self, excluded, m -> state.getUnreachable().contains(m));
    }

    /** As above, with {@code unreachable} saying which members count as unreachable (e.g. only as seen by self). */
    static boolean keepsSide(ClusterEvent.CurrentClusterState state, Member self, Address excluded,
                             Predicate<Member> unreachable) {
        List<Member> voters = voters(state);
        List<Member> reachable = voters.stream()
                .filter(m -> m.equals(self) || !unreachable.test(m))
                .filter(m -> excluded == null || !m.address().equals(excluded))
                .toList();
        if (2 * reachable.size() != voters.size()) {
            return 2 * reachable.size() > voters.size();
        }
        return voters.stream().min(LOWEST_ADDRESS).map(reachable::contains).orElse(false);
    }
}
