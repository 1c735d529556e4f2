package io.floe.api.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.redstuff.BlobEncoder;
import io.floe.encoding.redstuff.EncodedBlob;
import io.floe.encoding.redstuff.EncodingConfig;
import io.floe.encoding.redstuff.Sliver;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;
import io.floe.protocol.signing.Ed25519PublicKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * {@link SliverStream} alone, over a fetch the test completes by hand: it never asks for more than its window of
 * rows before the first one arrives, and it emits exactly the range's bytes in blob order whatever order the rows
 * arrive in.
 */
class SliverStreamTest {
    private static final int N = 10;
    private static final ActorTestKit TEST_KIT = ActorTestKit.create("sliver-stream");
    private final byte[] original = bytes(200_000);
    private final EncodedBlob blob = new BlobEncoder(new EncodingConfig(N)).encode(original);
    private final long rowBytes = SliverStream.rowBytes(blob.metadata());
    /** Each fetch asked for, with the future the test completes. */
    private final List<Asked> asked = new CopyOnWriteArrayList<>();

    private record Asked(List<Integer> rows, CompletableFuture<List<Sliver>> answer) {
    }

    @AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
    }

    @Test
    void asksNoMoreThanItsWindowAheadAndEmitsTheRangeInOrder() throws Exception {
        // One row per group, two groups ahead (and one being emitted: three rows held).
        SliverStream stream = new SliverStream((holders, metadata, rows) -> fetched(rows), null, rowBytes);
        long start = rowBytes / 2;
        long length = original.length - start - 10;
        assertEquals(3 * rowBytes, stream.heldBytes(rowBytes, length, 2 * rowBytes));
        CompletionStage<ByteString> read = stream.range(holders(), blob.metadata(), start, length, 3 * rowBytes)
                .runWith(Sink.fold(ByteString.emptyByteString(), ByteString::concat), TEST_KIT.system());

        awaitAsked(2);
        assertEquals(List.of(List.of(0), List.of(1)), asked.stream().map(Asked::rows).toList(), "the window is two rows");
        answer(1);
        // Row 1 arrived but row 0 has not: the window is still full, nothing more is asked.
        assertEquals(2, asked.size());
        answer(0);
        awaitAsked(4);
        answer(3);
        answer(2);

        byte[] served = read.toCompletableFuture().get(10, TimeUnit.SECONDS).toArray();
        assertArrayEquals(Arrays.copyOfRange(original, (int) start, (int) (start + length)), served);
    }

    @Test
    void holdsAtLeastTwoGroupsAndNeverMoreThanTheRangeHas() {
        SliverStream stream = new SliverStream((holders, metadata, rows) -> fetched(rows), null, rowBytes);
        assertEquals(2 * rowBytes, stream.heldBytes(rowBytes, original.length, 0), "one group in flight, one emitted");
        assertEquals(2 * rowBytes, stream.heldBytes(rowBytes, 10, 100 * rowBytes), "ten bytes span two rows at most");
        SliverStream batched = new SliverStream((holders, metadata, rows) -> fetched(rows), null, 4 * rowBytes);
        assertEquals(2 * rowBytes, batched.heldBytes(rowBytes, 10, 100 * rowBytes), "a group is the range's rows");
    }

    private CompletableFuture<List<Sliver>> fetched(List<Integer> rows) {
        CompletableFuture<List<Sliver>> answer = new CompletableFuture<>();
        asked.add(new Asked(rows, answer));
        return answer;
    }

    private void answer(int i) {
        Asked a = asked.get(i);
        a.answer().complete(a.rows().stream().map(r -> blob.pair(new SliverPairIndex(r)).primary()).toList());
    }

    private void awaitAsked(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (asked.size() < count && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
        assertEquals(count, asked.size(), "rows asked for: " + asked);
    }

    private static ShardHolders holders() {
        StorageNodeInfo node = new StorageNodeInfo(new NodeId("n"), "http://127.0.0.1:1",
                Ed25519PublicKey.of(new byte[32]), 1);
        return new ShardHolders(ShardHolders.fixed(new Committee(Epoch.GENESIS, List.of(node),
                Collections.nCopies(N, node.id()))));
    }

    private static byte[] bytes(int size) {
        byte[] data = new byte[size];
        new Random(9).nextBytes(data);
        return data;
    }
}
