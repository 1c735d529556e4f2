package io.floe.api.tls;

import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.EpochCommittees;
import io.floe.protocol.committee.StorageNodeInfo;
import io.floe.protocol.tls.TlsFingerprint;
import java.net.URI;
import java.util.Locale;
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

    /** Whether {@code node}'s storage URL names {@code host:port} (an https URL without a port means 443). */
    static boolean serves(StorageNodeInfo node, String host, int port) {
        URI url;
        try {
            url = URI.create(node.storageUrl());
        } catch (IllegalArgumentException e) {
            return false;
        }
        int urlPort = url.getPort() >= 0 ? url.getPort() : 443;
        return url.getHost() != null && urlPort == port
                && url.getHost().toLowerCase(Locale.ROOT).equals(host.toLowerCase(Locale.ROOT));
    }
}
