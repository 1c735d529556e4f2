package io.floe.actors.ledger;

import io.floe.protocol.committee.EpochCommittees;
import io.floe.protocol.committee.NodeId;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This member's copy of the epochs' committees, refreshed from the ledger every second (an epoch's steps are a
 * second apart at the shortest). Reads never block; before the first answer the view is empty, and if the ledger is
 * briefly unreachable the last answer stays.
 *
 * <p>Invariants: the view only changes to a newer answer of the ledger; each change (a new epoch, state, committee,
 * member entry or synced node) is logged once and handed to every listener once, in order.
 */
public final class CommitteeCache implements CommitteeView, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CommitteeCache.class);
    private static final Duration REFRESH = Duration.ofSeconds(1);

    private final ActorSystem<?> system;
    private final ActorRef<SystemLedger.Command> ledger;
    private final AtomicReference<Optional<EpochCommittees>> current = new AtomicReference<>(Optional.empty());
    private final AtomicReference<List<NodeId>> missing = new AtomicReference<>(List.of());
    private final AtomicReference<Cancellable> next = new AtomicReference<>();
    private final List<Consumer<EpochCommittees>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    public CommitteeCache(ActorSystem<?> system, ActorRef<SystemLedger.Command> ledger) {
        this.system = system;
        this.ledger = ledger;
    }

    public void start() {
        refresh();
    }

    @Override
    public Optional<EpochCommittees> epochs() {
        return current.get();
    }

    /** Genesis nodes the ledger still waits for (empty once formed). */
    public List<NodeId> missing() {
        return missing.get();
    }

    /**
     * Calls {@code listener} with every new view from now on (on the thread that learnt it; keep it short), and at
     * once with the current view if there is one.
     */
    public void addListener(Consumer<EpochCommittees> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        current.get().ifPresent(listener);
    }

    /** Installs the committees learnt another way (a fresher answer from the ledger). */
    public synchronized void offer(SystemLedger.CommitteeReply reply) {
        missing.set(reply.missing());
        if (reply.epochs().isEmpty()) {
            return;
        }
        EpochCommittees now = reply.epochs().get();
        Optional<EpochCommittees> before = current.get();
        if (before.isPresent() && (before.get().equals(now) || isOlder(now, before.get()))) {
            return;
        }
        current.set(Optional.of(now));
        logTransition(before, now);
        for (Consumer<EpochCommittees> listener : listeners) {
            try {
                listener.accept(now);
            } catch (RuntimeException e) {
                LOG.warn("a committee listener failed: {}", e.toString());
            }
        }
    }

    /** Whether {@code a} is an earlier step than {@code b} (answers may arrive out of order). */
    private static boolean isOlder(EpochCommittees a, EpochCommittees b) {
        int byEpoch = a.epoch().compareTo(b.epoch());
        if (byEpoch != 0) {
            return byEpoch < 0;
        }
        // EpochState's declaration order is the order of the steps within one epoch.
        int byState = a.state().compareTo(b.state());
        return byState != 0 ? byState < 0 : a.synced().size() < b.synced().size();
    }

    private static void logTransition(Optional<EpochCommittees> before, EpochCommittees now) {
        if (before.isEmpty() || !before.get().epoch().equals(now.epoch()) || before.get().state() != now.state()) {
            LOG.info("epoch {}: {} (committee of {} nodes, {} shards{}{})", now.epoch(), now.state().walrusName(),
                    now.current().members().size(), now.current().nShards(),
                    now.next().map(n -> "; next committee of " + n.members().size() + " nodes").orElse(""),
                    now.previous().map(p -> "; shards move from epoch " + p.epoch()).orElse(""));
        } else {
            LOG.debug("epoch {}: committee entries or synced nodes changed, synced {}", now.epoch(), now.synced());
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
                    schedule();
                });
    }

    private void schedule() {
        if (!closed) {
            next.set(system.scheduler().scheduleOnce(REFRESH, this::refresh, system.executionContext()));
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
