package io.floe.cluster.member;

import io.floe.api.dashboard.ClusterView;
import io.floe.node.shard.NodeRoles;
import io.floe.protocol.committee.NodeId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * The cluster as the gateway's own {@code Cluster.state()} has it, for {@code /status} and the dashboard: a storage
 * node is up while a member with its role is Up and reachable (what the gateway's routing to it relies on),
 * unreachable while such a member is still in the cluster but its failure detector lost it, and down otherwise
 * (never joined, downed, leaving, removed).
 */
final class GatewayClusterView implements ClusterView {
    private final Cluster cluster;

    GatewayClusterView(Cluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public NodeState stateOf(NodeId node) {
        String role = NodeRoles.roleFor(node);
        ClusterEvent.CurrentClusterState state = cluster.state();
        Set<org.apache.pekko.cluster.Member> unreachable = state.getUnreachable();
        NodeState best = NodeState.DOWN;
        for (org.apache.pekko.cluster.Member m : state.getMembers()) {
            if (!m.hasRole(role) || m.status() != MemberStatus.up()) {
                continue;
            }
            if (!unreachable.contains(m)) {
                return NodeState.UP;
            }
            best = NodeState.UNREACHABLE;
        }
        return best;
    }

    @Override
    public List<ClusterView.Member> members() {
        ClusterEvent.CurrentClusterState state = cluster.state();
        List<ClusterView.Member> members = new ArrayList<>();
        for (org.apache.pekko.cluster.Member m : state.getMembers()) {
            List<String> roles = m.getRoles().stream().filter(r -> !r.startsWith("dc-")).sorted().toList();
            members.add(new ClusterView.Member(m.address().toString(), roles, m.status().toString(),
                    !state.getUnreachable().contains(m)));
        }
        return members;
    }
}
