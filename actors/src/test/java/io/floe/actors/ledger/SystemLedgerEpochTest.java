package io.floe.actors.ledger;

import static io.floe.actors.ledger.LedgerFixture.EPOCH;
import static io.floe.actors.ledger.LedgerFixture.GATEWAY;
import static io.floe.actors.ledger.LedgerFixture.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.actors.ledger.SystemLedger.EpochChangeDone;
import io.floe.actors.ledger.SystemLedger.EpochChangeStarted;
import io.floe.actors.ledger.SystemLedger.EpochStartRecorded;
import io.floe.actors.ledger.SystemLedger.NextCommitteeSelected;
import io.floe.actors.ledger.SystemLedger.ShardsSynced;
import io.floe.encoding.index.ShardIndex;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.EpochCommittees;
import io.floe.protocol.committee.EpochState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The ledger's epoch state machine driven by a clock the test moves, epoch after epoch. */
class SystemLedgerEpochTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create(EventSourcedBehaviorTestKit.config());
    private static final Duration HALF = EPOCH.dividedBy(2);

    private final LedgerFixture f = new LedgerFixture(TEST_KIT).formed();

    @AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
    }

    @Test
    void selectsAtMidEpochAndStartsAtTheEndWhenNothingMoves() {
        EpochCommittees genesis = f.epochs();
        assertEquals(Instant.ofEpochMilli(START), genesis.startOfCurrentEpoch());
        assertEquals(List.of(), f.tickAfter(HALF.minusMillis(1)));
        Committee current = genesis.current();
        List<SystemLedger.Event> selected = f.tickAfter(Duration.ofMillis(1));
        Committee next = new Committee(new Epoch(2), current.members(), current.shardOwners());
        assertEquals(List.of(new NextCommitteeSelected(next)), selected);
        assertEquals(EpochState.NEXT_PARAMS_SELECTED, f.epochs().state());
        assertEquals(List.of(), f.tickAfter(HALF.minusMillis(1)));

        long end = f.clock.millis() + 1;
        // Nobody gains a shard: every member is synced in the same step and the change is done at once.
        assertEquals(List.of(new EpochChangeStarted(new Epoch(2), end), new ShardsSynced(f.a.id(), new Epoch(2)),
                new ShardsSynced(f.b.id(), new Epoch(2)), new ShardsSynced(f.c.id(), new Epoch(2)),
                new EpochChangeDone(new Epoch(2))), f.tickAfter(Duration.ofMillis(1)));
        EpochCommittees two = f.epochs();
        assertEquals(EpochState.EPOCH_CHANGE_DONE, two.state());
        assertEquals(Instant.ofEpochMilli(end), two.startOfCurrentEpoch());
        assertEquals(next, two.current());
        assertEquals(new Epoch(2), f.ledger.getState().epoch());

        // And again: epoch 3 is selected at the middle of epoch 2, counted from its actual start.
        assertEquals(1, f.tickAfter(HALF).size());
        assertEquals(new Epoch(3), f.epochs().next().orElseThrow().epoch());
    }

    @Test
    void movesShardsToAStakedNewcomerAndWaitsForItsSync() {
        f.register(f.d);
        f.stake(GATEWAY, f.d.id(), 10_000);
        f.tickAfter(HALF);
        Committee next = f.epochs().next().orElseThrow();
        assertEquals(5, next.shardsOf(f.d.id()).size(), "capped at ceil(20 * 10 / 40)");
        assertEquals(10_000, next.member(f.d.id()).orElseThrow().stake());

        List<SystemLedger.Event> started = f.tickAfter(HALF);
        assertTrue(started.contains(new ShardsSynced(f.a.id(), new Epoch(2))), started::toString);
        assertFalse(started.contains(new ShardsSynced(f.d.id(), new Epoch(2))));
        assertFalse(started.stream().anyMatch(e -> e instanceof EpochChangeDone), "5 of 10 shards is no quorum");
        EpochCommittees changing = f.epochs();
        assertEquals(EpochState.EPOCH_CHANGE_SYNC, changing.state());
        ShardIndex moving = next.shardsOf(f.d.id()).get(0);
        assertTrue(changing.isMoving(moving));
        assertEquals(changing.previous().orElseThrow().ownerOf(moving), changing.holderOf(moving));

        // No new epoch starts, nor is one selected, before the change is done, however long it takes.
        assertEquals(List.of(), f.tickAfter(EPOCH.multipliedBy(3)));
        assertTrue(f.reportSynced(f.d.id(), new Epoch(3)).reply().isError(), "a future epoch");
        assertTrue(f.reportSynced(f.d.id(), new Epoch(1)).hasNoEvents());

        var done = f.reportSynced(f.d.id(), new Epoch(2));
        assertTrue(done.reply().isSuccess());
        assertEquals(List.of(new ShardsSynced(f.d.id(), new Epoch(2)), new EpochChangeDone(new Epoch(2))),
                done.events());
        assertEquals(f.d.id(), f.epochs().holderOf(moving));
        assertTrue(f.reportSynced(f.d.id(), new Epoch(2)).hasNoEvents(), "a second report changes nothing");
        // The change took long: the next selection is due at once, half an epoch after the actual start long ago.
        assertEquals(1, f.tickAfter(Duration.ZERO).size());
    }

    @Test
    void recoversInTheMiddleOfAChangeFromTheJournal() {
        f.register(f.d);
        f.stake(GATEWAY, f.d.id(), 10_000);
        f.tickAfter(HALF);
        f.tickAfter(HALF);
        LedgerState before = f.ledger.getState();
        assertEquals(EpochState.EPOCH_CHANGE_SYNC, before.epochState());
        assertEquals(before, f.ledger.restart().state());
        assertEquals(Set.of(f.a.id(), f.b.id(), f.c.id()), f.epochs().synced());
        assertEquals(new EpochChangeDone(new Epoch(2)), f.reportSynced(f.d.id(), new Epoch(2)).events().get(1));
    }

    @Test
    void countsAnEpochOfUnknownStartFromTheFirstTickAfterRecovery() {
        LedgerFixture old = new LedgerFixture(TEST_KIT).recoveredFromBeforeEpochs();
        assertEquals(Instant.EPOCH, old.epochs().startOfCurrentEpoch(), "as the old journal reads");

        long first = old.clock.millis() + 5_000;
        assertEquals(List.of(new EpochStartRecorded(Epoch.GENESIS, first)), old.tickAfter(Duration.ofSeconds(5)),
                "the first tick records the start and takes no step");
        EpochCommittees one = old.epochs();
        assertEquals(Instant.ofEpochMilli(first), one.startOfCurrentEpoch());
        assertEquals(EpochState.EPOCH_CHANGE_DONE, one.state());
        assertEquals(Epoch.GENESIS, old.ledger.getState().epoch());
        assertEquals(one, old.ledger.restart().state().epochs().orElseThrow(), "the start replays from the journal");

        // The next committee is selected half an epoch after the recorded start, not at once.
        assertEquals(List.of(), old.tickAfter(HALF.minusMillis(1)));
        assertEquals(new Epoch(2), ((NextCommitteeSelected) old.tickAfter(Duration.ofMillis(1)).get(0))
                .committee().epoch());
    }

    @Test
    void refusesSyncReportOfANodeOutsideTheCommittee() {
        f.register(f.d);
        var report = f.reportSynced(f.d.id(), Epoch.GENESIS);
        assertTrue(report.reply().isError());
        assertTrue(report.hasNoEvents());
    }

    @Test
    void keepsTheMembersWhenNoStakeCountsAnymore() {
        for (var node : List.of(f.a, f.b, f.c)) {
            f.requestWithdraw(StakeBook.GENESIS_OWNER, node.id());
        }
        Committee current = f.epochs().current();
        f.tickAfter(HALF);
        Committee next = f.epochs().next().orElseThrow();
        assertEquals(current.shardOwners(), next.shardOwners());
        assertTrue(next.members().stream().allMatch(m -> m.stake() == 0));
    }
}
