package io.floe.api.control;

import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.blob.Registration;
import io.floe.protocol.blob.StorageResource;
import io.floe.protocol.ledger.StakeChange;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a signed request did ({@link ControlPlane#submit}): the same answer for every retry of it.
 *
 * @param operation    the request's operation in the proto's names ({@code extend_blob}, {@code transfer}, ...)
 * @param cost         FROST the request charged the signer (or a shared blob's funds): an extension's price
 * @param amount       FROST it moved otherwise (transferred, staked, withdrawn, added to shared funds)
 * @param balanceAfter the signer's balance afterwards
 * @param blobId       the blob of the objects it acted on, for object operations
 * @param objects      the blob objects it acted on, as they are now (a deleted or burned one as it was before)
 * @param returned     the storage resource a deletion returned to the signer
 * @param stake        the staking change, for staking operations
 */
public record RequestReceipt(String key, String operation, long cost, long amount, long balanceAfter,
                             Optional<BlobId> blobId, List<Registration> objects, Optional<StorageResource> returned,
                             Optional<StakeChange> stake) {
    public RequestReceipt {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(operation, "operation");
        objects = List.copyOf(objects);
    }
}
