package io.floe.multijvm.cassandra;

import io.floe.actors.blob.BlobEntity;
import io.floe.actors.ledger.CommitteeView;
import io.floe.actors.ledger.SystemLedger;
import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.Registration;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.signing.NodeConfirmation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * How many registration and certification events a journal takes per second from one member, with the real
 * entities: per blob the ledger charges the gateway (1 event), the Blob entity records the registration (1) and,
 * given the four nodes' signed confirmations, their attestations and the certificate (5, in one write). Blobs run
 * {@code inFlight} at a time; signatures are made before the clock starts, their checks in the entity count.
 */
final class JournalThroughput {
    /** Events each blob adds to the journal, in three writes. */
    static final int EVENTS_PER_BLOB = 7;
    private static final Duration ASK = Duration.ofSeconds(60);

    /** What one run measured. */
    record Result(int blobs, long nanos) {
        double eventsPerSecond() {
            return blobs * (double) EVENTS_PER_BLOB / (nanos / 1e9);
        }

        double blobsPerSecond() {
            return blobs / (nanos / 1e9);
        }
    }

    private record Job(BlobId blobId, ActorRef<BlobEntity.Command> blob, Registration registration,
                       List<NodeConfirmation> confirmations) {
    }

    private final ActorTestKit kit;
    private final TestCommittee nodes = new TestCommittee(4, 10);
    private final Committee committee = nodes.committee();
    private final ActorRef<SystemLedger.Command> ledger;

    JournalThroughput(ActorTestKit kit) {
        this.kit = kit;
        this.ledger = kit.spawn(SystemLedger.create(nodes.genesis()));
    }

    /**
     * Runs {@code blobs} blobs (after {@code warmUp} untimed ones, which also create tables and warm the JIT). The
     * entities stay in memory until the system ends: a few KiB each.
     */
    Result run(int warmUp, int blobs, int inFlight) throws Exception {
        drive(jobs(warmUp), inFlight);
        List<Job> timed = jobs(blobs);
        long began = System.nanoTime();
        drive(timed, inFlight);
        return new Result(blobs, System.nanoTime() - began);
    }

    private List<Job> jobs(int count) {
        List<Job> jobs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            BlobId blobId = TestCommittee.randomBlobId();
            // Spawned before the clock starts (the test kit's spawn blocks); each recovers its empty journal then.
            ActorRef<BlobEntity.Command> blob = kit.spawn(BlobEntity.create(blobId.toString(),
                    CommitteeView.fixed(committee)));
            jobs.add(new Job(blobId, blob, TestCommittee.registration(ObjectId.random()),
                    nodes.confirmations(committee.epoch(), blobId)));
        }
        return jobs;
    }

    private void drive(List<Job> jobs, int inFlight) throws Exception {
        Source.from(jobs).mapAsyncUnordered(inFlight, this::store).runWith(Sink.ignore(), kit.system())
                .toCompletableFuture().get(10, TimeUnit.MINUTES);
    }

    /** Charge, register, certify: the journal writes of one store, each waiting for the one before. */
    private CompletionStage<BlobEntity.CertifyReply> store(Job job) {
        ActorRef<BlobEntity.Command> blob = job.blob();
        return AskPattern.<SystemLedger.Command, StatusReply<SystemLedger.ChargeReply>>ask(ledger,
                        replyTo -> new SystemLedger.ChargeStorage(TestCommittee.GATEWAY, job.registration().objectId(),
                                3000, 5, replyTo), ASK, kit.scheduler())
                .thenCompose(charged -> AskPattern.<BlobEntity.Command, StatusReply<BlobEntity.RegisterReply>>ask(blob,
                        replyTo -> new BlobEntity.Register(job.registration(), replyTo), ASK, kit.scheduler()))
                .thenCompose(registered -> AskPattern.<BlobEntity.Command, StatusReply<BlobEntity.CertifyReply>>ask(
                        blob, replyTo -> new BlobEntity.Certify(job.registration().objectId(), job.confirmations(),
                                replyTo), ASK, kit.scheduler()))
                .thenApply(reply -> {
                    if (!(reply.isSuccess() && reply.getValue() instanceof BlobEntity.CertifyReply.Certified)) {
                        throw new IllegalStateException("blob " + job.blobId() + " not certified: " + reply);
                    }
                    return reply.getValue();
                });
    }
}
