package io.floe.multijvm.cassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.actors.blob.BlobEntity;
import io.floe.actors.ledger.SystemLedger;
import io.floe.protocol.blob.BlobRecord;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.Registration;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.signing.NodeConfirmation;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;

/** Requests to Blob entities and the ledger from a test, each answered within {@link #REPLY}. */
final class EntityCalls {
    /** Generous: a Cassandra journal creates its tables on the first write of a fresh keyspace. */
    static final Duration REPLY = Duration.ofSeconds(30);

    private EntityCalls() {
    }

    /** Registers and insists that it was stored now; returns the object ID. */
    static ObjectId register(ActorTestKit kit, ActorRef<BlobEntity.Command> blob, Registration registration) {
        TestProbe<StatusReply<BlobEntity.RegisterReply>> probe = kit.createTestProbe();
        blob.tell(new BlobEntity.Register(registration, probe.ref()));
        assertEquals(StatusReply.success(new BlobEntity.RegisterReply(registration, true)),
                probe.receiveMessage(REPLY));
        return registration.objectId();
    }

    static BlobEntity.CertifyReply certify(ActorTestKit kit, ActorRef<BlobEntity.Command> blob, ObjectId objectId,
                                           List<NodeConfirmation> confirmations) {
        TestProbe<StatusReply<BlobEntity.CertifyReply>> probe = kit.createTestProbe();
        blob.tell(new BlobEntity.Certify(objectId, confirmations, probe.ref()));
        return probe.receiveMessage(REPLY).getValue();
    }

    static BlobRecord status(ActorTestKit kit, ActorRef<BlobEntity.Command> blob) {
        TestProbe<BlobRecord> probe = kit.createTestProbe();
        blob.tell(new BlobEntity.GetStatus(probe.ref()));
        return probe.receiveMessage(REPLY);
    }

    /** Registers every node of {@code nodes} with the ledger; returns the committee that forms. */
    static Committee registerAll(ActorTestKit kit, ActorRef<SystemLedger.Command> ledger, TestCommittee nodes) {
        TestProbe<StatusReply<SystemLedger.RegisterNodeReply>> probe = kit.createTestProbe();
        for (int i = 0; i < nodes.ids().size(); i++) {
            ledger.tell(new SystemLedger.RegisterNode(nodes.ids().get(i), nodes.url(i), nodes.publicKey(i),
                    probe.ref()));
            assertTrue(probe.receiveMessage(REPLY).isSuccess());
        }
        SystemLedger.CommitteeReply reply = committee(kit, ledger);
        assertTrue(reply.committee().isPresent(), () -> "no committee; missing " + reply.missing());
        return reply.committee().get();
    }

    static SystemLedger.CommitteeReply committee(ActorTestKit kit, ActorRef<SystemLedger.Command> ledger) {
        TestProbe<SystemLedger.CommitteeReply> probe = kit.createTestProbe();
        ledger.tell(new SystemLedger.GetCommittee(probe.ref()));
        return probe.receiveMessage(REPLY);
    }

    /** Charges the gateway for a 3000-byte blob stored 5 epochs, under {@code key}. */
    static SystemLedger.ChargeReply.Charged charge(ActorTestKit kit, ActorRef<SystemLedger.Command> ledger,
                                                   ObjectId key) {
        TestProbe<StatusReply<SystemLedger.ChargeReply>> probe = kit.createTestProbe();
        ledger.tell(new SystemLedger.ChargeStorage(TestCommittee.GATEWAY, key, 3000, 5, probe.ref()));
        return assertInstanceOf(SystemLedger.ChargeReply.Charged.class, probe.receiveMessage(REPLY).getValue());
    }
}
