package io.floe.api.tls;

import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.EpochCommittees;
import io.floe.protocol.committee.StorageNodeInfo;
import io.floe.protocol.tls.TlsFingerprint;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The certificate fingerprint a client of the node API accepts at an address: the one the ledger records for the
 * node whose storage URL has that host and port. An address no node announces, or one whose node records no
 * fingerprint, has none, and a TLS handshake there is refused.
 */
@FunctionalInterface
public interface NodePins {
    /** The fingerprint pinned for {@code host:port}, if any. */
    Optional<TlsFingerprint> pinFor(String host, int port);

    /**
     * Pins from the committees as last seen (current, previous while shards move, next once selected), read at each
     * handshake so that a node's new certificate counts as soon as the ledger records it.
     */
    static NodePins of(Supplier<Optional<EpochCommittees>> epochs) {
        return (host, port) -> epochs.get().stream()
                .flatMap(e -> Stream.of(Optional.of(e.current()), e.previous(), e.next()).flatMap(Optional::stream))
                .map(Committee::members).flatMap(java.util.List::stream)
                .filter(node -> node.tlsFingerprint().isPresent() && serves(node, host, port))
                .map(node -> node.tlsFingerprint().get()).findFirst();
    }

    /**
     * Pins as a client outside the cluster learns them: the fingerprint the gateway's {@code /status} shows for each
     * node's storage URL (an URL without one has no pin).
     */
    static NodePins ofUrls(Map<String, TlsFingerprint> byStorageUrl) {
        Map<String, TlsFingerprint> pins = Map.copyOf(byStorageUrl);
        return (host, port) -> pins.entrySet().stream().filter(pin -> serves(pin.getKey(), host, port))
                .map(Map.Entry::getValue).findFirst();
    }

    /** Whether {@code node}'s storage URL names {@code host:port} (an https URL without a port means 443). */
    static boolean serves(StorageNodeInfo node, String host, int port) {
        return serves(node.storageUrl(), host, port);
    }

    /**
     * Whether {@code storageUrl} names {@code host:port}. An IPv6 literal is compared without its brackets: a URL's
     * host keeps them ({@code [fd00::1]}), a TLS engine's peer host has none.
     */
    static boolean serves(String storageUrl, String host, int port) {
        URI url;
        try {
            url = URI.create(storageUrl);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int urlPort = url.getPort() >= 0 ? url.getPort() : 443;
        return url.getHost() != null && urlPort == port
                && comparable(url.getHost()).equalsIgnoreCase(comparable(host));
    }

    /** An IPv6 literal is written many ways ({@code fd00::1}, {@code fd00:0:0:0:0:0:0:1}): compared as one. */
    private static String comparable(String host) {
        String bare = bareHost(host);
        if (!bare.contains(":")) {
            return bare;
        }
        try {
            return InetAddress.getByName(bare).getHostAddress(); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            return bare;
        }
    }

    /** {@code host} without the brackets a URL puts around an IPv6 literal ({@code [fd00::1]} is {@code fd00::1}). */
    static String bareHost(String host) {
        return host.length() > 1 && host.startsWith("[") && host.endsWith("]")
                ? host.substring(1, host.length() - 1) : host;
    }
}
