package io.floe.actors.ledger;

import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.EpochCommittees;
import io.floe.protocol.committee.NodeId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This member's copy of the current committee, refreshed from the ledger: every second until the committee is
 * formed, then every few seconds (a node that re-registers with a new key changes its member entry). Reads never
 * block; before the first answer the view is empty.
 */
public final class CommitteeCache implements CommitteeView, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CommitteeCache.class);
    private static final Duration FORMING = Duration.ofSeconds(1);
    private static final Duration FORMED = Duration.ofSeconds(5);

    private final ActorSystem<?> system;
    private final ActorRef<SystemLedger.Command> ledger;
    private final AtomicReference<Optional<Committee>> current = new AtomicReference<>(Optional.empty());
    private final AtomicReference<List<NodeId>> missing = new AtomicReference<>(List.of());
    private final AtomicReference<Cancellable> next = new AtomicReference<>();
    private volatile boolean closed;

    public CommitteeCache(ActorSystem<?> system, ActorRef<SystemLedger.Command> ledger) {
        this.system = system;
        this.ledger = ledger;
    }

    public void start() {
        refresh();
    }

    // TODO(epochs): the ledger answers EpochCommittees; until then the genesis committee is shown as a genesis epoch.
    @Override
    public Optional<EpochCommittees> epochs() {
        return current.get().map(c -> EpochCommittees.genesis(c, Instant.EPOCH, Duration.ofDays(1)));
    }

    /** Genesis nodes the ledger still waits for (empty once formed). */
    public List<NodeId> missing() {
        return missing.get();
    }

    /** Installs a committee learnt another way (a fresher answer from the ledger). */
    public void offer(SystemLedger.CommitteeReply reply) {
        missing.set(reply.missing());
        if (reply.committee().isPresent()) {
            Optional<Committee> before = current.getAndSet(reply.committee());
            if (before.isEmpty()) {
                LOG.info("committee of epoch {} formed: {} nodes, {} shards", reply.committee().get().epoch(),
                        reply.committee().get().members().size(), reply.committee().get().nShards());
            }
        }
    }

    private void refresh() {
        if (closed) {
            return;
        }
        AskPattern.<SystemLedger.Command, SystemLedger.CommitteeReply>ask(ledger, SystemLedger.GetCommittee::new,
                        Duration.ofSeconds(3), system.scheduler())
                .whenComplete((reply, error) -> {
                    if (reply != null) {
                        offer(reply);
                    } else {
                        LOG.debug("committee refresh failed: {}", error.toString());
                    }
                    schedule(current.get().isPresent() ? FORMED : FORMING);
                });
    }

    private void schedule(Duration delay) {
        if (!closed) {
            next.set(system.scheduler().scheduleOnce(delay, this::refresh, system.executionContext()));
        }
    }

    @Override
    public void close() {
        closed = true;
        Cancellable c = next.get();
        if (c != null) {
            c.cancel();
        }
    }
}
