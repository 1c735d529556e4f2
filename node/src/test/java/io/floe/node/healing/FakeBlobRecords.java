package io.floe.node.healing;

import io.floe.actors.blob.BlobEntity;
import io.floe.actors.blob.ObjectCommands;
import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.blob.BlobRecord;
import io.floe.protocol.blob.Registration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The blobs' entities as the processor's collection asks them: by default each blob's record is the registrations
 * the test has written events for (registered, extended, deleted), the record the entity would hold; a test may set
 * another answer for a blob (a registration the feed has not shown yet, or no answer at all). Counts the asks.
 */
final class FakeBlobRecords implements Function<BlobId, CompletionStage<BlobRecord>> {
    private final Map<BlobId, List<Registration>> registrations = new ConcurrentHashMap<>();
    private final Map<BlobId, Supplier<CompletionStage<BlobRecord>>> answers = new ConcurrentHashMap<>();
    private final Map<BlobId, AtomicInteger> asks = new ConcurrentHashMap<>();

    @Override
    public CompletionStage<BlobRecord> apply(BlobId blobId) {
        asks.computeIfAbsent(blobId, id -> new AtomicInteger()).incrementAndGet();
        Supplier<CompletionStage<BlobRecord>> answer = answers.get(blobId);
        if (answer != null) {
            return answer.get();
        }
        return CompletableFuture.completedFuture(
                new BlobRecord(blobId, registrations.getOrDefault(blobId, List.of())));
    }

    /** Follows a written event, as the blob's entity does. */
    synchronized void written(BlobId blobId, BlobEntity.Event event) {
        List<Registration> regs = new ArrayList<>(registrations.getOrDefault(blobId, List.of()));
        if (event instanceof BlobEntity.Registered registered) {
            regs.add(registered.registration());
        } else if (event instanceof ObjectCommands.Extended extended) {
            regs.replaceAll(r -> r.objectId().equals(extended.objectId()) ? r.extendedTo(extended.newEnd()) : r);
        } else if (event instanceof ObjectCommands.Deleted deleted) {
            regs.removeIf(r -> r.objectId().equals(deleted.objectId()));
        }
        registrations.put(blobId, List.copyOf(regs));
    }

    /** From now on the blob's entity answers {@code record}. */
    void answer(BlobId blobId, BlobRecord record) {
        answers.put(blobId, () -> CompletableFuture.completedFuture(record));
    }

    /** From now on asks about the blob get no answer. */
    void silence(BlobId blobId) {
        answers.put(blobId, CompletableFuture::new);
    }

    /** From now on the blob's record is the registrations written, again. */
    void follow(BlobId blobId) {
        answers.remove(blobId);
    }

    int asks(BlobId blobId) {
        AtomicInteger count = asks.get(blobId);
        return count == null ? 0 : count.get();
    }
}
