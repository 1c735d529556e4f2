package io.floe.cluster.member;

import io.floe.api.ServerBindings;
import io.floe.api.dashboard.ClusterView;
import io.floe.api.dashboard.Dashboard;
import io.floe.api.gateway.BlobReader;
import io.floe.api.gateway.BlobWriter;
import io.floe.api.gateway.ClientRoutes;
import io.floe.api.gateway.GatewaySettings;
import io.floe.api.gateway.ReadSettings;
import io.floe.api.node.NodeClient;
import io.floe.api.node.NodeHealth;
import io.floe.api.tls.NodePins;
import io.floe.cluster.control.ActorControlPlane;
import io.floe.cluster.readside.ReadSide;
import io.floe.persistence.files.OwnerOnly;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway part of a member: the publisher and aggregator HTTP API, with a {@link BlobWriter} and a
 * {@link BlobReader} that talk to storage nodes over their HTTP APIs and to the control plane through actors, and
 * the read-side ({@link ReadSide}: blob listings, and the projection that keeps them) behind {@code GET /v1/blobs}.
 */
final class GatewayRole {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayRole.class);

    static GatewayRole start(ActorSystem<?> system, FloeSettings settings, ActorControlPlane control) {
        GatewaySettings g = settings.gateway();
        clearSpool(g.spoolDir());
        ExecutorService cpu = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
                daemonThreads("floe-codec"));
        // Nodes serving HTTPS are trusted by the certificate fingerprint their committee records, nothing else.
        HttpClient http = NodeClient.httpClient(system, "floe-node-client", NodePins.of(control::cachedEpochs));
        Map<String, NodeClient> clients = new ConcurrentHashMap<>();
        Function<StorageNodeInfo, NodeClient> nodes = node -> clients.computeIfAbsent(
                node.storageUrl(), url -> new NodeClient(http, URI.create(url), g.nodeRequestTimeout()));
        BlobWriter writer = new BlobWriter(system, control, nodes, cpu, g.confirmationTail(), g.nodeConcurrency(),
                g.uploadWindow(), g.uploadWhileRegistering());
        BlobReader reader = new BlobReader(nodes, cpu, g.nodeConcurrency(),
                io.floe.metrics.FloeMetrics.get(system).registry(), ReadSettings.from(system.settings().config()));
        GatewayClusterView cluster = new GatewayClusterView(Cluster.get(system));
        Predicate<NodeId> up = node -> cluster.stateOf(node) == ClusterView.NodeState.UP;
        Function<StorageNodeInfo, CompletionStage<NodeHealth>> health = node -> nodes.apply(node).health();
        ClientRoutes routes = new ClientRoutes(system, control, writer, reader, g.upload(), up, cpu,
                ReadSide.start(system, () -> control.epochs().thenApply(e -> Optional.of(e.epoch()))),
                settings.network().gatewayAccount(), g.allowedHeaders(),
                new Dashboard(system, control, cluster, health));
        ServerBinding binding = ServerBindings.bind(system, g.host(), g.port(), routes.createRoute(), "client API");
        LOG.info("gateway {} serves the publisher and aggregator API at http://{}:{} (dashboard at /dashboard)",
                settings.memberId(), g.host(), binding.localAddress().getPort());
        system.getWhenTerminated().thenRun(cpu::shutdownNow);
        return new GatewayRole(health);
    }

    private final Function<StorageNodeInfo, CompletionStage<NodeHealth>> health;

    private GatewayRole(Function<StorageNodeInfo, CompletionStage<NodeHealth>> health) {
        this.health = health;
    }

    /** A storage node's {@code /v1/health}, asked with the gateway's client for it (TLS pins included). */
    CompletionStage<NodeHealth> health(StorageNodeInfo node) {
        return health.apply(node);
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
        java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Spool files left by a crash are partial uploads nobody waits for. */
    private static void clearSpool(Path spool) {
        try {
            OwnerOnly.folder(spool);
            try (DirectoryStream<Path> files = Files.newDirectoryStream(spool, "upload-*.spool")) {
                for (Path f : files) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare spool folder " + spool, e);
        }
    }
}
