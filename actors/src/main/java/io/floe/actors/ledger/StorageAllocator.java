package io.floe.actors.ledger;

import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.ResourceOperation;
import io.floe.protocol.blob.StorageCost;
import io.floe.protocol.blob.StorageResource;
import io.floe.protocol.committee.Epoch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Finds the storage for a registration among an account's free resources, as Walrus's client picks an owned
 * {@code Storage} before buying one (DESIGN.md §10): a free resource that covers the whole span is split to fit
 * ({@link ResourceOperation#REUSE_STORAGE}, only the write is paid); one that covers the first epoch but ends
 * earlier is split and extended by the missing epochs ({@link ResourceOperation#REUSE_AND_EXTEND}); otherwise the
 * storage is bought ({@link ResourceOperation#REGISTER_FROM_SCRATCH}).
 *
 * <p>Invariants: a pure function of its arguments (new IDs come from the supplier); the used resource covers exactly
 * {@code [current, current + epochs)} with the encoded length; the parts of a split resource that lie from the
 * current epoch on and are not used return to the free list, so no byte-epoch of the future is created or lost
 * except those bought; expired free resources and the past part of a split are dropped.
 */
final class StorageAllocator {
    private StorageAllocator() {
    }

    /**
     * What an allocation does: the registration's resource, how it was found, its cost, and the free list's change.
     */
    record Plan(StorageResource resource, ResourceOperation operation, long cost, List<ObjectId> removed,
                List<StorageResource> added) {
    }

    /**
     * @param free the account's free resources (expired ones included: they are dropped)
     * @throws ArithmeticException when the cost does not fit in a long
     */
    static Plan plan(List<StorageResource> free, Epoch current, int epochs, long length, long storagePrice,
                     long writePrice, Supplier<ObjectId> ids) {
        Epoch end = current.plus(epochs);
        List<ObjectId> removed = new ArrayList<>();
        free.stream().filter(r -> r.expiredAt(current)).forEach(r -> removed.add(r.id()));
        List<StorageResource> usable = free.stream().filter(r -> r.covers(current) && r.size() >= length).toList();
        Optional<StorageResource> whole = usable.stream().filter(r -> r.end().compareTo(end) >= 0)
                .min(Comparator.comparingLong(StorageResource::size).thenComparing(StorageResource::end));
        if (whole.isPresent()) {
            removed.add(whole.get().id());
            List<StorageResource> added = new ArrayList<>();
            StorageResource used = fitted(whole.get(), current, end, length, ids, added);
            return new Plan(used, ResourceOperation.REUSE_STORAGE, StorageCost.cost(length, 0, storagePrice,
                    writePrice), removed, added);
        }
        Optional<StorageResource> partial = usable.stream().max(Comparator.comparing(StorageResource::end)
                .thenComparing(Comparator.comparingLong(StorageResource::size).reversed()));
        if (partial.isPresent()) {
            removed.add(partial.get().id());
            List<StorageResource> added = new ArrayList<>();
            StorageResource head = fitted(partial.get(), current, partial.get().end(), length, ids, added);
            int missing = end.value() - head.end().value();
            StorageResource used = head.fusePeriods(new StorageResource(ids.get(), head.end(), end, length));
            return new Plan(used, ResourceOperation.REUSE_AND_EXTEND, StorageCost.cost(length, missing,
                    storagePrice, writePrice), removed, added);
        }
        return new Plan(new StorageResource(ids.get(), current, end, length), ResourceOperation.REGISTER_FROM_SCRATCH,
                StorageCost.cost(length, epochs, storagePrice, writePrice), removed, List.of());
    }

    /**
     * The part of {@code r} over {@code [from, to)} with {@code length} bytes, split off as Walrus splits: the part
     * before {@code from} is dropped, the parts after {@code to} and beyond {@code length} go to {@code rest}.
     */
    private static StorageResource fitted(StorageResource r, Epoch from, Epoch to, long length,
                                          Supplier<ObjectId> ids, List<StorageResource> rest) {
        StorageResource part = r;
        if (part.start().compareTo(from) < 0) {
            part = part.splitByEpoch(from, ids.get()).split();
        }
        if (part.end().compareTo(to) > 0) {
            StorageResource.Split byEpoch = part.splitByEpoch(to, ids.get());
            rest.add(byEpoch.split());
            part = byEpoch.kept();
        }
        if (part.size() > length) {
            StorageResource.Split bySize = part.splitBySize(length, ids.get());
            rest.add(bySize.split());
            part = bySize.kept();
        }
        return part;
    }
}
