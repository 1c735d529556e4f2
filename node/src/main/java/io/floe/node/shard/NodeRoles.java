package io.floe.node.shard;

import io.floe.protocol.committee.NodeId;
import java.util.Collection;
import java.util.Optional;
import org.apache.pekko.cluster.Member;

/**
 * How a cluster member says which storage node it is: the cluster role {@code floe-node-<nodeId>}
 * ({@code pekko.cluster.roles}), set at start-up from the node's configured ID.
 *
 * <p>Invariant: a member carries at most one such role, and its suffix is a valid {@link NodeId};
 * {@link #nodeIdOf(Collection)} refuses anything else rather than guess which node a member is.
 */
public final class NodeRoles {
    /** Prefix of the role that names a member's storage node. */
    public static final String NODE_ROLE_PREFIX = "floe-node-";

    private NodeRoles() {
    }

    /** The cluster role a member running storage node {@code node} must have. */
    public static String roleFor(NodeId node) {
        return NODE_ROLE_PREFIX + node.value();
    }

    /**
     * The storage node a member runs, or empty for a member without a node role (a client or gateway).
     *
     * @throws IllegalArgumentException if the member has two node roles or one with an invalid node ID
     */
    public static Optional<NodeId> nodeIdOf(Member member) {
        return nodeIdOf(member.getRoles());
    }

    /** As {@link #nodeIdOf(Member)}, over a member's roles. */
    public static Optional<NodeId> nodeIdOf(Collection<String> roles) {
        Optional<NodeId> found = Optional.empty();
        for (String role : roles) {
            if (!role.startsWith(NODE_ROLE_PREFIX)) {
                continue;
            }
            NodeId id = new NodeId(role.substring(NODE_ROLE_PREFIX.length()));
            if (found.isPresent()) {
                throw new IllegalArgumentException("a member has two node roles: " + roleFor(found.get()) + ", " + role);
            }
            found = Optional.of(id);
        }
        return found;
    }
}
