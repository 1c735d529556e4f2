package io.floe.api.dashboard;

import io.floe.protocol.committee.NodeId;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The Pekko cluster as this gateway sees it, for the dashboard: whether each storage node's member is up, and every
 * member with its status. The api module does not see Pekko Cluster; the gateway role implements this from its
 * {@code Cluster.state()}, so the dashboard shows exactly what the gateway's own routing believes.
 */
public interface ClusterView {
    /** A storage node as the dashboard shows it. */
    enum NodeState {
        /** A member with the node's role is Up and reachable. */
        UP,
        /** Its member is still in the cluster, but the failure detector has lost it. */
        UNREACHABLE,
        /** No member of the node is in the cluster (never joined, downed, removed, or leaving). */
        DOWN;

        /** The JSON form, {@code "up"}. */
        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One cluster member: its address, roles, Pekko status ({@code Up}, {@code Leaving}, ...) and reachability. */
    record Member(String address, List<String> roles, String status, boolean reachable) {
        public Member {
            Objects.requireNonNull(address, "address");
            roles = List.copyOf(roles);
            Objects.requireNonNull(status, "status");
        }
    }

    NodeState stateOf(NodeId node);

    List<Member> members();

    /** A view that knows only whether each node is up (tests, gateways built without a cluster). */
    static ClusterView of(Predicate<NodeId> up) {
        return new ClusterView() {
            @Override
            public NodeState stateOf(NodeId node) {
                return up.test(node) ? NodeState.UP : NodeState.DOWN;
            }

            @Override
            public List<Member> members() {
                return List.of();
            }
        };
    }
}
