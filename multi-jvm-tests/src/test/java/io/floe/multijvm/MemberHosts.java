package io.floe.multijvm;

import java.util.List;
import java.util.Map;

/**
 * Where the members of a test network run: per member name (or {@code NetworkLayout.CASSANDRA}) the address it binds
 * and announces, and the command its JVM is started behind (e.g. {@code ip netns exec floe-t-node-1}). A member
 * not named runs on 127.0.0.1 and is started directly, as in every network but {@link NetworkAcrossHostsTest}'s.
 *
 * @param addresses member name to its address
 * @param prefixes  member name to the command its JVM is started behind; the command must exec the JVM
 */
public record MemberHosts(Map<String, String> addresses, Map<String, List<String>> prefixes) {
    /** Every member on 127.0.0.1, started directly. */
    public static final MemberHosts LOOPBACK = new MemberHosts(Map.of(), Map.of());

    public MemberHosts {
        addresses = Map.copyOf(addresses);
        prefixes = Map.copyOf(prefixes);
    }

    /** The command member {@code name}'s JVM is started behind; empty for a member started directly. */
    public List<String> prefixOf(String name) {
        return prefixes.getOrDefault(name, List.of());
    }
}
