package io.floe.multijvm;

import io.floe.cli.local.NetworkLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * What a test network looks like before {@link FloeNetwork#start}: its shape, JVM options for every member, and
 * options for single storage nodes that depend on the layout (ports are only known once it is drawn), e.g. a public
 * URL that points at a proxy in front of that node. Options are {@code -D...} system properties or JVM flags; a
 * member's system properties override its configuration file. Two specs are equal when they describe the same
 * network (node options compare by identity), which is when {@link FloeNetworkExtension#shared} hands one over.
 *
 * @param memberOptions options for every member JVM, e.g. {@code -Dfloe.gateway.max-body-size=16MiB}
 * @param nodeOptions options for single storage nodes, added after {@code memberOptions}
 * @param hosts where the genesis members run (address and command prefix); {@link MemberHosts#LOOPBACK} for most
 * @param tls         every member file turns TLS on ({@code floe.tls.enabled}; {@link NetworkLayout#withTls})
 */
public record NetworkSpec(int nodes, int nShards, List<String> memberOptions, NodeOptions nodeOptions,
                          MemberHosts hosts, boolean tls) {
    /** Options for storage node {@code node} (0-based) of a drawn layout; empty for most. */
    @FunctionalInterface
    public interface NodeOptions {
        NodeOptions NONE = (node, layout) -> List.of();

        List<String> of(int node, NetworkLayout layout);

        /** These options, then {@code next}'s. */
        default NodeOptions and(NodeOptions next) {
            return (node, layout) -> {
                List<String> all = new ArrayList<>(of(node, layout));
                all.addAll(next.of(node, layout));
                return all;
            };
        }
    }

    public NetworkSpec {
        memberOptions = List.copyOf(memberOptions);
    }

    public static NetworkSpec of(int nodes, int nShards) {
        return new NetworkSpec(nodes, nShards, List.of(), NodeOptions.NONE, MemberHosts.LOOPBACK, false);
    }

    public NetworkSpec withMemberOptions(String... options) {
        List<String> all = new ArrayList<>(memberOptions);
        all.addAll(List.of(options));
        return new NetworkSpec(nodes, nShards, all, nodeOptions, hosts, tls);
    }

    public NetworkSpec withNodeOptions(NodeOptions more) {
        return new NetworkSpec(nodes, nShards, memberOptions, nodeOptions.and(more), hosts, tls);
    }

    /** This network with its members on the addresses, and started behind the commands, {@code where} gives. */
    public NetworkSpec on(MemberHosts where) {
        return new NetworkSpec(nodes, nShards, memberOptions, nodeOptions, where, tls);
    }

    /** This network with TLS on: node APIs serve HTTPS, their clients pin the ledger's fingerprints. */
    public NetworkSpec withTls() {
        return new NetworkSpec(nodes, nShards, memberOptions, nodeOptions, hosts, true);
    }
}
