package io.floe.api.node;

import io.floe.api.control.ControlPlaneException;
import io.floe.api.control.RegisterBlob;
import io.floe.api.control.UnsupportedControlPlane;
import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.blob.BlobRecord;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.Registration;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.ledger.LedgerInfo;
import io.floe.protocol.signing.NodeConfirmation;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/** A control plane that knows the blob records the test put in, and can be switched to "unavailable". */
final class FixedControlPlane extends UnsupportedControlPlane {
    private final Committee committee;
    private final Map<BlobId, BlobRecord> records = new ConcurrentHashMap<>();
    private volatile boolean unavailable;
    private final java.util.concurrent.atomic.AtomicInteger blobLookups = new java.util.concurrent.atomic.AtomicInteger();

    FixedControlPlane(Committee committee) {
        this.committee = committee;
    }

    void put(BlobId blobId, Registration... registrations) {
        records.put(blobId, new BlobRecord(blobId, List.of(registrations)));
    }

    void putInvalid(BlobId blobId, Registration... registrations) {
        records.put(blobId, new BlobRecord(blobId, List.of(registrations), true));
    }

    /** How many times {@link #blob} was asked. */
    int blobLookups() {
        return blobLookups.get();
    }

    void setUnavailable(boolean unavailable) {
        this.unavailable = unavailable;
    }

    @Override
    public CompletionStage<Committee> committee() {
        return CompletableFuture.completedFuture(committee);
    }

    @Override
    public CompletionStage<LedgerInfo> ledgerInfo() {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("not needed by the node routes"));
    }

    @Override
    public CompletionStage<BlobRecord> blob(BlobId blobId) {
        blobLookups.incrementAndGet();
        if (unavailable) {
            return CompletableFuture.failedFuture(
                    new ControlPlaneException.Unavailable("the blob entity did not answer in 5 s", null));
        }
        return CompletableFuture.completedFuture(records.getOrDefault(blobId, BlobRecord.unknown(blobId)));
    }

    @Override
    public CompletionStage<io.floe.api.control.RegisteredBlob> register(RegisterBlob request) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("not needed by the node routes"));
    }

    @Override
    public CompletionStage<BlobRecord> certify(BlobId blobId, ObjectId objectId, List<NodeConfirmation> confirmations) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("not needed by the node routes"));
    }

    @Override
    public CompletionStage<BlobRecord> markInvalid(BlobId blobId, List<NodeConfirmation> signatures) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("not needed by the node routes"));
    }
}
