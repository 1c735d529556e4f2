package io.floe.multijvm;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.floe.actors.ledger.CommitteeCache;
import io.floe.api.control.RegisterBlob;
import io.floe.api.node.NodeClient;
import io.floe.api.node.SliverBatch;
import io.floe.cli.local.NetworkLayout;
import io.floe.cluster.control.ActorControlPlane;
import io.floe.cluster.member.FloeMember;
import io.floe.cluster.member.FloeSettings;
import io.floe.cluster.member.MemberConfig;
import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.redstuff.SliverPair;
import io.floe.encoding.testing.InconsistentEncoding;
import io.floe.protocol.blob.BlobRecord;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.Registration;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;
import io.floe.protocol.signing.NodeConfirmation;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Test-only malicious writer. Walrus's writers pay and register on the chain themselves, the publisher being just a
 * convenience; Floe's chain is the actor control plane. So this writer joins the test network's cluster from the test
 * JVM as a member without roles (no storage, no HTTP API: production {@link FloeMember} code with the gateway's
 * configuration) and drives the same {@link ActorControlPlane} the gateway uses, charging the gateway account. What
 * it uploads, over the ordinary storage-node API, is an {@link InconsistentEncoding}, and it skips the node holding
 * the tampered pair, so that node must recover the pair and finds the lie. No production code knows it exists.
 */
final class MaliciousWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MaliciousWriter.class);
    private static final String MEMBER_ID = "malicious-writer";
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration BOUND = Duration.ofSeconds(120);

    private final FloeMember member;
    private final CommitteeCache committees;
    private final ActorControlPlane control;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** What was stored: the lie's blob ID and registration, and the node that got nothing of it. */
    record Upload(BlobId blobId, Registration registration, NodeId skipped, BlobRecord certified) {
    }

    private MaliciousWriter(FloeMember member, CommitteeCache committees, ActorControlPlane control) {
        this.member = member;
        this.committees = committees;
        this.control = control;
    }

    /** Joins the network laid out as {@code layout} and waits (bounded) until the committee is known here. */
    static MaliciousWriter join(NetworkLayout layout, Path dataDir) {
        int ports = Ports.freeBlock(1);
        Config own = ConfigFactory.parseFile(layout.configFile(NetworkLayout.GATEWAY).toFile())
                .withValue("floe.member.id", ConfigValueFactory.fromAnyRef(MEMBER_ID))
                .withValue("floe.member.roles", ConfigValueFactory.fromIterable(List.of()))
                .withValue("floe.member.data-dir", ConfigValueFactory.fromAnyRef(dataDir.toString()))
                .withValue("pekko.remote.artery.canonical.port", ConfigValueFactory.fromAnyRef(ports))
                // The gateway's file names the gateway's management port, which the gateway holds: none here.
                .withValue("floe.management.port", ConfigValueFactory.fromAnyRef(0));
        FloeMember member = FloeMember.start(MemberConfig.load(own, FloeSettings.GATEWAY));
        try {
            CommitteeCache committees = member.committees();
            MaliciousWriter writer = new MaliciousWriter(member, committees, member.control());
            Await.until(BOUND, () -> committees.current().isPresent(), "the malicious writer to learn the committee");
            LOG.info("malicious writer joined the cluster at port {}", ports);
            return writer;
        } catch (RuntimeException | AssertionError e) {
            member.close();
            throw e;
        }
    }

    Committee committee() {
        return committees.current().orElseThrow();
    }

    /** The node of the current committee that holds {@code pair} of {@code blobId}. */
    NodeId ownerOf(BlobId blobId, SliverPairIndex pair) {
        Committee committee = committee();
        return committee.ownerOf(pair.shard(blobId.rotation(committee.nShards()), committee.nShards()));
    }

    /**
     * Registers the lie (permanent, paid by the gateway account), uploads its metadata and every node's slivers to
     * every node but the tampered pair's owner, collects their confirmations and certifies with them.
     */
    Upload store(InconsistentEncoding lie, int epochs) {
        Committee committee = committee();
        BlobId id = lie.blobId();
        NodeId skipped = ownerOf(id, lie.tamperedPair());
        Registration registration = await(control.register(new RegisterBlob(id, ObjectId.random(),
                lie.metadata().metadata().unencodedLength(), committee.nShards(), epochs, false)), "registering " + id)
                .registration();
        List<NodeConfirmation> confirmations = new ArrayList<>();
        for (StorageNodeInfo node : committee.members()) {
            if (!node.id().equals(skipped)) {
                confirmations.add(new NodeConfirmation(node.id(), Await.value(BOUND,
                        () -> Optional.of(upload(node, committee, lie)), "an upload of " + id + " to " + node.id())));
            }
        }
        BlobRecord certified = await(control.certify(id, registration.objectId(), confirmations), "certifying " + id);
        LOG.info("malicious writer certified inconsistent blob {} (tampered primary sliver {}), skipping {}", id,
                lie.tamperedRow().value(), skipped);
        return new Upload(id, registration, skipped, certified);
    }

    /** Metadata, then the node's sliver pairs, then its signed confirmation; a failure throws (Await retries). */
    private io.floe.protocol.signing.SignedMessage upload(StorageNodeInfo node, Committee committee,
                                                          InconsistentEncoding lie) {
        NodeClient client = new NodeClient(http, URI.create(node.storageUrl()), NODE_TIMEOUT);
        int n = committee.nShards();
        List<SliverBatch.Entry> slivers = new ArrayList<>();
        for (ShardIndex shard : committee.shardsOf(node.id())) {
            SliverPairIndex pair = SliverPairIndex.onShard(shard, lie.blobId().rotation(n), n);
            SliverPair claimed = lie.pair(pair);
            slivers.add(new SliverBatch.Entry(pair, claimed.primary()));
            slivers.add(new SliverBatch.Entry(pair, claimed.secondary()));
        }
        client.putMetadata(lie.metadata()).join();
        client.putSlivers(lie.blobId(), slivers).join();
        return client.confirmation(lie.blobId(), Optional.empty()).join();
    }

    private static <T> T await(CompletionStage<T> stage, String what) {
        try {
            return stage.toCompletableFuture().get(BOUND.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(what + " failed: " + e, e);
        }
    }

    /** Leaves the cluster (its Blob entities move to the others) and stops the member. */
    @Override
    public void close() {
        member.close();
    }
}
